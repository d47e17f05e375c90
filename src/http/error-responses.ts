import { type AppErrorCode, isAppError } from "../shared/errors.ts";
import { HttpError } from "./http-error.ts";

/**
 * The one place where errors become HTTP statuses. AppError codes from the layers below map to a
 * status here; anything unknown is a 500 with a generic message (the details go to the log).
 */

export interface ErrorResponse {
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
}

const APP_ERROR_STATUS: Partial<Record<AppErrorCode, number>> = {
  bad_request: 400,
  meeting_not_found: 404,
  llm_bad_output: 502,
  llm_unavailable: 503,
  llm_rate_limited: 503,
  embedder_unavailable: 503,
  embedder_failed: 503,
  index_invalid: 503,
  overloaded: 503,
  worker_failed: 503,
  llm_timeout: 504,
};

/** 503s that say more than "a dependency is down": why, and when to come back. */
const SPECIFIC_RESPONSES: Partial<
  Record<AppErrorCode, { message: string; headers: Record<string, string> }>
> = {
  overloaded: {
    message:
      "Referat is answering as many questions as it can right now; please ask again in a moment.",
    headers: { "retry-after": "1" },
  },
  worker_failed: {
    message: "The question could not be answered this time; please ask again.",
    headers: { "retry-after": "1" },
  },
};

/** For server-side failures the message is fixed: vendor messages may carry internal detail. */
const SERVER_SIDE_MESSAGES: Record<number, string> = {
  502: "The language model returned an unusable answer; please try again.",
  503: "A service Referat depends on is unavailable right now; please try again shortly.",
  504: "The language model did not answer in time; please try again.",
};

const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side; the error has been logged.";

/** Fastify's own error codes for bodies it cannot read. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "payload_too_large",
    message: "Request body is larger than the server accepts",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "unsupported_media_type",
    message: "Request body must be JSON (content-type: application/json)",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    message: "Request body is empty although content-type is application/json",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    message: "Request body is not valid JSON",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "bad_request",
    message: "Content-Length does not match the request body",
  },
};

/** The JSON body of every error answer. */
export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof HttpError) {
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
      headers: error.headers,
    };
  }
  if (isAppError(error)) {
    const status = APP_ERROR_STATUS[error.code];
    if (status === undefined) return internalError();
    const specific = SPECIFIC_RESPONSES[error.code];
    if (specific) return { status, code: error.code, ...specific };
    const message =
      status < 500 ? error.message : (SERVER_SIDE_MESSAGES[status] ?? INTERNAL_ERROR_MESSAGE);
    return { status, code: error.code, message, headers: {} };
  }
  const fastifyCode = errorProperty(error, "code");
  const known = typeof fastifyCode === "string" ? FASTIFY_ERRORS[fastifyCode] : undefined;
  if (known) return { ...known, headers: {} };

  const statusCode = errorProperty(error, "statusCode");
  if (error instanceof SyntaxError && statusCode === 400) {
    return {
      status: 400,
      code: "invalid_json",
      message: "Request body is not valid JSON",
      headers: {},
    };
  }
  if (
    typeof statusCode === "number" &&
    statusCode >= 400 &&
    statusCode < 500 &&
    error instanceof Error
  ) {
    return { status: statusCode, code: "bad_request", message: error.message, headers: {} };
  }
  return internalError();
}

function internalError(): ErrorResponse {
  return { status: 500, code: "internal_error", message: INTERNAL_ERROR_MESSAGE, headers: {} };
}

function errorProperty(error: unknown, key: string): unknown {
  return typeof error === "object" && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}
