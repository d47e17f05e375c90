import { AppError } from "../../shared/errors.ts";
import {
  isCaseNumberLabel,
  readCaseNumber,
  splitTitleCaseNumber,
  startsWithCaseNumberLabel,
} from "../case-numbers.ts";
import { readDocumentType, readHeader } from "../header.ts";
import { recogniseHeading } from "../headings.ts";
import { type Line, nextNonBlank, previousNonBlank } from "../lines.ts";
import type { DocumentMetadata, ItemDraft, MeetingDraft } from "../readers/types.ts";
import { splitSections } from "../sections.ts";
import { isEndOfItems } from "./back-matter.ts";
import { isGroupLine } from "./group-lines.ts";
import { type Candidate, scoreCandidates } from "./item-evidence.ts";
import { selectItems } from "./item-selection.ts";
import { type ItemStart, readItemStart } from "./item-starts.ts";
import { type ItemMarker, readItemMarker } from "./markers.ts";
import { readClosedTitle, readStatusLine, stripTimeSlot } from "./status-marks.ts";
import { findTableOfContents, type TableOfContents } from "./table-of-contents.ts";
import { withoutFinalStop } from "./title-text.ts";

export interface SegmentedMinutes {
  meeting: MeetingDraft;
  /** How the items were found: the numbering form of the chosen item lines, or the fallback used. */
  layout: string;
  warnings: string[];
}

/**
 * The segmenter: the line model of any format (text lines, or the blocks of a PDF, HTML page or
 * Word document) → a meeting draft with its items and their sections. Item lines are chosen from
 * candidates in every numbering form by the cues all formats share (see item-evidence.ts and
 * item-selection.ts); a table of contents confirms them and is the item list when the body has
 * none; without numbers, repeated item openings ("Sagsnr.: …", "Åben" + "Beslutning") still
 * separate the items. Throws AppError `minutes_no_items` when nothing looks like an item.
 */
export function segmentLines(lines: readonly Line[], metadata: DocumentMetadata): SegmentedMinutes {
  const warnings: string[] = [];
  const markers = withFlattenedNumbers(
    withoutCaseNumberLines(
      lines,
      lines.flatMap((line, index) => readItemMarker(line, index) ?? []),
    ),
  );
  const contents = findTableOfContents(lines, markers.all);
  const candidates = scoreCandidates(lines, markers.all, contents);
  const chosen = withoutRepeatedNumbers(selectItems(candidates), lines);
  const markerLines = new Set(markers.all.map((marker) => marker.lineIndex));

  let starts: ItemStart[];
  let layout: string;
  if (chosen.length > 0) {
    starts = chosen.map((candidate) =>
      readItemStart(lines, candidate, markerLines, { flattened: markers.flattened }),
    );
    layout = markers.flattened ? "flattened-list" : dominantScheme(chosen);
  } else if (contents.entries.length > 0) {
    starts = contentsAsItems(contents);
    layout = "contents";
    warnings.push("the document lists its items but gives no text for them");
  } else {
    starts = repeatedOpenings(lines);
    layout = "openings";
    if (starts.length > 0)
      warnings.push(
        "the items have no numbers or titles in the document; they are numbered in reading order",
      );
  }
  if (starts.length === 0) {
    throw new AppError(
      "minutes_no_items",
      'no agenda items found (no "Punkt N:" or numbered items)',
    );
  }

  const caseNumbersBefore = caseNumbersPrecedeTitles(lines, starts);
  const firstStart = (starts[0] as ItemStart).lineIndex;
  const firstItemLine = caseNumbersBefore
    ? (previousNonBlank(lines, firstStart) ?? firstStart)
    : firstStart;
  // The header ends where the contents or the first item begin.
  const headerEnd = Math.min(
    firstItemLine,
    ...[...contents.lineIndexes].filter((index) => index < firstStart),
  );
  const headerLines = lines.slice(0, headerEnd);
  const header = readHeader(headerLines, lines);
  const contentsOnly = layout === "contents";
  const read = starts.map((start, position) =>
    readItem(lines, start, starts[position + 1], { caseNumbersBefore, contentsOnly }),
  );
  const items = contentsOnly ? read : withListedOnlyItems(read, lines, contents, warnings);
  const meeting: MeetingDraft = {
    body: header.body ?? metadata.body ?? null,
    organisation: header.organisation ?? metadata.organisation ?? null,
    date: header.date ?? metadata.date ?? null,
    time: header.time ?? metadata.time ?? null,
    location: header.location ?? metadata.location ?? null,
    documentType: metadata.documentType ?? readDocumentType(headerLines, items),
    items,
  };
  return { meeting, layout, warnings };
}

