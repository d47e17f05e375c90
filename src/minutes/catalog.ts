import { AppError } from "../shared/errors.ts";
import { slugify } from "./anchors.ts";
import { findDate } from "./dates.ts";
import type { Meeting } from "./model.ts";
import { canSee, type Viewer, viewerKey } from "./visibility.ts";

/** Read access to the ingested meetings, for listings, source pages and summaries. */
export interface MeetingCatalog {
  /** Newest first; `body` matches case-insensitively on the body name or its slug. */
  list(filter?: { body?: string }): Meeting[];
  get(id: string): Meeting | undefined;
  /**
   * Finds a meeting from what a person types: its id, "latest"/"seneste", a date
   * ("2019-09-18", "18.09.2019", "20. april 2022"), a body ("seneste byrådsmøde", "latest
   * økonomiudvalget", "Randers udsatterådet") or a body with a date ("udsatterådet 2019-09-18");
   * the newest meeting that fits.
   */
  resolve(reference: string): Meeting | undefined;
  /** The same catalog holding only the meetings `viewer` may see (see visibility.ts). */
  visibleTo(viewer: Viewer): MeetingCatalog;
}

/** Per-viewer views kept; more distinct viewers than this (channels, users) are rebuilt. */
const VIEWS_KEPT = 256;

export const MAX_MEETING_REFERENCE_LENGTH = 200;

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

  const everyMeetingPublic = newestFirst.every((meeting) => meeting.visibility === "public");
  const views = new Map<string, MeetingCatalog>();
  const catalog: MeetingCatalog = {
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
      const words = bodyWords(withoutDate);
      return newestFirst.find(
        (meeting) =>
          (!date || meeting.date === date.iso) &&
          words.every((forms) => forms.some((form) => namesBody(meeting, form))),
      );
    },
    visibleTo(viewer) {
      if (everyMeetingPublic || viewer.unrestricted) return catalog;
      const key = viewerKey(viewer);
      let view = views.get(key);
      if (!view) {
        if (views.size >= VIEWS_KEPT) views.clear();
        view = createMeetingCatalog(newestFirst.filter((meeting) => canSee(viewer, meeting)));
        views.set(key, view);
      }
      return view;
    },
  };
  return catalog;
}

/**
 * Why `reference` cannot name a meeting, or undefined when it can (whether or not one matches):
 * too long, no letters or digits, or a date that is not in the calendar ("2019-02-30").
 */
export function meetingReferenceProblem(reference: string): string | undefined {
  const text = reference.trim();
  if (text === "") return "it is empty";
  if (text.length > MAX_MEETING_REFERENCE_LENGTH) {
    return `it is longer than ${MAX_MEETING_REFERENCE_LENGTH} characters`;
  }
  if (!/[\p{L}\p{N}]/u.test(text)) return "it holds no letters or digits";
  const dateLike = DATE_LIKE.exec(text);
  if (dateLike && !findDate(dateLike[0])) return `"${dateLike[0]}" is not a calendar date`;
  return undefined;
}

/**
 * The meeting `reference` names (see `MeetingCatalog.resolve`). Throws AppError bad_request when
 * the reference cannot name one, meeting_not_found when none matches.
 */
export function requireMeeting(catalog: MeetingCatalog, reference: string): Meeting {
  const problem = meetingReferenceProblem(reference);
  if (problem) {
    throw new AppError(
      "bad_request",
      `"${reference.trim().slice(0, 60)}" is not a meeting reference: ${problem}. Give a meeting id, "latest", a date, a body, or a body and a date`,
    );
  }
  const meeting = catalog.resolve(reference);
  if (!meeting) throw new AppError("meeting_not_found", `No meeting matches "${reference.trim()}"`);
  return meeting;
}

/** A date the way people write one, valid or not: 2019-02-30, 30.02.2019, 30/2-19. */
const DATE_LIKE = /\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.\-/]\d{1,2}[.\-/](?:\d{4}|\d{2}))\b/u;

/** Words that say "the newest": dropped, since the newest that fits is what resolve finds. */
const LATEST_WORDS = new Set([
  "latest",
  "last",
  "newest",
  "recent",
  "most",
  "seneste",
  "sidste",
  "nyeste",
]);

/** Words around a body's name that are not part of it: "mødet i", "the meeting of", "referat fra". */
const FILLER_WORDS = new Set([
  "møde",
  "mødet",
  "meeting",
  "referat",
  "referatet",
  "referater",
  "minutes",
  "summary",
  "resume",
  "resumé",
  "i",
  "fra",
  "af",
  "om",
  "the",
  "of",
  "in",
  "from",
  "for",
]);

/**
 * The words of a reference that must name the body, each with the forms it may take in a body's
 * name: "byrådsmøde" → byråds/byråd, "økonomiudvalgets" → økonomiudvalget.
 */
function bodyWords(text: string): string[][] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => !LATEST_WORDS.has(word) && !FILLER_WORDS.has(word))
    .map((word) => {
      const forms = [word];
      const withoutMeeting = word.replace(/(?:s)?møde(?:t|r)?$/u, "");
      if (withoutMeeting !== word && withoutMeeting.length >= 3) forms.push(withoutMeeting);
      if (word.length > 4 && word.endsWith("s")) forms.push(word.slice(0, -1));
      return forms.map(slugify).filter((form) => form !== "");
    });
}

function namesBody(meeting: Meeting, form: string): boolean {
  return slugify(meeting.body).includes(form) || slugify(meeting.organisation ?? "").includes(form);
}
