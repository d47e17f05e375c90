import { createHash } from "node:crypto";
import { formatDanishDate } from "../minutes/dates.ts";
import type { Item, Meeting, Section } from "../minutes/model.ts";
import type { Chunk } from "./types.ts";

/**
 * Section-aware chunking: a chunk never crosses an item or a section. Short sections are one chunk;
 * long ones are cut to a word budget, preferably where a paragraph ends, else where a sentence
 * ends, with a little overlap. Each chunk knows its exact character span in the section text, and
 * what gets indexed starts with a context header naming body, date, item and section.
 */

export interface ChunkingOptions {
  /** Words per chunk at most (a word: a run of non-space characters). */
  maxTokens?: number;
  /** Words repeated from the end of one chunk at the start of the next, at most. */
  overlapTokens?: number;
}

export const DEFAULT_MAX_TOKENS = 200;
export const DEFAULT_OVERLAP_TOKENS = 30;
/** A cut at a paragraph end is preferred when it keeps at least this share of the budget. */
const PARAGRAPH_CUT_MIN_FILL = 0.5;

interface Unit {
  start: number;
  end: number;
  tokens: number;
  /** First unit of a paragraph: a chunk preferably starts here. */
  startsParagraph: boolean;
}

export function chunkMeetings(
  meetings: readonly Meeting[],
  options: ChunkingOptions = {},
): Chunk[] {
  return meetings.flatMap((meeting) => chunkMeeting(meeting, options));
}

export function chunkMeeting(meeting: Meeting, options: ChunkingOptions = {}): Chunk[] {
  const maxTokens = Math.max(1, Math.floor(options.maxTokens ?? DEFAULT_MAX_TOKENS));
  const overlapTokens = Math.max(
    0,
    Math.min(Math.floor(options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS), maxTokens - 1),
  );
  const chunks: Chunk[] = [];
  for (const item of meeting.items) {
    const sections = item.closed
      ? []
      : item.sections.filter((section) => section.text.trim() !== "");
    if (sections.length === 0) {
      // Closed items ("Lukket") and items without text are still findable by their title.
      chunks.push(titleChunk(meeting, item));
      continue;
    }
    for (const section of sections) {
      const spans = splitSection(section.text, maxTokens, overlapTokens);
      spans.forEach((span, ordinal) => {
        chunks.push(sectionChunk(meeting, item, section, span, ordinal));
      });
    }
  }
  return chunks;
}

/** "Udsatterådet 18.09.2019 · Punkt 32: Medlem til styregruppen for ACT-indsatsen · Beslutning" */
export function contextHeader(meeting: Meeting, item: Item, sectionHeading?: string): string {
  const head = `${meeting.body} ${formatDanishDate(meeting.date)} · Punkt ${item.number}: ${item.title}`;
  return sectionHeading ? `${head} · ${sectionHeading}` : head;
}

/** `contentHash`: when the caller knows it already (a chunk layout saved with the index). */
export function sectionChunk(
  meeting: Meeting,
  item: Item,
  section: Section,
  span: { start: number; end: number },
  ordinal: number,
  contentHash?: string,
): Chunk {
  const text = section.text.slice(span.start, span.end);
  const indexedText = `${contextHeader(meeting, item, section.heading)}\n${text}`;
  return {
    id: `${meeting.id}#${item.number}/${section.slug}/${ordinal}`,
    ...chunkOrigin(meeting, item),
    sectionHeading: section.heading,
    sectionKind: section.kind,
    sectionSlug: section.slug,
    start: span.start,
    end: span.end,
    text,
    indexedText,
    contentHash: contentHash ?? sha256(indexedText),
  };
}

/** The meeting and item a chunk comes from, as every chunk carries them. */
function chunkOrigin(meeting: Meeting, item: Item) {
  return {
    meetingId: meeting.id,
    body: meeting.body,
    date: meeting.date,
    itemNumber: item.number,
    itemTitle: item.title,
    itemClosed: item.closed,
  };
}

