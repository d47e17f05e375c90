import type { FastifyInstance } from "fastify";
import type { AnsweringStatus, CorpusStatus, Readiness } from "./types.ts";

/** Liveness and readiness: ready once the index is loaded and the lexical leg can answer. */
export function registerHealthRoutes(
  app: FastifyInstance,
  readiness: () => Readiness,
  corpusStatus?: () => CorpusStatus,
  answeringStatus?: () => AnsweringStatus,
): void {
  // Alive, which retrieval is running and which corpus: an operator sees "lexical only" and
  // why, and whether the last change to the minutes folder was taken in, at a glance.
  app.get("/healthz", async () => {
    const state = readiness();
    return {
      status: "ok",
      retrieval: state.dense ? "hybrid" : "lexical-only",
      ...(state.denseReason === undefined ? {} : { denseReason: state.denseReason }),
      ...(corpusStatus ? { corpus: corpusStatus() } : {}),
      ...(answeringStatus ? { answering: answeringStatus() } : {}),
    };
  });

  app.get("/readyz", async (_request, reply) => {
    const state = readiness();
    const ready = state.indexLoaded && state.lexical;
    reply.code(ready ? 200 : 503);
    return {
      status: ready ? "ready" : "starting",
      indexLoaded: state.indexLoaded,
      legs: { lexical: state.lexical, dense: state.dense, llm: state.llm },
      ...(state.denseReason === undefined ? {} : { denseReason: state.denseReason }),
      slack: state.slack,
    };
  });
}
