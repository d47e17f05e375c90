import type { Line } from "../lines.ts";

/** Where an agenda item begins, as one layout detector reads it. */
export interface ItemStart {
  /** Index into the line array of the item's title line. */
  lineIndex: number;
  /** Index of the first line of the item's body (after the title, and any title continuation). */
  bodyIndex: number;
  number: number;
  title: string;
  closed: boolean;
  /** Body text written on the title line itself (flattened lists: "1. Godkendelse af referat. Godkendt."). */
  inlineBody?: Line;
}

export interface LayoutDetector {
  name: string;
  detect(lines: readonly Line[]): ItemStart[];
}

const CLOSED_WORDS = String.raw`lukket(?:\s+(?:punkt|sag|dagsordenspunkt))?`;
const CLOSED_TITLE = new RegExp(String.raw`^${CLOSED_WORDS}\s*(?:[:.\-–]\s*(.*))?$`, "iu");
const CLOSED_SUFFIX = new RegExp(
  String.raw`^(.*?)\s*(?:\(${CLOSED_WORDS}\)|[-–]\s*${CLOSED_WORDS})$`,
  "iu",
);
/** "Åbent punkt" below a title says nothing an open item does not already say. */
export const OPEN_MARK = /^åbe(?:n|nt)(?:\s+(?:punkt|sag|dagsordenspunkt))?\.?$/iu;
/** "Lukket punkt" on a line of its own below the title. */
export const CLOSED_MARK = new RegExp(String.raw`^${CLOSED_WORDS}\.?$`, "iu");

const OPEN_PREFIX = /^åbe(?:n|nt)(?:\s+(?:punkt|sag|dagsordenspunkt))?\s*[:.\-–]\s*(?=\S)/iu;

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

/** "## 3 Budget": a markdown heading numbered without a full stop still opens an item. */
export function matchMarkdownNumberedHeading(line: Line): RegExpMatchArray | null {
  return /^#{1,6}\s/u.test(line.raw.trim()) ? line.text.match(/^(\d{1,3})\s+(\S.*)$/u) : null;
}

/**
 * An item whose title line also holds text ("1. Godkendelse af referat. Godkendt."): the title
 * opens the item and the rest of the line is the first line of its body.
 */
export function itemOnOneLine(
  lines: readonly Line[],
  lineIndex: number,
  number: number,
  split: { title: string; rest: string },
): ItemStart {
  const start: ItemStart = {
    lineIndex,
    bodyIndex: lineIndex + 1,
    number,
    ...readClosedTitle(split.title),
  };
  if (split.rest === "") return start;
  const line = lines[lineIndex] as Line;
  return { ...start, inlineBody: { number: line.number, raw: split.rest, text: split.rest } };
}
