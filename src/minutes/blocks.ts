import { recogniseHeading } from "./headings.ts";
import type { Line } from "./lines.ts";

/**
 * The one structural representation every format reader produces: an ordered list of blocks,
 * each one line of text with what the format says about it (a heading level from HTML or Word
 * styles, bold and font size from a PDF, the page it stands on). The segmenter turns blocks into
 * Meeting → Item → Section the same way for every format.
 */

/** What the format says a block is. `furniture` (running headers, page numbers, navigation) is kept for provenance and never read as content. */
export type BlockRole = "heading" | "paragraph" | "list-item" | "table-row" | "furniture";

export interface Block {
  /** One line of text, white space collapsed, no markup. */
  text: string;
  role: BlockRole;
  /** Heading level from explicit structure (h1–h6, Word "Heading N", outline level): 1 is the top. */
  level?: number;
  /** Every letter of the block is bold. */
  bold?: boolean;
  /** Font size relative to the document's body text (1 = body size, 1.4 = 40 % larger). */
  size?: number;
  /** 1-based page number (PDF) or page index (one HTML page per item). */
  page?: number;
  /** A paragraph break (blank line, vertical gap, new block element) comes before this block. */
  gapBefore?: boolean;
  /** The cells of a table row, in order (`role: "table-row"`); `text` joins them. */
  cells?: string[];
}

/** Typographic cues a line carries into the segmenter; text files carry none. */
export interface LineCue {
  role: BlockRole;
  level?: number;
  bold?: boolean;
  size?: number;
  page?: number;
}

/**
 * Blocks → the line model the segmenter reads. A line's number is its block's 1-based position
 * in the reader's output (the line number for text files); a paragraph break becomes a blank line,
 * as it would be in text. Furniture blocks are left out.
 */
export function blocksToLines(blocks: readonly Block[]): Line[] {
  const lines: Line[] = [];
  blocks.forEach((block, index) => {
    if (block.role === "furniture") return;
    const number = index + 1;
    const previous = lines.at(-1);
    if (block.gapBefore && previous !== undefined && previous.text !== "") {
      lines.push({ number, raw: "", text: "" });
    }
    const text = block.text.trim();
    if (text === "") {
      if (previous !== undefined && previous.text !== "") lines.push({ number, raw: "", text: "" });
      return;
    }
    const labelled = labelledRow(block);
    if (labelled) {
      // "Sagen afgøres i:" | "Udvalget for …": a heading and its text, as they would stand in text.
      lines.push({ number, raw: labelled.label, text: labelled.label, cue: toCue(block) });
      lines.push({ number, raw: labelled.value, text: labelled.value, cue: toCue(block) });
      return;
    }
    lines.push({ number, raw: text, text, cue: toCue(block) });
  });
  return lines;
}

/** A two-cell row whose first cell is a section heading the vocabulary knows ("Beslutning:"). */
function labelledRow(block: Block): { label: string; value: string } | undefined {
  const filled = (block.cells ?? []).map((cell) => cell.trim()).filter((cell) => cell !== "");
  if (block.role !== "table-row" || filled.length !== 2) return undefined;
  const [label = "", value = ""] = filled;
  return recogniseHeading(label) ? { label, value } : undefined;
}

function toCue(block: Block): LineCue {
  const cue: LineCue = { role: block.role };
  if (block.level !== undefined) cue.level = block.level;
  if (block.bold) cue.bold = true;
  if (block.size !== undefined) cue.size = block.size;
  if (block.page !== undefined) cue.page = block.page;
  return cue;
}

/** Collapses white space the way every reader should: tabs, NBSP, zero-width and soft hyphens. */
export function normaliseInlineText(text: string): string {
  return text
    .replace(/[\u00AD\u200B-\u200D\uFEFF]/gu, "")
    .replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/gu, " ")
    .trim();
}
