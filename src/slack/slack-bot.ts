import { setMaxListeners } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { AnswerQuestion, SummariseMeeting } from "../answer/types.ts";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import { AppError, describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { registerActionListeners } from "./action-listeners.ts";
import { createBoltLogger } from "./bolt-logger.ts";
import type { BotDependencies, StoredAnswer } from "./bot-dependencies.ts";
import { BoundedCache } from "./bounded-cache.ts";
import { registerReferatCommand } from "./command-listener.ts";
import { registerConversationListeners } from "./conversation-listeners.ts";
import type { FeedbackRecorder } from "./feedback.ts";
import { createQuestionGate, DEFAULT_QUESTIONS_PER_MINUTE } from "./question-gate.ts";
import { registerReplayGuard, requestSignatureOf } from "./replay-guard.ts";
import { DEFAULT_SLACK_BODY_LIMIT_BYTES, guardSlackRequests } from "./request-guard.ts";
import { createSlackViewers } from "./slack-viewers.ts";

export const SLACK_EVENTS_PATH = "/slack/events";
export const DEFAULT_ANSWER_TIMEOUT_MS = 60_000;
/** How long stop() lets answers in progress finish before aborting them. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export type SlackRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface SlackBotOptions {
  mode: "socket" | "http";
  botToken: string;
  /** Socket Mode: the app-level token (xapp-…). */
  appToken?: string;
  /** HTTP mode: the signing secret that verifies Slack's requests. */
  signingSecret?: string;
  /** HTTP mode: larger bodies get 413 before they are read. */
  bodyLimitBytes?: number;
  /** Base URL of the Slack Web API (Enterprise Grid proxies, tests); Slack's own by default. */
  slackApiUrl?: string;
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  catalog: MeetingCatalog;
  feedback: FeedbackRecorder;
  logger: Logger;
  /** Channel ids the bot answers in; empty or omitted: every channel it is in. */
  allowedChannels?: string[];
  /** Whether direct messages are answered; true by default. */
  allowDms?: boolean;
  /** Questions one person may ask a minute (mentions, DMs, commands together). */
  questionsPerMinute?: number;
  /** Links in `/referat møder` point here (source pages); omitted, meetings are listed unlinked. */
  publicBaseUrl?: string;
  /** The link that opens an internal meeting's page (signed); public ones are linked as they are. */
  signMeetingLink?: (url: string, meetingId: string) => string;
  answerTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** Retries of failed Web API calls; 0 in tests. */
  webApiRetries?: number;
  socketMode?: {
    clientPingTimeoutMs?: number;
    serverPingTimeoutMs?: number;
    autoReconnect?: boolean;
  };
}

