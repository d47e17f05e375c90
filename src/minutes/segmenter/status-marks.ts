import { readCaseNumber } from "../case-numbers.ts";

/**
 * Open/closed status as minutes write it: "Lukket", "Lukket punkt", "Åbent punkt" on a line of
 * their own, "Lukket: Personalesag" or "Personalesag (Lukket)" in a title, and agenda systems'
 * status lines that carry the case number too ("Åbent - 01.00.00-G01-93-16").
 */

const CLOSED_WORDS = String.raw`lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?`;
const OPEN_WORDS = String.raw`åbe(?:n|nt)(?:\s+(?:punkt|sag|dagsordenspunkt))?`;
const CLOSED_TITLE = new RegExp(String.raw`^${CLOSED_WORDS}\s*(?:[:.\-–]\s*(.*))?$`, "iu");
const CLOSED_SUFFIX = new RegExp(
  String.raw`^(.*?)\s*(?:\(${CLOSED_WORDS}\)|[-–]\s*${CLOSED_WORDS})$`,
  "iu",
);
const OPEN_PREFIX = new RegExp(String.raw`^${OPEN_WORDS}\s*[:.\-–]\s*(?=\S)`, "iu");
/** "Åbent - 01.00.00-G01-93-16", "Lukket – 2007/34364": a status line with the case number after it. */
const STATUS_WITH_CASE = new RegExp(
  String.raw`^(${OPEN_WORDS}|${CLOSED_WORDS})\s*[-–:]\s*(\S.*)$`,
  "iu",
);

/** "Åbent punkt" below a title says nothing an open item does not already say. */
export const OPEN_MARK = new RegExp(String.raw`^${OPEN_WORDS}\.?$`, "iu");
/** "Lukket punkt" on a line of its own below the title. */
export const CLOSED_MARK = new RegExp(String.raw`^${CLOSED_WORDS}\.?$`, "iu");

export interface StatusLine {
  closed: boolean;
  caseNumber: string | null;
}

/** A line that is only a status mark, or a status and a case number; undefined for anything else. */
export function readStatusLine(text: string): StatusLine | undefined {
  const trimmed = text.trim();
  if (OPEN_MARK.test(trimmed)) return { closed: false, caseNumber: null };
  if (CLOSED_MARK.test(trimmed)) return { closed: true, caseNumber: null };
  const withCase = trimmed.match(STATUS_WITH_CASE);
  if (!withCase) return undefined;
  const caseNumber = readStatusCaseNumber(withCase[2] ?? "");
  if (caseNumber === undefined) return undefined;
  return { closed: /^lukket/iu.test(withCase[1] ?? ""), caseNumber };
}

/**
 * "01.00.00-G01-93-16" → itself; "00.01.00A04 - 2007/34364" (a KLE code, then the case number)
 * → "2007/34364": the part that is a case number, the last one when there are several.
 */
function readStatusCaseNumber(value: string): string | undefined {
  const whole = readCaseNumber(value) ?? readKleCode(value);
  if (whole) return whole;
  const parts = value.split(/\s+[-–]\s+/u);
  for (const part of parts.reverse()) {
    const found = readCaseNumber(part) ?? readKleCode(part);
    if (found) return found;
  }
  return undefined;
}

/** A KLE journal code on its own ("00.01.00A04", "01.00.00-G01-93-16"). */
function readKleCode(value: string): string | undefined {
  const match = value.trim().match(/^(\d{2}\.\d{2}\.\d{2}(?:[-–]?[A-ZÆØÅ]\d{2}(?:[-–]\d+)*)?)$/u);
  return match?.[1];
}

/**
 * "Lukket", "Lukket: Personalesag", "Personalesag (Lukket)" → closed, with the title that
 * remains; "Åbent punkt: Budget" → open, "Budget".
 */
export function readClosedTitle(title: string): { title: string; closed: boolean } {
  if (OPEN_PREFIX.test(title)) return { title: title.replace(OPEN_PREFIX, ""), closed: false };
  const prefixed = title.match(CLOSED_TITLE);
  if (prefixed) return { title: prefixed[1]?.trim() || "Lukket", closed: true };
  const suffixed = title.match(CLOSED_SUFFIX);
  if (suffixed?.[1]) return { title: suffixed[1].trim(), closed: true };
  return { title, closed: false };
}

/** "(kl. 12.00-12.05)" after a title is the timetable, not part of the title. */
export function stripTimeSlot(title: string): string {
  return title.replace(/\s*\(kl\.?[^)]*\)\s*$/iu, "").trim();
}
