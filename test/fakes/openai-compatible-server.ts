import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for any OpenAI-compatible endpoint (/v1/chat/completions, /v1/embeddings,
 * any other path): answers from a queue of prepared responses and records every request, so a
 * test can check both what the client sent and how it handles what came back.
 */

export interface PreparedResponse {
  /** HTTP status; 200 by default. */
  status?: number;
  /** Sent as JSON. Ignored when `rawBody` is set. */
  body?: unknown;
  /** Sent verbatim, for bodies that are not valid JSON. */
  rawBody?: string;
  /** Wait this long before answering (to provoke client time-outs). */
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
}

export interface OpenAiCompatibleServer {
  /** Base URL including `/v1`, as OpenAI clients expect it. */
  readonly baseUrl: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Adds responses to the queue; each request takes the oldest one. */
  enqueue(...responses: PreparedResponse[]): void;
  /** Queued responses not yet used. */
  pending(): number;
  close(): Promise<void>;
}

export interface OpenAiCompatibleServerOptions {
  /** Answers requests when the queue is empty; by default a 500 naming the empty queue. */
  fallback?: (request: RecordedRequest) => PreparedResponse;
}

export async function startOpenAiCompatibleServer(
  options: OpenAiCompatibleServerOptions = {},
): Promise<OpenAiCompatibleServer> {
  const queue: PreparedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const fallback =
    options.fallback ??
    ((request: RecordedRequest): PreparedResponse => ({
      status: 500,
      body: { error: { message: `no queued response for ${request.method} ${request.path}` } },
    }));

  const server = createServer((incoming, outgoing) => {
    void handle(incoming, outgoing);
  });

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const recorded: RecordedRequest = {
      method: incoming.method ?? "GET",
      path: (incoming.url ?? "/").split("?")[0] ?? "/",
      headers: incoming.headers,
      rawBody,
      body: parseJson(rawBody),
    };
    requests.push(recorded);
    const response = queue.shift() ?? fallback(recorded);

    const send = () => {
      if (outgoing.destroyed) return;
      const text = response.rawBody ?? JSON.stringify(response.body ?? {});
      outgoing.writeHead(response.status ?? 200, {
        "content-type": "application/json",
        ...response.headers,
      });
      outgoing.end(text);
    };
    if (response.delayMs && response.delayMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, response.delayMs);
      timers.add(timer);
    } else {
      send();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue(...responses) {
      queue.push(...responses);
    },
    pending() {
      return queue.length;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** A /v1/chat/completions response whose one choice says `content`. */
export function chatCompletionResponse(content: string, model = "test-model"): PreparedResponse {
  return {
    body: {
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1_700_000_000,
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    },
  };
}

/** A /v1/embeddings response carrying `vectors` in order. */
export function embeddingsResponse(vectors: number[][], model = "test-embedder"): PreparedResponse {
  return {
    body: {
      object: "list",
      model,
      data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    },
  };
}

/** An error response shaped the way OpenAI sends them. */
export function errorResponse(status: number, message = `error ${status}`): PreparedResponse {
  return { status, body: { error: { message, type: "test_error", code: null } } };
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
