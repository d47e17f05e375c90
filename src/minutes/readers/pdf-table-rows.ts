import type { FilledBox, HorizontalRule, PageGraphics } from "./pdf-graphics.ts";
import { CELL_GAP, type PdfLine, type PdfLineRun, segmentOf } from "./pdf-lines.ts";
import { joinWrapped } from "./pdf-wrapping.ts";

/**
 * One table row made of the lines it spans. Cells wrap inside their column, so the lines after
 * a row's first line hold the next lines of several cells side by side; each line's text is put
 * into the column it stands in, and every cell is read down its column.
 *
 * The columns are those of the row's first line: its vertical ruling lines when the table is
 * ruled, else the starts of its cells, refined by run starts after a gutter (wider than two
 * spaces, narrower than a cell gap) that stand where a column of the table's rows above starts, or
 * that recur at the same place on two lines of the row: a borderless table whose columns stand
 * closer together than free-standing text needs to be read as columns.
 * The row ends at a horizontal ruling line, at the edge of the shaded bar it stands on, at the
 * bottom border of its cell box (in a table with column borders, a row may hold a paragraph break
 * and text in its first column on any line), and otherwise where its first column has text again, at a vertical gap, or
 * at a line that does not fit its columns.
 */

/** How far (in glyph sizes) a wrapped cell line may start left of its column. */
const COLUMN_ALIGNMENT = 0.6;
/** Run starts this close (points) are the same column start. */
const SAME_START = 0.75;
/** A gap this wide (in glyph sizes, two spaces) before a run is a gutter between columns. */
const GUTTER = 0.6;
/** A border is drawn at least this far (in glyph sizes) below a baseline: closer is an underline. */
const BELOW_BASELINE = 0.25;
/** The top of a line's glyphs above its baseline, in glyph sizes. */
const CAP_HEIGHT = 0.7;
/** The widest cell padding (in glyph sizes) between a border and the text it frames. */
const CELL_PADDING = 1.5;
/** How far (points) inside a line's text a ruling line must stand to part its columns. */
const RULE_INSIDE = 1;
/** How far below a row (in glyph sizes, baseline to baseline) a line may still continue it. */
const ROW_REACH = 2.5;
/** Sizes within 5 % of each other are the same size. */
const SAME_SIZE = 0.05;

/** Running headers and footers stand in this outer band of the page (fraction of its height). */
const PAGE_EDGE = 0.08;

/**
 * Whether the page's ruling lines and shading could change how its table rows are read, so that
 * its graphics are worth reading: runs on a line stand further apart than words but closer than
 * a cell gap (a ruling line or a bar may part cells there), or a line of cells is followed by a
 * line that starts right of its first cell and could continue it (a border would decide where the
 * row ends). Lines in the page's outer band (running headers and footers) do not count.
 */
export function mayNeedGraphics(lines: readonly PdfLine[], pageHeight: number): boolean {
  const inner = lines.filter(
    (line) =>
      line.angle === 0 &&
      line.baseline > PAGE_EDGE * pageHeight &&
      line.baseline < (1 - PAGE_EDGE) * pageHeight,
  );
  return inner.some((line, index) => {
    const narrowGutter = runsOf(line).some(
      (run) =>
        Number.isFinite(run.gapBefore) &&
        run.gapBefore >= GUTTER * line.size &&
        run.gapBefore <= CELL_GAP * line.size,
    );
    if (narrowGutter) return true;
    const next = inner[index + 1];
    const firstCell = line.segments[0];
    return (
      line.segments.length > 1 &&
      next !== undefined &&
      firstCell !== undefined &&
      next.baseline - line.baseline <= ROW_REACH * line.size &&
      next.x0 > firstCell.x0 + COLUMN_ALIGNMENT * line.size
    );
  });
}

