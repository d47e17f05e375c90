import type { FastifyInstance } from "fastify";
import type { Readiness } from "./types.ts";

/** Liveness and readiness: ready once the index is loaded and the lexical leg can answer. */
export function registerHealthRoutes(app: FastifyInstance, readiness: () => Readiness): void {
  app.get("/healthz", async () => ({ status: "ok" }));

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
