import type { PdfPageContent, PdfTextItem } from "./pdf-text-items.ts";

/**
 * Runs → lines. Content-stream order is not reading order (a label/value table draws both labels,
 * then both values), so runs are grouped by baseline and ordered by position: lines top to
 * bottom, runs left to right. A line whose runs are separated by a wide horizontal gap is split
 * into segments, the cells of a table row.
 */

export interface PdfLineSegment {
  text: string;
  x0: number;
  x1: number;
}

export interface PdfLine {
  page: number;
  angle: number;
  baseline: number;
  x0: number;
  x1: number;
  /** The font size most of the line's characters have. */
  size: number;
  /** Every letter of the line is bold. */
  bold: boolean;
  text: string;
  /** Parts separated by a wide gap; one segment for ordinary text. */
  segments: PdfLineSegment[];
  /** Width of the line's first word: whether it would have fitted at the end of the line above. */
  firstWordWidth: number;
  /** Every run lies in an /Artifact sequence of a tagged PDF. */
  artifact: boolean;
  /** Heading level from the structure tree when every run is in a heading element. */
  structHeading?: number;
  /** Characters per font size, for the document's body size. */
  charactersBySize: Map<number, number>;
}

/** Runs whose baselines differ by less than this share a line (fraction of the larger glyph size). */
const SAME_LINE_TOLERANCE = 0.45;
/** A gap between runs wider than this (in glyph sizes, about seven spaces) separates table cells. */
export const CELL_GAP = 2;
/** A gap wider than this (in glyph sizes) stands for a space the PDF did not draw. */
const SPACE_GAP = 0.15;
/** Dot leaders of a table-of-contents row: "Politiske fokusområder ......2". */
const DOT_LEADER = /(?:\.\s?){4,}|…{2,}|(?:_\s?){4,}/u;

export function groupLines(content: PdfPageContent): PdfLine[] {
  const byAngle = new Map<number, PdfTextItem[]>();
  for (const item of content.items) {
    const group = byAngle.get(item.angle) ?? [];
    group.push(item);
    byAngle.set(item.angle, group);
  }
  const angles = [...byAngle.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  return angles.flatMap((angle) => linesOf(byAngle.get(angle) ?? [], content.page, angle));
}

function linesOf(items: readonly PdfTextItem[], page: number, angle: number): PdfLine[] {
  const sorted = [...items].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  let current: PdfTextItem[] = [];
  let reference: PdfTextItem | undefined;
  for (const item of sorted) {
    if (
      reference !== undefined &&
      Math.abs(item.baseline - reference.baseline) <=
        SAME_LINE_TOLERANCE * Math.max(item.size, reference.size)
    ) {
      current.push(item);
      if (item.text.length > reference.text.length) reference = item;
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [item];
    reference = item;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group) => buildLine(group, page, angle));
}

function buildLine(group: PdfTextItem[], page: number, angle: number): PdfLine {
  const runs = [...group].sort((a, b) => a.x - b.x);
  const charactersBySize = new Map<number, number>();
  let letters = 0;
  let boldLetters = 0;
  let visible = 0;
  let boldVisible = 0;
  for (const run of runs) {
    const size = Math.round(run.size * 100) / 100;
    const count = run.text.replace(/\s+/gu, "").length;
    charactersBySize.set(size, (charactersBySize.get(size) ?? 0) + count);
    const runLetters = run.text.match(/\p{L}/gu)?.length ?? 0;
    letters += runLetters;
    visible += count;
    if (run.bold) {
      boldLetters += runLetters;
      boldVisible += count;
    }
  }
  const size = dominantSize(charactersBySize);
  const segments = splitSegments(runs, size);
  const first = runs[0];
  // The baseline of the longest run: a bullet or superscript at the start may sit higher.
  const main = runs.reduce((best, run) => (run.text.length > best.text.length ? run : best));
  const text = segments.map((segment) => segment.text).join(" ");
  const line: PdfLine = {
    page,
    angle,
    baseline: main.baseline,
    x0: first?.x ?? 0,
    x1: Math.max(...runs.map((run) => run.x + run.width)),
    size,
    bold: letters > 0 ? boldLetters === letters : visible > 0 && boldVisible === visible,
    text,
    segments: DOT_LEADER.test(text) ? [mergeSegments(segments)] : segments,
    firstWordWidth: first ? firstWordWidth(first) : 0,
    artifact: runs.every((run) => run.artifact === true),
    charactersBySize,
  };
  const headings = runs.map((run) => run.structHeading);
  const heading = headings[0];
  if (heading !== undefined && headings.every((level) => level === heading)) {
    line.structHeading = heading;
  }
  return line;
}

function splitSegments(runs: readonly PdfTextItem[], size: number): PdfLineSegment[] {
  const segments: PdfLineSegment[] = [];
  let segment: PdfLineSegment | undefined;
  let end = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const gap = run.x - end;
    if (segment === undefined || gap > CELL_GAP * size) {
      segment = { text: run.text.trimStart(), x0: run.x, x1: run.x + run.width };
      segments.push(segment);
    } else {
      const needsSpace =
        gap > SPACE_GAP * Math.min(size, run.size) &&
        !/\s$/u.test(segment.text) &&
        !/^\s/u.test(run.text);
      segment.text += (needsSpace ? " " : "") + run.text;
      segment.x1 = Math.max(segment.x1, run.x + run.width);
    }
    end = Math.max(end, run.x + run.width);
  }
  for (const part of segments) part.text = part.text.replace(/\s+/gu, " ").trim();
  return segments.filter((part) => part.text !== "");
}

function mergeSegments(segments: readonly PdfLineSegment[]): PdfLineSegment {
  return {
    text: segments.map((segment) => segment.text).join(" "),
    x0: segments[0]?.x0 ?? 0,
    x1: segments.at(-1)?.x1 ?? 0,
  };
}

function dominantSize(charactersBySize: ReadonlyMap<number, number>): number {
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of charactersBySize) {
    if (count > bestCount || (count === bestCount && size > best)) {
      best = size;
      bestCount = count;
    }
  }
  return best;
}

function firstWordWidth(run: PdfTextItem): number {
  const text = run.text.trimStart();
  if (text.length === 0) return 0;
  const word = /^\S+/u.exec(text)?.[0] ?? text;
  // Share of the run's measured width, by typical glyph widths (capitals are wider than "il").
  return run.width * (relativeWidth(word) / relativeWidth(text));
}

const NARROW = new Set([..."ijlI.,:;'|!·"]);
const SLIM = new Set([...'ftr ()-/[]"–']);
const WIDE = new Set([..."mwMWæÆœŒ@%"]);

/** Helvetica-like advance widths in em, for splitting a run's measured width between its words. */
function relativeWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    if (NARROW.has(character)) width += 0.25;
    else if (SLIM.has(character)) width += 0.32;
    else if (WIDE.has(character)) width += 0.86;
    else if (/\p{Lu}/u.test(character)) width += 0.69;
    else width += 0.54;
  }
  return width;
}

/** The document's body size: the font size most characters have (furniture left out by the caller). */
export function bodySize(lines: readonly PdfLine[]): number {
  const total = new Map<number, number>();
  for (const line of lines) {
    for (const [size, count] of line.charactersBySize) {
      total.set(size, (total.get(size) ?? 0) + count);
    }
  }
  return dominantSize(total);
}
