import type { Meeting } from "./model.ts";

/** What every public shape of a meeting starts with: who met, when and where. */
export function toPublicMeetingHeader(meeting: Meeting) {
  return {
    id: meeting.id,
    body: meeting.body,
    organisation: meeting.organisation,
    date: meeting.date,
    time: meeting.time,
    location: meeting.location,
  };
}

/** The public JSON shape of a meeting: other tools read it, so extend it, never rename. */
export function toPublicMeeting(meeting: Meeting) {
  return {
    ...toPublicMeetingHeader(meeting),
    documentType: meeting.documentType,
    sourceFile: meeting.sourceFile,
    format: meeting.format,
    sourceUrl: meeting.sourceUrl,
    visibility: meeting.visibility,
    warnings: meeting.warnings,
    items: meeting.items.map((item) => ({
      number: item.number,
      title: item.title,
      caseNumber: item.caseNumber,
      closed: item.closed,
      lineStart: item.lineStart,
      lineEnd: item.lineEnd,
      ...(item.page === undefined ? {} : { page: item.page }),
      ...(item.sourceFile === undefined ? {} : { sourceFile: item.sourceFile }),
      sections: item.sections.map((section) => ({
        heading: section.heading,
        kind: section.kind,
        slug: section.slug,
        text: section.text,
      })),
    })),
  };
}
