import type { ChildProcess } from "node:child_process";
import { startFakeSlack } from "../../test/fakes/slack-web-api.ts";
import type { AskLoad, ServiceFigures, SlackLoad } from "./figures.ts";
import { ask, runHttpLoad } from "./http-load.ts";
import type { DriverMessage, ServeMessage } from "./serve-worker.ts";
import { runSlackLoad } from "./slack-load.ts";
import { megabytes, round, summariseLatencies } from "./stats.ts";
import { classify, forkWorker, StageError, type WorkerLimits } from "./worker-process.ts";

/**
 * The service stage, driven from the benchmark's own process: a fresh process starts the
 * application over the DATA_DIR built (Slack in HTTP mode against a loopback Slack Web API in
 * this process), then this process measures the first question and warm ones, `POST /api/ask` at
 * each concurrency, Slack events at each concurrency, Slack acks while /api/ask is loaded at the
 * highest concurrency, and the service's memory after all that. Every load is bounded in count
 * and time, on 127.0.0.1 only.
 */

export interface ServiceLoadSettings {
  questions: readonly string[];
  chunks: number;
  /** POST /api/ask requests per concurrency level, at most. */
  requests: number;
  concurrencies: readonly number[];
  /** Per load: no new request after this. */
  loadSeconds: number;
  /** Slack events per concurrency level, at most. */
  slackEvents: number;
  /** Pause between the events posted while /api/ask is loaded. */
  slackIntervalMs: number;
  /** How long to wait for the bot's replies after a Slack load. */
  replyWaitSeconds: number;
  /** Times the first question is asked again, warm. */
  warmRepeats: number;
}

const SIGNING_SECRET = "benchmark-signing-secret";
const FIRST_QUESTION_TIMEOUT_MS = 600_000;

