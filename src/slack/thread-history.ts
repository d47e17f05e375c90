import { z } from "zod";
import type { ConversationTurn } from "../answer/types.ts";
import { labelsFor } from "./labels.ts";
import { slackTextToPlain } from "./mrkdwn.ts";

/** The fields of a `conversations.replies` message that history needs; the rest is ignored. */
export const threadMessageSchema = z.object({
  ts: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().optional(),
});
export type ThreadMessage = z.infer<typeof threadMessageSchema>;

export const MAX_HISTORY_TURNS = 12;

export interface BotIdentity {
  userId: string;
  botId?: string;
}

/** Placeholder and continuation messages the bot posts are not turns of the conversation. */
const TRANSIENT_BOT_TEXTS = new Set(
  (["da", "en"] as const).flatMap((language) => {
    const labels = labelsFor(language);
    return [labels.lookingInMinutes, labels.summarising, labels.continued].flatMap((text) => [
      text,
      `_${text}_`,
    ]);
  }),
);

export function isOwnMessage(message: ThreadMessage, bot: BotIdentity): boolean {
  return message.user === bot.userId || (bot.botId !== undefined && message.bot_id === bot.botId);
}

export function botTookPart(messages: readonly ThreadMessage[], bot: BotIdentity): boolean {
  return messages.some((message) => isOwnMessage(message, bot));
}

/**
 * The turns of a thread before `beforeTs`, oldest first: people's messages as user turns (the
 * bot's mention removed), the bot's answers as assistant turns; other bots, edits, joins and
 * placeholders are left out. Only the last `maxTurns` are kept.
 */
export function threadHistory(
  messages: readonly ThreadMessage[],
  options: { bot: BotIdentity; beforeTs: string; maxTurns?: number },
): ConversationTurn[] {
  const before = Number(options.beforeTs);
  const turns: ConversationTurn[] = [];
  const ordered = [...messages]
    .filter((message) => Number(message.ts) < before)
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  for (const message of ordered) {
    const text = slackTextToPlain(message.text ?? "", options.bot.userId);
    if (text === "") continue;
    if (isOwnMessage(message, options.bot)) {
      if (!TRANSIENT_BOT_TEXTS.has(text)) turns.push({ role: "assistant", text });
      continue;
    }
    if (message.bot_id !== undefined) continue;
    if (message.subtype !== undefined && message.subtype !== "thread_broadcast") continue;
    if (message.user === undefined) continue;
    turns.push({ role: "user", text });
  }
  return turns.slice(-(options.maxTurns ?? MAX_HISTORY_TURNS));
}
