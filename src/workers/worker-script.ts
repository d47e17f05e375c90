import type { WorkerOptions } from "node:worker_threads";

/**
 * Where the answer worker's code is. Bundled (`npm run build`), the worker is dist/answer-worker.js
 * beside the bundle running this code (dist/main.js or dist/cli.js). From the TypeScript sources
 * (tsx, tests) it is src/workers/answer-worker.ts, started through tsx's loader: Node 20 does not
 * hand a thread's module hooks on to the workers it starts.
 */
export interface WorkerScript {
  filename: string | URL;
  options: Pick<WorkerOptions, "eval">;
}

export function answerWorkerScript(): WorkerScript {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    return { filename: new URL("./answer-worker.js", here), options: {} };
  }
  const entry = new URL("./answer-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return { filename: code, options: { eval: true } };
}
