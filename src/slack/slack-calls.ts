import { AppError } from "../shared/errors.ts";
import type { SlackMessage } from "./blocks.ts";
import type { WebClient } from "./bot-dependencies.ts";
import { type ThreadMessage, threadMessageSchema } from "./thread-history.ts";

/**
 * The few Slack Web API calls the bot makes, with Slack's failures turned into `slack_failed`
 * AppErrors that name the method and Slack's error string.
 */

export async function postMessage(
  client: WebClient,
  target: { channel: string; threadTs?: string | undefined },
  message: SlackMessage,
): Promise<string> {
  const response = await call("chat.postMessage", () =>
    client.chat.postMessage({
      channel: target.channel,
      text: message.text,
      blocks: message.blocks,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
  if (!response.ts) throw new AppError("slack_failed", "chat.postMessage returned no ts");
  return response.ts;
}

/** A message only `user` sees, in the channel (and thread) they wrote in. */
export async function postEphemeral(
  client: WebClient,
  target: { channel: string; user: string; threadTs?: string | undefined },
  message: SlackMessage,
): Promise<void> {
  await call("chat.postEphemeral", () =>
    client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text: message.text,
      blocks: message.blocks,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    }),
  );
}

export async function updateMessage(
  client: WebClient,
  target: { channel: string; ts: string },
  message: SlackMessage,
): Promise<void> {
  await call("chat.update", () =>
    client.chat.update({
      channel: target.channel,
      ts: target.ts,
      text: message.text,
      blocks: message.blocks,
    }),
  );
}

/** The thread's messages, oldest first (first page, up to 200: enough for a conversation). */
export async function readThread(
  client: WebClient,
  target: { channel: string; threadTs: string },
): Promise<ThreadMessage[]> {
  const response = await call("conversations.replies", () =>
    client.conversations.replies({ channel: target.channel, ts: target.threadTs, limit: 200 }),
  );
  const messages: ThreadMessage[] = [];
  for (const raw of response.messages ?? []) {
    const parsed = threadMessageSchema.safeParse(raw);
    if (parsed.success) messages.push(parsed.data);
  }
  return messages;
}

/** Top-level messages of a conversation before `beforeTs`, newest first (DM history). */
export async function readRecentMessages(
  client: WebClient,
  target: { channel: string; beforeTs: string; oldestTs: string; limit: number },
): Promise<ThreadMessage[]> {
  const response = await call("conversations.history", () =>
    client.conversations.history({
      channel: target.channel,
      latest: target.beforeTs,
      oldest: target.oldestTs,
      inclusive: false,
      limit: target.limit,
    }),
  );
  const messages: ThreadMessage[] = [];
  for (const raw of response.messages ?? []) {
    const parsed = threadMessageSchema.safeParse(raw);
    if (parsed.success) messages.push(parsed.data);
  }
  return messages;
}

async function call<T>(method: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const slackError = (error as { data?: { error?: unknown } }).data?.error;
    const detail = typeof slackError === "string" ? slackError : (error as Error).message;
    throw new AppError("slack_failed", `${method} failed: ${detail}`, { cause: error });
  }
}
