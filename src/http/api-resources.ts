import { formatCitationLabel } from "../answer/citations.ts";
import type {
  Answer,
  Citation,
  Language,
  MeetingSummary,
  RetrievalLeg,
  RetrievedItem,
} from "../answer/types.ts";
import { meetingPath, sourceUrl } from "../minutes/anchors.ts";
import type { Meeting } from "../minutes/model.ts";

/** The JSON shapes of meetings and search results in the API. */

export interface SearchResultResource {
  meeting: { id: string; body: string; date: string };
  item: { number: number; title: string };
  /** Heading of the best-matching section of the item. */
  section: string;
  score: number;
  legs: RetrievalLeg[];
}

export function toSearchResult(found: RetrievedItem): SearchResultResource {
  return {
    meeting: { id: found.meeting.id, body: found.meeting.body, date: found.meeting.date },
    item: { number: found.item.number, title: found.item.title },
    section: found.passages[0]?.sectionHeading ?? "",
    score: found.score,
    legs: found.legs,
  };
}

export function toMeetingListEntry(meeting: Meeting, publicBaseUrl: string) {
  return {
    id: meeting.id,
    body: meeting.body,
    organisation: meeting.organisation,
    date: meeting.date,
    time: meeting.time,
    location: meeting.location,
    itemCount: meeting.items.length,
    url: `${publicBaseUrl}${meetingPath(meeting.id)}`,
  };
}

export function toMeetingResource(meeting: Meeting, publicBaseUrl: string) {
  return {
    ...toMeetingListEntry(meeting, publicBaseUrl),
    sourceFile: meeting.sourceFile,
    items: meeting.items.map((item) => ({
      number: item.number,
      title: item.title,
      caseNumber: item.caseNumber,
      closed: item.closed,
      url: sourceUrl(publicBaseUrl, meeting.id, item.number),
      sections: item.sections.map((section) => ({
        heading: section.heading,
        kind: section.kind,
        slug: section.slug,
        text: section.text,
        url: sourceUrl(publicBaseUrl, meeting.id, item.number, section.slug),
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