export async function measureService(
  env: Record<string, string>,
  settings: ServiceLoadSettings,
  limits: WorkerLimits,
): Promise<ServiceFigures> {
  const [firstQuestion] = settings.questions;
  if (firstQuestion === undefined) throw new Error("the service stage needs a question");
  const slack = await startFakeSlack();
  const spawned = performance.now();
  const child = forkWorker(
    {
      kind: "serve",
      env: {
        ...env,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
      },
    },
    limits,
  );
  const service = watchService(child, limits);
  const deadline = setTimeout(() => service.timedOut(), limits.timeoutMs);
  try {
    const listening = await service.next("listening");
    const processToListeningMs = performance.now() - spawned;
    const { url } = listening;

    // The first question may build whatever the service builds lazily: it gets the time it takes.
    const firstStarted = performance.now();
    const firstOutcome = await service.during(ask(url, firstQuestion, FIRST_QUESTION_TIMEOUT_MS));
    const firstQuestionMs = performance.now() - firstStarted;
    if (firstOutcome !== "ok") {
      throw new Error(
        `the first question failed (${firstOutcome}) after ${Math.round(firstQuestionMs)} ms`,
      );
    }
    const warm: number[] = [];
    for (let repeat = 0; repeat < settings.warmRepeats; repeat += 1) {
      const started = performance.now();
      await service.during(ask(url, firstQuestion));
      warm.push(performance.now() - started);
    }

    const loadLimits = { questions: settings.questions, timeLimitMs: settings.loadSeconds * 1000 };
    const askLoads: AskLoad[] = [];
    for (const concurrency of settings.concurrencies) {
      askLoads.push(
        await service.during(
          runHttpLoad({ baseUrl: url, requests: settings.requests, concurrency, ...loadLimits }),
        ),
      );
    }

    const eventsUrl = new URL("/slack/events", url).href;
    const slackLoad = (
      channel: string,
      concurrency: number,
      extra: { intervalMs?: number; timeLimitMs?: number } = {},
    ) =>
      runSlackLoad({
        eventsUrl,
        signingSecret: SIGNING_SECRET,
        slack,
        channel,
        concurrency,
        events: settings.slackEvents,
        replyWaitMs: settings.replyWaitSeconds * 1000,
        ...loadLimits,
        ...extra,
      });
    const slackLoads: SlackLoad[] = [];
    for (const concurrency of settings.concurrencies) {
      slackLoads.push(await service.during(slackLoad(`CBENCHC${concurrency}`, concurrency)));
    }

    const saturating = Math.max(...settings.concurrencies);
    const [askUnderLoad, slackUnderLoad] = await service.during(
      Promise.all([
        runHttpLoad({
          baseUrl: url,
          // Bounded by time; the count only caps a runaway.
          requests: settings.requests * 100,
          concurrency: saturating,
          ...loadLimits,
        }),
        // Starts once the ask load is under way and stops before it does.
        delay(Math.min(1000, settings.loadSeconds * 100)).then(() =>
          slackLoad("CBENCHUNDERLOAD", 1, {
            intervalMs: settings.slackIntervalMs,
            timeLimitMs: settings.loadSeconds * 800,
          }),
        ),
      ]),
    );

    service.send({ type: "memory" });
    const memory = await service.next("memory");
    const listeningBaseline = listening.baselineRssBytes;
    const grownBytes = memory.rssBytes - listeningBaseline;
    service.send({ type: "stop" });
    await service.next("stopped");

    return {
      processToListeningMs: round(processToListeningMs),
      startMs: round(listening.startMs),
      firstQuestionMs: round(firstQuestionMs),
      warmQuestion: summariseLatencies(warm),
      ask: askLoads,
      slack: slackLoads,
      slackUnderAskLoad: { ask: askUnderLoad, slack: slackUnderLoad },
      memory: {
        baselineRssMb: megabytes(listeningBaseline),
        afterLoadRssMb: megabytes(memory.rssBytes),
        afterLoadHeapUsedMb: megabytes(memory.heapUsedBytes),
        peakRssMb: megabytes(memory.peakRssBytes),
        chunks: settings.chunks,
        rssPerHundredThousandChunksMb:
          settings.chunks > 0 ? megabytes((grownBytes / settings.chunks) * 100_000) : 0,
        bytesPerChunk: settings.chunks > 0 ? Math.round(grownBytes / settings.chunks) : 0,
      },
    };
  } finally {
    clearTimeout(deadline);
    service.kill();
    await slack.close();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * The service process as promises: the next message of a type, or any step raced against the
 * process dying (out of memory, a crash) or the stage's time limit.
 */
function watchService(child: ChildProcess, limits: WorkerLimits) {
  let stderr = "";
  child.stderr?.on("data", (data: Buffer) => {
    stderr = (stderr + data.toString("utf8")).slice(-20_000);
  });
  let fail: (error: StageError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  let stopping = false;
  child.on("exit", (code, signal) => {
    if (stopping && code === 0) return;
    const error = { message: `exited with ${signal ?? `code ${code}`}`, signal };
    fail(new StageError(classify("service", error, stderr, limits)));
  });
  const messages: ServeMessage[] = [];
  const waiting: { type: ServeMessage["type"]; resolve: (message: ServeMessage) => void }[] = [];
  child.on("message", (message: ServeMessage) => {
    const waiter = waiting.findIndex((entry) => entry.type === message.type);
    if (waiter >= 0) waiting.splice(waiter, 1)[0]?.resolve(message);
    else messages.push(message);
  });

  const during = <T>(work: Promise<T>): Promise<T> => Promise.race([work, failed]);
  return {
    during,
    next<Type extends ServeMessage["type"]>(
      type: Type,
    ): Promise<Extract<ServeMessage, { type: Type }>> {
      if (type === "stopped") stopping = true;
      const queued = messages.findIndex((message) => message.type === type);
      if (queued >= 0) {
        return Promise.resolve(
          messages.splice(queued, 1)[0] as Extract<ServeMessage, { type: Type }>,
        );
      }
      return during(
        new Promise((resolve) =>
          waiting.push({ type, resolve: resolve as (message: ServeMessage) => void }),
        ),
      );
    },
    send(message: DriverMessage) {
      child.send(message);
    },
    timedOut() {
      fail(
        new StageError({
          stage: "service",
          kind: "timeout",
          message: `did not finish within ${Math.round(limits.timeoutMs / 1000)} s (stopped)`,
        }),
      );
      child.kill("SIGKILL");
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