export class TableRow {
  readonly lines: PdfLine[];
  /** Column boundaries (x, ascending): a run starting at or right of bound i is in column i + 1. */
  private readonly bounds: number[];
  private readonly ruled: boolean;
  private readonly firstColumn: number;
  /** The bottom border of the row's cell box, or of the bar it stands on. */
  private readonly bottom: number | undefined;
  private readonly bar: FilledBox | undefined;

  /**
   * @param tableStarts where the columns of the rows right above (the same table) start
   */
  constructor(
    private readonly first: PdfLine,
    private readonly graphics: PageGraphics,
    private readonly tableStarts: readonly number[] = [],
  ) {
    this.lines = [first];
    // Ruled: a column border stands inside the line's text (a box around a paragraph is no table).
    this.ruled = first.columnRules.some(
      (x) => x > first.x0 + RULE_INSIDE && x < first.x1 - RULE_INSIDE,
    );
    const tolerance = COLUMN_ALIGNMENT * first.size;
    this.bounds = this.ruled
      ? [...first.columnRules]
      : withStarts(
          first.segments.slice(1).map((segment) => segment.x0 - tolerance),
          this.knownColumnStarts(first).map((x) => x - tolerance),
          tolerance,
        );
    this.firstColumn = this.columnOf(first.segments[0]?.x0 ?? first.x0);
    this.bar = first.bar;
    this.bottom = first.bar?.y1 ?? (this.ruled ? this.boxBottom(first) : undefined);
  }

  /** Whether `line` continues the row; `gapBefore`: white space above it makes a paragraph break. */
  accepts(line: PdfLine, gapBefore: boolean): boolean {
    const last = this.lines.at(-1) ?? this.first;
    if (line.page !== this.first.page || line.angle !== 0 || this.first.angle !== 0) return false;
    if (line.bar !== this.bar) return false;
    if (this.ruleBetween(last, line) || !this.fits(line)) return false;
    if (this.bottom !== undefined) return line.baseline < this.bottom;
    return (
      !gapBefore &&
      sameSize(line.size, this.first.size) &&
      runsOf(line).every((run) => this.columnOf(run.x0) > this.firstColumn)
    );
  }

  add(line: PdfLine): void {
    this.lines.push(line);
  }

  /** Where the row's columns start, for the rows below it in the same table. */
  columnStarts(): number[] {
    if (this.ruled) return [];
    const tolerance = COLUMN_ALIGNMENT * this.first.size;
    const firstStart = this.first.segments[0]?.x0 ?? this.first.x0;
    return [firstStart, ...this.refinedBounds().map((bound) => bound + tolerance)];
  }

  /** The row's cells, left to right; inside a ruled row an empty cell keeps its place as "". */
  cells(): string[] {
    const bounds = this.ruled ? this.bounds : this.refinedBounds();
    const columns: string[] = Array.from({ length: bounds.length + 1 }, () => "");
    for (const line of this.lines) {
      const runsByColumn = new Map<number, PdfLineRun[]>();
      for (const segment of line.segments) {
        for (const run of segment.runs) {
          const column = columnIn(bounds, run.x0);
          const runs = runsByColumn.get(column) ?? [];
          // Runs of one column from different segments are parted by a wide gap: a space.
          runs.push(
            runs.length > 0 && segment.runs[0] === run ? { ...run, spaceBefore: true } : run,
          );
          runsByColumn.set(column, runs);
        }
      }
      for (const [column, runs] of runsByColumn) {
        const text = segmentOf(runs).text;
        const above = columns[column] ?? "";
        columns[column] = above === "" ? text : joinWrapped(above, text);
      }
    }
    if (!this.ruled) return columns.filter((text) => text !== "");
    // Left of a table's left border and right of its right one are no cells, unless text stands there.
    const inner = columns.slice(1, -1);
    const left = columns[0] ?? "";
    const right = columns.at(-1) ?? "";
    return [...(left === "" ? [] : [left]), ...inner, ...(right === "" ? [] : [right])];
  }

  private columnOf(x: number): number {
    return columnIn(this.bounds, x);
  }

