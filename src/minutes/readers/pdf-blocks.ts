import { type Block, normaliseInlineText } from "../blocks.ts";
import { NO_GRAPHICS, type PageGraphics } from "./pdf-graphics.ts";
import { bodySize, type PdfLine } from "./pdf-lines.ts";
import type { OutlineHeading } from "./pdf-outline.ts";
import { TableRow } from "./pdf-table-rows.ts";
import { joinWrapped } from "./pdf-wrapping.ts";

export { joinWrapped } from "./pdf-wrapping.ts";

/**
 * Lines → blocks. Wrapped lines of one paragraph are joined back into one block; a vertical gap,
 * a change of size or weight, a list marker, a table row or a heading starts a new one. A line
 * continues the block above when it has the same size and weight, starts where the block's lines
 * start (a first-line or hanging indent allowed on the second line), follows at the usual line
 * pitch, and the line above was wrapped: its next word would not have fitted before the right
 * margin, it ends in a hyphen, or it ends mid-sentence and this line starts in lower case. Bold
 * lines are joined only when they were wrapped, so a short bold line stays its own block. The
 * lines of one table row (see `pdf-table-rows.ts`) make one block with one text per cell.
 */

export interface BlockLayoutInput {
  /** Lines of each page in reading order. */
  pages: readonly (readonly PdfLine[])[];
  furniture: ReadonlySet<PdfLine>;
  outline: ReadonlyMap<PdfLine, OutlineHeading>;
  /** Page widths by page number, for the right margin of each page format. */
  pageWidths: ReadonlyMap<number, number>;
  /** Ruling lines and shaded boxes by page number, where a table row ends. */
  graphics?: ReadonlyMap<number, PageGraphics>;
}

/** Extra white space above a line, beyond the usual line pitch, that makes a paragraph break (in glyph sizes). */
const PARAGRAPH_GAP = 0.4;
/** How far a continuation line may start from the line above, in glyph sizes. */
const ALIGNMENT = 0.6;
/** The widest first-line or hanging indent, in glyph sizes. */
const MAX_INDENT = 4;
/** Sizes within 5 % of each other are the same size. */
const SAME_SIZE = 0.05;
const DEFAULT_PITCH = 1.2;

