import type { types } from "@slack/bolt";
import type { Language } from "../answer/types.ts";
import { SLACK_LIMITS, truncateText } from "./block-limits.ts";

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;

/** One Slack message: blocks plus the plain `text` Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const ACTION_IDS = {
  feedbackUp: "referat_feedback_up",
  feedbackDown: "referat_feedback_down",
  share: "referat_share",
} as const;

/** What a button carries back to us: the question id and the language of the labels. */
export interface ActionValue {
  questionId: string;
  language: Language;
}

export function encodeActionValue(value: ActionValue): string {
  return JSON.stringify({ q: value.questionId, l: value.language });
}

export function section(text: string): Block {
  return {
    type: "section",
    // verbatim: Slack links no bare URL or name in it; only Referat's own <url|label> links.
    text: { type: "mrkdwn", text: truncateText(text, SLACK_LIMITS.sectionText), verbatim: true },
  };
}

export function context(...texts: string[]): Block {
  return {
    type: "context",
    elements: texts.map((text) => ({
      type: "mrkdwn" as const,
      text: truncateText(text, SLACK_LIMITS.contextText),
      verbatim: true,
    })),
  };
}

export function header(text: string): Block {
  return {
    type: "header",
    text: { type: "plain_text", text: truncateText(text, SLACK_LIMITS.headerText), emoji: true },
  };
}

export function divider(): Block {
  return { type: "divider" };
}

export function button(
  actionId: string,
  text: string,
  value: string,
  style?: "primary" | "danger",
): ButtonElement {
  const element: ButtonElement = {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: truncateText(text, SLACK_LIMITS.buttonText), emoji: true },
    value: value.slice(0, SLACK_LIMITS.buttonValue),
  };
  if (style) element.style = style;
  return element;
}

export function actions(blockId: string, elements: ButtonElement[]): Block {
  return { type: "actions", block_id: blockId, elements };
}
