import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";

/**
 * pdfkit with what agenda-system PDFs have: embedded fonts (the Liberation Sans that ships in
 * pdfjs-dist, so regeneration does not depend on system fonts) or the standard Helvetica/Times,
 * bold and larger headings, label/value rows, dotted contents rows, and running headers and
 * footers drawn on every page after the text is laid out ("Side 3 af 12").
 */

export type PdfKitDocument = InstanceType<typeof PDFDocument>;
export type FontSet = "liberation" | "helvetica" | "times";

export interface Furniture {
  left?: string;
  center?: string;
  right?: string;
}

export interface PdfOptions {
  fonts?: FontSet;
  /** Body font size. */
  size?: number;
  /** Running header of page `page` (1-based) of `pages`; undefined draws none. */
  header?: (page: number, pages: number) => Furniture | undefined;
  footer?: (page: number, pages: number) => Furniture | undefined;
  margins?: { top: number; bottom: number; left: number; right: number };
  title?: string;
}

const FIXED_DATE = new Date("2024-06-01T08:00:00Z");

function liberation(name: string): string {
  const folder = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return join(folder, "standard_fonts", `LiberationSans-${name}.ttf`);
}

export class PdfWriter {
  readonly doc: PdfKitDocument;
  readonly size: number;
  readonly regular: string;
  readonly bold: string;
  readonly italic: string;

  constructor(doc: PdfKitDocument, fonts: FontSet, size: number) {
    this.doc = doc;
    this.size = size;
    if (fonts === "liberation") {
      doc.registerFont("Body", liberation("Regular"));
      doc.registerFont("Body-Bold", liberation("Bold"));
      doc.registerFont("Body-Italic", liberation("Italic"));
      [this.regular, this.bold, this.italic] = ["Body", "Body-Bold", "Body-Italic"];
    } else if (fonts === "times") {
      [this.regular, this.bold, this.italic] = ["Times-Roman", "Times-Bold", "Times-Italic"];
    } else {
      [this.regular, this.bold, this.italic] = ["Helvetica", "Helvetica-Bold", "Helvetica-Oblique"];
    }
    doc.font(this.regular).fontSize(size);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  keep(height: number): this {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.doc.y + height > bottom) this.doc.addPage();
    return this;
  }

  gap(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  heading(
    text: string,
    size = this.size + 3,
    options: { bold?: boolean; gap?: number } = {},
  ): this {
    this.keep(size * 4);
    if (options.gap !== 0) this.gap(options.gap ?? 0.8);
    this.doc
      .font(options.bold === false ? this.regular : this.bold)
      .fontSize(size)
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font(this.regular).fontSize(this.size);
    return this;
  }

  para(
    text: string,
    options: { font?: string; size?: number; indent?: number; gap?: number } = {},
  ): this {
    const indent = options.indent ?? 0;
    this.doc
      .font(options.font ?? this.regular)
      .fontSize(options.size ?? this.size)
      .text(text, this.left + indent, this.doc.y, { width: this.width - indent, lineGap: 1.5 });
    this.doc.font(this.regular).fontSize(this.size);
    if (options.gap !== 0) this.gap(options.gap ?? 0.5);
    return this;
  }

  paras(texts: readonly string[]): this {
    for (const text of texts) this.para(text);
    return this;
  }

  /** "Sagsnr.:" at the margin, "24/00312" in a second column on the same baseline. */
  row(
    label: string,
    value: string,
    options: { column?: number; boldLabel?: boolean; size?: number } = {},
  ): this {
    const column = options.column ?? 120;
    const size = options.size ?? this.size;
    this.keep(size * 2);
    const y = this.doc.y;
    this.doc
      .font(options.boldLabel === false ? this.regular : this.bold)
      .fontSize(size)
      .text(label, this.left, y, { width: column - 6 });
    const afterLabel = this.doc.y;
    this.doc
      .font(this.regular)
      .fontSize(size)
      .text(value, this.left + column, y, { width: this.width - column });
    this.doc.y = Math.max(afterLabel, this.doc.y);
    this.doc.x = this.left;
    return this;
  }

  /** A contents row: number, title, dotted leaders, page number at the right margin. */
  contentsRow(
    number: string,
    title: string,
    page: number,
    options: { numberWidth?: number } = {},
  ): this {
    const numberWidth = options.numberWidth ?? 28;
    const y = this.doc.y;
    const doc = this.doc;
    doc.font(this.regular).fontSize(this.size);
    doc.text(number, this.left, y, { width: numberWidth });
    const titleWidth = this.width - numberWidth - 30;
    const leaderWidth = titleWidth - doc.widthOfString(title) - 4;
    const dots =
      leaderWidth > 8 ? ` ${".".repeat(Math.floor(leaderWidth / doc.widthOfString(".")))}` : "";
    doc.text(`${title}${dots}`, this.left + numberWidth, y, {
      width: titleWidth,
      lineBreak: dots === "",
    });
    const after = doc.y;
    doc.text(String(page), this.left + this.width - 24, y, { width: 24, align: "right" });
    doc.y = Math.max(after, doc.y) + 3;
    doc.x = this.left;
    return this;
  }
}

export function makeProbePdf(
  draw: (writer: PdfWriter) => void,
  options: PdfOptions = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const margins = options.margins ?? { top: 80, bottom: 72, left: 70, right: 70 };
    const doc = new PDFDocument({
      size: "A4",
      margins,
      bufferPages: true,
      info: {
        Title: options.title ?? "Referat",
        Producer: "probe generator",
        CreationDate: FIXED_DATE,
        ModDate: FIXED_DATE,
      },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    const writer = new PdfWriter(doc, options.fonts ?? "liberation", options.size ?? 10.5);
    draw(writer);
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      const page = index + 1;
      const saved = { ...doc.page.margins };
      doc.page.margins.top = 0;
      doc.page.margins.bottom = 0;
      const header = options.header?.(page, range.count);
      if (header) drawFurniture(writer, header, 36);
      const footer = options.footer?.(page, range.count);
      if (footer) drawFurniture(writer, footer, doc.page.height - 44);
      doc.page.margins.top = saved.top;
      doc.page.margins.bottom = saved.bottom;
    }
    doc.end();
  });
}

function drawFurniture(writer: PdfWriter, furniture: Furniture, y: number): void {
  const doc = writer.doc;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font(writer.regular).fontSize(8.5);
  if (furniture.left) doc.text(furniture.left, left, y, { width, align: "left", lineBreak: false });
  if (furniture.center)
    doc.text(furniture.center, left, y, { width, align: "center", lineBreak: false });
  if (furniture.right)
    doc.text(furniture.right, left, y, { width, align: "right", lineBreak: false });
  doc.font(writer.regular).fontSize(writer.size);
}
