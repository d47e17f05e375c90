import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Application, createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/shared/logger.ts";
import { errorResponse, startOpenAiCompatibleServer } from "../fakes/openai-compatible-server.ts";
import { startFakeSlack } from "../fakes/slack-web-api.ts";
import { loadSlackFixture, postSignedToSlack } from "../support/slack-signing.ts";

/**
 * The composition root as `npm start` runs it: config → ingest → index → answers → HTTP (and
 * Slack when configured), on the bundled minutes, on 127.0.0.1 with an ephemeral port.
 */

const MINUTES_DIR = new URL("../../data/minutes/", import.meta.url).pathname;

let dataDir: string;
let application: Application | undefined;
let logLines: string[];

function capturingLogger() {
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) =>
    logLines.push(...chunk.toString().split("\n").filter(Boolean)),
  );
  return createLogger({ level: "info", destination: stream });
}

async function startWith(environment: Record<string, string>) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    MINUTES_DIR,
    PORT: "0",
    EMBEDDINGS_ALLOW_DOWNLOAD: "false",
    ...environment,
  });
  application = await createApplication(config, capturingLogger());
  return application.start();
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "referat-app-"));
  logLines = [];
});

afterEach(async () => {
  await application?.stop();
  application = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe("createApplication", () => {
  it("serves the bundled minutes with no keys: lexical retrieval, extractive answers, Slack off", async () => {
    const { url } = await startWith({});

    const ready = await (await fetch(`${url}/readyz`)).json();
    expect(ready).toMatchObject({
      status: "ready",
      legs: { lexical: true, dense: false, llm: false },
      slack: "off",
    });
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", retrieval: "lexical-only" });
    expect(health.denseReason).toContain("Xenova/multilingual-e5-small");

    const answer = await (
      await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: "Hvem blev medlem af styregruppen for ACT-indsatsen?" }),
      })
    ).json();
    expect(answer).toMatchObject({ mode: "extractive", abstained: false });
    expect(answer.text).toContain("Henrik Juncher");

    const messages = logLines.map((line) => JSON.parse(line).msg);
    expect(messages.filter((message) => message.startsWith("dense retrieval is off"))).toHaveLength(
      1,
    );
    expect(messages).toContain("Slack is off");
    expect(messages).toContain("Referat is serving");
    // Minutes text and questions never reach the log at info level.
    expect(logLines.join("\n")).not.toContain("Henrik Juncher");
    expect(logLines.join("\n")).not.toContain("styregruppen for ACT-indsatsen?");
  });

  it("runs Slack in HTTP mode on the same port, verifying Slack's signature", async () => {
    const slack = await startFakeSlack();
    try {
      const { url } = await startWith({
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: "application-test-secret",
        SLACK_API_URL: slack.apiUrl,
        EMBEDDINGS_PROVIDER: "none",
      });
      const ready = await (await fetch(`${url}/readyz`)).json();
      expect(ready.slack).toBe("http");

      const challenge = JSON.stringify(loadSlackFixture("url_verification.json"));
      const accepted = await postSignedToSlack(`${url}/slack/events`, challenge, {
        signingSecret: "application-test-secret",
        contentType: "application/json",
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toContain(String(loadSlackFixture("url_verification.json").challenge));

      const forged = await postSignedToSlack(`${url}/slack/events`, challenge, {
        signingSecret: "not-the-secret",
        contentType: "application/json",
      });
      expect(forged.status).toBe(401);
      expect(logLines.join("\n")).not.toContain(slack.botToken);
    } finally {
      await application?.stop();
      application = undefined;
      await slack.close();
    }
  });

  it("keeps serving without Slack when Slack rejects the token", async () => {
    const slack = await startFakeSlack();
    try {
      slack.failNext("auth.test", "invalid_auth");
      const { url } = await startWith({
        SLACK_BOT_TOKEN: "xoxb-revoked",
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: slack.apiUrl,
        EMBEDDINGS_PROVIDER: "none",
      });
      const ready = await (await fetch(`${url}/readyz`)).json();
      expect(ready).toMatchObject({ status: "ready", slack: "off" });
      expect(
        logLines.some(
          (line) => JSON.parse(line).msg === "Slack could not start; running without Slack",
        ),
      ).toBe(true);
      expect(logLines.join("\n")).not.toContain("xoxb-revoked");
    } finally {
      await application?.stop();
      application = undefined;
      await slack.close();
    }
  });

  it("turns the LLM on from configuration and falls back to an extractive answer when it fails", async () => {
    const llm = await startOpenAiCompatibleServer({ fallback: () => errorResponse(503) });
    try {
      const { url } = await startWith({
        LLM_BASE_URL: llm.baseUrl,
        LLM_API_KEY: "sk-application-test",
        LLM_MODEL: "test-model",
        EMBEDDINGS_PROVIDER: "none",
      });
      const ready = await (await fetch(`${url}/readyz`)).json();
      expect(ready.legs.llm).toBe(true);

      const answer = await (
        await fetch(`${url}/api/ask`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question: "Hvem blev medlem af styregruppen for ACT-indsatsen?" }),
        })
      ).json();
      expect(answer.mode).toBe("extractive");
      expect(answer.note).toEqual(expect.any(String));
      expect(answer.text).toContain("Henrik Juncher");
      expect(llm.requests.some((request) => request.path === "/v1/chat/completions")).toBe(true);
      expect(logLines.join("\n")).not.toContain("sk-application-test");
    } finally {
      await application?.stop();
      application = undefined;
      await llm.close();
    }
  });
});
