import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.ts";
import { AppError } from "../../src/shared/errors.ts";
import { DEFAULT_ANSWER_TIMEOUT_MS } from "../../src/slack/index.ts";

describe("loadConfig", () => {
  it("runs with no variables at all: lexical+local embedder, no LLM, no Slack", () => {
    const config = loadConfig({});
    expect(config.http).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      publicBaseUrl: "http://localhost:3000",
    });
    expect(config.embeddings).toMatchObject({
      provider: "local",
      model: "Xenova/multilingual-e5-small",
      allowDownload: true,
    });
    expect(config.llm).toEqual({ enabled: false });
    expect(config.slack.enabled).toBe(false);
    expect(config.minutesDir).toBe("data/minutes");
  });

  it("answers on one worker thread per core by default, with a queue of 8 per worker", () => {
    const cores = availableParallelism();
    expect(loadConfig({}).answering).toEqual({
      workers: cores,
      queueLimit: 8 * cores,
      concurrencyPerWorker: 1,
    });
    expect(loadConfig({ ANSWER_WORKERS: "3", LLM_MODEL: "m" }).answering).toEqual({
      workers: 3,
      queueLimit: 24,
      concurrencyPerWorker: 8,
    });
    expect(
      loadConfig({ ANSWER_WORKERS: "0", ANSWER_QUEUE_LIMIT: "0", ANSWER_WORKER_CONCURRENCY: "2" })
        .answering,
    ).toEqual({ workers: 0, queueLimit: 0, concurrencyPerWorker: 2 });
    expect(() => loadConfig({ ANSWER_WORKERS: "-1" })).toThrow(/ANSWER_WORKERS/);
    // The fallback must reach Slack before the bot gives an answer up (60 s).
    expect(() => loadConfig({ LLM_ANSWER_BUDGET_MS: "60000" })).toThrow(/LLM_ANSWER_BUDGET_MS/);
    expect(() => loadConfig({ ANSWER_WORKER_CONCURRENCY: "0" })).toThrow(
      /ANSWER_WORKER_CONCURRENCY/,
    );
  });

  it("limits questions and the other expensive HTTP routes per client, each configurable", () => {
    expect(loadConfig({}).http).toMatchObject({
      askRateLimitPerMinute: 30,
      rateLimitPerMinute: 60,
    });
    expect(
      loadConfig({ HTTP_ASK_RATE_LIMIT_PER_MINUTE: "5", HTTP_RATE_LIMIT_PER_MINUTE: "7" }).http,
    ).toMatchObject({ askRateLimitPerMinute: 5, rateLimitPerMinute: 7 });
    expect(() => loadConfig({ HTTP_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(
      /HTTP_RATE_LIMIT_PER_MINUTE/,
    );
  });

  it("reads the API tokens with the internal audiences each may see, and the visibility settings", () => {
    const config = loadConfig({
      HTTP_API_TOKEN: "main-token",
      HTTP_API_TOKEN_AUDIENCES: "C0MED, mgmt",
      HTTP_API_TOKENS: "all-token=* hr-token=S0HR|C0HR,public-token b64pad===med b64only==",
      VISIBILITY_RULES_FILE: "rules.json",
      PAGE_LINK_TTL_HOURS: "24",
    });
    expect(config.http.accessTokens).toEqual([
      { token: "main-token", audiences: ["C0MED", "mgmt"] },
      { token: "all-token", audiences: ["*"] },
      { token: "hr-token", audiences: ["S0HR", "C0HR"] },
      { token: "public-token", audiences: [] },
      { token: "b64pad==", audiences: ["med"] },
      { token: "b64only==", audiences: [] },
    ]);
    expect(config.visibility).toEqual({
      rulesFile: "rules.json",
      pageLinkSecret: undefined,
      pageLinkTtlMs: 24 * 3_600_000,
    });
    expect(loadConfig({}).http.accessTokens).toEqual([]);
    expect(loadConfig({}).visibility.rulesFile).toBeUndefined();
    expect(() => loadConfig({ HTTP_API_TOKENS: "=med" })).toThrow(/no token before '='/u);
  });

  it("reads flags as booleans, including 'false'", () => {
    const config = loadConfig({
      EMBEDDINGS_ALLOW_DOWNLOAD: "false",
      LLM_MODEL: "m",
      LLM_QUERY_REWRITE: "0",
    });
    expect(config.embeddings).toMatchObject({ allowDownload: false });
    expect(config.llm).toMatchObject({
      enabled: true,
      model: "m",
      queryRewrite: false,
      timeoutMs: 20000,
      answerBudgetMs: 8000,
    });
    expect(loadConfig({ LLM_MODEL: "m", LLM_ANSWER_BUDGET_MS: "1500" }).llm).toMatchObject({
      answerBudgetMs: 1500,
    });
    const longest = loadConfig({ LLM_MODEL: "m", LLM_ANSWER_BUDGET_MS: "50000" }).llm;
    expect(longest.enabled && longest.answerBudgetMs).toBeLessThan(DEFAULT_ANSWER_TIMEOUT_MS);
  });

  it("chooses the Slack mode from the credentials given", () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack,
    ).toMatchObject({ enabled: true, mode: "socket" });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack,
    ).toMatchObject({ enabled: true, mode: "http" });
  });

  it("reads where the Slack bot answers and its limits, with defaults", () => {
    const credentials = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" };
    expect(loadConfig(credentials).slack).toMatchObject({
      access: {
        allowedChannels: [],
        allowDms: true,
        questionsPerMinute: 10,
        bodyLimitBytes: 262_144,
      },
    });
    expect(
      loadConfig({
        ...credentials,
        SLACK_ALLOWED_CHANNELS: " C1, C2 ,,",
        SLACK_ALLOW_DMS: "false",
        SLACK_RATE_LIMIT_PER_MINUTE: "3",
        SLACK_BODY_LIMIT_BYTES: "65536",
      }).slack,
    ).toMatchObject({
      access: {
        allowedChannels: ["C1", "C2"],
        allowDms: false,
        questionsPerMinute: 3,
        bodyLimitBytes: 65_536,
      },
    });
    expect(() => loadConfig({ ...credentials, SLACK_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(
      /SLACK_RATE_LIMIT_PER_MINUTE/,
    );
  });

  it("names every bad variable at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "not-a-port", EMBEDDINGS_PROVIDER: "magic", PUBLIC_BASE_URL: "nope" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).message;
    expect(message).toContain("PORT");
    expect(message).toContain("EMBEDDINGS_PROVIDER");
    expect(message).toContain("PUBLIC_BASE_URL");
  });

  it("rejects half-configured Slack and the openai embedder without a model", () => {
    expect(() => loadConfig({ SLACK_MODE: "http", SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(
      /SLACK_SIGNING_SECRET/,
    );
    expect(() => loadConfig({ SLACK_APP_TOKEN: "xapp-1" })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => loadConfig({ EMBEDDINGS_PROVIDER: "openai" })).toThrow(/EMBEDDINGS_MODEL/);
  });

  it("reads the input side of an OpenAI-compatible embedder, keeping the space in a prefix", () => {
    const config = loadConfig({
      EMBEDDINGS_PROVIDER: "openai",
      EMBEDDINGS_MODEL: "multilingual-e5-small",
      EMBEDDINGS_INPUT_TYPE: "true",
      EMBEDDINGS_QUERY_PREFIX: "query: ",
    });
    expect(config.embeddings).toMatchObject({
      provider: "openai",
      sendInputType: true,
      queryPrefix: "query: ",
    });
    expect(config.embeddings).not.toHaveProperty("passagePrefix");
  });

  it("never echoes secret values in its errors", () => {
    expect(() => loadConfig({ SLACK_APP_TOKEN: "xapp-very-secret", PORT: "x" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("xapp-very-secret") }),
    );
  });
});
