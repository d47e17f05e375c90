import { formatCitationLabel, formatMeetingDate, uniqueCitations } from "../answer/citations.ts";
import type { MeetingSummary } from "../answer/types.ts";
import { SLACK_LIMITS, splitText } from "./block-limits.ts";
import { type Block, context, header, type SlackMessage, section } from "./blocks.ts";
import { labelsFor } from "./labels.ts";
import { escapeMrkdwn, markdownToMrkdwn, mrkdwnLink } from "./mrkdwn.ts";
import { answerActions, plainFallback, toMessages } from "./render-answer.ts";

export interface RenderSummaryOptions {
  questionId: string;
  shareable: boolean;
  sharedBy?: { userId: string };
}

/** A meeting summary: heading, one section per agenda item with its source links, trailer. */
export function renderSummary(
  summary: MeetingSummary,
  options: RenderSummaryOptions,
): SlackMessage[] {
  const { language, meeting } = summary;
  const labels = labelsFor(language);
  const itemWord = language === "en" ? "Item" : "Punkt";
  const date = formatMeetingDate(meeting.date);
  const blocks: Block[] = [header(labels.summaryHeading(meeting.body, date))];

  const facts = [labels.itemsCount(summary.entries.length)];
  if (meeting.location) facts.unshift(escapeMrkdwn(meeting.location));
  if (options.sharedBy) facts.push(labels.sharedBy(options.sharedBy.userId));
  blocks.push(context(facts.join(" · ")));

  for (const entry of summary.entries) {
    const title = `*${itemWord} ${entry.number}. ${escapeMrkdwn(entry.title)}*`;
    const body = entry.closed ? labels.closedItem : markdownToMrkdwn(entry.text.trim());
    const pieces = splitText(`${title}\n${body}`, SLACK_LIMITS.sectionText);
    for (const piece of pieces) blocks.push(section(piece));
    const links = uniqueCitations(entry.citations).map((citation) =>
      mrkdwnLink(citation.url, formatCitationLabel(citation, language)),
    );
    if (links.length > 0) blocks.push(context(links.join("  ·  ")));
  }

  blocks.push(
    context(
      summary.mode === "llm" ? labels.summaryContextGenerated : labels.summaryContextExtractive,
    ),
    answerActions(options.questionId, language, options.shareable),
  );
  return toMessages(blocks, plainFallback(labels.summaryHeading(meeting.body, date)), language);
}
