import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback OpenAI-compatible chat endpoint that holds every request until the test releases
 * it: a deterministic way to keep an answer "in progress" for as long as a test needs (a busy
 * worker, a full queue), with no timing involved. After `release`, held requests and every later
 * one get the released response at once. Requests whose client went away are counted.
 */

export interface HoldingChatServer {
  /** Base URL including `/v1`, as OpenAI clients expect it. */
  readonly baseUrl: string;
  /** Requests received so far (held, answered or abandoned). */
  received(): number;
  /** Requests waiting for `release`. */
  held(): number;
  /** Requests whose client closed the connection before it was answered. */
  abandoned(): number;
  /** Answers every held request, and all later ones, with this status and body. */
  release(status: number, body: unknown): void;
  waitFor(what: string, probe: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHoldingChatServer(): Promise<HoldingChatServer> {
  const held = new Set<ServerResponse>();
  let received = 0;
  let abandoned = 0;
  let released: { status: number; body: unknown } | undefined;

  const answer = (response: ServerResponse, reply: { status: number; body: unknown }) => {
    if (response.destroyed) return;
    response.writeHead(reply.status, { "content-type": "application/json" });
    response.end(JSON.stringify(reply.body));
  };

  const server = createServer((request, response) => {
    received += 1;
    request.resume();
    request.on("end", () => {
      if (released) {
        answer(response, released);
        return;
      }
      held.add(response);
      response.on("close", () => {
        if (held.delete(response) && !response.writableEnded) abandoned += 1;
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received: () => received,
    held: () => held.size,
    abandoned: () => abandoned,
    release(status, body) {
      released = { status, body };
      for (const response of [...held]) {
        held.delete(response);
        answer(response, released);
      }
    },
    async waitFor(what, probe, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!probe()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
