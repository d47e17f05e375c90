import { slugify } from "./anchors.ts";
import { findDate } from "./dates.ts";
import type { Meeting } from "./model.ts";

/** Read access to the ingested meetings, for listings, source pages and summaries. */
export interface MeetingCatalog {
  /** Newest first; `body` matches case-insensitively on the body name or its slug. */
  list(filter?: { body?: string }): Meeting[];
  get(id: string): Meeting | undefined;
  /**
   * Finds a meeting from what a person types: its id, "latest"/"seneste", a date
   * ("2019-09-18", "18.09.2019", "20. april 2022"), or a body with a date
   * ("udsatterådet 2019-09-18"); with several on one date, a body narrows it.
   */
  resolve(reference: string): Meeting | undefined;
}

export function createMeetingCatalog(meetings: readonly Meeting[]): MeetingCatalog {
  const newestFirst = [...meetings].sort(
    (a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.body.localeCompare(b.body, "da"),
  );
  const byId = new Map(newestFirst.map((meeting) => [meeting.id, meeting]));

  const matchesBody = (meeting: Meeting, body: string) => {
    const wanted = slugify(body);
    return (
      wanted !== "" &&
      (slugify(meeting.body).includes(wanted) || slugify(meeting.organisation ?? "") === wanted)
    );
  };

  return {
    list(filter) {
      const body = filter?.body;
      return body ? newestFirst.filter((meeting) => matchesBody(meeting, body)) : [...newestFirst];
    },
    get(id) {
      return byId.get(id);
    },
    resolve(reference) {
      const text = reference.trim();
      if (text === "") return undefined;
      const exact = byId.get(text) ?? byId.get(slugify(text));
      if (exact) return exact;
      const date = findDate(text);
      const withoutDate = date ? `${text.slice(0, date.start)} ${text.slice(date.end)}` : text;
      const bodyText = withoutDate.replace(LATEST_WORDS, " ").trim();
      return newestFirst.find(
        (meeting) =>
          (!date || meeting.date === date.iso) &&
          (bodyText === "" || matchesBody(meeting, bodyText)),
      );
    },
  };
}

const LATEST_WORDS = /\b(?:latest|seneste|sidste|nyeste)\b/giu;
