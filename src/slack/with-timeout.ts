import { runWithDeadline } from "../shared/deadline.ts";
import { AppError } from "../shared/errors.ts";

/**
 * Runs `work` with a signal that aborts after `timeoutMs` or when `signal` (shutdown) aborts,
 * and rejects with `answer_timeout` at the deadline even if `work` ignores its signal.
 */
export function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<T> {
  return runWithDeadline(work, {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    timeoutError: () => new AppError("answer_timeout", `No answer within ${options.timeoutMs} ms`),
  });
}
