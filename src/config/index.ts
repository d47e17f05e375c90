import { availableParallelism } from "node:os";
import { z } from "zod";
import { AppError } from "../shared/errors.ts";

/**
 * The one reader of the environment. Every variable, its default and its meaning is here;
 * README.md and .env.example document the same list.
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(z.url().optional())
  .optional();

const flag = (defaultValue: boolean) => z.stringbool().default(defaultValue);

const environmentSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  /** Where parsed corpus, index and caches are written. */
  DATA_DIR: z.string().default("data"),
  /** Folder of minutes files (any format Referat reads, subfolders included) ingested at start. */
  MINUTES_DIR: z.string().default("data/minutes"),
  /**
   * Whether the running server (`npm start`, `referat serve`) watches MINUTES_DIR and re-ingests
   * new, changed and deleted files without a restart.
   */
  MINUTES_WATCH: flag(true),
  /** Watch by polling instead of file-system events (network shares, some container mounts). */
  MINUTES_WATCH_POLL: flag(false),

  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** Base of the links that citations carry; defaults to http://localhost:PORT. */
  PUBLIC_BASE_URL: optionalUrl,

  /** local (transformers.js), openai (any OpenAI-compatible /v1/embeddings) or none. */
  EMBEDDINGS_PROVIDER: z.enum(["local", "openai", "none"]).default("local"),
  EMBEDDINGS_MODEL: optionalString,
  /** A folder holding the local model (config.json, tokenizer.json, onnx/model.onnx). */
  EMBEDDINGS_MODEL_DIR: optionalString,
  /** Where downloaded local models are cached. */
  EMBEDDINGS_CACHE_DIR: optionalString,
  /** Whether the local embedder may download the model from the Hugging Face hub. */
  EMBEDDINGS_ALLOW_DOWNLOAD: flag(true),
  EMBEDDINGS_BASE_URL: optionalUrl,
  EMBEDDINGS_API_KEY: optionalString,
  /** openai provider: send input_type query/passage (servers that add e5 prefixes themselves). */
  EMBEDDINGS_INPUT_TYPE: flag(false),
  /** openai provider: text put before queries / passages (e5 behind a plain server: "query: "). */
  /** Not trimmed: the space after "query:" is part of the prefix. */
  EMBEDDINGS_QUERY_PREFIX: z.string().optional(),
  EMBEDDINGS_PASSAGE_PREFIX: z.string().optional(),

  /** Dictionaries English questions are translated with, beside data/synonyms.json. */
  LEXICONS: flag(true),
  LEXICON_FREEDICT_DIR: z.string().default("/usr/share/dictd"),

  /** An OpenAI-compatible chat endpoint; the LLM path is on when LLM_MODEL is set. */
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  /** The most one HTTP request to the LLM may take (the SDK retries once within the budget). */
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /**
   * The most the LLM may take for one answer or summary, query rewrite and SDK retries included;
   * after it the extractive answer goes out with a note. At most 50 s, so that the fallback
   * reaches Slack before the bot gives the answer up (60 s, DEFAULT_ANSWER_TIMEOUT_MS).
   */
  LLM_ANSWER_BUDGET_MS: z.coerce.number().int().positive().max(50_000).default(8_000),
  /** Rewrite questions (e.g. English into Danish search queries) with the LLM before retrieval. */
  LLM_QUERY_REWRITE: flag(true),

  SLACK_MODE: z.enum(["socket", "http"]).optional(),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,

  /** When set, /api/* requires `Authorization: Bearer <token>`. */
  HTTP_API_TOKEN: optionalString,
  HTTP_ASK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(32_768),

  /**
   * Worker threads that answer questions and summarise meetings, off the event loop that serves
   * HTTP, Slack acks and /healthz. Defaults to the number of cores; 0 answers on the main thread.
   */
  ANSWER_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /** Questions waiting for a free worker; beyond it, /api/ask answers 503. Defaults to 8 per worker. */
  ANSWER_QUEUE_LIMIT: z.coerce.number().int().min(0).optional(),
  /** Questions one worker answers at once. Defaults to 1 (extractive answers are CPU-bound), 8 with an LLM. */
  ANSWER_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export const DEFAULT_LOCAL_EMBEDDING_MODEL = "Xenova/multilingual-e5-small";

export interface Config {
  logLevel: Environment["LOG_LEVEL"];
  dataDir: string;
  minutesDir: string;
  minutesWatch: { enabled: boolean; poll: boolean };
  http: {
    port: number;
    host: string;
    publicBaseUrl: string;
    apiToken: string | undefined;
    askRateLimitPerMinute: number;
    bodyLimitBytes: number;
  };
  lexicons: { enabled: boolean; freedictDir: string };
  /** Where answers are computed: `workers` threads (0: the main thread) and their queue. */
  answering: { workers: number; queueLimit: number; concurrencyPerWorker: number };
  embeddings:
    | { provider: "none" }
    | {
        provider: "local";
        model: string;
        modelDir: string | undefined;
        cacheDir: string;
        allowDownload: boolean;
      }
    | {
        provider: "openai";
        model: string;
        baseUrl: string | undefined;
        apiKey: string | undefined;
        sendInputType: boolean;
        queryPrefix?: string;
        passagePrefix?: string;
      };
  llm:
    | { enabled: false }
    | {
        enabled: true;
        baseUrl: string | undefined;
        apiKey: string | undefined;
        model: string;
        timeoutMs: number;
        /** Total LLM time per answer or summary (rewrite, answer, retries). */
        answerBudgetMs: number;
        queryRewrite: boolean;
      };
  slack:
    | { enabled: false; reason: string }
    | {
        enabled: true;
        mode: "socket";
        botToken: string;
        appToken: string;
        apiUrl: string | undefined;
      }
    | {
        enabled: true;
        mode: "http";
        botToken: string;
        signingSecret: string;
        apiUrl: string | undefined;
      };
}

