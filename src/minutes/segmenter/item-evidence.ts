import { readCaseNumber } from "../case-numbers.ts";
import { recogniseHeading } from "../headings.ts";
import type { Line } from "../lines.ts";
import { isGroupHeading, isGroupLine } from "./group-lines.ts";
import type { ItemMarker } from "./markers.ts";
import { readClosedTitle, readStatusLine } from "./status-marks.ts";
import { sameTitle, type TableOfContents } from "./table-of-contents.ts";
import { splitTitle } from "./title-text.ts";

/**
 * How strongly each marker line says "an item starts here", from the cues every format gives:
 * the numbering form, typography (heading level, bold, size), what stands below the line
 * (section headings, a case number, an open/closed mark), the table of contents, and how the
 * line stands among its neighbours. Every cue that fired is recorded, for tests and debugging.
 */

export interface Candidate extends ItemMarker {
  score: number;
  cues: string[];
  /** In the table of contents, at this position (contents order confirms out-of-order numbers). */
  contentsPosition: number | undefined;
  styled: boolean;
  /** How many group headings ("A. Sager til afgørelse i byrådet") stand before the line. */
  group: number;
}

const LOOKAHEAD_LINES = 5;

const WEIGHTS = {
  punkt: 3,
  numbered: 0.5,
  roman: 0.5,
  bare: -1.5,
  headingStyle: 2.5,
  bold: 1.5,
  large: 1.5,
  maxTypography: 3,
  unstyledAmongStyled: -2,
  sectionHeadingBelow: 2.5,
  caseOrStatusBelow: 2,
  contents: 3,
  notInContents: -1,
  closedTitle: 1.5,
  standsApart: 0.5,
  listLike: -1.5,
  restartedList: -3,
  indented: -1.5,
  reference: -1.5,
  titleBelowIsProse: -2,
  longTitle: -1.5,
  endsWithColon: -1,
} as const;

export function scoreCandidates(
  lines: readonly Line[],
  markers: readonly ItemMarker[],
  contents: TableOfContents,
): Candidate[] {
  const bodyMarkers = markers.filter((marker) => !contents.lineIndexes.has(marker.lineIndex));
  const markerLines = new Set(bodyMarkers.map((marker) => marker.lineIndex));
  const anyStyled = bodyMarkers.some((marker) => isStyled(lines[marker.lineIndex] as Line));
  const inRestartedList = restartedLists(bodyMarkers);
  // Indentation says something only where most lines are not indented (a page render indents all).
  const nonBlank = lines.filter((line) => line.text !== "");
  const mostlyIndented =
    nonBlank.filter((line) => /^\s/u.test(line.raw)).length > nonBlank.length / 2;
  const groupBefore = groupCounts(lines);
  return bodyMarkers.map((marker) => {
    const line = lines[marker.lineIndex] as Line;
    const cues: string[] = [];
    let score = 0;
    const add = (cue: string, weight: number) => {
      cues.push(cue);
      score += weight;
    };
    add(marker.scheme, WEIGHTS[marker.scheme]);

    const typography = typographyOf(line);
    if (typography.weight > 0)
      add(typography.cue, Math.min(WEIGHTS.maxTypography, typography.weight));
    else if (anyStyled) add("unstyled-among-styled", WEIGHTS.unstyledAmongStyled);

    const below = whatStandsBelow(lines, marker.lineIndex, markerLines);
    if (below.sectionHeading) add("section-heading-below", WEIGHTS.sectionHeadingBelow);
    if (below.caseOrStatus) add("case-or-status-below", WEIGHTS.caseOrStatusBelow);

    const contentsPosition = contents.entries.findIndex(
      (entry) => entry.number === marker.number && sameTitle(entry.title, marker.rest),
    );
    if (contentsPosition >= 0) add("in-contents", WEIGHTS.contents);
    else if (contents.entries.length >= 2) add("not-in-contents", WEIGHTS.notInContents);

    if (readClosedTitle(marker.rest.replace(/\.$/u, "")).closed || marker.closedByMarker)
      add("closed-title", WEIGHTS.closedTitle);
    if (standsApart(lines, marker.lineIndex)) add("stands-apart", WEIGHTS.standsApart);
    if (inRestartedList.has(marker.lineIndex) && typography.weight === 0 && contentsPosition < 0)
      add("restarted-list", WEIGHTS.restartedList);
    else if (isListEntry(lines, marker.lineIndex, markerLines) && typography.weight === 0)
      add("list-like", WEIGHTS.listLike);
    if (/^\s/u.test(line.raw) && line.cue === undefined && !mostlyIndented)
      add("indented", WEIGHTS.indented);
    if (marker.reference) add("reference", WEIGHTS.reference);
    if (marker.rest === "" && proseFollows(lines, marker.lineIndex))
      add("title-below-is-prose", WEIGHTS.titleBelowIsProse);
    if (titlePart(marker.rest).length > 160) add("long-title", WEIGHTS.longTitle);
    if (/:$/u.test(marker.rest)) add("ends-with-colon", WEIGHTS.endsWithColon);

    return {
      ...marker,
      score,
      cues,
      contentsPosition: contentsPosition >= 0 ? contentsPosition : undefined,
      styled: typography.weight > 0,
      group: groupBefore[marker.lineIndex] ?? 0,
    };
  });
}