/**
 * Items the contents list but the body never reaches (a page cut off after its first items, an
 * item whose heading could not be read) are still items, with no text, in the contents' order.
 */
function withListedOnlyItems(
  items: ItemDraft[],
  lines: readonly Line[],
  contents: TableOfContents,
  warnings: string[],
): ItemDraft[] {
  const found = new Set(items.map((item) => item.number));
  const firstItem = Math.min(...items.map((item) => item.lineStart ?? Number.POSITIVE_INFINITY));
  // Contents stand before the items; an entry further down is not one the body failed to reach.
  const missing = contents.entries.filter(
    (entry) =>
      !found.has(entry.number) && ((lines[entry.lineIndex] as Line).number ?? 0) < firstItem,
  );
  if (missing.length === 0) return items;
  warnings.push(
    `${missing.length} item${missing.length === 1 ? "" : "s"} listed in the contents but not found in the text: ${missing.map((entry) => entry.number).join(", ")}`,
  );
  const order = new Map(contents.entries.map((entry, position) => [entry.number, position]));
  const listed = contentsAsItems({ ...contents, entries: missing }).map((start) =>
    readItem(lines, start, undefined, { caseNumbersBefore: false, contentsOnly: true }),
  );
  // Stable merge: every item keeps its place; a listed-only item goes after the item listed before it.
  const merged = [...items];
  for (const item of listed) {
    const position = order.get(item.number) ?? 0;
    const after = merged.reduce(
      (last, other, index) => ((order.get(other.number) ?? -1) < position ? index : last),
      -1,
    );
    merged.splice(after + 1, 0, item);
  }
  return merged;
}

/**
 * "Sag nr. 129" alone on its line opens an item whose title follows ("Sag nr. 1" / "Godkendelse
 * af dagsorden") only where no item line stands right above it; under a title it is the item's
 * case number.
 */
function withoutCaseNumberLines(lines: readonly Line[], markers: ItemMarker[]): ItemMarker[] {
  const markerLines = new Set(markers.map((marker) => marker.lineIndex));
  return markers.filter((marker) => {
    const text = (lines[marker.lineIndex] as Line).text;
    if (marker.rest !== "" || !/^sag\b/iu.test(text)) return true;
    const above = previousNonBlank(lines, marker.lineIndex);
    return above === undefined || !markerLines.has(above);
  });
}

/**
 * An auto-numbered list flattened to text writes every item "1.": when most numbered lines say
 * 1, the items are numbered 1, 2, 3 … in reading order.
 */
function withFlattenedNumbers(markers: ItemMarker[]): { all: ItemMarker[]; flattened: boolean } {
  const numbered = markers.filter((marker) => marker.scheme === "numbered");
  const ones = numbered.filter((marker) => marker.number === 1);
  const flattened = ones.length >= 3 && ones.length >= numbered.length * 0.8;
  if (!flattened) return { all: markers, flattened };
  let next = 0;
  return {
    all: markers.map((marker) =>
      marker.scheme === "numbered" && marker.number === 1 ? { ...marker, number: ++next } : marker,
    ),
    flattened,
  };
}

/** A number chosen twice (an overview listed before the items) keeps the occurrence with the most text below it. */
function withoutRepeatedNumbers(chosen: readonly Candidate[], lines: readonly Line[]): Candidate[] {
  const bodySize = (position: number) => {
    const start = (chosen[position] as Candidate).lineIndex;
    const end = chosen[position + 1]?.lineIndex ?? lines.length;
    return lines.slice(start + 1, end).filter((line) => line.text !== "").length;
  };
  const best = new Map<number, number>();
  chosen.forEach((candidate, position) => {
    const current = best.get(candidate.number);
    if (current === undefined || bodySize(position) > bodySize(current))
      best.set(candidate.number, position);
  });
  return chosen.filter((candidate, position) => best.get(candidate.number) === position);
}

