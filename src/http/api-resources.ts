import { formatCitationLabel } from "../answer/citations.ts";
import type { Answer, Citation, Language, MeetingSummary } from "../answer/types.ts";
import { meetingPath, sourceUrl } from "../minutes/anchors.ts";
import type { Meeting } from "../minutes/model.ts";
import { toPublicMeeting, toPublicMeetingHeader } from "../minutes/public-meeting.ts";
import type { PageLink } from "./page-access.ts";

/** The JSON shapes of meetings and search results in the API. */

const asItIs: PageLink = (url) => url;

export function toMeetingListEntry(meeting: Meeting, publicBaseUrl: string, link = asItIs) {
  return {
    ...toPublicMeetingHeader(meeting),
    itemCount: meeting.items.length,
    url: link(`${publicBaseUrl}${meetingPath(meeting.id)}`, meeting.id),
  };
}

export function toMeetingResource(meeting: Meeting, publicBaseUrl: string, link = asItIs) {
  const published = toPublicMeeting(meeting);
  return {
    ...toMeetingListEntry(meeting, publicBaseUrl, link),
    ...published,
    items: published.items.map((item) => ({
      ...item,
      url: link(sourceUrl(publicBaseUrl, meeting.id, item.number), meeting.id),
      sections: item.sections.map((section) => ({
        ...section,
        url: link(sourceUrl(publicBaseUrl, meeting.id, item.number, section.slug), meeting.id),
      })),
    })),
  };
}

export type LabelledCitation = Citation & { label: string };

function labelled(citations: Citation[], language: Language): LabelledCitation[] {
  return citations.map((citation) => ({
    ...citation,
    label: formatCitationLabel(citation, language),
  }));
}

/** The answer as answerQuestion returned it, each citation with its display label added. */
export function toAnswerResource(answer: Answer) {
  return {
    ...answer,
    citations: labelled(answer.citations, answer.language),
    related: labelled(answer.related, answer.language),
  };
}

export function toSummaryResource(summary: MeetingSummary) {
  return {
    ...summary,
    entries: summary.entries.map((entry) => ({
      ...entry,
      citations: labelled(entry.citations, summary.language),
    })),
  };
}