/** Reads and validates the environment; throws one AppError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new AppError(
      "config_invalid",
      `Invalid configuration:\n${z.prettifyError(parsed.error)}`,
    );
  }
  const e = parsed.data;
  return {
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    minutesDir: e.MINUTES_DIR,
    minutesWatch: { enabled: e.MINUTES_WATCH, poll: e.MINUTES_WATCH_POLL },
    http: {
      port: e.PORT,
      host: e.HOST,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
      apiToken: e.HTTP_API_TOKEN,
      askRateLimitPerMinute: e.HTTP_ASK_RATE_LIMIT_PER_MINUTE,
      bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES,
    },
    answering: answeringConfig(e),
    embeddings: embeddingsConfig(e),
    lexicons: {
      enabled: e.LEXICONS,
      freedictDir: e.LEXICON_FREEDICT_DIR,
    },
    llm: e.LLM_MODEL
      ? {
          enabled: true,
          baseUrl: e.LLM_BASE_URL,
          apiKey: e.LLM_API_KEY,
          model: e.LLM_MODEL,
          timeoutMs: e.LLM_TIMEOUT_MS,
          answerBudgetMs: e.LLM_ANSWER_BUDGET_MS,
          queryRewrite: e.LLM_QUERY_REWRITE,
        }
      : { enabled: false },
    slack: slackConfig(e),
  };
}

export const DEFAULT_QUEUED_QUESTIONS_PER_WORKER = 8;

function answeringConfig(e: Environment): Config["answering"] {
  const workers = e.ANSWER_WORKERS ?? availableParallelism();
  return {
    workers,
    queueLimit: e.ANSWER_QUEUE_LIMIT ?? DEFAULT_QUEUED_QUESTIONS_PER_WORKER * workers,
    // An LLM answer mostly waits for the model; an extractive one keeps a core busy.
    concurrencyPerWorker: e.ANSWER_WORKER_CONCURRENCY ?? (e.LLM_MODEL ? 8 : 1),
  };
}

function embeddingsConfig(e: Environment): Config["embeddings"] {
  switch (e.EMBEDDINGS_PROVIDER) {
    case "none":
      return { provider: "none" };
    case "openai":
      if (!e.EMBEDDINGS_MODEL) {
        throw new AppError(
          "config_invalid",
          "Invalid configuration: EMBEDDINGS_MODEL is required when EMBEDDINGS_PROVIDER=openai",
        );
      }
      return {
        provider: "openai",
        model: e.EMBEDDINGS_MODEL,
        baseUrl: e.EMBEDDINGS_BASE_URL,
        apiKey: e.EMBEDDINGS_API_KEY,
        sendInputType: e.EMBEDDINGS_INPUT_TYPE,
        ...(e.EMBEDDINGS_QUERY_PREFIX === undefined
          ? {}
          : { queryPrefix: e.EMBEDDINGS_QUERY_PREFIX }),
        ...(e.EMBEDDINGS_PASSAGE_PREFIX === undefined
          ? {}
          : { passagePrefix: e.EMBEDDINGS_PASSAGE_PREFIX }),
      };
    case "local":
      return {
        provider: "local",
        model: e.EMBEDDINGS_MODEL ?? DEFAULT_LOCAL_EMBEDDING_MODEL,
        modelDir: e.EMBEDDINGS_MODEL_DIR,
        cacheDir: e.EMBEDDINGS_CACHE_DIR ?? `${e.DATA_DIR}/cache/models`,
        allowDownload: e.EMBEDDINGS_ALLOW_DOWNLOAD,
      };
  }
}

function slackConfig(e: Environment): Config["slack"] {
  const mode =
    e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? "socket" : e.SLACK_SIGNING_SECRET ? "http" : undefined);
  if (!mode) {
    return {
      enabled: false,
      reason: "no Slack credentials (SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET)",
    };
  }
  const missing = (name: string) =>
    new AppError(
      "config_invalid",
      `Invalid configuration: ${name} is required for Slack ${mode} mode`,
    );
  if (!e.SLACK_BOT_TOKEN) throw missing("SLACK_BOT_TOKEN");
  if (mode === "socket") {
    if (!e.SLACK_APP_TOKEN) throw missing("SLACK_APP_TOKEN");
    return {
      enabled: true,
      mode,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    };
  }
  if (!e.SLACK_SIGNING_SECRET) throw missing("SLACK_SIGNING_SECRET");
  return {
    enabled: true,
    mode,
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    apiUrl: e.SLACK_API_URL,
  };
}
