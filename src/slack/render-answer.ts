import { citationKey, formatCitationLabel, uniqueCitations } from "../answer/citations.ts";
import type { Answer, Citation, Language } from "../answer/types.ts";
import { chunkBlocks, SLACK_LIMITS, splitText, truncateText } from "./block-limits.ts";
import {
  ACTION_IDS,
  actions,
  type Block,
  type ButtonElement,
  button,
  context,
  divider,
  encodeActionValue,
  type SlackMessage,
  section,
} from "./blocks.ts";
import { answerTextToMrkdwn, inertFallback, inertMrkdwn } from "./inert-text.ts";
import { labelsFor } from "./labels.ts";
import { mrkdwnLink, userMention } from "./mrkdwn.ts";

/** At most this many sources and "maybe related" items are shown; the best come first. */
export const MAX_SOURCES = 10;
/** Answers longer than this (a runaway LLM) are shortened rather than spread over many messages. */
export const MAX_ANSWER_CHARS = 12 * SLACK_LIMITS.sectionText;

export interface RenderAnswerOptions {
  questionId: string;
  /** Ephemeral slash-command answers carry a "Share in channel" button. */
  shareable: boolean;
  /**
   * The question shown above the answer where Slack does not show it (slash commands), and who
   * shared it once it is posted in the channel.
   */
  question?: { text: string; sharedBy?: string };
}

/** An answer as one or more Slack messages (more only when it exceeds 50 blocks). */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions): SlackMessage[] {
  const language = answer.language;
  const labels = labelsFor(language);
  const blocks: Block[] = [];

  if (options.question) {
    const sharer = options.question.sharedBy && userMention(options.question.sharedBy);
    const who = sharer ? labels.sharedBy(sharer) : labels.yourQuestion;
    blocks.push(context(`${who}: _${inertMrkdwn(options.question.text)}_`));
  }

  const answerText = truncateText(answer.text.trim(), MAX_ANSWER_CHARS, ` ${labels.truncated}`);
  for (const piece of splitText(answerTextToMrkdwn(answerText), SLACK_LIMITS.sectionText)) {
    blocks.push(section(piece));
  }

  if (answer.abstained && answer.related.length > 0) {
    const lines = uniqueCitations(answer.related)
      .slice(0, MAX_SOURCES)
      .map((citation) => `• ${citationLink(citation, language)}: ${inertMrkdwn(citation.title)}`);
    blocks.push(section(`*${labels.maybeRelated}*\n${lines.join("\n")}`));
  }

  const sources = numberedSources(answer.citations);
  if (sources.length > 0) {
    blocks.push(divider(), context(`*${labels.sources}*`));
    for (const { citation, number } of sources) {
      blocks.push(section(`[${number}] ${renderSource(citation, language)}`));
    }
  }

  const contextLines = [answer.mode === "llm" ? labels.generatedContext : labels.extractiveContext];
  if (answer.note) contextLines.push(`⚠️ ${labels.fallbackNote(inertMrkdwn(answer.note))}`);
  blocks.push(context(...contextLines));
  blocks.push(answerActions(options.questionId, language, options.shareable));

  return toMessages(blocks, plainFallback(answer.text), language);
}

/**
 * The sources with the numbers the answer text uses for them ("… [2]" is citations[1]);
 * a repeated section is shown once, under its first number.
 */
export function numberedSources(
  citations: readonly Citation[],
): { citation: Citation; number: number }[] {
  const seen = new Set<string>();
  const sources: { citation: Citation; number: number }[] = [];
  citations.forEach((citation, index) => {
    const key = citationKey(citation);
    if (seen.has(key)) return;
    seen.add(key);
    sources.push({ citation, number: index + 1 });
  });
  return sources.slice(0, MAX_SOURCES);
}

/** "<url|Udsatterådet 18.09.2019 · Punkt 32 › Beslutning>", title, then the short quote. */
export function renderSource(citation: Citation, language: Language): string {
  const labels = labelsFor(language);
  const lines = [
    `*${citationLink(citation, language)}*`,
    `_${inertMrkdwn(truncateText(citation.title, 300))}_`,
  ];
  if (citation.closed) lines.push(labels.closedItem);
  else if (citation.quote.trim() !== "")
    lines.push(`> ${inertMrkdwn(truncateText(citation.quote.replace(/\s+/g, " ").trim(), 600))}`);
  return lines.join("\n");
}

export function citationLink(citation: Citation, language: Language): string {
  return mrkdwnLink(citation.url, formatCitationLabel(citation, language));
}

/** 👍/👎 and, on ephemeral answers, "Share in channel". */
export function answerActions(questionId: string, language: Language, shareable: boolean): Block {
  const labels = labelsFor(language);
  const value = encodeActionValue({ questionId, language });
  const elements: ButtonElement[] = [
    button(ACTION_IDS.feedbackUp, labels.helpful, value),
    button(ACTION_IDS.feedbackDown, labels.notHelpful, value),
  ];
  if (shareable) elements.push(button(ACTION_IDS.share, labels.shareInChannel, value, "primary"));
  return actions(`referat_actions_${questionId}`.slice(0, 255), elements);
}

/** Splits blocks into messages of at most 50; the first carries the fallback text. */
export function toMessages(blocks: Block[], fallback: string, language: Language): SlackMessage[] {
  const continued = labelsFor(language).continued;
  return chunkBlocks(blocks).map((chunk, index) => ({
    text: index === 0 ? fallback : continued,
    blocks: chunk,
  }));
}

/** The notification text: the answer (or heading) on one line, inert, within Slack's limit. */
export function plainFallback(text: string): string {
  return truncateText(inertFallback(text.replace(/\s+/g, " ").trim()), SLACK_LIMITS.fallbackText);
}
