import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/minutes/blocks.ts";
import { docxReader } from "../../src/minutes/readers/docx-reader.ts";
import type { SourceDocument } from "../../src/minutes/readers/types.ts";
import { AppError } from "../../src/shared/errors.ts";

const REAL_MINUTES = join(import.meta.dirname, "../../../shared/real-minutes");
const SYDDJURS_DOCX = "Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.docx";
const context = { siblings: async () => [] };

async function readBlocks(file: SourceDocument) {
  const result = await docxReader.read(file, context);
  if (result.kind !== "blocks") throw new Error(`expected blocks, got ${result.kind}`);
  return result;
}

async function realDocx(): Promise<SourceDocument> {
  return {
    path: SYDDJURS_DOCX,
    bytes: new Uint8Array(await readFile(join(REAL_MINUTES, SYDDJURS_DOCX))),
  };
}

async function generated(document: Document, path = "generated.docx"): Promise<SourceDocument> {
  return { path, bytes: new Uint8Array(await Packer.toBuffer(document)) };
}

const headings = (blocks: Block[]) =>
  blocks.filter((block) => block.role === "heading").map((block) => [block.level, block.text]);
const find = (blocks: Block[], text: string) => blocks.find((block) => block.text === text);

async function rejection(file: SourceDocument): Promise<AppError> {
  const error = await docxReader.read(file, context).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("the real Syddjurs DOCX (Acadre)", () => {
  it("reads the item heading from the layout table at level 1 and the sections at level 2", async () => {
    const { blocks } = await readBlocks(await realDocx());
    expect(headings(blocks)).toEqual([
      [1, "715. Kulturkommune 2017. Politiske fokusområder"],
      [2, "Resumé"],
      [2, "Sagsfremstilling"],
      [2, "Økonomi og organisatoriske konsekvenser"],
      [2, "Indstilling"],
      [2, "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013"],
      [2, "Supplerende Sagsfremstilling"],
      [2, "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 24-04-2013"],
      [2, "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013"],
      [2, "Bilag"],
    ]);
  });

  it("keeps the typed item number once: '715.' is text in the document, not a Word list number", async () => {
    const { blocks } = await readBlocks(await realDocx());
    expect(blocks.filter((block) => block.text.includes("715."))).toHaveLength(2); // contents + heading
    expect(blocks.some((block) => /715\.\s+715\./u.test(block.text))).toBe(false);
  });

  it("keeps label/value rows and the attachment table as rows with their cells", async () => {
    const { blocks } = await readBlocks(await realDocx());
    expect(find(blocks, "Sagsnr.: 12/27845")).toMatchObject({
      role: "table-row",
      cells: ["Sagsnr.:", "12/27845"],
    });
    expect(
      find(blocks, "Sagen afgøres i: Udvalget for plan, udvikling og kultur (PUK)")?.cells,
    ).toEqual(["Sagen afgøres i:", "Udvalget for plan, udvikling og kultur (PUK)"]);
    const attachments = blocks.filter((block) => block.cells?.length === 4);
    expect(attachments.map((block) => block.cells?.[3])).toEqual([
      "222359/12",
      "73288/09",
      "58688/13",
    ]);
  });

  it("opens with the title block: document type, body, meeting name, date, time", async () => {
    const { blocks } = await readBlocks(await realDocx());
    expect(blocks.slice(0, 5).map((block) => block.text)).toEqual([
      "Referat",
      "Udvalget for plan, udvikling og kultur (PUK)",
      "Ekstraordinært PUK",
      "Torsdag den 20. juni 2013",
      "Kl. 10:30",
    ]);
    expect(blocks[0]?.bold).toBe(true);
  });

  it("never reads the running header or footer, and reports no style warnings", async () => {
    const { blocks, warnings, metadata } = await readBlocks(await realDocx());
    const text = blocks.map((block) => block.text).join("\n");
    // word/header4.xml: "Referat For Udvalget for plan, udvikling og kultur (PUK) 20. juni 2013 - kl. 10:30 Side 1".
    expect(text).not.toContain("Referat For Udvalget");
    expect(text).not.toContain("2013 - kl. 10:30");
    expect(blocks.filter((block) => /\bSide:?\s+\d/u.test(block.text))).toEqual([]);
    expect(warnings).toEqual([]);
    expect(metadata).toEqual({}); // docProps/core.xml has no title
  });
});

describe("DOCX files written with the docx package", () => {
  const minutes = () =>
    new Document({
      styles: {
        paragraphStyles: [
          // Danish Word: built-in heading styles keep the English name, with a Danish id.
          {
            id: "Overskrift1",
            name: "heading 1",
            basedOn: "Normal",
            run: { bold: true, size: 32 },
          },
          // A heading style named in Danish, as some templates and LibreOffice write it.
          {
            id: "Overskrift2",
            name: "Overskrift 2",
            basedOn: "Normal",
            run: { bold: true, size: 26 },
          },
          // Custom styles: one with an outline level (a heading), two without (Acadre's names).
          {
            id: "Punkttitel",
            name: "Punkttitel",
            basedOn: "Normal",
            paragraph: { outlineLevel: 0 },
          },
          { id: "meettitle", name: "meettitle", basedOn: "Normal", run: { size: 40 } },
          { id: "itemtext", name: "itemtext", basedOn: "Normal" },
        ],
      },
      numbering: {
        config: [
          {
            reference: "punkter",
            levels: [
              {
                level: 0,
                format: LevelFormat.DECIMAL,
                text: "%1.",
                alignment: AlignmentType.START,
              },
              {
                level: 1,
                format: LevelFormat.LOWER_LETTER,
                text: "%1.%2)",
                alignment: AlignmentType.START,
              },
            ],
          },
          {
            reference: "prikker",
            levels: [
              { level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.START },
            ],
          },
        ],
      },
      sections: [
        {
          headers: { default: new Header({ children: [new Paragraph("Sidehoved Ældrerådet")] }) },
          footers: { default: new Footer({ children: [new Paragraph("Sidefod side 1 af 2")] }) },
          children: [
            new Paragraph({ text: "Referat", style: "meettitle" }),
            new Paragraph({ text: "Ældrerådet, 3. marts 2025", style: "itemtext" }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph("Dato:")] }),
                    new TableCell({ children: [new Paragraph("3. marts 2025 kl. 14.00")] }),
                  ],
                }),
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph("Sted:")] }),
                    new TableCell({ children: [new Paragraph("Rådhuset, mødelokale 2")] }),
                  ],
                }),
              ],
            }),
            new Paragraph({
              text: "Godkendelse af dagsorden",
              style: "Overskrift1",
              numbering: { reference: "punkter", level: 0 },
            }),
            new Paragraph({ text: "Beslutning", style: "Overskrift2" }),
            new Paragraph({ children: [new TextRun({ text: "Godkendt.", bold: true })] }),
            new Paragraph({
              text: "Budget 2026",
              style: "Overskrift1",
              numbering: { reference: "punkter", level: 0 },
            }),
            new Paragraph({ text: "driften", numbering: { reference: "punkter", level: 1 } }),
            new Paragraph({ text: "anlæg", numbering: { reference: "punkter", level: 1 } }),
            new Paragraph({ text: "ingen tal her", numbering: { reference: "prikker", level: 0 } }),
            new Paragraph({
              children: [new TextRun({ text: "Delvist ", bold: true }), new TextRun("fed tekst.")],
            }),
            new Paragraph({ text: "Eventuelt", heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: "Orientering", heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: "Punkt uden Word-overskrift", style: "Punkttitel" }),
            new Paragraph({ text: "Direkte dispositionsniveau", outlineLevel: 2 }),
            new Paragraph({
              text: "Ny liste",
              numbering: { reference: "punkter", level: 0, instance: 2 },
            }),
          ],
        },
      ],
    });

  it("gives headings their level from English, Danish and custom styles and outline levels", async () => {
    const { blocks } = await readBlocks(await generated(minutes()));
    expect(headings(blocks)).toEqual([
      [1, "1. Godkendelse af dagsorden"],
      [2, "Beslutning"],
      [1, "2. Budget 2026"],
      [1, "Eventuelt"],
      [2, "Orientering"],
      [1, "Punkt uden Word-overskrift"],
      [3, "Direkte dispositionsniveau"],
    ]);
    expect(find(blocks, "Referat")?.role).toBe("paragraph");
    expect(find(blocks, "Ældrerådet, 3. marts 2025")?.role).toBe("paragraph");
  });

  it("restores list numbers from numbering.xml: numbered headings, sub-levels, a new list", async () => {
    const { blocks } = await readBlocks(await generated(minutes()));
    expect(find(blocks, "2.a) driften")?.role).toBe("list-item");
    expect(find(blocks, "2.b) anlæg")?.role).toBe("list-item");
    expect(find(blocks, "ingen tal her")?.role).toBe("list-item");
    expect(find(blocks, "1. Ny liste")?.role).toBe("list-item");
  });

  it("numbers Word's lists once: the walk adds no number of its own to mammoth's <ol> items", async () => {
    const { blocks } = await readBlocks(await generated(minutes()));
    expect(blocks.filter((block) => block.role === "list-item").map((block) => block.text)).toEqual(
      ["2.a) driften", "2.b) anlæg", "ingen tal her", "1. Ny liste"],
    );
  });

  it("marks bold from runs and from bold paragraph styles, and only whole-bold blocks", async () => {
    const { blocks } = await readBlocks(await generated(minutes()));
    expect(find(blocks, "Godkendt.")?.bold).toBe(true);
    expect(find(blocks, "Delvist fed tekst.")?.bold).toBeUndefined();
    expect(find(blocks, "Beslutning")?.bold).toBe(true); // the Overskrift2 style is bold
    expect(find(blocks, "Referat")?.bold).toBeUndefined();
  });

  it("reads a table as label/value rows and leaves the header and footer out", async () => {
    const { blocks, warnings } = await readBlocks(await generated(minutes()));
    expect(
      blocks.filter((block) => block.role === "table-row").map((block) => block.cells),
    ).toEqual([
      ["Dato:", "3. marts 2025 kl. 14.00"],
      ["Sted:", "Rådhuset, mødelokale 2"],
    ]);
    const text = blocks.map((block) => block.text).join("\n");
    expect(text).not.toContain("Sidehoved");
    expect(text).not.toContain("Sidefod");
    expect(warnings).toEqual([]);
  });

  it("takes the title from the document properties", async () => {
    const document = new Document({
      title: "Referat Ældrerådet 3. marts 2025",
      sections: [{ children: [new Paragraph("Punkt 1. Velkomst")] }],
    });
    const { metadata } = await readBlocks(await generated(document));
    expect(metadata.title).toBe("Referat Ældrerådet 3. marts 2025");
  });
});

