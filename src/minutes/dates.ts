/** Danish date and time phrases as minutes write them, read into ISO form. */

const MONTHS: Record<string, number> = {
  januar: 1,
  februar: 2,
  marts: 3,
  april: 4,
  maj: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

export interface FoundDate {
  iso: string;
  /** Character span [start, end) of the date in the searched text. */
  start: number;
  end: number;
}

const WRITTEN_MONTH =
  /\b(\d{1,2})\.?\s+(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?\s+(\d{4})\b/iu;
const NUMERIC = /\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4}|\d{2})\b/u;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/u;

/**
 * The first date in a text: "18-09-2019", "Tirsdag d. 14. januar 2020", "20. april 2022",
 * "11.10.23", "2019-09-18".
 */
export function findDate(text: string): FoundDate | undefined {
  const candidates: { index: number; iso: string; end: number }[] = [];
  const iso = ISO.exec(text);
  if (iso && validDate(+(iso[1] ?? 0), +(iso[2] ?? 0), +(iso[3] ?? 0))) {
    candidates.push({ index: iso.index, iso: iso[0], end: iso.index + iso[0].length });
  }
  const written = WRITTEN_MONTH.exec(text);
  if (written) {
    const month = MONTHS[(written[2] ?? "").toLowerCase()] ?? 0;
    const date = toIso(+(written[3] ?? 0), month, +(written[1] ?? 0));
    if (date)
      candidates.push({ index: written.index, iso: date, end: written.index + written[0].length });
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const rawYear = numeric[3] ?? "";
    const year = rawYear.length === 2 ? 2000 + +rawYear : +rawYear;
    // "9/11/2019 3:00:00 PM": a US-style stamp (month first) is told by its AM/PM clock.
    const american =
      numeric[0].includes("/") &&
      /^\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\b/iu.test(
        text.slice(numeric.index + numeric[0].length),
      );
    const [month, day] = american
      ? [+(numeric[1] ?? 0), +(numeric[2] ?? 0)]
      : [+(numeric[2] ?? 0), +(numeric[1] ?? 0)];
    const date = toIso(year, month, day);
    if (date)
      candidates.push({ index: numeric.index, iso: date, end: numeric.index + numeric[0].length });
  }
  candidates.sort((a, b) => a.index - b.index);
  const first = candidates[0];
  return first ? { iso: first.iso, start: first.index, end: first.end } : undefined;
}

/** A start time after "kl.": "kl. 16:00" → "16:00", "fra kl. 10.00-12.00" → "10:00". */
export function findStartTime(text: string): string | undefined {
  return toClockTime(/\bkl\.?\s*(\d{1,2})[:.](\d{2})\b/iu.exec(text));
}

/** A time field's value, "kl." or not: "15:00 - 18:00" → "15:00", "kl. 9.05" → "09:05". */
export function readTimeField(value: string): string | undefined {
  return toClockTime(/^(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})\b/iu.exec(value.trim()));
}

function toClockTime(match: RegExpExecArray | null): string | undefined {
  if (!match) return undefined;
  const hours = +(match[1] ?? 0);
  const minutes = +(match[2] ?? 0);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

function toIso(year: number, month: number, day: number): string | undefined {
  if (!validDate(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** How a meeting without a known date is shown. */
export const UNDATED = "uden dato";

/** "2019-09-18" → "18.09.2019", the way Danish minutes and citation labels write dates. */
export function formatDanishDate(isoDate: string | null): string {
  if (isoDate === null) return UNDATED;
  const [year, month, day] = isoDate.split("-");
  return year && month && day ? `${day}.${month}.${year}` : isoDate;
}

const DANISH_MONTH_NAMES = new Intl.DateTimeFormat("da-DK", { month: "long", timeZone: "UTC" });
const ENGLISH_MONTH_NAMES = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/**
 * "2022-09-05" → "september September 2022": how a question may name when a meeting was ("i
 * september", "in September 2022"), for matching questions to meetings; empty when undated.
 */
export function whenWords(isoDate: string | null): string {
  if (isoDate === null) return "";
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return "";
  return `${DANISH_MONTH_NAMES.format(date)} ${ENGLISH_MONTH_NAMES.format(date)} ${isoDate.slice(0, 4)}`;
}

const longDanishDate = new Intl.DateTimeFormat("da-DK", { dateStyle: "full", timeZone: "UTC" });

/** "2019-09-18" → "onsdag den 18. september 2019". */
export function formatLongDanishDate(isoDate: string | null): string {
  if (isoDate === null) return UNDATED;
  return longDanishDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A four-digit year, optionally spanning to a later one: "2022", "2014/15", "2023-26", "2023–2026". */
const YEAR_OR_SPAN =
  /(?<![\p{L}\p{N}])((?:19|20)\d\d)(?:\s?[-–/]\s?(\d{4}|\d\d))?(?![\p{L}\p{N}])/gu;
/** A longer span is not a period ("1990-2030" in a plan's name is two years, not forty). */
const LONGEST_SPAN = 10;

/**
 * The years a text names, a span with every year in it ("Budget 2023-26" names 2023 to 2026,
 * "skoleåret 2014/15" 2014 and 2015): what a question's "in 2014" is checked against.
 */
export function yearsNamed(text: string): Set<string> {
  const years = new Set<string>();
  for (const match of text.matchAll(YEAR_OR_SPAN)) {
    const first = Number(match[1]);
    years.add(String(first));
    const end = match[2];
    if (end === undefined) continue;
    const last = end.length === 2 ? Math.floor(first / 100) * 100 + Number(end) : Number(end);
    if (last <= first || last - first > LONGEST_SPAN) {
      if (end.length === 4) years.add(end);
      continue;
    }
    for (let year = first + 1; year <= last; year += 1) years.add(String(year));
  }
  return years;
}
