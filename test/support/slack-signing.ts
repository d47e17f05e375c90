import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Slack's published payload shapes (../shared/fixtures/slack/) turned into requests signed
 * exactly as Slack signs them: X-Slack-Signature = "v0=" + hex HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret.
 */

export const SLACK_FIXTURES_DIR = join(import.meta.dirname, "../../../shared/fixtures/slack");

export function loadSlackFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SLACK_FIXTURES_DIR, name), "utf8")) as Record<
    string,
    unknown
  >;
}

export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** An Events API body from a fixture (app_mention.json, message_im.json) with parts replaced. */
export function eventCallbackBody(
  fixture: "app_mention.json" | "message_im.json",
  overrides: { event?: Record<string, unknown>; eventId?: string },
): string {
  const body = loadSlackFixture(fixture);
  const event = { ...(body.event as Record<string, unknown>), ...overrides.event };
  for (const [key, value] of Object.entries(event)) if (value === undefined) delete event[key];
  return JSON.stringify({
    ...body,
    event,
    ...(overrides.eventId ? { event_id: overrides.eventId } : {}),
  });
}

/** The slash-command fixture (one form field a line) with fields replaced, as the wire body. */
export function slashCommandBody(overrides: Record<string, string>): string {
  // Slack gives every invocation its own trigger_id; the fixture's one would repeat.
  const fields = { trigger_id: uniqueSlackId(), ...overrides };
  const lines = readFileSync(join(SLACK_FIXTURES_DIR, "slash_command.docs-example.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const params = new URLSearchParams(lines.join("").replace(/^&/, ""));
  for (const [key, value] of Object.entries(fields)) params.set(key, value);
  return params.toString();
}

/** A block_actions interaction from the fixture with a different action, as `payload=…`. */
export function blockActionsBody(overrides: {
  actionId: string;
  value: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
}): string {
  const payload = loadSlackFixture("block_actions.bolt-python.json");
  const [action] = payload.actions as Record<string, unknown>[];
  const user = {
    ...(payload.user as Record<string, unknown>),
    ...(overrides.userId ? { id: overrides.userId } : {}),
  };
  const channel = {
    ...(payload.channel as Record<string, unknown>),
    ...(overrides.channelId ? { id: overrides.channelId } : {}),
  };
  const body = {
    ...payload,
    user,
    channel,
    response_url: overrides.responseUrl,
    // Every click has its own trigger_id and action_ts; the fixture's would repeat.
    trigger_id: uniqueSlackId(),
    actions: [
      {
        ...action,
        action_id: overrides.actionId,
        value: overrides.value,
        action_ts: uniqueSlackTs(),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(body) }).toString();
}

let uniqueCounter = 0;

/** An id shaped like Slack's trigger_ids, different on every call. */
export function uniqueSlackId(): string {
  uniqueCounter += 1;
  return `${Date.now()}.${uniqueCounter}.${randomBytes(8).toString("hex")}`;
}

function uniqueSlackTs(): string {
  uniqueCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(uniqueCounter).padStart(6, "0")}`;
}

export interface SignedPostOptions {
  signingSecret: string;
  contentType: "application/json" | "application/x-www-form-urlencoded";
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Replaces the correct signature (to test rejection). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SignedPostResult {
  status: number;
  body: string;
  elapsedMs: number;
}

/** POSTs `rawBody` to `url` with Slack's signature headers, as Slack would. */
export async function postSignedToSlack(
  url: string,
  rawBody: string,
  options: SignedPostOptions,
): Promise<SignedPostResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const startedAt = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature":
        options.signature ?? slackSignature(options.signingSecret, timestamp, rawBody),
      ...options.headers,
    },
    body: rawBody,
  });
  const body = await response.text();
  return { status: response.status, body, elapsedMs: performance.now() - startedAt };
}
