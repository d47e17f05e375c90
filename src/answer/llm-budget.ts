/**
 * The time the language model may take for one answer or summary, all its calls and the SDK's
 * retries included. Slack gives up on an answer well before the SDK would on a hanging endpoint
 * (its per-request time-out, retried), so the answer stage spends from one budget and answers
 * extractively when it is spent.
 */

export const DEFAULT_LLM_BUDGET_MS = 8_000;

/** The query rewrite may take at most this share of the budget, so the answer call keeps time. */
export const REWRITE_SHARE = 1 / 3;

export interface LlmBudget {
  readonly totalMs: number;
  /** What is left, never below 0. */
  remainingMs(): number;
  /** What is left, but at most `share` of the whole budget. */
  shareMs(share: number): number;
}

export function startLlmBudget(totalMs: number): LlmBudget {
  const started = performance.now();
  const remainingMs = () => Math.max(0, totalMs - (performance.now() - started));
  return {
    totalMs,
    remainingMs,
    shareMs: (share) => Math.min(totalMs * share, remainingMs()),
  };
}
