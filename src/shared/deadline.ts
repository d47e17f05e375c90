/**
 * Runs `work` with a signal that aborts at the deadline or when `options.signal` aborts, and
 * settles by the deadline even if `work` ignores its signal (an SDK sleeping before a retry, an
 * answer pipeline busy on the CPU): it then rejects with `timeoutError()`. With `abortError`, an
 * abort of `options.signal`, before the call or during it, cancels at once: `work`'s signal
 * aborts and the call rejects with `abortError()`; without it, `work` is left to settle on its
 * own abort. The losing side's later rejection is swallowed; nothing waits for it.
 */
export async function runWithDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: {
    timeoutMs: number;
    signal?: AbortSignal | undefined;
    timeoutError: () => Error;
    abortError?: () => Error;
  },
): Promise<T> {
  const controller = new AbortController();
  const outer = options.signal;
  const abortFromOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", abortFromOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = options.timeoutError();
      controller.abort(error);
      reject(error);
    }, options.timeoutMs);
    const { abortError } = options;
    if (abortError && outer) {
      if (outer.aborted) {
        controller.abort(outer.reason);
        reject(abortError());
      } else outer.addEventListener("abort", () => reject(abortError()), { once: true });
    }
  });
  const pending = work(controller.signal);
  pending.catch(() => {});
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", abortFromOuter);
  }
}