/** "Ad. 1" / "5 medlemmer (A+V+C) anbefaler forslaget.": what follows a bare marker is a sentence, not a title. */
function proseFollows(lines: readonly Line[], index: number): boolean {
  for (let below = index + 1; below < lines.length; below++) {
    const text = (lines[below] as Line).text;
    if (text === "") continue;
    return (
      /[.!?]$/u.test(text) || text.length > 120 || (/^\d/u.test(text) && !TIME_SLOT.test(text))
    );
  }
  return false;
}

/** "10.00-10.30" below "Punkt 3": the item's time, standing where its title would. */
const TIME_SLOT = /^\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?$/u;

/** For each line, how many group headings stand above it. */
function groupCounts(lines: readonly Line[]): number[] {
  let groups = 0;
  return lines.map((line) => {
    const before = groups;
    if (isGroupHeading(line.text)) groups++;
    return before;
  });
}

/** What could be the title: the line up to its first parenthesis or sentence end. */
function titlePart(rest: string): string {
  return splitTitle(rest).title;
}

function isStyled(line: Line): boolean {
  return typographyOf(line).weight > 0;
}

/** Heading structure from the format (h1–h6, Word heading styles, a markdown "#"), bold, a larger font. */
function typographyOf(line: Line): { weight: number; cue: string } {
  const cue = line.cue;
  const markdownHeading = /^#{1,6}\s/u.test(line.raw.trim());
  const markdownBold = /^(\*\*|__).+\1$/u.test(line.raw.trim());
  let weight = 0;
  const names: string[] = [];
  if (cue?.role === "heading" || markdownHeading) {
    weight += WEIGHTS.headingStyle;
    names.push("heading");
  }
  if (cue?.bold || markdownBold) {
    weight += WEIGHTS.bold;
    names.push("bold");
  }
  if ((cue?.size ?? 1) >= 1.15) {
    weight += WEIGHTS.large;
    names.push("large");
  }
  return { weight, cue: names.join("+") || "plain" };
}

/**
 * Within the next few lines, before any other marker: a section heading, or a case number or
 * status line right under the title.
 */
function whatStandsBelow(
  lines: readonly Line[],
  from: number,
  markerLines: ReadonlySet<number>,
): { sectionHeading: boolean; caseOrStatus: boolean } {
  let seen = 0;
  let sectionHeading = false;
  let caseOrStatus = false;
  for (let index = from + 1; index < lines.length && seen < LOOKAHEAD_LINES; index++) {
    if (markerLines.has(index)) break;
    const text = (lines[index] as Line).text;
    if (text === "" || isGroupLine(text)) continue;
    seen++;
    if (seen <= 2 && (readCaseNumber(text) !== undefined || readStatusLine(text) !== undefined))
      caseOrStatus = true;
    else if (recogniseHeading(text)) sectionHeading = true;
  }
  return { sectionHeading, caseOrStatus };
}

function standsApart(lines: readonly Line[], index: number): boolean {
  const before = lines[index - 1];
  return before === undefined || before.text === "" || isGroupLine(before.text);
}

/**
 * Numbered lists inside items: runs of marker lines on consecutive lines, counting 1, 2, 3 …,
 * after the document's numbering has already passed 1. Items never start again at 1.
 */
function restartedLists(markers: readonly ItemMarker[]): Set<number> {
  const listed = new Set<number>();
  let highest = 0;
  let run: ItemMarker[] = [];
  const close = () => {
    if (run.length >= 2 && run[0]?.number === 1 && highest >= 2)
      for (const entry of run) listed.add(entry.lineIndex);
  };
  markers.forEach((marker, position) => {
    const previous = markers[position - 1];
    const continues =
      previous !== undefined &&
      marker.lineIndex === previous.lineIndex + 1 &&
      marker.number === previous.number + 1;
    if (!continues) {
      close();
      for (const entry of run) highest = Math.max(highest, entry.number);
      run = [];
    }
    run.push(marker);
  });
  close();
  return listed;
}

/** A marker line directly after, or directly before, another marker line, with no blank between. */
function isListEntry(
  lines: readonly Line[],
  index: number,
  markerLines: ReadonlySet<number>,
): boolean {
  const before = lines[index - 1];
  const after = lines[index + 1];
  return (
    (before !== undefined && before.text !== "" && markerLines.has(index - 1)) ||
    (after !== undefined && after.text !== "" && markerLines.has(index + 1))
  );
}
