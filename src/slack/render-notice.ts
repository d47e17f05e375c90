import type { Language } from "../answer/types.ts";
import { context, type SlackMessage, section } from "./blocks.ts";
import { labelsFor } from "./labels.ts";

/** A one-section message: placeholders, help, errors. `text` is mrkdwn already. */
export function renderNotice(text: string, options: { contextLine?: string } = {}): SlackMessage {
  const blocks = [section(text)];
  if (options.contextLine) blocks.push(context(options.contextLine));
  return { text, blocks };
}

export function renderPlaceholder(language: Language, summarising = false): SlackMessage {
  const labels = labelsFor(language);
  return renderNotice(`_${summarising ? labels.summarising : labels.lookingInMinutes}_`);
}

export function renderHelp(language: Language): SlackMessage {
  return renderNotice(labelsFor(language).help);
}
