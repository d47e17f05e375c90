import { randomUUID } from "node:crypto";
import type { App } from "@slack/bolt";
import { detectLanguage } from "../answer/language.ts";
import type { ConversationTurn, Language } from "../answer/types.ts";
import { describeError } from "../shared/errors.ts";
import type { BotDependencies, WebClient } from "./bot-dependencies.ts";
import { describeFailure, describeRefusal } from "./error-message.ts";
import { mentionsUser, slackTextToPlain } from "./mrkdwn.ts";
import { renderAnswer } from "./render-answer.ts";
import { renderHelp, renderNotice, renderPlaceholder } from "./render-notice.ts";
import {
  postEphemeral,
  postMessage,
  readRecentMessages,
  readThread,
  updateMessage,
} from "./slack-calls.ts";
import { type MessageEvent, messageEventSchema } from "./slack-payloads.ts";
import {
  type BotIdentity,
  botTookPart,
  type ThreadMessage,
  threadHistory,
} from "./thread-history.ts";
import { runWithTimeout } from "./with-timeout.ts";

type Surface = "mention" | "dm" | "thread";

interface Conversation {
  client: WebClient;
  bot: BotIdentity;
  surface: Surface;
  event: MessageEvent;
  /** Where the reply goes: the thread's root ts, or undefined for a top-level DM reply. */
  replyThreadTs: string | undefined;
  /** Already read when deciding whether to answer a thread follow-up. */
  thread?: ThreadMessage[];
}

/**
 * Mentions (reply in a thread under the question), direct messages (reply in the DM) and
 * follow-ups in threads the bot has answered in (answer with the earlier turns as history).
 */
export function registerConversationListeners(app: App, deps: BotDependencies): void {
  app.event("app_mention", async ({ event, context, client }) => {
    const parsed = messageEventSchema.safeParse(event);
    const bot = botIdentity(context);
    if (!parsed.success || !bot) return logIgnored(deps, "app_mention", "unreadable event");
    const mention = parsed.data;
    if (mention.bot_id !== undefined || mention.user === undefined) return;
    if (!deps.seen.addIfAbsent(messageKey(mention), true)) return;
    deps.runInBackground(() =>
      answerInConversation(deps, {
        client,
        bot,
        surface: "mention",
        event: mention,
        replyThreadTs: mention.thread_ts ?? mention.ts,
      }),
    );
  });

  app.event("message", async ({ event, context, client }) => {
    const parsed = messageEventSchema.safeParse(event);
    const bot = botIdentity(context);
    if (!parsed.success || !bot) return logIgnored(deps, "message", "unreadable event");
    const message = parsed.data;
    if (!isPersonMessage(message, bot)) return;

    if (message.channel_type === "im") {
      if (!deps.seen.addIfAbsent(messageKey(message), true)) return;
      deps.runInBackground(() =>
        answerInConversation(deps, {
          client,
          bot,
          surface: "dm",
          event: message,
          replyThreadTs: message.thread_ts,
        }),
      );
      return;
    }

    // In channels only thread replies without a mention (app_mention covers those) concern us.
    const threadTs = message.thread_ts;
    if (threadTs === undefined || threadTs === message.ts) return;
    if (mentionsUser(message.text ?? "", bot.userId)) return;
    deps.runInBackground(async () => {
      let thread: ThreadMessage[];
      try {
        thread = await readThread(client, { channel: message.channel, threadTs });
      } catch (error) {
        deps.logger.warn(
          { channel: message.channel, error: describeError(error) },
          "could not read thread",
        );
        return;
      }
      if (!botTookPart(thread, bot)) return;
      if (!deps.seen.addIfAbsent(messageKey(message), true)) return;
      await answerInConversation(deps, {
        client,
        bot,
        surface: "thread",
        event: message,
        replyThreadTs: threadTs,
        thread,
      });
    });
  });
}

/** People's own new messages: not the bot, not other bots, not edits, joins or deletions. */
function isPersonMessage(message: MessageEvent, bot: BotIdentity): boolean {
  if (message.subtype !== undefined && message.subtype !== "thread_broadcast") return false;
  if (message.bot_id !== undefined || message.user === undefined) return false;
  return message.user !== bot.userId;
}

