/**
 * The loop every benchmark load shares: questions asked in turn by `concurrency` clients, at most
 * `count` calls and none started after `timeLimitMs`, each call timed and its outcome counted.
 */

export interface BoundedLoadOptions {
  questions: readonly string[];
  /** At most this many calls. */
  count: number;
  concurrency: number;
  /** No new call after this. */
  timeLimitMs: number;
  /** Pause between two calls of one client (0: back to back). */
  intervalMs?: number;
  /** One call; returns its outcome ("ok", a status code, "timeout" …). */
  call(question: string): Promise<string>;
}

export interface BoundedLoadResult {
  issued: number;
  latencies: number[];
  /** Calls per outcome. */
  outcomes: Record<string, number>;
  wallMs: number;
  stoppedByTimeLimit: boolean;
}

export async function runBoundedLoad(options: BoundedLoadOptions): Promise<BoundedLoadResult> {
  if (options.questions.length === 0) throw new Error("benchmark load needs at least one question");
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let issued = 0;
  let stoppedByTimeLimit = false;
  const started = performance.now();

  const nextQuestion = (): string | undefined => {
    if (issued >= options.count) return undefined;
    if (performance.now() - started >= options.timeLimitMs) {
      stoppedByTimeLimit = true;
      return undefined;
    }
    const question = options.questions[issued % options.questions.length];
    issued += 1;
    return question;
  };

  const client = async (): Promise<void> => {
    for (let question = nextQuestion(); question !== undefined; question = nextQuestion()) {
      const callStarted = performance.now();
      const outcome = await options.call(question);
      latencies.push(performance.now() - callStarted);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (options.intervalMs) await new Promise((done) => setTimeout(done, options.intervalMs));
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, client));
  return { issued, latencies, outcomes, wallMs: performance.now() - started, stoppedByTimeLimit };
}

/** The outcomes other than those named, for a report's failures. */
export function otherOutcomes(
  outcomes: Record<string, number>,
  named: readonly string[],
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(outcomes).filter(([outcome]) => !named.includes(outcome)),
  );
}
