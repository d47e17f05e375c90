import { randomUUID } from "node:crypto";
import type { App, RespondFn } from "@slack/bolt";
import type { Language } from "../answer/types.ts";
import type { Viewer } from "../minutes/visibility.ts";
import { describeError } from "../shared/errors.ts";
import type { SlackMessage } from "./blocks.ts";
import type { BotDependencies, StoredAnswer } from "./bot-dependencies.ts";
import { describeFailure, describeRefusal } from "./error-message.ts";
import { parseReferatCommand, type ReferatCommand } from "./parse-command.ts";
import { renderAnswer } from "./render-answer.ts";
import { renderMeetings } from "./render-meetings.ts";
import { renderHelp, renderNotice, renderPlaceholder } from "./render-notice.ts";
import { renderSummary } from "./render-summary.ts";
import { runWithTimeout } from "./with-timeout.ts";

export const COMMAND_NAME = "/referat";

/**
 * `/referat <question>`, `/referat resume|summary <meeting>`, `/referat møder|meetings`,
 * `/referat hjælp|help`. Acknowledged at once; answers go to the asker only (response_url),
 * with a button to share them in the channel.
 */
export function registerReferatCommand(app: App, deps: BotDependencies): void {
  app.command(COMMAND_NAME, async ({ command, ack, respond, client }) => {
    const parsed = parseReferatCommand(command.text ?? "");
    deps.logger.info(
      { command: parsed.kind, language: parsed.language, channel: command.channel_id },
      "command received",
    );

    const isDm = command.channel_id.startsWith("D") || command.channel_name === "directmessage";
    const place = deps.gate.place({ channelId: command.channel_id, isDm });
    if (place !== "ok") {
      deps.logger.info({ surface: "command", reason: place }, "question refused");
      await ack({ response_type: "ephemeral", ...refusalNotice(deps, place, parsed.language) });
      return;
    }

    if (parsed.kind === "help") {
      await ack({ response_type: "ephemeral", ...renderHelp(parsed.language) });
      return;
    }
    // In a channel the answer may be shared there: it is for what the channel may see.
    const viewerOfCommand = () =>
      deps.viewerOf(
        { channelId: command.channel_id, userId: command.user_id, direct: isDm },
        client,
      );
    if (parsed.kind === "meetings") {
      const meetings = deps.catalog
        .visibleTo(await viewerOfCommand())
        .list(parsed.body ? { body: parsed.body } : undefined);
      const [first, ...rest] = renderMeetings(meetings, {
        language: parsed.language,
        ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl } : {}),
        signLink: deps.signMeetingLink,
      });
      await ack({ response_type: "ephemeral", ...(first ?? renderHelp(parsed.language)) });
      if (rest.length > 0) deps.runInBackground(() => respondAll(deps, respond, rest));
      return;
    }

    const admitted = deps.gate.admit(
      command.user_id,
      parsed.kind === "question" ? parsed.question : parsed.reference,
    );
    if (!admitted.ok) {
      deps.logger.info({ surface: "command", reason: admitted.reason }, "question refused");
      await ack({ response_type: "ephemeral", ...refusalNotice(deps, admitted, parsed.language) });
      return;
    }

    await ack({
      response_type: "ephemeral",
      ...renderPlaceholder(parsed.language, parsed.kind === "summary"),
    });
    deps.runInBackground(async () =>
      answerCommand(
        deps,
        parsed,
        { userId: command.user_id, viewer: await viewerOfCommand() },
        respond,
      ),
    );
  });
}

function refusalNotice(
  deps: BotDependencies,
  refusal: Parameters<typeof describeRefusal>[0],
  language: Language,
): SlackMessage {
  return renderNotice(describeRefusal(refusal, language, { dmsAllowed: deps.allowDms }));
}

async function answerCommand(
  deps: BotDependencies,
  command: Extract<ReferatCommand, { kind: "question" | "summary" }>,
  asker: { userId: string; viewer: Viewer },
  respond: RespondFn,
): Promise<void> {
  const { userId, viewer } = asker;
  const questionId = randomUUID();
  const startedAt = performance.now();
  const text = command.kind === "question" ? command.question : command.reference;
  deps.logger.info(
    { questionId, surface: "command", kind: command.kind, language: command.language },
    "question received",
  );
  deps.logger.debug({ questionId, question: text }, "question text");
  try {
    const stored = await runWithTimeout<StoredAnswer>(
      async (signal) =>
        command.kind === "question"
          ? {
              kind: "answer",
              question: text,
              language: command.language,
              answer: await deps.answerQuestion(text, { viewer, signal }),
            }
          : {
              kind: "summary",
              question: text,
              language: command.language,
              summary: await deps.summariseMeeting(text, {
                language: command.language,
                viewer,
                signal,
              }),
            },
      { timeoutMs: deps.answerTimeoutMs, signal: deps.shutdownSignal },
    );
    deps.answers.set(questionId, stored);
    const messages = renderStored(stored, questionId, { shareable: true, userId });
    await respondAll(deps, respond, messages);
    deps.logger.info(
      {
        questionId,
        surface: "command",
        kind: command.kind,
        mode: stored.kind === "answer" ? stored.answer.mode : stored.summary.mode,
        messages: messages.length,
        durationMs: Math.round(performance.now() - startedAt),
      },
      "answer posted",
    );
  } catch (error) {
    const failure = describeFailure(error, command.language, { meetingReference: text });
    deps.logger.error(
      {
        questionId,
        surface: "command",
        code: failure.code,
        error: describeError(error),
        durationMs: Math.round(performance.now() - startedAt),
      },
      "answering failed",
    );
    await respond({
      response_type: "ephemeral",
      ...renderNotice(`:warning: ${failure.text}`),
    }).catch((respondError: unknown) =>
      deps.logger.error(
        { questionId, code: "slack_failed", error: describeError(respondError) },
        "could not tell the user about the failure",
      ),
    );
  }
}

/**
 * A stored answer as messages: for the asker (ephemeral, shareable, showing their question) or
 * for the channel once shared (naming who shared it).
 */
export function renderStored(
  stored: StoredAnswer,
  questionId: string,
  audience: { shareable: boolean; userId: string },
): SlackMessage[] {
  const shared = !audience.shareable;
  if (stored.kind === "summary") {
    return renderSummary(stored.summary, {
      questionId,
      shareable: audience.shareable,
      ...(shared ? { sharedBy: { userId: audience.userId } } : {}),
    });
  }
  return renderAnswer(stored.answer, {
    questionId,
    shareable: audience.shareable,
    question: { text: stored.question, ...(shared ? { sharedBy: audience.userId } : {}) },
  });
}

async function respondAll(
  deps: BotDependencies,
  respond: RespondFn,
  messages: SlackMessage[],
): Promise<void> {
  for (const message of messages) {
    await respond({ response_type: "ephemeral", replace_original: false, ...message });
  }
  deps.logger.debug({ messages: messages.length }, "responded");
}
