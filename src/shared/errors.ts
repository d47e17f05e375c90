/**
 * One error type for the whole application. Adapters translate vendor errors into an AppError
 * with a code; only slack/ and http/ turn codes into user-facing text or HTTP status.
 */
export type AppErrorCode =
  | "config_invalid"
  | "minutes_unreadable"
  | "minutes_empty"
  | "minutes_not_utf8"
  | "minutes_no_items"
  | "minutes_no_date"
  | "minutes_no_text"
  | "minutes_unsupported"
  | "minutes_bad_sidecar"
  | "sync_failed"
  | "corpus_invalid"
  | "index_invalid"
  | "embedder_unavailable"
  | "embedder_failed"
  | "llm_timeout"
  | "llm_rate_limited"
  | "llm_unavailable"
  | "llm_bad_output"
  | "prompt_missing"
  | "meeting_not_found"
  | "bad_request"
  | "slack_failed"
  | "answer_timeout"
  /** Every answer worker is busy and the queue of waiting questions is full: try again shortly. */
  | "overloaded"
  /** The worker thread answering a question stopped (crashed) or the pool is stopping. */
  | "worker_failed"
  | "feedback_unwritable";

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** A short, log-safe description of any thrown value (no stack, no payloads). */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
