import { slugify } from "./anchors.ts";
import type { Meeting } from "./model.ts";
import type { SourceFormat } from "./readers/types.ts";

/**
 * One meeting may reach the minutes folder several times: as the agenda and later the minutes,
 * in several formats (Acadre publishes PDF, DOCX and XML of the same referat), or one page per
 * item. Reconciling keeps each meeting once: minutes supersede the agenda, a richer format
 * supersedes a poorer one, and pages of one meeting are joined. Nothing is dropped silently:
 * every superseded file says by what.
 */

export type FileFate =
  | { status: "kept"; meetingId: string }
  | { status: "joined"; meetingId: string }
  | { status: "superseded"; by: string; reason: string };

export interface Reconciled {
  meetings: Meeting[];
  /** What became of each file's meeting, by file path. */
  fates: Map<string, FileFate>;
}

/** Structured exports say most exactly what an item is; text says least. */
const FORMAT_RANK: Record<SourceFormat, number> = {
  "firstagenda-json": 5,
  "acadre-xml": 5,
  "edagsorden-xml": 5,
  "edoc-xml": 5,
  docx: 4,
  html: 3,
  pdf: 2,
  text: 1,
};

/** Share of items two readings must have in common to be the same meeting. */
const SAME_MEETING_OVERLAP = 0.5;

export function reconcileMeetings(readings: readonly Meeting[]): Reconciled {
  const kept: Meeting[] = [];
  /** Positions in `kept` by meeting date: only meetings on one date can be the same meeting. */
  const byDate = new Map<string, number[]>();
  const superseded = new Map<string, FileFate>();
  const joined = new Set<string>();
  for (const meeting of readings) {
    const sameDay = meeting.date === null ? [] : (byDate.get(meeting.date) ?? []);
    const same = sameDay.find((position) => isSameMeeting(kept[position] as Meeting, meeting));
    if (same !== undefined) {
      const [winner, loser] = prefer(kept[same] as Meeting, meeting);
      kept[same] = winner;
      superseded.delete(winner.sourceFile);
      // Files the loser had set aside are now set aside by the winner.
      for (const [file, fate] of superseded) {
        if (fate.status === "superseded" && fate.by === loser.sourceFile)
          superseded.set(file, { ...fate, by: winner.sourceFile });
      }
      superseded.set(loser.sourceFile, {
        status: "superseded",
        by: winner.sourceFile,
        reason: supersededReason(winner, loser),
      });
      continue;
    }
    const page = sameDay.find((position) => isAnotherPageOf(kept[position] as Meeting, meeting));
    if (page !== undefined) {
      kept[page] = joinPages(kept[page] as Meeting, meeting);
      joined.add(meeting.sourceFile);
      continue;
    }
    if (meeting.date !== null) byDate.set(meeting.date, [...sameDay, kept.length]);
    kept.push(meeting);
  }

  const meetings = withUniqueIds(kept);
  const fates = new Map<string, FileFate>(superseded);
  for (const meeting of meetings) {
    const files = new Set([
      meeting.sourceFile,
      ...meeting.items.flatMap((item) => item.sourceFile ?? []),
    ]);
    for (const file of files) {
      fates.set(file, { status: joined.has(file) ? "joined" : "kept", meetingId: meeting.id });
    }
  }
  return { meetings, fates };
}

/** The same meeting read twice: one date, and the same body or mostly the same items. */
function isSameMeeting(a: Meeting, b: Meeting): boolean {
  if (a.date === null || a.date !== b.date) return false;
  const overlap = titleOverlap(a, b);
  if (overlap >= SAME_MEETING_OVERLAP) return true;
  return slugify(a.body) === slugify(b.body) && overlap > 0 && numbersOverlap(a, b);
}

/** One page per item: same body, date and kind of document, and no item number in common. */
function isAnotherPageOf(meeting: Meeting, page: Meeting): boolean {
  return (
    meeting.date !== null &&
    meeting.date === page.date &&
    slugify(meeting.body) === slugify(page.body) &&
    meeting.documentType === page.documentType &&
    meeting.format === page.format &&
    !numbersOverlap(meeting, page)
  );
}

function joinPages(meeting: Meeting, page: Meeting): Meeting {
  const own = meeting.items.map((item) => ({
    ...item,
    sourceFile: item.sourceFile ?? meeting.sourceFile,
  }));
  const added = page.items.map((item) => ({ ...item, sourceFile: page.sourceFile }));
  return {
    ...meeting,
    items: [...own, ...added].sort((a, b) => a.number - b.number),
    warnings: [...meeting.warnings, ...page.warnings],
  };
}

/** Minutes over the agenda; then the richer format; then more items; then the file read first. */
function prefer(first: Meeting, second: Meeting): [Meeting, Meeting] {
  const score = (meeting: Meeting) => [
    meeting.documentType === "referat" ? 2 : meeting.documentType === null ? 1 : 0,
    FORMAT_RANK[meeting.format],
    meeting.items.length,
  ];
  const a = score(first);
  const b = score(second);
  for (let index = 0; index < a.length; index++) {
    if ((b[index] ?? 0) > (a[index] ?? 0)) return [second, first];
    if ((b[index] ?? 0) < (a[index] ?? 0)) return [first, second];
  }
  return [first, second];
}

function supersededReason(winner: Meeting, loser: Meeting): string {
  if (winner.documentType === "referat" && loser.documentType !== "referat") {
    return "the agenda of a meeting whose minutes are here too";
  }
  if (winner.format !== loser.format) {
    return `the same meeting, read from its ${winner.format} version instead`;
  }
  return "the same meeting, read from a fuller copy";
}

function titleOverlap(a: Meeting, b: Meeting): number {
  const titles = new Set(a.items.map((item) => normaliseTitle(item.title)));
  const shared = b.items.filter((item) => titles.has(normaliseTitle(item.title))).length;
  return shared / Math.max(1, Math.min(a.items.length, b.items.length));
}

function numbersOverlap(a: Meeting, b: Meeting): boolean {
  const numbers = new Set(a.items.map((item) => item.number));
  return b.items.some((item) => numbers.has(item.number));
}

function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Two files for the same body and date that are different meetings both stay findable. */
function withUniqueIds(meetings: readonly Meeting[]): Meeting[] {
  const taken = new Set<string>();
  return meetings.map((meeting) => {
    let id = meeting.id;
    for (let suffix = 2; taken.has(id); suffix++) id = `${meeting.id}-${suffix}`;
    taken.add(id);
    return id === meeting.id ? meeting : { ...meeting, id };
  });
}
