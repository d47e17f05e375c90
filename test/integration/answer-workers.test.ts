import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Application,
  type ApplicationOptions,
  createAnsweringPipeline,
  createApplication,
} from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { toAnswerResource, toSummaryResource } from "../../src/http/api-resources.ts";
import { createLogger } from "../../src/shared/logger.ts";
import { type HoldingChatServer, startHoldingChatServer } from "../fakes/holding-chat-server.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import { postSignedToSlack, slashCommandBody } from "../support/slack-signing.ts";

/**
 * Answers on worker threads (ANSWER_WORKERS), through the real application on 127.0.0.1:0 over
 * the bundled minutes: the same answers as the main thread, a clear 503 when every worker is busy
 * and the queue is full, health checks and Slack acks that never wait behind answers, and a
 * worker that dies mid-answer. A loopback chat endpoint that holds its responses keeps answers
 * in progress for exactly as long as a test needs.
 */

const MINUTES_DIR = new URL("../../data/minutes/", import.meta.url).pathname;
const QUESTIONS_FILE = new URL("../../../shared/eval/questions.jsonl", import.meta.url).pathname;
const ACT_QUESTION = "Hvem blev medlem af styregruppen for ACT-indsatsen?";
/** Answered from Udsatterådet 2019-09-18 alone. */
const APPOINTED_QUESTION = "Hvem blev udpeget til ACT-styregruppen?";
const SIGNING_SECRET = "answer-workers-test-secret";

let dataDir: string;
let application: Application | undefined;
let url: string;
let logLines: string[];
let chat: HoldingChatServer | undefined;
let slack: FakeSlack | undefined;

function environment(extra: Record<string, string>) {
  return {
    DATA_DIR: dataDir,
    MINUTES_DIR,
    PORT: "0",
    EMBEDDINGS_PROVIDER: "none",
    MINUTES_WATCH: "false",
    HTTP_ASK_RATE_LIMIT_PER_MINUTE: "10000",
    ...extra,
  };
}

async function start(extra: Record<string, string>, options: ApplicationOptions = {}) {
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) =>
    logLines.push(...chunk.toString().split("\n").filter(Boolean)),
  );
  const logger = createLogger({ level: "info", destination: stream });
  application = await createApplication(loadConfig(environment(extra)), logger, options);
  ({ url } = await application.start());
}

/** The held chat endpoint as the LLM, with one question at a time per worker. */
async function startWithHeldLlm(extra: Record<string, string>, options: ApplicationOptions = {}) {
  chat = await startHoldingChatServer();
  await start(
    {
      LLM_BASE_URL: chat.baseUrl,
      LLM_MODEL: "held-model",
      LLM_QUERY_REWRITE: "false",
      LLM_TIMEOUT_MS: "60000",
      // Held answers stay held for the test, not only for the default 8 s budget.
      LLM_ANSWER_BUDGET_MS: "50000",
      ANSWER_WORKER_CONCURRENCY: "1",
      ...extra,
    },
    options,
  );
}

function ask(question: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
    ...(signal ? { signal } : {}),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON responses
async function health(): Promise<any> {
  const response = await fetch(`${url}/healthz`);
  expect(response.status).toBe(200);
  return response.json();
}

async function waitForHealth(what: string, probe: (answering: Record<string, number>) => boolean) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { answering } = await health();
    if (probe(answering)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What the chat endpoint answers once released: a refusal, so answers fall back to extractive. */
const LLM_REFUSAL = { error: { message: "released by the test", type: "invalid_request_error" } };

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "referat-workers-"));
  logLines = [];
});

