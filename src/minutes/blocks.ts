import { type Line, splitInlineHeading } from "./lines.ts";
import { readTableRow, type TableContext } from "./table-lines.ts";

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
  const table: TableContext = { header: undefined };
  let skipNext = false;
  blocks.forEach((block, index) => {
    if (skipNext) {
      skipNext = false;
      return;
    }
    if (block.role === "furniture") return;
    // A table's header row names the columns of the rows under it, as long as they have its width.
    if (block.role !== "table-row" || block.cells?.length !== table.header?.length)
      table.header = undefined;
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
    let texts = [text];
    if (block.role === "table-row") {
      const reading = readTableRow(block, blocks[index + 1], table);
      if (reading.kind === "consumed") return;
      texts = reading.texts;
      skipNext = reading.consumesNext === true;
    }
    const cue = toCue(block);
    for (const part of texts.flatMap((one) => splitInlineHeading(one) ?? [one])) {
      lines.push({ number, raw: part, text: part, cue });
    }
  });
  return lines;
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
