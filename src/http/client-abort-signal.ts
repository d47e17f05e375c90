import type { FastifyReply } from "fastify";

/** Aborts when the client goes away before the response is written, so no LLM call runs for nobody. */
export function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort(new Error("client disconnected"));
  });
  return controller.signal;
}
