import type { ItemRef, MeetingRef } from "./types.ts";

/** The meeting as retrieval results and citations refer to it (a whole Meeting fits). */
export function toMeetingRef(meeting: MeetingRef): MeetingRef {
  return { id: meeting.id, body: meeting.body, date: meeting.date };
}

/** The agenda item as retrieval results and citations refer to it (a whole Item fits). */
export function toItemRef(item: ItemRef): ItemRef {
  return {
    number: item.number,
    title: item.title,
    caseNumber: item.caseNumber,
    closed: item.closed,
  };
}
