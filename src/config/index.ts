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
  /** Channel ids (comma-separated) the bot answers in; empty: every channel it is in. */
  SLACK_ALLOWED_CHANNELS: optionalString,
  /** Whether the bot answers direct messages. */
  SLACK_ALLOW_DMS: flag(true),
  /** Questions one person may ask the bot a minute (mentions, DMs and /referat together). */
  SLACK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** HTTP mode: larger /slack/events bodies are refused with 413 before they are read. */
  SLACK_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(262_144),

  /** When set, /api/* requires `Authorization: Bearer <token>`. */
  HTTP_API_TOKEN: optionalString,
  /** Internal audiences HTTP_API_TOKEN may see (comma-separated; `*` every one); public only by default. */
  HTTP_API_TOKEN_AUDIENCES: optionalString,
  /**
   * More tokens, each with its audiences: `tokenA=med-udvalg|hmu tokenB=* tokenC` (C: public
   * only). Split at an entry's last "=", so base64 tokens work (`abc===med`, `abc==`).
   */
  HTTP_API_TOKENS: optionalString,

  /** Rules that make minutes internal by body or folder (e.g. data/visibility-rules.staff-committees.json); none by default. */
  VISIBILITY_RULES_FILE: optionalString,
  /** Key that signs source-page links of internal minutes; random per start when unset (links die on restart). */
  PAGE_LINK_SECRET: optionalString,
  /** How long a signed source-page link opens its internal meeting. */
  PAGE_LINK_TTL_HOURS: z.coerce.number().positive().max(8760).default(168),
  HTTP_ASK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Per client, each of /api/search and /api/meetings/:id/summary (the ask limit is separate). */
  HTTP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
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

export interface AccessToken {
  token: string;
  /** Internal audiences the token may see; `*` every one; empty: public minutes only. */
  audiences: string[];
}

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
    /** Every token /api accepts (HTTP_API_TOKEN first) and the internal audiences each may see. */
    accessTokens: AccessToken[];
    askRateLimitPerMinute: number;
    rateLimitPerMinute: number;
    bodyLimitBytes: number;
  };
  lexicons: { enabled: boolean; freedictDir: string };
  visibility: {
    /** Undefined: no rules (minutes are internal only where a sidecar says so). */
    rulesFile: string | undefined;
    pageLinkSecret: string | undefined;
    pageLinkTtlMs: number;
  };
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
        access: SlackAccess;
      }
    | {
        enabled: true;
        mode: "http";
        botToken: string;
        signingSecret: string;
        apiUrl: string | undefined;
        access: SlackAccess;
      };
}

/** Where the Slack bot answers, how often, and how much a request may carry. */
export interface SlackAccess {
  /** Empty: every channel the bot is in. */
  allowedChannels: string[];
  allowDms: boolean;
  questionsPerMinute: number;
  bodyLimitBytes: number;
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
      accessTokens: accessTokensConfig(e),
      askRateLimitPerMinute: e.HTTP_ASK_RATE_LIMIT_PER_MINUTE,
      rateLimitPerMinute: e.HTTP_RATE_LIMIT_PER_MINUTE,
      bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES,
    },
    answering: answeringConfig(e),
    embeddings: embeddingsConfig(e),
    lexicons: {
      enabled: e.LEXICONS,
      freedictDir: e.LEXICON_FREEDICT_DIR,
    },
    visibility: {
      rulesFile: e.VISIBILITY_RULES_FILE,
      pageLinkSecret: e.PAGE_LINK_SECRET,
      pageLinkTtlMs: e.PAGE_LINK_TTL_HOURS * 3_600_000,
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

function accessTokensConfig(e: Environment): AccessToken[] {
  const tokens: AccessToken[] = [];
  if (e.HTTP_API_TOKEN) {
    tokens.push({ token: e.HTTP_API_TOKEN, audiences: listOf(e.HTTP_API_TOKEN_AUDIENCES, ",") });
  }
  for (const entry of listOf(e.HTTP_API_TOKENS, /[\s,]+/u)) {
    // Audiences hold no "=", a token may (base64 padding): split at the last one, and an entry
    // ending in "=" is a token of its own ("abc==" is the token abc==, public only).
    const last = entry.lastIndexOf("=");
    const separator = last < 0 || last === entry.length - 1 ? -1 : last;
    const token = separator < 0 ? entry : entry.slice(0, separator);
    if (token === "") {
      throw new AppError(
        "config_invalid",
        "Invalid configuration: HTTP_API_TOKENS has an entry with no token before '='",
      );
    }
    const audiences = separator < 0 ? [] : listOf(entry.slice(separator + 1), "|");
    tokens.push({ token, audiences });
  }
  return tokens;
}

function listOf(text: string | undefined, separator: string | RegExp): string[] {
  return (text ?? "")
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

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
  const access: SlackAccess = {
    allowedChannels: (e.SLACK_ALLOWED_CHANNELS ?? "")
      .split(",")
      .map((channel) => channel.trim())
      .filter((channel) => channel !== ""),
    allowDms: e.SLACK_ALLOW_DMS,
    questionsPerMinute: e.SLACK_RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.SLACK_BODY_LIMIT_BYTES,
  };
  if (mode === "socket") {
    if (!e.SLACK_APP_TOKEN) throw missing("SLACK_APP_TOKEN");
    return {
      enabled: true,
      mode,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      access,
    };
  }
  if (!e.SLACK_SIGNING_SECRET) throw missing("SLACK_SIGNING_SECRET");
  return {
    enabled: true,
    mode,
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    apiUrl: e.SLACK_API_URL,
    access,
  };
}