describe("which files the DOCX reader takes", () => {
  it("takes .docx by name, and a Word package by its content types under another name", async () => {
    const word = await generated(
      new Document({ sections: [{ children: [new Paragraph("Tekst")] }] }),
    );
    expect(docxReader.accepts(word)).toBe(true);
    expect(docxReader.accepts({ path: "referat-uden-endelse", bytes: word.bytes })).toBe(true);
    expect(
      docxReader.accepts({ path: "referat.pdf", bytes: new TextEncoder().encode("%PDF-1.7") }),
    ).toBe(false);
  });
});

describe("files that are not readable Word documents", () => {
  it("names a Word 97–2003 .doc saved under a .docx name", async () => {
    // The OLE2 compound-file signature every .doc file starts with, then an empty header sector.
    const bytes = new Uint8Array(1536);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await rejection({ path: "referat.docx", bytes });
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toBe(
      "referat.docx: a Word 97–2003 .doc file, not .docx: save it as .docx or PDF",
    );
  });

  it("names a password-protected Word document (an OLE2 file with an encrypted package)", async () => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(new Uint8Array(Buffer.from("EncryptedPackage", "utf16le")), 1024);
    const error = await rejection({ path: "referat.docx", bytes });
    expect(error.message).toContain("password-protected");
  });

  it("names a cut-off DOCX (half of the real file)", async () => {
    const whole = await realDocx();
    const error = await rejection({ path: "cut.docx", bytes: whole.bytes.subarray(0, 200_000) });
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toBe("cut.docx: the zip archive has no central directory (truncated?)");
  });

  it("names a damaged entry: the real file with its document part overwritten", async () => {
    const bytes = new Uint8Array((await realDocx()).bytes);
    const name = new TextEncoder().encode("word/document.xml");
    const at = Buffer.from(bytes).indexOf(Buffer.from(name)); // the entry's local header
    bytes.fill(0x55, at + name.length, at + name.length + 4000);
    const error = await rejection({ path: "damaged.docx", bytes });
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toBe(
      "damaged.docx: the zip entry word/document.xml cannot be decompressed",
    );
  });

  it("names files of other kinds: not a zip, RTF, PDF, empty", async () => {
    const reasons = await Promise.all(
      ["Referat fra mødet", "{\\rtf1\\ansi Referat}", "%PDF-1.4\n", ""].map(async (text) => {
        const error = await rejection({ path: "x.docx", bytes: new TextEncoder().encode(text) });
        return [error.code, error.message];
      }),
    );
    expect(reasons).toEqual([
      [
        "minutes_unreadable",
        "x.docx: not a Word document: a .docx file is a zip archive, and this file is not one",
      ],
      ["minutes_unreadable", "x.docx: an RTF file, not .docx: save it as .docx or PDF"],
      ["minutes_unreadable", "x.docx: a PDF file with a Word file name: rename it to .pdf"],
      ["minutes_unreadable", "x.docx: the file is empty"],
    ]);
  });

  it("reports a Word document without text as having none", async () => {
    const error = await rejection(
      await generated(new Document({ sections: [{ children: [new Paragraph("")] }] }), "tom.docx"),
    );
    expect(error.code).toBe("minutes_no_text");
    expect(error.message).toBe("tom.docx: the Word document has no text");
  });
});
