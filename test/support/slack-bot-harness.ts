import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import type { AnswerQuestion, Retriever, SummariseMeeting } from "../../src/answer/types.ts";
import { createHttpServer } from "../../src/http/index.ts";
import { createMeetingCatalog, type MeetingCatalog } from "../../src/minutes/catalog.ts";
import {
  createFileFeedbackRecorder,
  createSlackBot,
  type SlackBot,
  type SlackBotOptions,
  type SlackRequestListener,
} from "../../src/slack/index.ts";
import { scriptedAnswerQuestion, scriptedSummariseMeeting } from "../fakes/answer-functions.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import {
  blockActionsBody,
  eventCallbackBody,
  postSignedToSlack,
  type SignedPostOptions,
  type SignedPostResult,
  slashCommandBody,
} from "./slack-signing.ts";

/**
 * The Slack bot in HTTP mode, its request listener mounted in a plain node:http server on
 * 127.0.0.1:0, talking to a loopback Slack; pino log lines captured for assertions.
 */

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SlackHarness {
  slack: FakeSlack;
  bot: SlackBot;
  eventsUrl: string;
  feedbackPath: string;
  logs: LogLine[];
  postEvent(
    fixture: "app_mention.json" | "message_im.json",
    overrides: { event?: Record<string, unknown>; eventId?: string },
    options?: Partial<SignedPostOptions>,
  ): Promise<SignedPostResult>;
  postCommand(
    text: string,
    responseId: string,
    options?: Partial<SignedPostOptions>,
  ): Promise<SignedPostResult>;
  postAction(
    actionId: string,
    value: string,
    responseId: string,
    userId?: string,
  ): Promise<SignedPostResult>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  options: {
    answerQuestion?: AnswerQuestion;
    summariseMeeting?: SummariseMeeting;
    catalog?: MeetingCatalog;
    answerTimeoutMs?: number;
    logLevel?: string;
    publicBaseUrl?: string;
    /** Where the bot answers and how often (SlackBotOptions of the same names). */
    allowedChannels?: string[];
    allowDms?: boolean;
    questionsPerMinute?: number;
    /** Mount the listener in a plain node:http server, or in Referat's own HTTP server. */
    server?: "node" | "referat-http";
  } = {},
): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  const directory = await mkdtemp(join(tmpdir(), "referat-slack-"));
  const feedbackPath = join(directory, "feedback", "feedback.jsonl");
  const logs: LogLine[] = [];
  const logger = pino(
    { level: options.logLevel ?? "debug" },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString("utf8").split("\n"))
          if (line.trim()) logs.push(JSON.parse(line) as LogLine);
        callback();
      },
    }),
  );
  const botOptions: SlackBotOptions = {
    mode: "http",
    botToken: slack.botToken,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: slack.apiUrl,
    webApiRetries: 0,
    answerQuestion: options.answerQuestion ?? scriptedAnswerQuestion(),
    summariseMeeting: options.summariseMeeting ?? scriptedSummariseMeeting(),
    catalog: options.catalog ?? createMeetingCatalog([]),
    feedback: createFileFeedbackRecorder({ path: feedbackPath, logger }),
    logger,
    drainTimeoutMs: 2000,
  };
  if (options.answerTimeoutMs !== undefined) botOptions.answerTimeoutMs = options.answerTimeoutMs;
  if (options.publicBaseUrl !== undefined) botOptions.publicBaseUrl = options.publicBaseUrl;
  if (options.allowedChannels !== undefined) botOptions.allowedChannels = options.allowedChannels;
  if (options.allowDms !== undefined) botOptions.allowDms = options.allowDms;
  if (options.questionsPerMinute !== undefined)
    botOptions.questionsPerMinute = options.questionsPerMinute;
  const bot = await createSlackBot(botOptions);
  await bot.start();
  const listener = bot.requestListener;
  if (!listener) throw new Error("HTTP mode must expose a request listener");
  const mounted =
    options.server === "referat-http"
      ? await mountInReferatServer(listener, botOptions)
      : await mountInNodeServer(listener);
  const eventsUrl = `${mounted.url}/slack/events`;
  const signed = (extra: Partial<SignedPostOptions> = {}): SignedPostOptions => ({
    signingSecret: SIGNING_SECRET,
    contentType: "application/json",
    ...extra,
  });

  return {
    slack,
    bot,
    eventsUrl,
    feedbackPath,
    logs,
    postEvent: (fixture, overrides, extra) =>
      postSignedToSlack(eventsUrl, eventCallbackBody(fixture, overrides), signed(extra)),
    postCommand: (text, responseId, extra) =>
      postSignedToSlack(
        eventsUrl,
        slashCommandBody({
          command: "/referat",
          text,
          response_url: slack.responseUrl(responseId),
        }),
        signed({ contentType: "application/x-www-form-urlencoded", ...extra }),
      ),
    postAction: (actionId, value, responseId, userId) =>
      postSignedToSlack(
        eventsUrl,
        blockActionsBody({
          actionId,
          value,
          responseUrl: slack.responseUrl(responseId),
          ...(userId ? { userId } : {}),
        }),
        signed({ contentType: "application/x-www-form-urlencoded" }),
      ),
    async close() {
      await bot.stop();
      await mounted.close();
      await slack.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

interface Mounted {
  url: string;
  close(): Promise<void>;
}

async function mountInNodeServer(listener: SlackRequestListener): Promise<Mounted> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function mountInReferatServer(
  listener: SlackRequestListener,
  bot: SlackBotOptions,
): Promise<Mounted> {
  const retriever: Retriever = {
    retrieve: async () => [],
    status: () => ({ lexical: true, dense: false, denseReason: "test" }),
  };
  const server = createHttpServer({
    answerQuestion: bot.answerQuestion,
    summariseMeeting: bot.summariseMeeting,
    retriever,
    catalog: bot.catalog,
    readiness: () => ({
      indexLoaded: true,
      lexical: true,
      dense: false,
      llm: false,
      slack: "http",
    }),
    askRateLimitPerMinute: 1000,
    rateLimitPerMinute: 1000,
    bodyLimitBytes: 32_768,
    publicBaseUrl: "http://localhost:3000",
    slackRequestListener: listener,
    logger: bot.logger,
  });
  const { url } = await server.listen(0, "127.0.0.1");
  return { url, close: () => server.close() };
}
