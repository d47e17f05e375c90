import type { FilledBox, PageGraphics } from "./pdf-graphics.ts";
import type { PdfPageContent, PdfTextItem } from "./pdf-text-items.ts";

/**
 * Runs → lines. Content-stream order is not reading order (a label/value table draws both labels,
 * then both values), so runs are grouped by baseline and ordered by position: lines top to
 * bottom, runs left to right. A line is split into segments, the cells of a table row, where its
 * runs are separated by a wide horizontal gap or by a vertical ruling line; on a shaded bar (a
 * heading bar, a shaded table row) a narrower gap parts cells, as a bar's cells are its columns.
 */

/** One text run of a line, with what joins it to the run before it. */
export interface PdfLineRun {
  text: string;
  x0: number;
  x1: number;
  /** A space stands between this run and the one before it (the PDF drew none, or did). */
  spaceBefore: boolean;
  /** White space between the run before this one and this one, in points (Infinity for the first run). */
  gapBefore: number;
}

export interface PdfLineSegment {
  text: string;
  x0: number;
  x1: number;
  runs: PdfLineRun[];
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
  /** Parts separated by a wide gap or a ruling line; one segment for ordinary text. */
  segments: PdfLineSegment[];
  /** Where vertical ruling lines cross the line (x, ascending): a ruled table's column borders. */
  columnRules: number[];
  /** The shaded bar the line stands on (a box at most BAR_LINES glyph sizes high). */
  bar?: FilledBox;
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
/** On a shaded bar, a gap wider than this (in glyph sizes, three spaces) separates cells. */
const BAR_CELL_GAP = 0.8;
/** A shaded box at most this many glyph sizes high is a bar: one row of text on a background. */
const BAR_LINES = 3;
/** A ruling line this close (points) to where runs meet parts them. */
const RULE_TOLERANCE = 1;
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
  return angles.flatMap((angle) =>
    linesOf(
      byAngle.get(angle) ?? [],
      content.page,
      angle,
      angle === 0 ? (content.graphics ?? null) : null,
    ),
  );
}

function linesOf(
  items: readonly PdfTextItem[],
  page: number,
  angle: number,
  graphics: PageGraphics | null,
): PdfLine[] {
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
  return groups.map((group) => buildLine(group, page, angle, graphics));
}

function buildLine(
  group: PdfTextItem[],
  page: number,
  angle: number,
  graphics: PageGraphics | null,
): PdfLine {
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
  const first = runs[0];
  // The baseline of the longest run: a bullet or superscript at the start may sit higher.
  const main = runs.reduce((best, run) => (run.text.length > best.text.length ? run : best));
  const x0 = first?.x ?? 0;
  const x1 = Math.max(...runs.map((run) => run.x + run.width));
  const middle = main.baseline - 0.35 * size;
  const columnRules = graphics ? rulesCrossing(graphics, middle) : [];
  const bar = graphics ? barUnder(graphics, x0, x1, middle, size) : undefined;
  const lineRuns = joinRuns(runs, size);
  const segments = splitSegments(lineRuns, size, columnRules, bar ? BAR_CELL_GAP : CELL_GAP);
  const text = segments.map((segment) => segment.text).join(" ");
  const line: PdfLine = {
    page,
    angle,
    baseline: main.baseline,
    x0,
    x1,
    size,
    bold: letters > 0 ? boldLetters === letters : visible > 0 && boldVisible === visible,
    text,
    segments: DOT_LEADER.test(text) ? [mergeSegments(segments)] : segments,
    columnRules,
    firstWordWidth: first ? firstWordWidth(first) : 0,
    artifact: runs.every((run) => run.artifact === true),
    charactersBySize,
  };
  if (bar) line.bar = bar;
  const headings = runs.map((run) => run.structHeading);
  const heading = headings[0];
  if (heading !== undefined && headings.every((level) => level === heading)) {
    line.structHeading = heading;
  }
  return line;
}

/** The line's runs with the spaces between them decided: a gap wider than a hair is a space. */
function joinRuns(runs: readonly PdfTextItem[], size: number): PdfLineRun[] {
  const joined: PdfLineRun[] = [];
  let end = Number.NEGATIVE_INFINITY;
  let previousText = "";
  for (const run of runs) {
    const gap = run.x - end;
    const spaceBefore =
      gap > SPACE_GAP * Math.min(size, run.size) ||
      /\s$/u.test(previousText) ||
      /^\s/u.test(run.text);
    joined.push({
      text: run.text,
      x0: run.x,
      x1: run.x + run.width,
      spaceBefore,
      gapBefore: Number.isFinite(end) ? gap : Number.POSITIVE_INFINITY,
    });
    end = Math.max(end, run.x + run.width);
    previousText = run.text;
  }
  return joined;
}

/**
 * Runs → segments: a new segment where the gap before a run is wider than `cellGap` glyph sizes
 * or a ruling line stands between the run and the one before it.
 */
function splitSegments(
  runs: readonly PdfLineRun[],
  size: number,
  columnRules: readonly number[],
  cellGap: number,
): PdfLineSegment[] {
  const groups: PdfLineRun[][] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const current = groups.at(-1);
    const ruled = columnRules.some(
      (x) => x >= end - RULE_TOLERANCE && x <= run.x0 + RULE_TOLERANCE,
    );
    if (current === undefined || run.gapBefore > cellGap * size || ruled) groups.push([run]);
    else current.push(run);
    end = Math.max(end, run.x1);
  }
  return groups.map(segmentOf).filter((segment) => segment.text !== "");
}

/** The segment made of `runs`, its text joined with the spaces between them. */
export function segmentOf(runs: readonly PdfLineRun[]): PdfLineSegment {
  let text = "";
  runs.forEach((run, index) => {
    text += (index > 0 && run.spaceBefore ? " " : "") + run.text;
  });
  return {
    text: text.replace(/\s+/gu, " ").trim(),
    x0: runs[0]?.x0 ?? 0,
    x1: Math.max(...runs.map((run) => run.x1)),
    runs: [...runs],
  };
}

function mergeSegments(segments: readonly PdfLineSegment[]): PdfLineSegment {
  return {
    text: segments.map((segment) => segment.text).join(" "),
    x0: segments[0]?.x0 ?? 0,
    x1: segments.at(-1)?.x1 ?? 0,
    runs: segments.flatMap((segment) => segment.runs),
  };
}

/** The x of each vertical ruling line crossing height `y`, ascending, close ones once. */
function rulesCrossing(graphics: PageGraphics, y: number): number[] {
  const xs = graphics.vertical
    .filter((rule) => rule.y0 <= y && rule.y1 >= y)
    .map((rule) => rule.x)
    .sort((a, b) => a - b);
  return xs.filter((x, index) => index === 0 || x - (xs[index - 1] ?? 0) > RULE_TOLERANCE);
}

/** The shaded bar under a line: a box no higher than BAR_LINES glyph sizes holding the line. */
function barUnder(
  graphics: PageGraphics,
  x0: number,
  x1: number,
  y: number,
  size: number,
): FilledBox | undefined {
  return graphics.fills.find(
    (box) =>
      box.y0 <= y &&
      box.y1 >= y &&
      box.y1 - box.y0 <= BAR_LINES * size &&
      box.x0 <= x0 + RULE_TOLERANCE &&
      box.x1 >= x1 - RULE_TOLERANCE,
  );
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
