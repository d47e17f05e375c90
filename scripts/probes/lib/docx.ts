import {
  type Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

/** Small builders for Word documents as agenda systems and people write them. */

export async function packDocx(document: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(document));
}

export function text(
  value: string,
  options: { bold?: boolean; italics?: boolean; size?: number } = {},
): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, ...options })] });
}

export function texts(values: readonly string[]): Paragraph[] {
  return values.map((value) => text(value));
}

/** A borderless label/value table, the way SBSYS and Acadre templates lay out meeting data. */
export function fieldTable(rows: readonly [string, string][], labelWidth = 2200): Table {
  return new Table({
    width: { size: 9000, type: WidthType.DXA },
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: labelWidth, type: WidthType.DXA },
              children: [text(label, { bold: true })],
            }),
            new TableCell({
              width: { size: 9000 - labelWidth, type: WidthType.DXA },
              children: [text(value)],
            }),
          ],
        }),
    ),
  });
}

/** A table from rows of cell texts; the first row bold when `header` is set. */
export function grid(rows: readonly string[][], widths: readonly number[], header = true): Table {
  return new Table({
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    rows: rows.map(
      (cells, rowIndex) =>
        new TableRow({
          tableHeader: header && rowIndex === 0,
          children: cells.map(
            (cell, index) =>
              new TableCell({
                width: { size: widths[index] ?? 1000, type: WidthType.DXA },
                children: cell
                  .split("\n")
                  .map((line) => text(line, { bold: header && rowIndex === 0 })),
              }),
          ),
        }),
    ),
  });
}