/** A bullet or dash before a list item's text. */
const BULLET = /^[•◦▪■●○►▶➢➤✓✔·*\-–—]\s+\S/u;
/** An enumerator before an item's text: "1. Godkendelse", "2)", "a)", "(b)", "iv)". Not "20. juni". */
const ENUMERATOR =
  /^(?:\d{1,3}\.\s+[\p{Lu}\d"'«“”]|\d{1,3}\)\s|[a-zæøåA-ZÆØÅ]\)\s|\((?:\d{1,3}|[a-zæøåA-ZÆØÅ]|[ivxIVX]{1,5})\)\s|[ivxIVX]{1,5}\)\s)/u;

interface OpenBlock {
  block: Block;
  last: PdfLine;
  lineCount: number;
  /** Left edge of the block's continuation lines, once the second line has set it. */
  continuationLeft?: number;
  /** Left edge of a list item's text after its marker (where a hanging indent continues). */
  markerTextLeft?: number;
  /** The lines of a table row, read into cells when the block closes. */
  row?: TableRow;
  outlineGroup?: number;
}

export function linesToBlocks(input: BlockLayoutInput): Block[] {
  const content = input.pages.flat().filter((line) => !input.furniture.has(line));
  const body = bodySize(content) || bodySize(input.pages.flat()) || 1;
  const pitch = typicalPitch(input.pages, input.furniture);
  const margins = rightMargins(input.pages, input.furniture, input.pageWidths);
  const layout = new BlockBuilder(body, pitch, margins, input.outline, input.graphics ?? new Map());
  for (const lines of input.pages) {
    for (const line of lines) {
      if (input.furniture.has(line)) layout.addFurniture(line);
      else layout.addLine(line);
    }
  }
  return layout.finish();
}

class BlockBuilder {
  private readonly blocks: Block[] = [];
  private open: OpenBlock | undefined;
  /** The last content line placed, on any page. */
  private previous: PdfLine | undefined;
  private previousBlock: OpenBlock | undefined;
  /** The column starts of the table rows placed right before the open block, on their page. */
  private table: { page: number; starts: number[] } | undefined;

  constructor(
    private readonly body: number,
    private readonly pitch: number,
    private readonly margins: ReadonlyMap<number, number>,
    private readonly outline: ReadonlyMap<PdfLine, OutlineHeading>,
    private readonly graphics: ReadonlyMap<number, PageGraphics>,
  ) {}

  addFurniture(line: PdfLine): void {
    this.close();
    const block = this.baseBlock(line, line.text, "furniture");
    block.text = normaliseInlineText(block.text);
    this.blocks.push(block);
  }

  addLine(line: PdfLine): void {
    const open = this.open;
    if (open !== undefined && this.continues(open, line)) {
      this.extend(open, line);
    } else {
      this.close();
      this.start(line);
    }
    this.previous = line;
  }

  finish(): Block[] {
    this.close();
    return this.blocks;
  }

  private start(line: PdfLine): void {
    const heading = this.outline.get(line);
    const oneSegment = line.segments.length === 1;
    let block: Block;
    let row: TableRow | undefined;
    if (heading !== undefined || line.structHeading !== undefined) {
      block = this.baseBlock(line, line.text, "heading");
      const level = heading?.level ?? line.structHeading;
      if (level !== undefined && level > 0) block.level = level;
    } else if (!oneSegment) {
      const cells = line.segments.map((segment) => segment.text);
      block = this.baseBlock(line, cells.join(" "), "table-row");
      block.cells = cells;
      const table = this.table?.page === line.page ? this.table.starts : [];
      row = new TableRow(line, this.graphics.get(line.page) ?? NO_GRAPHICS, table);
    } else {
      const role = BULLET.test(line.text) ? "list-item" : "paragraph";
      block = this.baseBlock(line, line.text, role);
    }
    if (this.startsAfterGap(line)) block.gapBefore = true;
    const open: OpenBlock = { block, last: line, lineCount: 1 };
    const markerText = markerTextLeft(line);
    if (markerText !== undefined) open.markerTextLeft = markerText;
    if (heading !== undefined) open.outlineGroup = heading.group;
    if (row !== undefined) open.row = row;
    this.open = open;
  }

  private extend(open: OpenBlock, line: PdfLine): void {
    const block = open.block;
    if (open.row !== undefined) open.row.add(line);
    else block.text = joinWrapped(block.text, line.text);
    if (open.lineCount === 1) open.continuationLeft = line.x0;
    open.lineCount += 1;
    open.last = line;
  }

  /** Text is normalised only here: a soft hyphen at a line end is needed until the next line is joined. */
  private close(): void {
    const open = this.open;
    if (open === undefined) return;
    const block = open.block;
    if (open.row !== undefined) {
      block.cells = open.row.cells();
      const page = block.page ?? 0;
      const above = this.table?.page === page ? this.table.starts : [];
      const starts = [...above];
      for (const x of open.row.columnStarts()) {
        if (!starts.some((start) => Math.abs(start - x) < 0.5)) starts.push(x);
      }
      this.table = { page, starts };
    } else {
      this.table = undefined;
    }
    if (block.cells !== undefined) {
      block.cells = block.cells.map(normaliseInlineText);
      block.text = block.cells.filter((cell) => cell !== "").join(" ");
    } else {
      block.text = normaliseInlineText(block.text);
    }
    if (block.text !== "") this.blocks.push(block);
    this.previousBlock = open;
    this.open = undefined;
  }

  private baseBlock(line: PdfLine, text: string, role: Block["role"]): Block {
    const block: Block = { text, role, page: line.page };
    if (line.bold) block.bold = true;
    block.size = Math.round((line.size / this.body) * 100) / 100;
    return block;
  }

  /** Whether `line` continues the open block (see the module comment). */
  private continues(open: OpenBlock, line: PdfLine): boolean {
    const above = open.last;
    if (above.page !== line.page || above.angle !== 0 || line.angle !== 0) return false;
    const heading = this.outline.get(line);
    if (open.outlineGroup !== undefined || heading !== undefined) {
      return open.outlineGroup === heading?.group;
    }
    if (line.baseline - above.baseline < 0.5 * line.size) return false;
    if (open.row !== undefined) return open.row.accepts(line, this.gapBetween(above, line));
    if (!sameSize(above.size, line.size) || above.bold !== line.bold) return false;
    if (this.gapBetween(above, line)) return false;
    if (line.segments.length > 1 || BULLET.test(line.text) || ENUMERATOR.test(line.text)) {
      return false;
    }
    if ((above.structHeading ?? -1) !== (line.structHeading ?? -1)) return false;
    if (!this.aligned(open, line)) return false;
    return this.wrapped(above, line);
  }

  private aligned(open: OpenBlock, line: PdfLine): boolean {
    const tolerance = ALIGNMENT * line.size;
    if (open.continuationLeft !== undefined) {
      return Math.abs(line.x0 - open.continuationLeft) <= tolerance;
    }
    // The second line: aligned, a first-line indent (it starts further left), a hanging indent
    // (further right), or under the text after a list marker.
    if (Math.abs(line.x0 - open.last.x0) <= MAX_INDENT * line.size) return true;
    return (
      open.markerTextLeft !== undefined && Math.abs(line.x0 - open.markerTextLeft) <= tolerance
    );
  }

  private wrapped(above: PdfLine, line: PdfLine): boolean {
    const margin = this.margins.get(above.page) ?? above.x1;
    const space = 0.25 * line.size;
    if (above.x1 + space + line.firstWordWidth >= margin - 0.3 * line.size) return true;
    if (/[\p{L}][-\u2010\u00AD]$/u.test(above.text) && /^\p{Ll}/u.test(line.text)) return true;
    return !above.bold && !endsSentence(above.text) && /^\p{Ll}/u.test(line.text);
  }

  /** More white space above `line` than the usual line pitch leaves. */
  private gapBetween(above: PdfLine, line: PdfLine): boolean {
    const distance = line.baseline - above.baseline;
    const expected = this.pitch * ((above.size + line.size) / 2);
    return distance - expected >= PARAGRAPH_GAP * Math.max(above.size, line.size);
  }

  private startsAfterGap(line: PdfLine): boolean {
    const previous = this.previous;
    if (previous === undefined) return false;
    if (previous.page === line.page && previous.angle === line.angle) {
      return this.gapBetween(previous, line);
    }
    // The first line of a page: a paragraph running on from the previous page has no break before it.
    const before = this.previousBlock;
    const runsOn =
      before !== undefined &&
      before.last === previous &&
      (before.block.role === "paragraph" || before.block.role === "list-item") &&
      line.segments.length === 1 &&
      !BULLET.test(line.text) &&
      !ENUMERATOR.test(line.text) &&
      sameSize(previous.size, line.size) &&
      previous.bold === line.bold &&
      this.outline.get(line) === undefined &&
      line.structHeading === undefined &&
      this.wrapped(previous, line);
    return !runsOn;
  }
}

function endsSentence(text: string): boolean {
  return /[.!?:;…][)"'”’»]*$/u.test(text.trimEnd());
}

function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_SIZE * Math.max(a, b);
}

/** Where a bulleted or enumerated line's text starts after its marker, estimated from the characters. */
function markerTextLeft(line: PdfLine): number | undefined {
  const marker = BULLET.exec(line.text) ?? ENUMERATOR.exec(line.text);
  if (marker === null || line.text.length === 0) return undefined;
  const markerLength = marker[0].length - 1;
  return line.x0 + ((line.x1 - line.x0) * markerLength) / line.text.length;
}

/**
 * The document's usual baseline-to-baseline distance, as a multiple of the glyph size: the most
 * common ratio between consecutive content lines of the same size.
 */
function typicalPitch(
  pages: readonly (readonly PdfLine[])[],
  furniture: ReadonlySet<PdfLine>,
): number {
  const counts = new Map<number, number>();
  for (const lines of pages) {
    const content = lines.filter((line) => !furniture.has(line) && line.angle === 0);
    for (let index = 1; index < content.length; index += 1) {
      const above = content[index - 1];
      const line = content[index];
      if (above === undefined || line === undefined || !sameSize(above.size, line.size)) continue;
      const ratio = (line.baseline - above.baseline) / line.size;
      if (ratio < 0.9 || ratio > 2.5) continue;
      const key = Math.round(ratio * 50) / 50;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let best = DEFAULT_PITCH;
  let bestCount = 0;
  for (const [ratio, count] of counts) {
    if (count > bestCount || (count === bestCount && ratio < best)) {
      best = ratio;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The right margin of each page: where the long lines of pages of the same width end (the 98th
 * percentile, so one line running into the margin does not move it). With too few lines to tell,
 * the left margin mirrored, or the page's longest line if that reaches further: an estimate too
 * far right leaves wrapped lines unjoined, which costs less than joining lines that were not.
 */
function rightMargins(
  pages: readonly (readonly PdfLine[])[],
  furniture: ReadonlySet<PdfLine>,
  pageWidths: ReadonlyMap<number, number>,
): Map<number, number> {
  const endsByWidth = new Map<number, number[]>();
  const widthOf = (page: number) => Math.round(pageWidths.get(page) ?? 0);
  const isFullLine = (line: PdfLine) =>
    !furniture.has(line) &&
    line.angle === 0 &&
    line.segments.length === 1 &&
    line.text.length >= 20;
  for (const lines of pages) {
    for (const line of lines) {
      if (!isFullLine(line)) continue;
      const ends = endsByWidth.get(widthOf(line.page)) ?? [];
      ends.push(line.x1);
      endsByWidth.set(widthOf(line.page), ends);
    }
  }
  const marginByWidth = new Map<number, number>();
  for (const [width, ends] of endsByWidth) {
    if (ends.length < 10) continue;
    ends.sort((a, b) => a - b);
    marginByWidth.set(width, ends[Math.floor(0.98 * (ends.length - 1))] ?? 0);
  }
  const margins = new Map<number, number>();
  for (const lines of pages) {
    const page = lines[0]?.page;
    if (page === undefined) continue;
    const known = marginByWidth.get(widthOf(page));
    if (known !== undefined) {
      margins.set(page, known);
      continue;
    }
    // Too few lines to tell: assume the right margin mirrors the left one, unless text runs further.
    const upright = lines.filter((line) => !furniture.has(line) && line.angle === 0);
    const longest = Math.max(0, ...upright.map((line) => line.x1));
    const left = Math.min(...upright.map((line) => line.x0));
    const mirrored = (pageWidths.get(page) ?? 0) - left;
    margins.set(page, Math.max(longest, Number.isFinite(mirrored) ? mirrored : 0));
  }
  return margins;
}
