/** Small measuring helpers shared by the benchmark steps. */

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p95Ms: number;
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
    maxMs: round(sorted.at(-1) ?? 0),
  };
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