  /** Every run stays inside one column: it does not run on past the next column's start. */
  private fits(line: PdfLine): boolean {
    const tolerance = COLUMN_ALIGNMENT * line.size;
    return runsOf(line).every((run) => {
      const next = this.bounds[this.columnOf(run.x0)];
      return next === undefined || run.x1 <= next + (this.ruled ? 1 : tolerance);
    });
  }

  /**
   * The unruled row's column bounds, with the run starts after a gutter where a column of the
   * table starts, or at the same place on two or more of the row's lines.
   */
  private refinedBounds(): number[] {
    const starts = this.lines.flatMap((line) => gutterStarts(line).map((x) => ({ x, line })));
    const recurring = starts
      .filter((start) => {
        const lines = starts.filter((other) => Math.abs(other.x - start.x) <= SAME_START);
        return new Set(lines.map((other) => other.line)).size >= 2;
      })
      .map((start) => start.x);
    const known = this.lines.flatMap((line) => this.knownColumnStarts(line));
    const tolerance = COLUMN_ALIGNMENT * this.first.size;
    return withStarts(
      this.bounds,
      [...recurring, ...known].map((x) => x - tolerance),
      tolerance,
    );
  }

  /** The line's run starts after a gutter that stand where a column of the table above starts. */
  private knownColumnStarts(line: PdfLine): number[] {
    return gutterStarts(line).filter((x) =>
      this.tableStarts.some((start) => Math.abs(start - x) <= SAME_START),
    );
  }

  /** A horizontal ruling line between two lines of text, across the lower one. */
  private ruleBetween(above: PdfLine, below: PdfLine): boolean {
    return this.graphics.horizontal.some(
      (rule) =>
        rule.y > above.baseline + BELOW_BASELINE * above.size &&
        rule.y < below.baseline - CAP_HEIGHT * below.size &&
        overlaps(rule, below),
    );
  }

  /**
   * The bottom border of the cell box a ruled line starts: the first horizontal rule below it, when
   * a rule also runs close above it (a row with a top border has a bottom one). Rules without
   * column borders (a line between two agenda items) only part rows.
   */
  private boxBottom(line: PdfLine): number | undefined {
    const top = line.baseline - CAP_HEIGHT * line.size;
    const across = this.graphics.horizontal.filter((rule) => overlaps(rule, line));
    const framed = across.some((rule) => rule.y < top && rule.y >= top - CELL_PADDING * line.size);
    if (!framed) return undefined;
    const below = across
      .filter((rule) => rule.y > line.baseline + BELOW_BASELINE * line.size)
      .map((rule) => rule.y);
    return below.length > 0 ? Math.min(...below) : undefined;
  }
}

/** Where runs start after a gutter on the line: a column may start there. */
function gutterStarts(line: PdfLine): number[] {
  return line.segments.flatMap((segment) =>
    segment.runs
      .filter((run) => Number.isFinite(run.gapBefore) && run.gapBefore >= GUTTER * line.size)
      .map((run) => run.x0),
  );
}

/** `bounds` with each of `added` that is not already one of them, ascending. */
function withStarts(
  bounds: readonly number[],
  added: readonly number[],
  tolerance: number,
): number[] {
  const result = [...bounds];
  for (const bound of added) {
    if (!result.some((known) => Math.abs(known - bound) <= tolerance)) result.push(bound);
  }
  return result.sort((a, b) => a - b);
}

function runsOf(line: PdfLine): PdfLineRun[] {
  return line.segments.flatMap((segment) => segment.runs);
}

function columnIn(bounds: readonly number[], x: number): number {
  let column = 0;
  for (const bound of bounds) if (x >= bound - 1) column += 1;
  return column;
}

function overlaps(rule: HorizontalRule, line: PdfLine): boolean {
  return rule.x0 < line.x1 && rule.x1 > line.x0;
}

function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_SIZE * Math.max(a, b);
}
