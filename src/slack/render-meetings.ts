import { formatMeetingDate } from "../answer/citations.ts";
import type { Language } from "../answer/types.ts";
import { meetingPath } from "../minutes/anchors.ts";
import type { Meeting } from "../minutes/model.ts";
import { SLACK_LIMITS, splitText } from "./block-limits.ts";
import { type Block, context, type SlackMessage, section } from "./blocks.ts";
import { inertMrkdwn } from "./inert-text.ts";
import { labelsFor } from "./labels.ts";
import { mrkdwnLink } from "./mrkdwn.ts";
import { plainFallback, toMessages } from "./render-answer.ts";

export const MAX_LISTED_MEETINGS = 20;

/** The most recent meetings, newest first, each linking to its source page when a base URL is known. */
export function renderMeetings(
  meetings: readonly Meeting[],
  options: {
    language: Language;
    publicBaseUrl?: string;
    /** The link as it may be shown (an internal meeting's signed); as it is by default. */
    signLink?: (url: string, meetingId: string) => string;
  },
): SlackMessage[] {
  const labels = labelsFor(options.language);
  if (meetings.length === 0)
    return toMessages([section(labels.noMeetings)], labels.noMeetings, options.language);

  const lines = meetings.slice(0, MAX_LISTED_MEETINGS).map((meeting) => {
    const name = `${meeting.body} ${formatMeetingDate(meeting.date)}`;
    const url = options.publicBaseUrl
      ? `${options.publicBaseUrl.replace(/\/+$/, "")}${meetingPath(meeting.id)}`
      : undefined;
    const title = url
      ? mrkdwnLink(options.signLink?.(url, meeting.id) ?? url, name)
      : inertMrkdwn(name);
    const facts = [labels.itemsCount(meeting.items.length)];
    if (meeting.location) facts.push(inertMrkdwn(meeting.location));
    return `• *${title}* · ${facts.join(" · ")} · \`${inertMrkdwn(meeting.id)}\``;
  });

  const blocks: Block[] = [];
  const [first = "", ...rest] = splitText(
    `*${labels.meetingsHeading}*\n${lines.join("\n")}`,
    SLACK_LIMITS.sectionText,
  );
  blocks.push(section(first), ...rest.map(section));
  blocks.push(
    context(
      options.language === "en"
        ? "Summary of one: `/referat summary &lt;date or id&gt;`"
        : "Resumé af et møde: `/referat resume &lt;dato eller id&gt;`",
    ),
  );
  return toMessages(blocks, plainFallback(labels.meetingsHeading), options.language);
}
