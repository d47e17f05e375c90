import type { FastifyInstance } from "fastify";
import type { AnsweringStatus, CorpusStatus, Readiness } from "./types.ts";

/**
 * Liveness and readiness: ready once the index is loaded and the lexical leg can answer. Both
 * are open even when the API needs a token, so then they say nothing taken from the minutes:
 * the error of a failed re-ingest (which may name files) stays in the log.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  options: {
    readiness: () => Readiness;
    corpusStatus?: (() => CorpusStatus) | undefined;
    answeringStatus?: (() => AnsweringStatus) | undefined;
    tokenRequired: boolean;
  },
): void {
  const { readiness, corpusStatus, answeringStatus, tokenRequired } = options;
  const reportedCorpus = (): CorpusStatus | undefined => {
    const status = corpusStatus?.();
    if (!status?.lastCheck || !tokenRequired) return status;
    const { error: _error, ...lastCheck } = status.lastCheck;
    return { ...status, lastCheck };
  };

  // Alive, which retrieval is running and which corpus: an operator sees "lexical only" and
  // why, and whether the last change to the minutes folder was taken in, at a glance.
  app.get("/healthz", async () => {
    const state = readiness();
    return {
      status: "ok",
      retrieval: state.dense ? "hybrid" : "lexical-only",
      ...(state.denseReason === undefined ? {} : { denseReason: state.denseReason }),
      ...(corpusStatus ? { corpus: reportedCorpus() } : {}),
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