async function answerInConversation(
  deps: BotDependencies,
  conversation: Conversation,
): Promise<void> {
  const { client, bot, event, surface } = conversation;
  const question = slackTextToPlain(event.text ?? "", bot.userId);
  const language = detectLanguage(question);
  const target = { channel: event.channel, threadTs: conversation.replyThreadTs };

  const place = deps.gate.place({ channelId: event.channel, isDm: surface === "dm" });
  if (place !== "ok") return tellAsker(deps, conversation, place, language);

  if (question === "") {
    await postMessage(client, target, renderHelp(language)).catch((error: unknown) =>
      deps.logger.error(
        { surface, code: "slack_failed", error: describeError(error) },
        "could not post help",
      ),
    );
    return;
  }

  const admitted = deps.gate.admit(event.user ?? "", question);
  if (!admitted.ok) {
    if (admitted.reason === "rate_limited" && !admitted.firstInWindow) {
      deps.logger.info({ surface, reason: admitted.reason }, "question refused, already told");
      return;
    }
    return tellAsker(deps, conversation, admitted, language);
  }

  const questionId = randomUUID();
  const startedAt = performance.now();
  deps.logger.info({ questionId, surface, channel: event.channel, language }, "question received");
  deps.logger.debug({ questionId, question }, "question text");

  let placeholderTs: string;
  try {
    placeholderTs = await postMessage(client, target, renderPlaceholder(language));
  } catch (error) {
    deps.logger.error(
      { questionId, surface, code: "slack_failed", error: describeError(error) },
      "could not post placeholder",
    );
    return;
  }

  try {
    const history = await historyFor(deps, conversation, questionId);
    const viewer = await deps.viewerOf(
      { channelId: event.channel, userId: event.user ?? "", direct: surface === "dm" },
      client,
    );
    const answer = await runWithTimeout(
      (signal) => deps.answerQuestion(question, { history, viewer, signal }),
      { timeoutMs: deps.answerTimeoutMs, signal: deps.shutdownSignal },
    );
    deps.answers.set(questionId, { kind: "answer", question, language: answer.language, answer });
    const [first, ...rest] = renderAnswer(answer, { questionId, shareable: false });
    if (first) await updateMessage(client, { channel: event.channel, ts: placeholderTs }, first);
    for (const message of rest) {
      await postMessage(
        client,
        { channel: event.channel, threadTs: target.threadTs ?? placeholderTs },
        message,
      );
    }
    deps.logger.info(
      {
        questionId,
        surface,
        mode: answer.mode,
        abstained: answer.abstained,
        citations: answer.citations.length,
        historyTurns: history.length,
        messages: rest.length + 1,
        durationMs: Math.round(performance.now() - startedAt),
      },
      "answer posted",
    );
  } catch (error) {
    const failure = describeFailure(error, language);
    deps.logger.error(
      {
        questionId,
        surface,
        code: failure.code,
        error: describeError(error),
        durationMs: Math.round(performance.now() - startedAt),
      },
      "answering failed",
    );
    const notice = renderNotice(`:warning: ${failure.text}`);
    try {
      await updateMessage(client, { channel: event.channel, ts: placeholderTs }, notice);
    } catch {
      await postMessage(client, target, notice).catch((postError: unknown) =>
        deps.logger.error(
          { questionId, code: "slack_failed", error: describeError(postError) },
          "could not tell the user about the failure",
        ),
      );
    }
  }
}

/**
 * Why the question is not answered, told to the asker alone: in the DM, or as an ephemeral
 * message in the channel (a notice for everyone would let one person make the bot spam it).
 */
async function tellAsker(
  deps: BotDependencies,
  conversation: Conversation,
  refusal: Parameters<typeof describeRefusal>[0],
  language: Language,
): Promise<void> {
  const { client, event, surface } = conversation;
  const reason = typeof refusal === "string" ? refusal : refusal.reason;
  deps.logger.info({ surface, channel: event.channel, reason }, "question refused");
  const notice = renderNotice(describeRefusal(refusal, language, { dmsAllowed: deps.allowDms }));
  try {
    if (surface === "dm") {
      await postMessage(
        client,
        { channel: event.channel, threadTs: conversation.replyThreadTs },
        notice,
      );
    } else {
      await postEphemeral(
        client,
        { channel: event.channel, user: event.user ?? "", threadTs: conversation.replyThreadTs },
        notice,
      );
    }
  } catch (error) {
    deps.logger.error(
      { surface, reason, code: "slack_failed", error: describeError(error) },
      "could not tell the asker why there is no answer",
    );
  }
}

/** A DM message this long after the previous one starts a new conversation. */
export const DM_CONVERSATION_WINDOW_SECONDS = 30 * 60;
const DM_HISTORY_MESSAGES = 12;

/**
 * Earlier turns: the thread's, or in a DM outside threads the last half hour of messages.
 * History that cannot be read only costs the history, not the answer.
 */
async function historyFor(
  deps: BotDependencies,
  conversation: Conversation,
  questionId: string,
): Promise<ConversationTurn[]> {
  const threadTs = conversation.event.thread_ts;
  if (threadTs === undefined) {
    if (conversation.surface !== "dm") return [];
    try {
      const recent = await readRecentMessages(conversation.client, {
        channel: conversation.event.channel,
        beforeTs: conversation.event.ts,
        oldestTs: String(
          Math.floor(Number(conversation.event.ts)) - DM_CONVERSATION_WINDOW_SECONDS,
        ),
        limit: DM_HISTORY_MESSAGES,
      });
      const topLevel = recent.filter(
        (message) => message.thread_ts === undefined || message.thread_ts === message.ts,
      );
      return threadHistory(topLevel, { bot: conversation.bot, beforeTs: conversation.event.ts });
    } catch (error) {
      deps.logger.warn(
        { questionId, code: "slack_failed", error: describeError(error) },
        "DM history unavailable",
      );
      return [];
    }
  }
  let thread = conversation.thread;
  if (!thread) {
    try {
      thread = await readThread(conversation.client, {
        channel: conversation.event.channel,
        threadTs,
      });
    } catch (error) {
      deps.logger.warn(
        { questionId, code: "slack_failed", error: describeError(error) },
        "thread history unavailable",
      );
      return [];
    }
  }
  return threadHistory(thread, { bot: conversation.bot, beforeTs: conversation.event.ts });
}

function botIdentity(context: { botUserId?: string; botId?: string }): BotIdentity | undefined {
  if (!context.botUserId) return undefined;
  return context.botId
    ? { userId: context.botUserId, botId: context.botId }
    : { userId: context.botUserId };
}

function messageKey(message: MessageEvent): string {
  return `message:${message.channel}:${message.ts}`;
}

function logIgnored(deps: BotDependencies, eventType: string, reason: string): void {
  deps.logger.warn({ eventType, code: "bad_request", reason }, "Slack event ignored");
}
