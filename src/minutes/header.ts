import { findDate, findStartTime, readTimeField } from "./dates.ts";
import { readBodyName } from "./header-body.ts";
import type { Line } from "./lines.ts";
import type { DocumentType, ItemDraft } from "./readers/types.ts";
import { isFieldLabel } from "./table-lines.ts";

/** Meeting metadata read from the lines before the first agenda item. */
export interface MeetingHeader {
  body: string | undefined;
  organisation: string | null;
  date: string | undefined;
  time: string | null;
  location: string | null;
}

const DATE_KEY = /^(?:mødedato|dato)\s*:?\s+(.+)$/iu;
const LOCATION_KEY = /^(?:(?:mødested|sted)\s*:?\s+|(?:lokale|mødelokale)\s*:\s*)(.+)$/iu;
/** A line that names a place on its own: "Mødelokale 1, Rådhuset", "Byrådssalen". */
const PLACE_LINE =
  /^(?:[^\d:]*\b)?(?:mødelokale|lokale|rådhus|rådhuset|byrådssal|byrådssalen|mødesal|kantine|sal)\b.{0,80}$|^\S+(?:salen|huset|centret|centeret)\b.{0,60}$/iu;
const TIME_KEY = /^(?:mødetidspunkt|mødetid|tidspunkt|tid|starttidspunkt)\s*:?\s+(.+)$/iu;
const ORGANISATION =
  /\b(Region\s+[A-ZÆØÅ][a-zæøå]+|[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?\s+Kommune)s?\b/gu;

export function readHeader(headerLines: readonly Line[], allLines: readonly Line[]): MeetingHeader {
  const texts = headerTexts(headerLines);
  const keyed = (pattern: RegExp) =>
    texts.map((text) => text.match(pattern)?.[1]?.trim()).find(Boolean);

  const dateText = keyed(DATE_KEY);
  const dateLineIndex = texts.findIndex((text) => findDate(text) !== undefined);
  const date =
    (dateText && findDate(dateText)?.iso) ??
    (dateLineIndex >= 0 ? findDate(texts[dateLineIndex] as string)?.iso : undefined);

  const timeField = keyed(TIME_KEY);
  // "Mødetid: 15:00 - 18:00" needs no "kl." to be a time.
  const fieldTime = timeField ? readTimeField(timeField) : undefined;
  const timeSource = [timeField, dateText, texts[dateLineIndex], ...texts].find(
    (text) => text !== undefined && findStartTime(text) !== undefined,
  );
  // "Dato: 25-09-2018 19:00:00": the time right after the date in a date field.
  const dateFieldTime = dateText ? timeAfterDate(dateText) : undefined;

  return {
    body: readBody(texts),
    organisation: readOrganisation(allLines),
    date,
    time: fieldTime ?? (timeSource ? (findStartTime(timeSource) ?? null) : (dateFieldTime ?? null)),
    location: keyed(LOCATION_KEY) ?? locationAfterDate(texts, dateLineIndex) ?? null,
  };
}

/**
 * The header's lines as fields: table cells flattened to "Udvalg: |" lose their bars, and a
 * label alone on its line is joined with the value on the next.
 */
function headerTexts(headerLines: readonly Line[]): string[] {
  const texts = headerLines
    .map((line) => line.text.replace(/^\|\s*|\s*\|$/gu, "").trim())
    .filter((text) => text !== "" && !/^[|\-\s]+$/u.test(text));
  const joined: string[] = [];
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index] as string;
    const next = texts[index + 1];
    if (isFieldLabel(text) && next !== undefined && !isFieldLabel(next)) {
      joined.push(`${text} ${next}`);
      index++;
    } else joined.push(text);
  }
  return joined;
}

function timeAfterDate(text: string): string | undefined {
  const date = findDate(text);
  return date ? readTimeField(text.slice(date.end)) : undefined;
}

function readBody(texts: readonly string[]): string | undefined {
  return readBodyName(texts);
}

/**
 * Minutes (referat) or agenda (dagsorden), from the header's own words; a line naming both
 * ("Dagsorden eller referat") says nothing. Without a word, decisions written under the items
 * make it minutes.
 */
export function readDocumentType(
  headerLines: readonly Line[],
  items: readonly ItemDraft[],
): DocumentType | null {
  for (const text of headerTexts(headerLines).slice(0, 12)) {
    const referat = /\b(?:referat|beslutningsreferat|beslutningsprotokol|mødereferat)\b/iu.test(
      text,
    );
    const dagsorden = /dagsorden\b/iu.test(text);
    if (referat && !dagsorden) return "referat";
    if (dagsorden && !referat) return "dagsorden";
  }
  const decided = items.some((item) =>
    item.sections.some((section) => section.kind === "beslutning" && /\p{L}/u.test(section.text)),
  );
  return decided ? "referat" : null;
}

/** "20. april 2022 kl. 12:00" followed by "i SAU, Lokale 5 på Samsøvej 33": the place. */
function locationAfterDate(texts: readonly string[], dateLineIndex: number): string | undefined {
  if (dateLineIndex < 0) return undefined;
  // "Torsdag den 7. november 2024 kl. 17.00 i Byrådssalen"
  const onDateLine = texts[dateLineIndex]?.match(/\bkl\.?\s*\d{1,2}[.:]\d{2}\s+(?:i|på)\s+(.+)$/iu);
  if (onDateLine) return onDateLine[1]?.trim();
  const next = texts[dateLineIndex + 1];
  const match = next?.match(/^(?:i|på)\s+(.+)$/iu);
  if (match) return match[1]?.trim();
  return next !== undefined && PLACE_LINE.test(next) ? next.trim() : undefined;
}

/** The authority the minutes name most often ("Randers Kommune", "Region Midtjylland"). */
function readOrganisation(lines: readonly Line[]): string | null {
  const counts = new Map<string, number>();
  for (const line of lines) {
    for (const match of line.text.matchAll(ORGANISATION)) {
      const name = (match[1] ?? "").replace(/\s+/gu, " ");
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best ? best[0] : null;
}
