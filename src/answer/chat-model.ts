import OpenAI from "openai";
import { runWithDeadline } from "../shared/deadline.ts";
import { AppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import type { ChatMessage, ChatModel, CompleteOptions, OutputSchema } from "./types.ts";

/** The one module that speaks to an OpenAI-compatible chat endpoint. */

export interface OpenAiChatModelOptions {
  /** e.g. http://localhost:11434/v1; the OpenAI API when absent. */
  baseUrl?: string;
  /** Local endpoints often need none; a placeholder is sent then. */
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** Retries of 429/5xx/connection failures by the SDK; 1 by default. */
  maxRetries?: number;
  fetch?: typeof fetch;
  logger: Logger;
}

export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "not-needed",
    baseURL: options.baseUrl ?? null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 1,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const logger = options.logger;

  return {
    modelId: options.model,
    async complete<T>(messages: ChatMessage[], completeOptions: CompleteOptions<T>): Promise<T> {
      const started = performance.now();
      const { withinMs } = completeOptions;
      const timeoutMs =
        withinMs === undefined
          ? options.timeoutMs
          : Math.max(1, Math.min(options.timeoutMs, Math.ceil(withinMs)));
      let content: string;
      try {
        const completion = await withinDeadline(withinMs, completeOptions.signal, (signal) =>
          client.chat.completions.create(
            {
              model: options.model,
              messages,
              response_format: { type: "json_object" },
              temperature: 0,
            },
            { timeout: timeoutMs, ...(signal ? { signal } : {}) },
          ),
        );
        content = completion.choices[0]?.message.content ?? "";
      } catch (error) {
        const translated = translateError(error, timeoutMs);
        logger.warn(
          { model: options.model, code: translated.code, ms: elapsed(started) },
          "chat completion failed",
        );
        throw translated;
      }
      const result = parseOutput(content, completeOptions.schema);
      logger.info(
        { model: options.model, ms: elapsed(started), chars: content.length },
        "chat completion done",
      );
      return result;
    },
  };
}

/**
 * Runs one SDK call that must settle within `withinMs`: its signal aborts at the deadline (the
 * request in flight is cancelled), and the deadline rejects even while the SDK sleeps before a
 * retry, since its back-off and Retry-After waits do not listen to the signal.
 */
async function withinDeadline<R>(
  withinMs: number | undefined,
  outer: AbortSignal | undefined,
  call: (signal: AbortSignal | undefined) => Promise<R>,
): Promise<R> {
  if (withinMs === undefined) return call(outer);
  const spent = new AppError(
    "llm_timeout",
    `The language model did not answer within the ${Math.round(withinMs)} ms left of the answer budget`,
  );
  if (withinMs <= 0) throw spent;
  return runWithDeadline(call, {
    timeoutMs: withinMs,
    signal: outer,
    timeoutError: () => spent,
    abortError: () => new AppError("llm_timeout", "The language model request was cancelled"),
  });
}

/** Parses the model's JSON (a ```json fence around it is tolerated) and validates it. */
export function parseOutput<T>(content: string, schema: OutputSchema<T>): T {
  const json = extractJson(content);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new AppError("llm_bad_output", "The model's output is not valid JSON", { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      "llm_bad_output",
      `The model's output does not match the expected shape: ${parsed.error.message}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

function extractJson(content: string): string {
  const text = content.trim();
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/i);
  if (fenced?.[1] !== undefined) return fenced[1].trim();
  // Some models wrap the object in a sentence; take the outermost braces.
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first > 0 && last > first) return text.slice(first, last + 1);
  return text;
}

function translateError(error: unknown, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new AppError("llm_timeout", `The language model did not answer within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIUserAbortError) {
    return new AppError("llm_timeout", "The language model request was cancelled", {
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new AppError("llm_unavailable", "The language model endpoint cannot be reached", {
      cause: error,
    });
  }
  if (error instanceof OpenAI.RateLimitError) {
    return new AppError("llm_rate_limited", "The language model is rate limited (429)", {
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIError) {
    return new AppError(
      "llm_unavailable",
      `The language model endpoint answered with status ${error.status ?? "unknown"}`,
      { cause: error },
    );
  }
  return new AppError("llm_unavailable", "The language model request failed", { cause: error });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
