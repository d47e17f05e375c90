import { AppError } from "../shared/errors.ts";

/**
 * Runs `work` with a signal that aborts after `timeoutMs` or when `signal` (shutdown) aborts,
 * and rejects with `answer_timeout` at the deadline even if `work` ignores its signal.
 */
export async function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<T> {
  const controller = new AbortController();
  const abortFromOuter = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", abortFromOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new AppError("answer_timeout", `No answer within ${options.timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", abortFromOuter);
  }
}
