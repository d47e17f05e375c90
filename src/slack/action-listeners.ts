import type { App, BlockAction, RespondFn } from "@slack/bolt";
import { describeError } from "../shared/errors.ts";
import { ACTION_IDS } from "./blocks.ts";
import type { BotDependencies } from "./bot-dependencies.ts";
import { renderStored } from "./command-listener.ts";
import { describeFailure } from "./error-message.ts";
import { labelsFor } from "./labels.ts";
import { renderNotice } from "./render-notice.ts";
import { parseActionValue } from "./slack-payloads.ts";

/**
 * 👍/👎 record feedback; "Share in channel" posts an ephemeral answer publicly. A replayed
 * request never reaches these (replay-guard.ts).
 */
export function registerActionListeners(app: App, deps: BotDependencies): void {
  app.action<BlockAction>(ACTION_IDS.share, async ({ ack, action, body, respond }) => {
    await ack();
    const value = parseActionValue("value" in action ? action.value : undefined);
    if (!value) return rejectAction(deps, respond, "share");
    const stored = deps.answers.get(value.questionId);
    if (!stored) {
      deps.logger.info({ questionId: value.questionId }, "share of an expired answer");
      await ephemeral(deps, respond, labelsFor(value.language).shareExpired);
      return;
    }
    try {
      const messages = renderStored(stored, value.questionId, {
        shareable: false,
        userId: body.user.id,
      });
      for (const message of messages) {
        await respond({ response_type: "in_channel", replace_original: false, ...message });
      }
      await respond({ delete_original: true });
      deps.logger.info(
        { questionId: value.questionId, messages: messages.length },
        "answer shared in channel",
      );
    } catch (error) {
      const failure = describeFailure(error, value.language);
      deps.logger.error(
        { questionId: value.questionId, code: failure.code, error: describeError(error) },
        "sharing failed",
      );
      await ephemeral(deps, respond, `:warning: ${failure.text}`);
    }
  });

  const feedbackActions = new Map([
    [ACTION_IDS.feedbackUp, "up"],
    [ACTION_IDS.feedbackDown, "down"],
  ] as const);
  for (const [actionId, vote] of feedbackActions) {
    app.action<BlockAction>(actionId, async ({ ack, action, body, respond }) => {
      await ack();
      const value = parseActionValue("value" in action ? action.value : undefined);
      if (!value) return rejectAction(deps, respond, "feedback");
      const question = deps.answers.get(value.questionId)?.question;
      // One person's 👍 (or 👎) on one answer counts once, however often it is clicked.
      const voteKey = `vote:${value.questionId}:${body.user.id}:${vote}`;
      if (!deps.seen.addIfAbsent(voteKey, true)) {
        deps.logger.info({ questionId: value.questionId, vote }, "repeated vote not counted");
        await ephemeral(deps, respond, labelsFor(value.language).feedbackThanks);
        return;
      }
      try {
        await deps.feedback.record({
          questionId: value.questionId,
          vote,
          userId: body.user.id,
          ...(question !== undefined ? { question } : {}),
        });
        await ephemeral(deps, respond, labelsFor(value.language).feedbackThanks);
      } catch (error) {
        deps.seen.delete(voteKey);
        const failure = describeFailure(error, value.language);
        deps.logger.error(
          { questionId: value.questionId, vote, code: failure.code, error: describeError(error) },
          "feedback not recorded",
        );
        await ephemeral(deps, respond, `:warning: ${failure.text}`);
      }
    });
  }
}

async function rejectAction(
  deps: BotDependencies,
  respond: RespondFn,
  action: string,
): Promise<void> {
  deps.logger.warn({ action, code: "bad_request" }, "button with an unreadable value");
  await ephemeral(deps, respond, labelsFor("da").errorBadRequest);
}

async function ephemeral(deps: BotDependencies, respond: RespondFn, text: string): Promise<void> {
  await respond({
    response_type: "ephemeral",
    replace_original: false,
    ...renderNotice(text),
  }).catch((error: unknown) =>
    deps.logger.error(
      { code: "slack_failed", error: describeError(error) },
      "could not respond to a button",
    ),
  );
}
