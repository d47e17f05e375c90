import type { IncomingMessage } from "node:http";
import type { App } from "@slack/bolt";
import type { Logger } from "../shared/logger.ts";
import type { BoundedCache } from "./bounded-cache.ts";

/**
 * Each request from Slack acts once. Slack retries an event it thinks went unanswered (its
 * event_id repeats); anyone who saw a signed request can post it again while its timestamp is
 * within the five-minute window (its signature repeats); and a command or click has ids of its
 * own (trigger_id, action_ts) that a repeat carries too. A repeat is acknowledged and dropped.
 * `seen` must remember keys for longer than the ten minutes (five each way) a signed request
 * is accepted in.
 */

/** Bolt's HTTP receiver puts this into every listener's context. */
export function requestSignatureOf(request: IncomingMessage): { requestSignature?: string } {
  const signature = request.headers["x-slack-signature"];
  return typeof signature === "string" ? { requestSignature: signature } : {};
}

export function registerReplayGuard(app: App, seen: BoundedCache<true>, logger: Logger): void {
  app.use(async (args) => {
    const { body, context, next } = args;
    const keys = requestKeys(body as Record<string, unknown>, context.requestSignature);
    if (keys.length > 0 && keys.some((key) => seen.has(key))) {
      const isEvent = keys[0]?.startsWith("event:") === true;
      logger.info(
        { retryNum: context.retryNum, retryReason: context.retryReason },
        isEvent ? "repeated Slack event ignored" : "repeated Slack request ignored",
      );
      if ("ack" in args && typeof args.ack === "function") await args.ack();
      return;
    }
    for (const key of keys) seen.set(key, true);
    await next();
  });
}

/** What identifies this request: its event id, its signature, its command's or click's ids. */
export function requestKeys(body: Record<string, unknown>, signature: unknown): string[] {
  const keys: string[] = [];
  if (typeof body.event_id === "string") keys.push(`event:${body.event_id}`);
  // An event's retry is signed anew; its event_id is what repeats.
  else if (typeof signature === "string") keys.push(`signature:${signature}`);
  if (typeof body.command === "string" && typeof body.trigger_id === "string")
    keys.push(`command:${body.command}:${body.trigger_id}`);
  if (body.type === "block_actions") {
    const user = (body.user as { id?: unknown } | undefined)?.id;
    const [action] = Array.isArray(body.actions) ? (body.actions as Record<string, unknown>[]) : [];
    if (typeof user === "string" && action && typeof action.action_ts === "string")
      keys.push(`action:${user}:${String(action.action_id)}:${action.action_ts}`);
  }
  return keys;
}
