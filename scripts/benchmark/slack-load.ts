import type { FakeSlack } from "../../test/fakes/slack-web-api.ts";
import { loadSlackFixture, slackSignature } from "../../test/support/slack-signing.ts";
import { otherOutcomes, runBoundedLoad } from "./bounded-load.ts";
import type { SlackLoad } from "./figures.ts";
import { assertLoopback } from "./http-load.ts";
import { perSecond, round, summariseLatencies } from "./stats.ts";

/**
 * A bounded load of Slack Events API `app_mention` requests, built from Slack's published sample
 * (../shared/fixtures/slack/app_mention.json) and signed as Slack signs them (HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret), posted to the service's real
 * /slack/events receiver. The ack latency is the time to Slack's required 200; the replies are
 * the bot's chat.update calls (the answer replacing its placeholder) that reach the loopback
 * Slack Web API. Each load uses a channel of its own, so its replies are counted apart.
 */

export interface SlackLoadOptions {
  eventsUrl: string;
  signingSecret: string;
  slack: FakeSlack;
  questions: readonly string[];
  /** At most this many events. */
  events: number;
  concurrency: number;
  /** No new event after this. */
  timeLimitMs: number;
  /** Pause between two events of one poster (0: back to back). */
  intervalMs?: number;
  /** After the last ack, how long to wait for the bot's replies. */
  replyWaitMs: number;
  channel: string;
  requestTimeoutMs?: number;
}

const fixture = loadSlackFixture("app_mention.json");
const fixtureEvent = fixture.event as Record<string, unknown>;
/** Unique ts and event ids across every load of the run (the bot ignores a message it has seen). */
let eventNumber = 0;

export async function runSlackLoad(options: SlackLoadOptions): Promise<SlackLoad> {
  const url = new URL(options.eventsUrl);
  assertLoopback(url);
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const started = performance.now();
  const { issued, latencies, outcomes, wallMs, stoppedByTimeLimit } = await runBoundedLoad({
    questions: options.questions,
    count: options.events,
    concurrency: options.concurrency,
    timeLimitMs: options.timeLimitMs,
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    call: (question) =>
      postSigned(url, mentionBody(options, question), options.signingSecret, requestTimeoutMs),
  });
  const acked = outcomes["200"] ?? 0;
  const failures = otherOutcomes(outcomes, ["200"]);

  const replies = () =>
    options.slack.callsTo("chat.update").filter((call) => call.args.channel === options.channel);
  const waitUntil = performance.now() + options.replyWaitMs;
  while (replies().length < acked && performance.now() < waitUntil) {
    await new Promise((done) => setTimeout(done, 50));
  }
  const posted = replies();
  const repliesWallMs = performance.now() - started;
  return {
    concurrency: options.concurrency,
    events: issued,
    acked,
    failed: issued - acked,
    failures,
    wallMs: round(wallMs),
    acksPerSecond: perSecond(acked, wallMs),
    ack: summariseLatencies(latencies),
    replies: posted.length,
    failureReplies: posted.filter((call) => JSON.stringify(call.args).includes(":warning:")).length,
    repliesWallMs: round(repliesWallMs),
    repliesPerSecond: perSecond(posted.length, repliesWallMs),
    stoppedByTimeLimit,
  };
}

function mentionBody(options: SlackLoadOptions, question: string): string {
  eventNumber += 1;
  const ts = `${1_700_000_000 + eventNumber}.${String(eventNumber % 1_000_000).padStart(6, "0")}`;
  return JSON.stringify({
    ...fixture,
    event: {
      ...fixtureEvent,
      text: `<@${options.slack.botUserId}> ${question}`,
      ts,
      event_ts: ts,
      channel: options.channel,
    },
    event_id: `EvBENCH${String(eventNumber).padStart(8, "0")}`,
    event_time: Math.floor(Date.now() / 1000),
  });
}

/** Returns the status code as text, "timeout" or "error". */
async function postSigned(
  url: URL,
  rawBody: string,
  signingSecret: string,
  requestTimeoutMs: number,
): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": slackSignature(signingSecret, timestamp, rawBody),
      },
      body: rawBody,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch (error) {
    return error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error";
  }
}
