/** Small measuring helpers shared by the benchmark steps. */

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile (p in 0..100) of samples in milliseconds. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1] ?? 0;
}

export function summariseLatencies(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

export interface SampledLatency extends LatencySummary {
  /** Passes over the questions that were completed or begun. */
  rounds: number;
  /** Sampling stopped at the time limit before every round was done. */
  stoppedByTimeLimit: boolean;
}

/**
 * One untimed warm-up call (the first question), then every question `rounds` times, each call
 * timed; no new call after `timeLimitMs` (at least one timed call is made).
 */
export async function sampleLatencies(
  questions: readonly string[],
  limits: { rounds: number; timeLimitMs: number },
  call: (question: string, warmUp: boolean) => Promise<unknown>,
): Promise<SampledLatency> {
  const first = questions[0];
  if (first === undefined) throw new Error("latency sampling needs at least one question");
  await call(first, true);
  const samples: number[] = [];
  const started = performance.now();
  let rounds = 0;
  let stoppedByTimeLimit = false;
  outer: for (let round = 0; round < limits.rounds; round += 1) {
    rounds += 1;
    for (const question of questions) {
      if (samples.length > 0 && performance.now() - started >= limits.timeLimitMs) {
        stoppedByTimeLimit = true;
        break outer;
      }
      const callStarted = performance.now();
      await call(question, false);
      samples.push(performance.now() - callStarted);
    }
  }
  return { ...summariseLatencies(samples), rounds, stoppedByTimeLimit };
}

/** Runs `work` and returns its result with the wall time in milliseconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: round(performance.now() - started) };
}

/** Two decimals: enough for sub-millisecond steps without noise in the table. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function megabytes(bytes: number): number {
  return round(bytes / (1024 * 1024));
}

/** Per second, from a count and a wall time in milliseconds (0 when no time passed). */
export function perSecond(count: number, ms: number): number {
  return round(ms > 0 ? (count / ms) * 1000 : 0);
}
