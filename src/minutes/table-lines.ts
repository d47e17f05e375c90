import type { Block } from "./blocks.ts";
import { recogniseHeading } from "./headings.ts";

/**
 * How a table row reads as lines of the line model. Agenda templates put items, fields and
 * decisions in tables: an item table (Pkt. | Emne | Referat | Ansvarlig), labels above their
 * values (Sagsnr.: | Sagen afgøres i: over 23/00041 | Teknik- og Miljøudvalget), label/value rows
 * (Udvalg | Plan- og Boligudvalget), heading bars with the number and the status in cells of their
 * own (7 | Kommuneplantillæg nr. 9 | Åben). Read as one joined line, the title swallows the other
 * cells; read cell by cell, every cell is what it would be in text.
 */

/** Where an item is numbered in a cell of its own: "1", "1.", "118.", "Pkt. 4", "Punkt 4". */
const NUMBER_CELL = /^(?:(?:punkt|pkt\.?|sag)\s*(?:nr\.?\s*)?)?(\d{1,4})[.)]?$/iu;
/** A cell that is itself an item line: "1. Godkendelse af dagsorden", "Punkt 3: Budget". */
const MARKER_CELL = /^(?:(?:[Pp]unkt|[Pp]kt\.?)\s*(?:nr\.?\s*)?)?\d{1,4}(?:[.):]\s*|\s+)\p{Lu}/u;
/** Field labels a header gives without a colon ("Udvalg | Byrådet"). */
const FIELD_LABEL =
  /^(?:udvalg|mødeforum|forum|organ|dato|mødedato|tid|tidspunkt|mødetid|sted|mødested|lokale|mødelokale|sagsnr\.?|sagsnummer|j\.?\s*nr\.?)$/iu;
/** Column names of an item table's header row. */
const COLUMN_NAME =
  /^(?:pkt\.?|punkt|nr\.?|emne|titel|sag|sagsnr\.?|overskrift|tekst|indstilling|ansvarlig|status|bemærkning(?:er)?|opfølgning|tidsfrist|frist|deadline|side|(?:referat|beslutning(?:er)?|aftaler)(?:\s*\/\s*(?:referat|beslutning(?:er)?|aftaler))*)$/iu;
/** A table's "Referat" (or "Beslutning / aftaler") column is the record of what the meeting decided. */
const RECORD_COLUMN =
  /^(?:referat|beslutning(?:er)?|aftaler)(?:\s*\/\s*(?:referat|beslutning(?:er)?|aftaler))*$/iu;

export interface TableContext {
  /** The column names of the current table's header row, if it had one. */
  header: string[] | undefined;
}

export type RowReading =
  /** The row is a header or the labels of the next row: it gives no line of its own. */
  { kind: "consumed" } | { kind: "lines"; texts: string[] };

/**
 * Reads one table row (with the row after it, for labels over values) into lines. `context`
 * carries the table's header row from one row to the next.
 */
export function readTableRow(
  row: Block,
  next: Block | undefined,
  context: TableContext,
): RowReading & { consumesNext?: boolean } {
  const cells = filledCells(row);
  if (cells.length < 2) return { kind: "lines", texts: [row.text] };

  if (isHeaderRow(cells)) {
    context.header = row.cells?.map((cell) => cell.trim()) ?? cells;
    return { kind: "consumed" };
  }
  const nextCells = next?.role === "table-row" && !next.gapBefore ? filledCells(next) : [];
  if (
    cells.every(isFieldLabel) &&
    nextCells.length === cells.length &&
    !nextCells.some(isFieldLabel)
  ) {
    return {
      kind: "lines",
      texts: cells.map((label, index) => `${label} ${nextCells[index] ?? ""}`.trim()),
      consumesNext: true,
    };
  }
  const [first = "", second = ""] = cells;
  const number = first.match(NUMBER_CELL)?.[1];
  if (number !== undefined && /\p{L}/u.test(second)) {
    return { kind: "lines", texts: [`${number}. ${second}`, ...restCells(row, 2, context)] };
  }
  if (MARKER_CELL.test(first)) {
    return { kind: "lines", texts: [first, ...restCells(row, 1, context)] };
  }
  if (cells.length === 2 && recogniseHeading(first)) {
    // "Sagen afgøres i:" | "Udvalget for …": a heading and its text, as they would stand in text.
    return { kind: "lines", texts: [first, second] };
  }
  if (cells.length === 2 && FIELD_LABEL.test(first.replace(/:$/u, ""))) {
    return { kind: "lines", texts: [`${first.replace(/:$/u, "")}: ${second}`] };
  }
  return { kind: "lines", texts: [row.text] };
}

/** The cells after the title: under a heading column, the heading and the text; others as text. */
function restCells(row: Block, from: number, context: TableContext): string[] {
  const all = row.cells?.map((cell) => cell.trim()) ?? [];
  const filled = all.map((cell, index) => ({ cell, index })).filter(({ cell }) => cell !== "");
  const texts: string[] = [];
  for (const { cell, index } of filled.slice(from)) {
    const column = context.header?.[index]?.replace(/:$/u, "");
    if (column && RECORD_COLUMN.test(column)) texts.push("Beslutning", cell);
    else if (column && recogniseHeading(column)) texts.push(column, cell);
    else texts.push(cell);
  }
  return texts;
}

function filledCells(row: Block): string[] {
  return (row.cells ?? []).map((cell) => cell.trim()).filter((cell) => cell !== "");
}

function isHeaderRow(cells: readonly string[]): boolean {
  return (
    cells.length >= 2 &&
    cells.filter((cell) => COLUMN_NAME.test(cell.replace(/:$/u, ""))).length >= 2 &&
    cells.every((cell) => cell.length <= 30 && !/\d{2}/u.test(cell))
  );
}

/** A field label with nothing after it ("Sagsnr.:", "Udvalg:"), its value in the next cell or line. */
export function isFieldLabel(text: string): boolean {
  return /^[\p{L}][\p{L} .]{1,30}:$/u.test(text);
}
