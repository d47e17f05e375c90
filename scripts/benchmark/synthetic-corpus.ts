import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { parseMinutes, TEXT_EXTENSIONS } from "../../src/minutes/index.ts";

/**
 * A larger corpus for scaling figures: `copies` copies of every minutes file in `sourceDir`, each
 * copy a distinct meeting with its own body name, date and id. Copy 1 is the file as it is; copy
 * k > 1 renames the body ("Udsatterådet" → "Udsatterådet 3") and moves the meeting by whole weeks,
 * alternately later and earlier (+1, −1, +2, −2 … weeks), so the weekday the text names stays
 * right. The meeting date is rewritten in every form it is written in (14-01-2020, 14.01.2020,
 * 14. januar 2020 …) and every other year in the text moves with the meeting's year, so the copy
 * reads like minutes of another year. Weekly steps keep 10,000 copies within 1900–2200, the years
 * the date reader accepts (`validDate` in src/minutes/dates.ts).
 *
 * Why not move the year alone (as this generator once did): past copy ~180 the year passes 2200,
 * the document's date is rejected, the date falls back to the one in the file name (the original
 * date), and ingest then reconciles every such copy with copy 1 of the same file as "the same
 * meeting, read from a fuller copy": at 1000× 4,077 of 5,000 files were superseded.
 */

export interface SyntheticCorpus {
  /** Files written: source files × copies. */
  files: number;
  sourceFiles: number;
  /** Copies of each source file. */
  copies: number;
  /** Earliest and latest meeting date written. */
  firstDate: string;
  lastDate: string;
}

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;
const DAY_MS = 24 * 60 * 60 * 1000;