/** A chunk of the item title only: no section, no text (the item is cited as a whole). */
export function titleChunk(meeting: Meeting, item: Item, contentHash?: string): Chunk {
  const indexedText = contextHeader(meeting, item);
  return {
    id: `${meeting.id}#${item.number}//0`,
    ...chunkOrigin(meeting, item),
    sectionHeading: "",
    sectionKind: "other",
    sectionSlug: "",
    start: 0,
    end: 0,
    text: "",
    indexedText,
    contentHash: contentHash ?? sha256(indexedText),
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Spans [start, end) of the section text, in order, covering all of its words. */
export function splitSection(
  text: string,
  maxTokens: number,
  overlapTokens: number,
): { start: number; end: number }[] {
  const units = unitsOf(text, maxTokens);
  const first = units[0];
  const last = units[units.length - 1];
  if (!first || !last) return [];
  const total = units.reduce((sum, unit) => sum + unit.tokens, 0);
  if (total <= maxTokens) return [{ start: first.start, end: last.end }];

  const spans: { start: number; end: number }[] = [];
  let from = 0;
  while (from < units.length) {
    let to = from;
    let tokens = units[from]?.tokens ?? 0;
    while (to + 1 < units.length && tokens + (units[to + 1]?.tokens ?? 0) <= maxTokens) {
      to += 1;
      tokens += units[to]?.tokens ?? 0;
    }
    if (to + 1 < units.length) to = preferParagraphEnd(units, from, to, maxTokens);
    spans.push({ start: units[from]?.start ?? 0, end: units[to]?.end ?? 0 });
    if (to + 1 >= units.length) break;

    // Step back over whole units for the overlap, as long as the next chunk can still grow.
    let next = to + 1;
    let overlap = 0;
    while (next - 1 > from && overlap + (units[next - 1]?.tokens ?? 0) <= overlapTokens) {
      next -= 1;
      overlap += units[next]?.tokens ?? 0;
    }
    if (overlap + (units[to + 1]?.tokens ?? 0) > maxTokens) next = to + 1;
    from = next;
  }
  return spans;
}

function preferParagraphEnd(units: Unit[], from: number, to: number, maxTokens: number): number {
  let tokens = 0;
  for (let index = from; index <= to; index += 1) tokens += units[index]?.tokens ?? 0;
  for (let end = to; end > from; end -= 1) {
    if (tokens < maxTokens * PARAGRAPH_CUT_MIN_FILL) break;
    if (units[end + 1]?.startsParagraph) return end;
    tokens -= units[end]?.tokens ?? 0;
  }
  return to;
}

/** Sentences (and lines) of each paragraph; a sentence longer than the budget becomes word runs. */
function unitsOf(text: string, maxTokens: number): Unit[] {
  const units: Unit[] = [];
  for (const paragraph of spansSeparatedBy(text, /\n[ \t]*\n\s*/gu, 0, text.length)) {
    let startsParagraph = true;
    for (const line of spansSeparatedBy(text, /\n/gu, paragraph.start, paragraph.end)) {
      for (const sentence of sentencesOf(text, line.start, line.end)) {
        const tokens = countTokens(text.slice(sentence.start, sentence.end));
        if (tokens <= maxTokens) {
          units.push({ ...sentence, tokens, startsParagraph });
        } else {
          for (const run of wordRuns(text, sentence.start, sentence.end, maxTokens)) {
            units.push({ ...run, startsParagraph });
            startsParagraph = false;
          }
        }
        startsParagraph = false;
      }
    }
  }
  return units;
}

/** Trimmed, non-empty spans of text[from, to) between matches of `separator` (a /g pattern). */
function spansSeparatedBy(
  text: string,
  separator: RegExp,
  from: number,
  to: number,
): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const region = text.slice(from, to);
  let cursor = 0;
  const push = (start: number, end: number) => {
    const trimmed = trimSpan(region, start, end);
    if (trimmed) spans.push({ start: from + trimmed.start, end: from + trimmed.end });
  };
  for (const match of region.matchAll(separator)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, region.length);
  return spans;
}

function trimSpan(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } | undefined {
  let trimmedStart = start;
  let trimmedEnd = end;
  while (trimmedStart < trimmedEnd && /\s/u.test(text[trimmedStart] ?? "")) trimmedStart += 1;
  while (trimmedEnd > trimmedStart && /\s/u.test(text[trimmedEnd - 1] ?? "")) trimmedEnd -= 1;
  return trimmedEnd > trimmedStart ? { start: trimmedStart, end: trimmedEnd } : undefined;
}

/** A sentence ends at . ! or ? followed by space and a capital, digit, quote or bullet. */
const SENTENCE_END = /[.!?](?=\s+["«»(\p{Lu}\d•-])/gu;

function sentencesOf(text: string, from: number, to: number): { start: number; end: number }[] {
  const region = text.slice(from, to);
  const spans: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const match of region.matchAll(SENTENCE_END)) {
    const end = match.index + 1;
    const trimmed = trimSpan(region, cursor, end);
    if (trimmed) spans.push({ start: from + trimmed.start, end: from + trimmed.end });
    cursor = end;
  }
  const trimmed = trimSpan(region, cursor, region.length);
  if (trimmed) spans.push({ start: from + trimmed.start, end: from + trimmed.end });
  return spans;
}

function wordRuns(text: string, from: number, to: number, maxTokens: number): Unit[] {
  const words = [...text.slice(from, to).matchAll(/\S+/gu)];
  const runs: Unit[] = [];
  for (let index = 0; index < words.length; index += maxTokens) {
    const firstWord = words[index];
    const lastWord = words[Math.min(index + maxTokens, words.length) - 1];
    if (!firstWord || !lastWord) continue;
    runs.push({
      start: from + firstWord.index,
      end: from + lastWord.index + lastWord[0].length,
      tokens: Math.min(maxTokens, words.length - index),
      startsParagraph: false,
    });
  }
  return runs;
}

export function countTokens(text: string): number {
  return text.match(/\S+/gu)?.length ?? 0;
}
