import { slugify } from "./anchors.ts";
import type { Meeting } from "./model.ts";

/** Read access to the ingested meetings, for listings, source pages and summaries. */
export interface MeetingCatalog {
  /** Newest first; `body` matches case-insensitively on the body name or its slug. */
  list(filter?: { body?: string }): Meeting[];
  get(id: string): Meeting | undefined;
  /**
   * Finds a meeting from what a person types: its id, "latest"/"seneste", a date
   * ("2019-09-18", "18.09.2019", "18-09-2019", "18/9 2019"), or a body with a date
   * ("udsatterådet 2019-09-18"); with several on one date, a body narrows it.
   */
  resolve(reference: string): Meeting | undefined;
}

export function createMeetingCatalog(meetings: readonly Meeting[]): MeetingCatalog {
  const newestFirst = [...meetings].sort(
    (a, b) => b.date.localeCompare(a.date) || a.body.localeCompare(b.body, "da"),
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
      if (/^(latest|seneste|sidste|nyeste)$/i.test(text)) return newestFirst[0];

      const date = findDate(text);
      const bodyText = date ? text.replace(date.matched, " ").trim() : text;
      const candidates = newestFirst.filter(
        (meeting) =>
          (!date || meeting.date === date.iso) &&
          (bodyText === "" || /^(latest|seneste|sidste|nyeste)$/i.test(bodyText)
            ? true
            : matchesBody(
                meeting,
                bodyText.replace(/\b(latest|seneste|sidste|nyeste)\b/gi, "").trim(),
              )),
      );
      return candidates[0];
    },
  };
}

interface FoundDate {
  iso: string;
  matched: string;
}

function findDate(text: string): FoundDate | undefined {
  const iso = text.match(/\b(\d{4})-(\d{2})-(\d{2})\b/);
  if (iso) return { iso: `${iso[1]}-${iso[2]}-${iso[3]}`, matched: iso[0] };
  const danish = text.match(/\b(\d{1,2})[./-](\d{1,2})[./-\s](\d{4}|\d{2})\b/);
  if (danish) {
    const [matched, day = "", month = "", year = ""] = danish;
    const fullYear = year.length === 2 ? `20${year}` : year;
    return { iso: `${fullYear}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`, matched };
  }
  return undefined;
}