function dominantScheme(chosen: readonly Candidate[]): string {
  const counts = new Map<string, number>();
  for (const candidate of chosen)
    counts.set(candidate.scheme, (counts.get(candidate.scheme) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "numbered";
}

/** The contents are the item list: each entry an item with no text (an agenda listing, a page cut off). */
function contentsAsItems(contents: TableOfContents): ItemStart[] {
  return contents.entries.map((entry) => ({
    lineIndex: entry.lineIndex,
    bodyIndex: entry.lineIndex + 1,
    number: entry.number,
    ...readClosedTitle(withoutFinalStop(stripTimeSlot(entry.title))),
  }));
}

/**
 * Pages that lost their item headings still open every item the same way: a labelled case
 * number ("Sagsnr.: 18/24946") or a status line ("Åben") with a section heading close below.
 * Such openings, repeated, are the items, numbered in reading order.
 */
function repeatedOpenings(lines: readonly Line[]): ItemStart[] {
  const openings = lines.flatMap((line, index) => {
    const text = line.text.replace(/^[•◦▪■●]\s*/u, "");
    const opens =
      (startsWithCaseNumberLabel(text) &&
        (readCaseNumber(text) !== undefined || isCaseNumberLabel(text))) ||
      readStatusLine(text) !== undefined;
    return opens && headingWithin(lines, index + 1, 3) ? [index] : [];
  });
  if (openings.length === 0) return [];
  return openings.map((lineIndex, position) => ({
    lineIndex,
    bodyIndex: lineIndex,
    number: position + 1,
    title: "",
    closed: false,
  }));
}

function headingWithin(lines: readonly Line[], from: number, count: number): boolean {
  let seen = 0;
  for (let index = from; index < lines.length && seen < count; index++) {
    const text = (lines[index] as Line).text;
    if (text === "") continue;
    seen++;
    if (recogniseHeading(text)) return true;
  }
  return false;
}

interface ItemReading {
  caseNumbersBefore: boolean;
  contentsOnly: boolean;
}

function readItem(
  lines: readonly Line[],
  start: ItemStart,
  next: ItemStart | undefined,
  reading: ItemReading,
): ItemDraft {
  let bodyEnd = reading.contentsOnly ? start.bodyIndex : (next?.lineIndex ?? lines.length);
  if (reading.caseNumbersBefore && next) {
    const nextCase = previousNonBlank(lines, next.lineIndex);
    if (
      nextCase !== undefined &&
      nextCase >= start.bodyIndex &&
      readCaseNumber((lines[nextCase] as Line).text)
    )
      bodyEnd = nextCase;
  }
  const endOfItems = lines.findIndex(
    (line, index) => index >= start.bodyIndex && index < bodyEnd && isEndOfItems(line.text),
  );
  if (endOfItems >= 0) bodyEnd = endOfItems;

  const preamble = readPreamble(
    withoutTrailingGroupLines(lines.slice(start.bodyIndex, bodyEnd)),
    !reading.caseNumbersBefore,
  );
  let body = preamble.body;
  let caseNumber = preamble.caseNumber;
  if (reading.caseNumbersBefore) {
    const before = previousNonBlank(lines, start.lineIndex);
    caseNumber =
      before === undefined ? null : (readCaseNumber((lines[before] as Line).text) ?? null);
  }
  if (start.inlineBody) body = [start.inlineBody, ...body];
  const closed = start.closed || preamble.closed;

  const titled = splitTitleCaseNumber(start.title);
  const titleLine = lines[start.lineIndex] as Line;
  const lastContent = body.filter((line) => line.text !== "").at(-1);
  const item: ItemDraft = {
    number: start.number,
    title: titled.title,
    caseNumber: caseNumber ?? titled.caseNumber,
    closed,
    // A closed item is listed, never described: of what an export left under it, only the
    // decision the municipality published is kept.
    sections: closed
      ? splitSections(body, start.number).filter((section) => section.kind === "beslutning")
      : splitSections(body, start.number),
    lineStart: titleLine.number,
    lineEnd: Math.max(titleLine.number, lastContent?.number ?? titleLine.number),
  };
  if (titleLine.cue?.page !== undefined) item.page = titleLine.cue.page;
  return item;
}

/**
 * The lines between a title and its first section heading may carry a case number (alone,
 * labelled, or with other fields: "Sagsnr.: 23/04567 Åbent punkt"), an "Åbent punkt" / "Lukket
 * punkt" mark (alone or with the case number: "Åbent - 01.00.00-G01-93-16") and the item's group
 * ("A. Sager til afgørelse i byrådet"), in any order and among other fields; they are read off
 * and are not part of the item's text. A case-number field further down ("JOURNALNUMMER" /
 * "24000101") is read too.
 */
function readPreamble(
  body: readonly Line[],
  caseNumberBelowTitle: boolean,
): { body: readonly Line[]; caseNumber: string | null; closed: boolean } {
  const taken = new Set<number>();
  let caseNumber: string | null = null;
  let closed = false;
  let seen = 0;
  for (let index = 0; index < body.length && seen < MAX_PREAMBLE_LINES; index++) {
    const text = (body[index] as Line).text;
    if (text === "") continue;
    seen++;
    // The preamble ends at the item's first section; a field heading ("Sagen afgøres i") does not end it.
    const heading = recogniseHeading(text);
    if (heading && heading.kind !== "other") break;
    const status = readStatusLine(text);
    const found: string | undefined =
      caseNumberBelowTitle && caseNumber === null ? readCaseNumber(text) : undefined;
    if (found) {
      caseNumber = found;
      if (/\blukket(?:\s+punkt)?\s*$/iu.test(text)) closed = true;
    } else if (status) {
      closed ||= status.closed;
      if (caseNumberBelowTitle) caseNumber ??= status.caseNumber;
    } else if (!isGroupLine(text)) continue;
    taken.add(index);
  }
  if (caseNumberBelowTitle && caseNumber === null) {
    const field = findCaseNumberField(body);
    if (field) {
      caseNumber = field.caseNumber;
      for (const index of field.lines) taken.add(index);
    }
  }
  return { body: body.filter((_, index) => !taken.has(index)), caseNumber, closed };
}

const MAX_PREAMBLE_LINES = 8;

/** "JOURNALNUMMER" (or "Sagsnr.:") alone on its line with the case number on the next. */
function findCaseNumberField(
  body: readonly Line[],
): { caseNumber: string; lines: number[] } | undefined {
  for (let index = 0; index < body.length; index++) {
    if (!isCaseNumberLabel((body[index] as Line).text)) continue;
    const value = nextNonBlank(body, index + 1);
    if (value === undefined) return undefined;
    const caseNumber = readCaseNumber(`Sagsnr.: ${(body[value] as Line).text}`);
    return caseNumber ? { caseNumber, lines: [index, value] } : undefined;
  }
  return undefined;
}

/** "Til toppen" and the next item's group heading at the end of an item are not its text. */
function withoutTrailingGroupLines(body: readonly Line[]): readonly Line[] {
  let end = body.length;
  while (end > 0) {
    const line = body[end - 1] as Line;
    if (line.text !== "" && !isGroupLine(line.text)) break;
    end--;
  }
  return end === body.length ? body : body.slice(0, end);
}

/** Case numbers stand either right below every title (Randers) or right above it (the region). */
function caseNumbersPrecedeTitles(lines: readonly Line[], starts: readonly ItemStart[]): boolean {
  let before = 0;
  let after = 0;
  for (const start of starts) {
    const previous = previousNonBlank(lines, start.lineIndex);
    if (previous !== undefined && readCaseNumber((lines[previous] as Line).text)) before++;
    const following = nextNonBlank(lines, start.bodyIndex);
    if (following !== undefined && readCaseNumber((lines[following] as Line).text)) after++;
  }
  return before > after;
}