export interface SlackBot {
  readonly mode: "socket" | "http";
  /** HTTP mode: handles POST /slack/events (events, commands, interactions); null in Socket Mode. */
  readonly requestListener: SlackRequestListener | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Slack app on Bolt. Checks the bot token (auth.test) before returning. In HTTP mode it does
 * not listen itself: the HTTP server routes /slack/events to `requestListener`. In Socket Mode,
 * start() opens the WebSocket.
 */
export async function createSlackBot(options: SlackBotOptions): Promise<SlackBot> {
  const logger = options.logger.child({ component: "slack" });
  const boltLogger = createBoltLogger(logger);
  const clientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: withTrailingSlash(options.slackApiUrl) } : {}),
    retryConfig: { retries: options.webApiRetries ?? 3, factor: 2 },
  };

  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_SLACK_BODY_LIMIT_BYTES;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (options.mode === "http") {
    if (!options.signingSecret) {
      throw new AppError(
        "config_invalid",
        "Slack HTTP mode needs a signing secret (SLACK_SIGNING_SECRET)",
      );
    }
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: boltLogger,
      bodyLimit: bodyLimitBytes,
      customPropertiesExtractor: requestSignatureOf,
    });
  } else {
    if (!options.appToken) {
      throw new AppError(
        "config_invalid",
        "Slack Socket Mode needs an app-level token (SLACK_APP_TOKEN)",
      );
    }
    const socket = options.socketMode ?? {};
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions },
      ...(socket.clientPingTimeoutMs !== undefined
        ? { clientPingTimeout: socket.clientPingTimeoutMs }
        : {}),
      ...(socket.serverPingTimeoutMs !== undefined
        ? { serverPingTimeout: socket.serverPingTimeoutMs }
        : {}),
      ...(socket.autoReconnect !== undefined ? { autoReconnectEnabled: socket.autoReconnect } : {}),
    });
  }

  const app = new App({
    token: options.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    deferInitialization: true,
    ignoreSelf: true,
    convoStore: false,
  });
  try {
    await app.init();
  } catch (error) {
    throw new AppError(
      "slack_failed",
      `Slack rejected the bot token or is unreachable (auth.test): ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }

  const shutdown = new AbortController();
  // Every answer in progress listens for shutdown; many at once is normal, not a leak.
  setMaxListeners(0, shutdown.signal);
  const inFlight = new Set<Promise<void>>();
  const deps: BotDependencies = {
    answerQuestion: options.answerQuestion,
    summariseMeeting: options.summariseMeeting,
    catalog: options.catalog,
    feedback: options.feedback,
    logger,
    answerTimeoutMs: options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS,
    publicBaseUrl: options.publicBaseUrl,
    signMeetingLink: options.signMeetingLink ?? ((url) => url),
    viewerOf: createSlackViewers({ logger }),
    answers: new BoundedCache<StoredAnswer>({ maxEntries: 1000, ttlMs: 2 * 60 * 60 * 1000 }),
    seen: new BoundedCache<true>({ maxEntries: 5000, ttlMs: 60 * 60 * 1000 }),
    gate: createQuestionGate({
      allowedChannels: options.allowedChannels ?? [],
      allowDms: options.allowDms ?? true,
      questionsPerMinute: options.questionsPerMinute ?? DEFAULT_QUESTIONS_PER_MINUTE,
    }),
    allowDms: options.allowDms ?? true,
    shutdownSignal: shutdown.signal,
    runInBackground(work) {
      const task = work().catch((error: unknown) =>
        logger.error(
          { code: "internal_error", error: describeError(error) },
          "background work failed",
        ),
      );
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    },
  };

  registerReplayGuard(app, deps.seen, logger);
  registerConversationListeners(app, deps);
  registerReferatCommand(app, deps);
  registerActionListeners(app, deps);
  app.error(async (error) => {
    logger.error(
      { code: error.code ?? "slack_failed", error: describeError(error) },
      "Slack listener error",
    );
  });

  const requestListener: SlackRequestListener | null =
    receiver instanceof HTTPReceiver
      ? guardSlackRequests(routeToReceiver(receiver, logger), { bodyLimitBytes, logger })
      : null;
  let started = false;

  return {
    mode: options.mode,
    requestListener,
    async start() {
      if (started) return;
      if (options.mode === "socket") {
        try {
          await app.start();
        } catch (error) {
          throw new AppError(
            "slack_failed",
            `Slack Socket Mode connection failed: ${describeError(error)}`,
            {
              cause: error,
            },
          );
        }
      }
      started = true;
      logger.info(
        { mode: options.mode },
        options.mode === "socket"
          ? "Slack connected (Socket Mode)"
          : `Slack ready at ${SLACK_EVENTS_PATH}`,
      );
    },
    async stop() {
      if (started && options.mode === "socket")
        await app.stop().catch((error: unknown) => {
          logger.warn(
            { code: "slack_failed", error: describeError(error) },
            "Socket Mode disconnect failed",
          );
        });
      started = false;
      await drain(inFlight, options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
      if (inFlight.size > 0) {
        shutdown.abort(new AppError("slack_failed", "Slack bot stopping"));
        await Promise.allSettled(inFlight);
      }
      logger.info({ mode: options.mode }, "Slack stopped");
    },
  };
}

/** Bolt throws for paths it does not own; answer those with 404 rather than crash the server. */
function routeToReceiver(receiver: HTTPReceiver, logger: Logger): SlackRequestListener {
  return (request, response) => {
    try {
      receiver.requestListener(request, response);
    } catch (error) {
      logger.debug({ path: request.url, error: describeError(error) }, "not a Slack request");
      if (!response.headersSent) {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: "not_found" }));
      }
    }
  };
}

async function drain(tasks: Set<Promise<void>>, timeoutMs: number): Promise<void> {
  if (tasks.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(tasks),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
