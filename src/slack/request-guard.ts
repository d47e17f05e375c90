import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../shared/logger.ts";

/**
 * What Bolt's HTTP receiver does not check before it reads a request: Slack's signature is only
 * valid for five minutes either side of now (Bolt checks the past only), and a body is read
 * only up to a limit (Bolt would buffer 4 MB before checking the signature). Both are decided
 * from the headers where they can be, before a byte of the body is read; the body read here is
 * handed to Bolt, which uses it instead of reading the request again.
 */

/** Slack's replay window, both ways. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/**
 * Slack's own payloads are small, but a button click carries the message it was clicked in: a
 * longest answer (36,000 characters in 27 blocks) makes a block_actions body of about 109 KB.
 */
export const DEFAULT_SLACK_BODY_LIMIT_BYTES = 256 * 1024;

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface SlackRequestGuardOptions {
  bodyLimitBytes: number;
  logger: Logger;
  /** Unix milliseconds; Date.now by default. */
  now?: () => number;
}

/** Bolt reads `rawBody` instead of the stream when it is already there. */
type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

export function guardSlackRequests(
  next: RequestListener,
  options: SlackRequestGuardOptions,
): RequestListener {
  const now = options.now ?? Date.now;
  return (request, response) => {
    if (request.method !== "POST") {
      next(request, response);
      return;
    }
    const timestamp = request.headers["x-slack-request-timestamp"];
    if (typeof timestamp === "string" && !withinReplayWindow(timestamp, now())) {
      options.logger.warn(
        { code: "unauthorized", reason: "timestamp outside Slack's five-minute window" },
        "Slack request rejected",
      );
      refuse(response, 401);
      return;
    }
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > options.bodyLimitBytes) {
      logTooLarge(options, declared);
      refuse(response, 413);
      return;
    }
    readLimited(request, options.bodyLimitBytes).then(
      (body) => {
        if (body === "too_large") {
          logTooLarge(options, undefined);
          refuse(response, 413);
          return;
        }
        (request as BufferedRequest).rawBody = body;
        next(request, response);
      },
      (error: unknown) => {
        options.logger.debug({ error: String(error) }, "Slack request body unreadable");
        refuse(response, 400);
      },
    );
  };
}

function withinReplayWindow(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - Math.floor(nowMs / 1000)) <= MAX_CLOCK_SKEW_SECONDS;
}

/** The body, or "too_large" as soon as it passes the limit (the rest is never read). */
function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.pause();
        resolve("too_large");
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

/** An empty answer, as Bolt gives; the connection is closed so that an unread body is dropped. */
function refuse(response: ServerResponse, status: 400 | 401 | 413): void {
  if (response.headersSent) return;
  response.writeHead(status, { connection: "close", "content-length": "0" });
  response.end();
}

function logTooLarge(options: SlackRequestGuardOptions, declaredBytes: number | undefined): void {
  options.logger.warn(
    {
      code: "payload_too_large",
      limitBytes: options.bodyLimitBytes,
      ...(declaredBytes !== undefined ? { declaredBytes } : {}),
    },
    "Slack request body over the limit",
  );
}
