import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import type { AnswerQuestion, SummariseMeeting } from "../../src/answer/types.ts";
import { createMeetingCatalog, type MeetingCatalog } from "../../src/minutes/catalog.ts";
import {
  createFileFeedbackRecorder,
  createSlackBot,
  type SlackBot,
  type SlackBotOptions,
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
  const bot = await createSlackBot(botOptions);
  await bot.start();
  const listener = bot.requestListener;
  if (!listener) throw new Error("HTTP mode must expose a request listener");
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
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
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slack.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
