/**
 * Runs one task at a time. A request while the task runs is remembered and starts one more run
 * when it ends, however many requests came in between, so a burst of changes during a long
 * re-ingest costs one re-ingest after it, not one per change, and two never overlap.
 */
export interface CoalescingRunner {
  /** Runs the task now, or once more after the run in progress (or after `resume`). */
  request(): void;
  /** Lets requests made while paused run (the runner starts paused when asked to). */
  resume(): void;
  /** Resolves when no run is in progress and none is pending. */
  idle(): Promise<void>;
  /** Refuses further requests and waits for the run in progress. */
  stop(): Promise<void>;
}

export function createCoalescingRunner(
  task: () => Promise<void>,
  options: { paused?: boolean; onError: (error: unknown) => void },
): CoalescingRunner {
  let paused = options.paused ?? false;
  let stopped = false;
  let pending = false;
  let running: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (running || (pending && !paused && !stopped)) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const runNext = () => {
    if (running || !pending || paused || stopped) {
      settleIdle();
      return;
    }
    pending = false;
    running = (async () => {
      try {
        await task();
      } catch (error) {
        options.onError(error);
      }
    })().then(() => {
      running = null;
      runNext();
    });
  };

  return {
    request() {
      if (stopped) return;
      pending = true;
      runNext();
    },
    resume() {
      paused = false;
      runNext();
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    async stop() {
      stopped = true;
      pending = false;
      await running;
      settleIdle();
    },
  };
}
