import type { WorkerOptions } from "node:worker_threads";
import { sourceWorkerBundle } from "./source-worker-bundle.ts";

/**
 * Where the answer worker's code is. Bundled (`npm run build`), the worker is dist/answer-worker.js
 * beside the bundle running this code (dist/main.js or dist/cli.js). From the TypeScript sources
 * (tsx, tests) it is src/workers/answer-worker.ts bundled on the spot: Node 20 does not hand a
 * thread's module hooks (tsx) on to its workers, and one bundle starts faster than each worker
 * transpiling the module graph again.
 */
export interface WorkerScript {
  filename: string | URL;
  options: Pick<WorkerOptions, "execArgv">;
}

export function answerWorkerScript(): WorkerScript {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    return { filename: new URL("./answer-worker.js", here), options: {} };
  }
  return { filename: sourceWorkerBundle(), options: { execArgv: ["--enable-source-maps"] } };
}
