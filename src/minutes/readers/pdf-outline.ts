import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfLine } from "./pdf-lines.ts";

/**
 * The PDF outline (bookmarks) is the one place an untagged PDF says what its headings are. Each
 * entry is matched to the line (or up to three consecutive wrapped lines) on its target page whose
 * text is the entry's title, as Unstructured and Docling do: numbering stripped, case and spacing
 * folded, equal or nearly equal (character-bigram similarity ≥ 0.85). Outline depth gives the level.
 * Entries that match nothing (a Word export's single bookmark named after the .docx file) change
 * nothing.
 */

export interface OutlineEntry {
  title: string;
  /** 1 for a top-level bookmark. */
  level: number;
  /** 1-based target page, or null when the destination cannot be resolved. */
  page: number | null;
}

/** Marks on matched lines: heading level, and a group id shared by the wrapped lines of one title. */
export interface OutlineHeading {
  level: number;
  group: number;
}

const MAX_ENTRIES = 5000;
const MAX_LINES_PER_TITLE = 3;
const SIMILARITY = 0.85;

type RawOutline = Awaited<ReturnType<PDFDocumentProxy["getOutline"]>>;

export async function readOutline(document: PDFDocumentProxy): Promise<OutlineEntry[]> {
  let outline: RawOutline;
  try {
    outline = await document.getOutline();
  } catch {
    return [];
  }
  const entries: OutlineEntry[] = [];
  const visit = async (nodes: RawOutline, level: number): Promise<void> => {
    for (const node of nodes ?? []) {
      if (entries.length >= MAX_ENTRIES) return;
      const title = typeof node.title === "string" ? node.title.trim() : "";
      if (title !== "")
        entries.push({ title, level, page: await destinationPage(document, node.dest) });
      if (node.items.length > 0) await visit(node.items, level + 1);
    }
  };
  await visit(outline, 1);
  return entries;
}

async function destinationPage(
  document: PDFDocumentProxy,
  destination: string | unknown[] | null,
): Promise<number | null> {
  try {
    const explicit =
      typeof destination === "string" ? await document.getDestination(destination) : destination;
    const target = explicit?.[0];
    if (typeof target === "number") return target + 1;
    if (target !== null && typeof target === "object" && "num" in target && "gen" in target) {
      return (await document.getPageIndex(target as { num: number; gen: number })) + 1;
    }
  } catch {
    // An unresolvable destination leaves the entry without a page; it is then looked for anywhere.
  }
  return null;
}

/** Matches outline entries to lines (furniture excluded by the caller); returns the matched lines' marks. */
export function matchOutline(
  entries: readonly OutlineEntry[],
  pages: readonly (readonly PdfLine[])[],
): Map<PdfLine, OutlineHeading> {
  const marks = new Map<PdfLine, OutlineHeading>();
  entries.forEach((entry, group) => {
    const wanted = comparable(entry.title);
    if (wanted.length === 0) return;
    const candidates =
      entry.page === null ? pages : pages.filter((lines) => lines[0]?.page === entry.page);
    for (const lines of candidates) {
      for (let start = 0; start < lines.length; start += 1) {
        const span = matchingSpan(lines, start, wanted, marks);
        if (span === 0) continue;
        for (const line of lines.slice(start, start + span)) {
          marks.set(line, { level: entry.level, group });
        }
        return;
      }
    }
  });
  return marks;
}

function matchingSpan(
  lines: readonly PdfLine[],
  start: number,
  wanted: string,
  taken: ReadonlyMap<PdfLine, OutlineHeading>,
): number {
  let text = "";
  for (let span = 1; span <= MAX_LINES_PER_TITLE; span += 1) {
    const line = lines[start + span - 1];
    if (line === undefined || taken.has(line)) return 0;
    text = text === "" ? line.text : `${text} ${line.text}`;
    const found = comparable(text);
    if (found === wanted || similarity(found, wanted) >= SIMILARITY) return span;
    if (found.length > wanted.length) return 0;
  }
  return 0;
}

/** Lower case, numbering ("715.", "3.2", "Punkt 4:") and punctuation removed, spaces folded. */
function comparable(text: string): string {
  return text
    .toLocaleLowerCase("da")
    .replace(/^\s*(?:punkt\s+)?\d+(?:\.\d+)*[.):]?\s+/u, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Dice coefficient over character bigrams. */
function similarity(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const bigrams = new Map<string, number>();
  for (let index = 0; index < a.length - 1; index += 1) {
    const bigram = a.slice(index, index + 2);
    bigrams.set(bigram, (bigrams.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let index = 0; index < b.length - 1; index += 1) {
    const bigram = b.slice(index, index + 2);
    const count = bigrams.get(bigram) ?? 0;
    if (count > 0) {
      shared += 1;
      bigrams.set(bigram, count - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}
