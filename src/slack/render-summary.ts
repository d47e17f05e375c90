import { formatMeetingDate } from "../answer/citations.ts";
import type { MeetingSummary, SummaryEntry } from "../answer/types.ts";
import { SLACK_LIMITS, splitText } from "./block-limits.ts";
import { type Block, context, header, type SlackMessage, section } from "./blocks.ts";
import { inertMrkdwn, inertPlainText } from "./inert-text.ts";
import { labelsFor } from "./labels.ts";
import { mrkdwnLink, userMention } from "./mrkdwn.ts";
import { answerActions, plainFallback } from "./render-answer.ts";

export interface RenderSummaryOptions {
  questionId: string;
  shareable: boolean;
  sharedBy?: { userId: string };
}

/**
 * A meeting summary: heading, the items packed several to a section block (each its title linked
 * to the source, then its decision and gist), the trailer. A 30-item meeting fits one or two
 * messages: Slack refuses a message over 50 blocks or with too much text in its blocks.
 */
export function renderSummary(
  summary: MeetingSummary,
  options: RenderSummaryOptions,
): SlackMessage[] {
  const { language, meeting } = summary;
  const labels = labelsFor(language);
  const date = formatMeetingDate(meeting.date);
  const blocks: Block[] = [header(inertPlainText(labels.summaryHeading(meeting.body, date)))];

  const facts = [labels.itemsCount(summary.entries.length)];
  if (meeting.location) facts.unshift(inertMrkdwn(meeting.location));
  const sharer = options.sharedBy && userMention(options.sharedBy.userId);
  if (sharer) facts.push(labels.sharedBy(sharer));
  const notes = [facts.join(" · ")];
  if (summary.quotesNote) notes.push(inertMrkdwn(summary.quotesNote));
  if (summary.note) notes.push(`⚠️ ${labels.fallbackNote(inertMrkdwn(summary.note))}`);
  blocks.push(context(...notes));

  for (const text of packEntries(summary.entries.map((entry) => renderEntry(entry, summary)))) {
    blocks.push(section(text));
  }

  blocks.push(
    context(
      summary.mode === "llm" ? labels.summaryContextGenerated : labels.summaryContextExtractive,
    ),
    answerActions(options.questionId, language, options.shareable),
  );
  const fallback = plainFallback(labels.summaryHeading(meeting.body, date));
  return splitIntoMessages(blocks).map((chunk, index) => ({
    text: index === 0 ? fallback : labels.continued,
    blocks: chunk,
  }));
}

/** "*<url|Punkt 5. Title>*", then "_Beslutning:_ …" and "_Resumé:_ …", or the model's text. */
function renderEntry(entry: SummaryEntry, summary: MeetingSummary): string {
  const labels = labelsFor(summary.language);
  const itemWord = summary.language === "en" ? "Item" : "Punkt";
  const heading = `${itemWord} ${entry.number}. ${entry.title}`;
  const url = entry.citations[0]?.url;
  const title = `*${url ? mrkdwnLink(url, heading) : inertMrkdwn(heading)}*`;
  if (entry.closed) return `${title}\n_${labels.closedItem}_`;
  const lines =
    entry.parts && entry.parts.length > 0
      ? entry.parts.map((part) => `_${inertMrkdwn(part.label)}:_ ${inertMrkdwn(part.text)}`)
      : entry.text.trim() === ""
        ? []
        : [inertMrkdwn(entry.text.trim())];
  return [title, ...lines].join("\n");
}

/** Entries joined into section texts of at most Slack's section limit, never splitting one. */
function packEntries(entries: readonly string[]): string[] {
  const limit = SLACK_LIMITS.sectionText;
  const sections: string[] = [];
  let current = "";
  for (const entry of entries) {
    for (const piece of splitText(entry, limit)) {
      const joined = current === "" ? piece : `${current}\n\n${piece}`;
      if (joined.length <= limit) {
        current = joined;
        continue;
      }
      if (current !== "") sections.push(current);
      current = piece;
    }
  }
  if (current !== "") sections.push(current);
  return sections;
}

/** Consecutive blocks in messages of at most 50 blocks and Slack's budget of block text. */
function splitIntoMessages(blocks: readonly Block[]): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  let size = 0;
  for (const block of blocks) {
    const blockSize = JSON.stringify(block).length;
    const full =
      current.length >= SLACK_LIMITS.blocksPerMessage ||
      size + blockSize > SLACK_LIMITS.blockCharactersPerMessage;
    if (full && current.length > 0) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += blockSize;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