afterEach(async () => {
  chat?.release(400, LLM_REFUSAL);
  await application?.stop();
  application = undefined;
  await chat?.close();
  chat = undefined;
  await slack?.close();
  slack = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe("answers on worker threads", () => {
  it("answers on two workers exactly as the main thread does, questions and summaries", async () => {
    await start({ ANSWER_WORKERS: "2" });
    const { answering } = await health();
    expect(answering).toMatchObject({ mode: "workers", workers: 2, starting: 0, busy: 0 });

    const questions = (await readFile(QUESTIONS_FILE, "utf8"))
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => (JSON.parse(line) as { q: string }).q)
      .slice(0, 12);
    const fromWorkers = await Promise.all(
      questions.map(async (question) => {
        const response = await ask(question);
        expect(response.status).toBe(200);
        return response.json();
      }),
    );
    const summaryFromWorkers = await (
      await fetch(`${url}/api/meetings/udsatteraadet-2019-09-18/summary`)
    ).json();

    // The main thread's pipeline over the same DATA_DIR, as ANSWER_WORKERS=0 answers.
    const mainThread = await createAnsweringPipeline(
      loadConfig(environment({ ANSWER_WORKERS: "0" })),
      createLogger({ level: "silent" }),
    );
    const fromMainThread = [];
    for (const question of questions) {
      fromMainThread.push(toAnswerResource(await mainThread.answerQuestion(question)));
    }
    expect(fromWorkers).toEqual(JSON.parse(JSON.stringify(fromMainThread)));
    expect(fromWorkers.some((answer) => answer.abstained === false)).toBe(true);
    expect(fromWorkers.find((answer) => answer.text.includes("Henrik Juncher"))).toBeDefined();
    const summary = await mainThread.summariseMeeting("udsatteraadet-2019-09-18");
    expect(summaryFromWorkers).toEqual(JSON.parse(JSON.stringify(toSummaryResource(summary))));

    // Worker log lines reach the application's logger, tagged with the worker.
    const answered = logLines
      .map((line) => JSON.parse(line))
      .filter((line) => line.component === "answer-pool" && line.msg === "question answered");
    // Each of the two workers also answered its warm-up question when it loaded the corpus.
    expect(answered.length).toBe(questions.length + 2);
    expect(new Set(answered.map((line) => line.worker))).toEqual(new Set([1, 2]));
    // Twelve questions answered twice (workers, then main thread): more than the default 30 s on a busy machine.
  }, 90_000);

  it("refuses with 503 and Retry-After when every worker is busy and the queue is full, while /healthz and Slack acks answer", async () => {
    slack = await startFakeSlack();
    await startWithHeldLlm({
      ANSWER_WORKERS: "1",
      ANSWER_QUEUE_LIMIT: "1",
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    });
    const held = chat as HoldingChatServer;

    const first = ask(ACT_QUESTION);
    await held.waitFor("the first answer to reach the LLM", () => held.held() === 1);
    const second = ask(ACT_QUESTION);
    await waitForHealth("the second question to wait", (answering) => answering.queued === 1);

    const refused = await ask(ACT_QUESTION);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      error: { code: "overloaded", message: expect.stringContaining("ask again in a moment") },
    });

    // Slack's ack does not wait: the placeholder comes back at once, the busy notice follows.
    const command = await postSignedToSlack(
      `${url}/slack/events`,
      slashCommandBody({
        command: "/referat",
        text: "Hvem blev medlem af styregruppen?",
        response_url: slack.responseUrl("busy"),
      }),
      { signingSecret: SIGNING_SECRET, contentType: "application/x-www-form-urlencoded" },
    );
    expect(command.status).toBe(200);
    expect(command.body).toContain("Kigger i referaterne");
    const notice = await slack.waitFor(() => slack?.responsesTo("busy")[0]);
    expect(JSON.stringify(notice.body)).toContain("Jeg har travlt med andre spørgsmål lige nu");

    const { answering } = await health();
    expect(answering).toMatchObject({ busy: 1, queued: 1, queueLimit: 1, rejected: 2 });

    held.release(400, LLM_REFUSAL);
    for (const response of [await first, await second]) {
      expect(response.status).toBe(200);
      const answer = await response.json();
      expect(answer.mode).toBe("extractive");
      expect(answer.text).toContain("Henrik Juncher");
    }
    await waitForHealth("the pool to be idle", (state) => state.busy === 0 && state.queued === 0);
  });

  it("cancels the answer of a client that gave up", async () => {
    await startWithHeldLlm({ ANSWER_WORKERS: "1" });
    const held = chat as HoldingChatServer;
    const controller = new AbortController();
    const asking = ask(ACT_QUESTION, controller.signal);
    await held.waitFor("the answer to reach the LLM", () => held.held() === 1);
    controller.abort();
    await expect(asking).rejects.toThrow();
    // The worker stopped its LLM call: the chat endpoint saw the connection go.
    await held.waitFor("the LLM call to be abandoned", () => held.abandoned() === 1);
    await waitForHealth("the worker to be free", (answering) => answering.busy === 0);
  });

  it("fails the questions of a worker that dies mid-answer with a clear error, and replaces it", async () => {
    const spawned: Worker[] = [];
    await startWithHeldLlm(
      { ANSWER_WORKERS: "1" },
      {
        answerWorkers: {
          spawn: (filename, options) => {
            const worker = new Worker(filename, options);
            spawned.push(worker);
            return worker;
          },
        },
      },
    );
    const held = chat as HoldingChatServer;
    const asking = ask(ACT_QUESTION);
    await held.waitFor("the answer to reach the LLM", () => held.held() === 1);
    expect(spawned).toHaveLength(1);
    // Ended from outside the pool: to the pool, that is a worker that died.
    await spawned[0]?.terminate();

    const failed = await asking;
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({
      error: { code: "worker_failed", message: expect.stringContaining("ask again") },
    });
    await waitForHealth(
      "a replacement worker",
      (answering) => answering.workers === 1 && answering.restarts === 1,
    );
    expect(spawned).toHaveLength(2);
    expect(
      logLines.some((line) => JSON.parse(line).msg === "answer worker stopped; replacing it"),
    ).toBe(true);

    held.release(400, LLM_REFUSAL);
    const recovered = await ask(ACT_QUESTION);
    expect(recovered.status).toBe(200);
    expect((await recovered.json()).text).toContain("Henrik Juncher");

    // stop() ends the workers: an exited thread has no id.
    await application?.stop();
    application = undefined;
    expect(spawned.map((worker) => worker.threadId)).toEqual([-1, -1]);
  });

  it("loads a changed corpus into the workers: the question in flight finishes on the old one, the next is answered from the new one", async () => {
    const minutesDir = join(dataDir, "minutes");
    await mkdir(minutesDir);
    const file = "randers_udsatteraadet_2019-09-18.txt";
    await copyFile(join(MINUTES_DIR, file), join(minutesDir, file));
    await startWithHeldLlm(
      {
        ANSWER_WORKERS: "2",
        MINUTES_DIR: minutesDir,
        MINUTES_WATCH: "true",
        DATA_DIR: join(dataDir, "data"),
      },
      { watch: { debounceMs: 50, writeFinishMs: 100 } },
    );
    const held = chat as HoldingChatServer;
    const snapshots = join(dataDir, "data", ".answer-workers");
    expect(await readdir(snapshots)).toEqual(["corpus-1.json"]);

    const inFlight = ask(APPOINTED_QUESTION);
    await held.waitFor("the answer to reach the LLM", () => held.held() === 1);
    const original = await readFile(join(minutesDir, file), "utf8");
    await writeFile(
      join(minutesDir, file),
      original.replaceAll("Henrik Juncher", "Hanne Testesen"),
    );
    const deadline = Date.now() + 20_000;
    while ((await health()).corpus.generation !== 2) {
      if (Date.now() > deadline) throw new Error("timed out waiting for the new corpus");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // The old version stays while its question runs.
    expect((await readdir(snapshots)).sort()).toEqual(["corpus-1.json", "corpus-2.json"]);

    held.release(400, LLM_REFUSAL);
    const oldAnswer = await (await inFlight).json();
    expect(oldAnswer.text).toContain("Henrik Juncher");
    const newAnswer = await (await ask(APPOINTED_QUESTION)).json();
    expect(newAnswer.text).toContain("Hanne Testesen");
    expect(newAnswer.text).not.toContain("Henrik Juncher");
    // Retired and idle: the old version is dropped (its snapshot is removed without waiting).
    const removedBy = Date.now() + 20_000;
    while ((await readdir(snapshots)).length > 1) {
      if (Date.now() > removedBy) throw new Error("the old snapshot was not removed");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await readdir(snapshots)).toEqual(["corpus-2.json"]);
  });

  it("answers on the main thread with ANSWER_WORKERS=0", async () => {
    await start({ ANSWER_WORKERS: "0" });
    expect((await health()).answering).toEqual({ mode: "main-thread" });
    const response = await ask(ACT_QUESTION);
    expect(response.status).toBe(200);
    expect((await response.json()).text).toContain("Henrik Juncher");
  });
});
