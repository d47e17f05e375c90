import { readCaseNumber } from "../case-numbers.ts";
import { recogniseHeading } from "../headings.ts";
import { isTableOfContentsLine, type Line } from "../lines.ts";
import { isGroupLine } from "./group-lines.ts";
import type { ItemMarker } from "./markers.ts";
import { readStatusLine } from "./status-marks.ts";

/**
 * A table of contents is a set of expected items: "Indholdsfortegnelse" / "Punkter på
 * dagsordenen" followed by numbered entries, rows with dotted leaders or a page column, or a run
 * of numbered lines with no text between them whose titles come back further down. It confirms
 * the items of the body; when the body has none (an agenda listing, a page cut off after its
 * contents), it is the item list.
 */

export interface ContentsEntry {
  number: number;
  title: string;
  lineIndex: number;
}

export interface TableOfContents {
  entries: ContentsEntry[];
  /** Every line that belongs to the contents (entries, their heading, group headings). */
  lineIndexes: Set<number>;
}

const CONTENTS_HEADING =
  /^(?:indholdsfortegnelse|indhold|indholdsliste|oversigt|oversigtsdagsorden|dagsorden|dagsordenspunkter|punkter på dagsordenen|sagsliste|sagsoversigt|pkt\.?\s+tekst\s+side|punkt\s*(?:nr\.?)?\s+(?:tekst\s+)?side|punkt\s+side)\s*:?$/iu;
/** "1\tGodkendelse af dagsorden (kl. 12.00-12.05)\t1": a "Pkt Tekst Side" row. */
const CONTENTS_ROW = /^(\d{1,4})\.?(?:\t+|\s{2,})(.+?)(?:\t+|\s{2,}|\.{3,}\s*)(\d{1,4})$/u;
/** Dotted leaders and the page number after them. */
const LEADERS = /\s*\.{3,}\s*\|?\s*\d*\s*\|?\s*$/u;
const MIN_RUN = 2;

export function findTableOfContents(
  lines: readonly Line[],
  markers: readonly ItemMarker[],
): TableOfContents {
  const markerAt = new Map(markers.map((marker) => [marker.lineIndex, marker]));
  const entries: ContentsEntry[] = [];
  const lineIndexes = new Set<number>();
  const add = (lineIndex: number, number: number, title: string) => {
    entries.push({ number, title: title.trim(), lineIndex });
    lineIndexes.add(lineIndex);
  };

  // Rows that say they are contents: dotted leaders, a tab-separated page column.
  lines.forEach((line, index) => {
    const row = line.raw.trim().match(CONTENTS_ROW);
    // "\t2018\t2019\t2020\t2021" is a table's header row, not an entry: entries have titles.
    if (row && /\p{L}/u.test(row[2] ?? "")) {
      add(index, Number(row[1]), row[2] ?? "");
      return;
    }
    const marker = markerAt.get(index);
    if (marker && isTableOfContentsLine(line.text))
      add(index, marker.number, marker.rest.replace(LEADERS, ""));
  });

  // Runs of numbered lines with nothing between them, after a contents heading, or before the
  // body begins and repeated below (a decision's "1. Godkendt" list further down is not contents).
  const bodyStart = firstItemWithSections(lines, markers);
  for (const run of numberedRuns(lines, markers)) {
    const headed = run.heading !== undefined;
    const beforeBody = (run.markers[0]?.lineIndex ?? 0) < bodyStart;
    const repeated = beforeBody && repeatsFurtherDown(run.markers, markers);
    if (!headed && !repeated) continue;
    if (run.heading !== undefined) lineIndexes.add(run.heading);
    for (const index of run.groupLines) lineIndexes.add(index);
    const titles = withoutPageNumbers(run.markers.map((marker) => marker.rest));
    run.markers.forEach((marker, position) => {
      if (!lineIndexes.has(marker.lineIndex))
        add(marker.lineIndex, marker.number, titles[position] ?? marker.rest);
    });
  }
  entries.sort((a, b) => a.lineIndex - b.lineIndex);
  return { entries: dedupe(entries), lineIndexes };
}

/** The first marker line with a section heading or case number just below it: where the body begins. */
function firstItemWithSections(lines: readonly Line[], markers: readonly ItemMarker[]): number {
  const markerLines = new Set(markers.map((marker) => marker.lineIndex));
  for (const marker of markers) {
    for (let index = marker.lineIndex + 1, seen = 0; index < lines.length && seen < 4; index++) {
      const text = (lines[index] as Line).text;
      if (text === "") continue;
      seen++;
      if (recogniseHeading(text) || readCaseNumber(text) !== undefined) return marker.lineIndex;
      if (markerLines.has(index)) break;
    }
  }
  return lines.length;
}

