import { AppError } from "../shared/errors.ts";
import { readCaseNumber, splitTitleCaseNumber } from "./case-numbers.ts";
import { finaliseMeeting } from "./finalise-meeting.ts";
import { readHeader } from "./header.ts";
import { flattenedListLayout } from "./layouts/flattened-list-layout.ts";
import {
  CLOSED_MARK,
  type ItemStart,
  type LayoutDetector,
  OPEN_MARK,
} from "./layouts/item-start.ts";
import { numberedLayout } from "./layouts/numbered-layout.ts";
import { punktLayout } from "./layouts/punkt-layout.ts";
import { sequenceLayout } from "./layouts/sequence-layout.ts";
import { type Line, nextNonBlank, previousNonBlank, toLines } from "./lines.ts";
import type { Meeting } from "./model.ts";
import type { DocumentMetadata, ItemDraft, MeetingDraft } from "./readers/types.ts";
import { splitSections } from "./sections.ts";

/** Tried in order; the first that finds items reads the file. Most explicit first. */
const LAYOUTS: readonly LayoutDetector[] = [
  punktLayout,
  numberedLayout,
  sequenceLayout,
  flattenedListLayout,
];

export interface SegmentedMinutes {
  meeting: MeetingDraft;
  /** Which layout's item lines were taken (recorded for the per-file report and tests). */
  layout: string;
  warnings: string[];
}

/**
 * Reads one minutes text into a Meeting (the text path of the ingest pipeline, for tests and
 * scripts). Throws AppError `minutes_empty` or `minutes_no_items` naming the file when it cannot.
 */
export function parseMinutes(content: string, sourceFile: string): Meeting {
  return parseMinutesWithLayout(content, sourceFile).meeting;
}

export function parseMinutesWithLayout(
  content: string,
  sourceFile: string,
): { meeting: Meeting; layout: string } {
  const text = content.replace(/^\uFEFF/u, "").replace(/\r\n?/gu, "\n");
  if (text.trim() === "") throw new AppError("minutes_empty", `${sourceFile}: the file is empty`);
  try {
    const segmented = segmentLines(toLines(text), {});
    const meeting = finaliseMeeting(segmented.meeting, {
      sourceFile,
      format: "text",
      warnings: segmented.warnings,
    });
    return { meeting, layout: segmented.layout };
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, `${sourceFile}: ${error.message}`);
    throw error;
  }
}

/**
 * The segmenter: the line model of any format (text lines, or blocks from a PDF, HTML page or
 * Word document) → a meeting draft with its items and their sections. Throws AppError
 * `minutes_no_items` when no agenda item can be found.
 */
export function segmentLines(lines: readonly Line[], metadata: DocumentMetadata): SegmentedMinutes {
  const found = findItemStarts(lines);
  if (!found) {
    throw new AppError(
      "minutes_no_items",
      'no agenda items found (no "Punkt N:" or numbered items)',
    );
  }
  const { layout, starts } = found;
  const caseNumbersBefore = caseNumbersPrecedeTitles(lines, starts);
  const firstStart = starts[0] as ItemStart;
  const headerEnd = caseNumbersBefore
    ? (previousNonBlank(lines, firstStart.lineIndex) ?? firstStart.lineIndex)
    : firstStart.lineIndex;
  const header = readHeader(lines.slice(0, headerEnd), lines);

  const items = starts.map((start, position) =>
    readItem(lines, start, starts[position + 1], caseNumbersBefore),
  );
  const meeting: MeetingDraft = {
    body: header.body ?? metadata.body ?? null,
    organisation: header.organisation ?? metadata.organisation ?? null,
    date: header.date ?? metadata.date ?? null,
    time: header.time ?? metadata.time ?? null,
    location: header.location ?? metadata.location ?? null,
    documentType: metadata.documentType ?? null,
    items,
  };
  return { meeting, layout, warnings: [] };
}

function findItemStarts(
  lines: readonly Line[],
): { layout: string; starts: ItemStart[] } | undefined {
  for (const detector of LAYOUTS) {
    const starts = detector.detect(lines);
    if (starts.length > 0) return { layout: detector.name, starts };
  }
  return undefined;
}

function readItem(
  lines: readonly Line[],
  start: ItemStart,
  next: ItemStart | undefined,
  caseNumbersBefore: boolean,
): ItemDraft {
  let bodyEnd = next?.lineIndex ?? lines.length;
  if (caseNumbersBefore && next) {
    const nextCase = previousNonBlank(lines, next.lineIndex);
    if (
      nextCase !== undefined &&
      nextCase >= start.bodyIndex &&
      readCaseNumber((lines[nextCase] as Line).text)
    )
      bodyEnd = nextCase;
  }
  const preamble = readPreamble(lines.slice(start.bodyIndex, bodyEnd), !caseNumbersBefore);
  let body = preamble.body;
  let caseNumber = preamble.caseNumber;
  if (caseNumbersBefore) {
    const before = previousNonBlank(lines, start.lineIndex);
    caseNumber =
      before === undefined ? null : (readCaseNumber((lines[before] as Line).text) ?? null);
  }
  if (start.inlineBody) body = [start.inlineBody, ...body];
  const closed = start.closed || preamble.closed;

  const titled = splitTitleCaseNumber(start.title);
  const titleLine = lines[start.lineIndex] as Line;
  const lastContent = body.filter((line) => line.text !== "").at(-1);
  return {
    number: start.number,
    title: titled.title,
    caseNumber: caseNumber ?? titled.caseNumber,
    closed,
    // A closed item is listed, never described: whatever an export left under it is not kept.
    sections: closed ? [] : splitSections(body),
    lineStart: titleLine.number,
    lineEnd: Math.max(titleLine.number, lastContent?.number ?? titleLine.number),
  };
}

/**
 * The lines right below a title may carry a case number and an "Åbent punkt" / "Lukket punkt"
 * mark, in either order; they are read off and are not part of the item's text.
 */
function readPreamble(
  body: readonly Line[],
  caseNumberBelowTitle: boolean,
): { body: readonly Line[]; caseNumber: string | null; closed: boolean } {
  let rest = body;
  let caseNumber: string | null = null;
  let closed = false;
  for (let taken = 0; taken < 2; taken++) {
    const index = rest.findIndex((line) => line.text !== "");
    const text = rest[index]?.text ?? "";
    const found: string | undefined =
      caseNumberBelowTitle && caseNumber === null ? readCaseNumber(text) : undefined;
    if (found) caseNumber = found;
    else if (CLOSED_MARK.test(text)) closed = true;
    else if (!OPEN_MARK.test(text)) break;
    rest = rest.slice(index + 1);
  }
  return { body: rest, caseNumber, closed };
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
