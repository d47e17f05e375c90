import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The language model of one fault mode, on 127.0.0.1: `slow` answers every chat completion after
 * a delay (one JSON object that fits both the rewrite's and the answer's schema), `failing`
 * answers 500 at once, `down` is a port where nothing listens. `none` has no LLM at all.
 */

export const FAULT_MODES = ["none", "slow", "failing", "down"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultyChatServer {
  /** The LLM_BASE_URL of this mode; null for `none`. */
  baseUrl: string | null;
  /** Chat completions received so far. */
  received(): number;
  close(): Promise<void>;
}

/** Fits the rewrite ({ queries }) and the answer ({ answer, citations }) alike. */
const SLOW_REPLY = JSON.stringify({
  queries: [],
  answer: "Svaret fra sprogmodellen (belastningstest).",
  citations: [1],
});

export async function startFaultyChatServer(
  mode: FaultMode,
  options: { slowMs: number },
): Promise<FaultyChatServer> {
  if (mode === "none") return { baseUrl: null, received: () => 0, close: async () => {} };
  if (mode === "down") {
    const port = await unusedPort();
    return { baseUrl: `http://127.0.0.1:${port}/v1`, received: () => 0, close: async () => {} };
  }
  let received = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((request, response) => {
    received += 1;
    request.resume();
    request.on("end", () => {
      if (mode === "failing") {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: "load-and-fault: failing mode" } }));
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (response.destroyed) return;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            id: "chatcmpl-load",
            object: "chat.completion",
            created: 1_700_000_000,
            model: "load-model",
            choices: [
              {
                index: 0,
                message: { role: "assistant", content: SLOW_REPLY },
                finish_reason: "stop",
              },
            ],
          }),
        );
      }, options.slowMs);
      timers.add(timer);
    });
  });
  const port = await listen(server);
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    received: () => received,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** A loopback port that was free a moment ago, with nothing listening on it now. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