interface NumberedRun {
  markers: ItemMarker[];
  groupLines: number[];
  /** The contents heading just above the run, if any. */
  heading?: number;
}

/** Maximal runs of marker lines separated only by blank lines and group headings. */
function numberedRuns(lines: readonly Line[], markers: readonly ItemMarker[]): NumberedRun[] {
  const runs: NumberedRun[] = [];
  let current: NumberedRun | undefined;
  const markerAt = new Map(markers.map((marker) => [marker.lineIndex, marker]));
  const close = () => {
    if (current && current.markers.length >= MIN_RUN) runs.push(current);
    current = undefined;
  };
  lines.forEach((line, index) => {
    const marker = markerAt.get(index);
    if (marker) {
      const last = current?.markers.at(-1);
      // Contents count up, within each group ("A. Sager til afgørelse …" may list 17 before 7);
      // a number that does not, or a row of another kind, starts something else.
      const groupSinceLast = (current?.groupLines.at(-1) ?? -1) > (last?.lineIndex ?? -1);
      const listed = current?.markers.some((entry) => entry.number === marker.number) ?? false;
      if (
        last &&
        (listed ||
          hasItemStructureBelow(lines, index) ||
          (marker.number <= last.number && !groupSinceLast) ||
          marker.scheme !== last.scheme ||
          isTableOfContentsLine(line.text) !==
            isTableOfContentsLine((lines[last.lineIndex] as Line).text))
      )
        close();
      if (!current) current = { markers: [], groupLines: [], ...headingAbove(lines, index) };
      current.markers.push(marker);
      return;
    }
    if (line.text === "") return;
    if (current && isGroupLine(line.text)) {
      current.groupLines.push(index);
      return;
    }
    close();
  });
  close();
  return runs;
}

/** A case number, status line or section heading right below: an item, not a contents entry. */
function hasItemStructureBelow(lines: readonly Line[], index: number): boolean {
  for (let below = index + 1, seen = 0; below < lines.length && seen < 2; below++) {
    const text = (lines[below] as Line).text;
    if (text === "") continue;
    seen++;
    if (readCaseNumber(text) !== undefined || readStatusLine(text) !== undefined) return true;
    if (recogniseHeading(text)) return true;
  }
  return false;
}

function headingAbove(lines: readonly Line[], index: number): { heading?: number } {
  for (let above = index - 1; above >= 0 && above >= index - 6; above--) {
    const text = (lines[above] as Line).text;
    if (text === "" || isGroupLine(text)) continue;
    return CONTENTS_HEADING.test(text) ? { heading: above } : {};
  }
  return {};
}

/**
 * The run's titles come back as item lines further down: at least half of them, or, for a list of
 * three or more (a page may be cut off after its first items), at least one.
 */
function repeatsFurtherDown(run: readonly ItemMarker[], markers: readonly ItemMarker[]): boolean {
  const last = run.at(-1)?.lineIndex ?? 0;
  const later = markers.filter((marker) => marker.lineIndex > last);
  const found = run.filter((entry) =>
    later.some((marker) => marker.number === entry.number && sameTitle(marker.rest, entry.rest)),
  ).length;
  return found >= (run.length >= 3 ? 1 : Math.ceil(run.length / 2));
}

/** "715. Kulturkommune 2017. Politiske fokusområder 2": a page column that lost its tab. */
function withoutPageNumbers(titles: readonly string[]): string[] {
  const numbered = titles.filter((title) => /\s\d{1,3}$/u.test(title)).length;
  if (numbered < Math.max(1, titles.length / 2)) return [...titles];
  return titles.map((title) => title.replace(/\s+\d{1,3}$/u, ""));
}

function dedupe(entries: readonly ContentsEntry[]): ContentsEntry[] {
  const seen = new Set<number>();
  return entries.filter((entry) => {
    if (seen.has(entry.number)) return false;
    seen.add(entry.number);
    return true;
  });
}

/** Titles are the same entry when one starts with the other or their first words agree. */
export function sameTitle(a: string, b: string): boolean {
  const normal = (text: string) =>
    text
      .toLowerCase()
      .replace(/\s*\.{3,}.*$/u, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  const x = normal(a);
  const y = normal(b);
  if (x === "" || y === "") return false;
  if (x.startsWith(y) || y.startsWith(x)) return true;
  const words = (text: string) => text.split(" ").slice(0, 3).join(" ");
  return words(x) === words(y);
}