const MONTHS = [
  "januar",
  "februar",
  "marts",
  "april",
  "maj",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "december",
] as const;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export async function writeSyntheticCorpus(
  sourceDir: string,
  targetDir: string,
  copies: number,
): Promise<SyntheticCorpus> {
  const names = (await readdir(sourceDir))
    .filter((name) => (TEXT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
    .sort();
  await mkdir(targetDir, { recursive: true });
  let files = 0;
  let firstDate = "9999-12-31";
  let lastDate = "0000-01-01";
  for (const name of names) {
    const text = await readFile(join(sourceDir, name), "utf8");
    const { body, date } = parseMinutes(text, name);
    if (date === null) throw new Error(`${name}: a sample without a date cannot be moved in time`);
    const original = parseIso(date);
    // The copies furthest from the original are checked by parsing them back (the rest follow the
    // same rules); the benchmark also checks that ingest finds every copy as a meeting of its own.
    const checked = new Set([2, 3, copies - 1, copies].filter((copy) => copy > 1));
    for (let copy = 1; copy <= copies; copy += 1) {
      const meetingDate = copy === 1 ? original : addDays(original, 7 * weekOffset(copy));
      const copyBody = copy === 1 ? body : `${body} ${copy}`;
      const copied =
        copy === 1 ? text : rewriteMeeting(text, body, copyBody, original, meetingDate);
      const fileName = copyFileName(name, date, meetingDate, copy, copies);
      if (checked.has(copy)) checkCopy(copied, fileName, copyBody, toIso(meetingDate));
      await writeFile(join(targetDir, fileName), copied, "utf8");
      files += 1;
      const iso = toIso(meetingDate);
      if (iso < firstDate) firstDate = iso;
      if (iso > lastDate) lastDate = iso;
    }
  }
  return { files, sourceFiles: names.length, copies, firstDate, lastDate };
}

/** Copy 1 → 0, 2 → +1, 3 → −1, 4 → +2, 5 → −2 … weeks. */
export function weekOffset(copy: number): number {
  const steps = Math.floor(copy / 2);
  return copy % 2 === 0 ? steps : -steps;
}

function checkCopy(text: string, fileName: string, body: string, date: string): void {
  const meeting = parseMinutes(text, fileName);
  if (meeting.body !== body || meeting.date !== date) {
    throw new Error(
      `synthetic copy ${fileName} reads as "${meeting.body}" on ${meeting.date}, not "${body}" on ${date}`,
    );
  }
}

function rewriteMeeting(
  text: string,
  body: string,
  copyBody: string,
  from: CalendarDate,
  to: CalendarDate,
): string {
  if (to.year < EARLIEST_YEAR || to.year > LATEST_YEAR) {
    throw new Error(
      `a copy dated ${toIso(to)} is outside ${EARLIEST_YEAR}–${LATEST_YEAR}: too many copies for distinct weekly dates`,
    );
  }
  const yearShift = to.year - from.year;
  // Placeholders (private-use characters) keep the rewritten meeting date away from the year shift that follows.
  const placeholders: string[] = [];
  const hold = (written: string) => {
    placeholders.push(written);
    return `\uE000${String.fromCharCode(0xe100 + placeholders.length - 1)}`;
  };
  let copied = text.replaceAll(body, copyBody);
  copied = rewriteMeetingDate(copied, from, to, hold);
  copied = copied.replace(
    /(?<![0-9]|[0-9][.,])(19[5-9][0-9]|20[0-4][0-9])(?![0-9]|[.,][0-9])/gu,
    (year) => String(Number(year) + yearShift),
  );
  return copied.replace(
    /\uE000([\uE100-\uF8FF])/gu,
    (_, mark: string) => placeholders[mark.charCodeAt(0) - 0xe100] ?? "",
  );
}

/** Every written form of the meeting date `from` becomes the same form of `to`. */
function rewriteMeetingDate(
  text: string,
  from: CalendarDate,
  to: CalendarDate,
  hold: (written: string) => string,
): string {
  const day = `0?${from.day}`;
  const month = `0?${from.month}`;
  const year = String(from.year);
  const shortYear = year.slice(2);
  const pad = (value: number, like: string) =>
    like.length === 2 ? String(value).padStart(2, "0") : String(value);
  let copied = text;
  // 14-01-2020, 14.01.2020, 14/1/2020 and 14.01.20
  copied = copied.replace(
    new RegExp(`(?<![0-9])(${day})([-./])(${month})([-./])(${year}|${shortYear})(?![0-9])`, "gu"),
    (_, d: string, first: string, m: string, second: string, y: string) => {
      const written =
        y.length === 2 && to.year >= 2000 && to.year < 2100
          ? String(to.year).slice(2)
          : String(to.year);
      return hold(`${pad(to.day, d)}${first}${pad(to.month, m)}${second}${written}`);
    },
  );
  // 2020-01-14
  copied = copied.replace(
    new RegExp(
      `(?<![0-9])${year}-${String(from.month).padStart(2, "0")}-${String(from.day).padStart(2, "0")}(?![0-9])`,
      "gu",
    ),
    () => hold(toIso(to)),
  );
  // 14. januar 2020, 18, september 2019, 14 januar 2020
  const monthName = MONTHS[from.month - 1] ?? "";
  copied = copied.replace(
    new RegExp(`(?<![0-9])${day}([.,]? +)(${monthName})( +)${year}(?![0-9])`, "giu"),
    (_, separator: string, name: string, space: string) =>
      hold(`${to.day}${separator}${sameCase(MONTHS[to.month - 1] ?? "", name)}${space}${to.year}`),
  );
  return copied;
}

function sameCase(word: string, like: string): string {
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0]?.toUpperCase()) return `${word[0]?.toUpperCase()}${word.slice(1)}`;
  return word;
}

function copyFileName(
  name: string,
  originalDate: string,
  date: CalendarDate,
  copy: number,
  copies: number,
): string {
  const extension = extname(name);
  const stem = name.slice(0, -extension.length).replace(originalDate, toIso(date));
  const digits = Math.max(3, String(copies).length);
  return `${stem}_copy-${String(copy).padStart(digits, "0")}${extension}`;
}

function parseIso(iso: string): CalendarDate {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return {
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
  };
}

function toIso(date: CalendarDate): string {
  const year = String(date.year).padStart(4, "0");
  return `${year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}
