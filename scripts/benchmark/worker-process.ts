import { type ChildProcess, execFile, fork } from "node:child_process";
import { join } from "node:path";
import type { z } from "zod";
import type { StageFailure, StageName, WorkerRequest } from "./figures.ts";

/**
 * Runs one benchmark stage in a worker process of its own (scripts/benchmark/worker.ts under
 * Node with tsx), so that its memory figures belong to that stage alone, with a heap limit and a
 * time limit. A stage that dies is classified: out of memory (V8's heap limit or the kernel's
 * SIGKILL), timed out, or another error with the end of its stderr.
 */

const root = join(import.meta.dirname, "../..");
const WORKER = join(import.meta.dirname, "worker.ts");

export interface WorkerLimits {
  /** --max-old-space-size of the worker. */
  maxHeapMb: number;
  timeoutMs: number;
}

export class StageError extends Error {
  constructor(readonly failure: StageFailure) {
    super(`${failure.stage}: ${failure.message}`);
  }
}

function execArgv(limits: WorkerLimits): string[] {
  return ["--import", "tsx", `--max-old-space-size=${limits.maxHeapMb}`];
}

/** Runs a stage whose worker prints its figures as one JSON document on stdout. */
export function runWorker<T>(
  stage: StageName,
  request: WorkerRequest,
  schema: z.ZodType<T>,
  limits: WorkerLimits,
): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...execArgv(limits), WORKER, JSON.stringify(request)],
      { cwd: root, timeout: limits.timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const failed = error as Error & { killed?: boolean; signal?: string | null };
          reject(new StageError(classify(stage, failed, stderr, limits)));
          return;
        }
        try {
          resolve(schema.parse(JSON.parse(stdout)));
        } catch (parseError) {
          reject(
            new StageError({
              stage,
              kind: "error",
              message: `unreadable figures: ${(parseError as Error).message.slice(0, 500)}`,
            }),
          );
        }
      },
    );
  });
}

/** A worker that stays up and talks over IPC (the service under load). */
export function forkWorker(request: WorkerRequest, limits: WorkerLimits): ChildProcess {
  return fork(WORKER, [JSON.stringify(request)], {
    cwd: root,
    execArgv: execArgv(limits),
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
}

export function classify(
  stage: StageName,
  error: { message: string; killed?: boolean; signal?: string | null },
  stderr: string,
  limits: WorkerLimits,
): StageFailure {
  const tail = stderr.trim().split("\n").slice(-8).join("\n").slice(-1500);
  if (/heap out of memory|Reached heap limit|Allocation failed/u.test(stderr)) {
    return {
      stage,
      kind: "out-of-memory",
      message: `ran out of memory (V8 heap limit ${limits.maxHeapMb} MB)`,
    };
  }
  if (error.killed && error.signal === "SIGKILL") {
    return {
      stage,
      kind: "timeout",
      message: `did not finish within ${Math.round(limits.timeoutMs / 1000)} s (stopped)`,
    };
  }
  if (error.signal === "SIGKILL") {
    return {
      stage,
      kind: "out-of-memory",
      message: "killed by SIGKILL from outside (the kernel's out-of-memory killer, most likely)",
    };
  }
  // The error's own line ("RangeError: Invalid string length") and where it was thrown.
  const lines = stderr.trim().split("\n");
  const errorLine = lines.findLastIndex((line) => /^\s*(\w+Error|Error)\b/u.test(line));
  const thrown = errorLine >= 0 ? lines.slice(errorLine, errorLine + 4).join("\n") : tail;
  return { stage, kind: "error", message: thrown || error.message };
}
