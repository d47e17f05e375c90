import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/minutes/blocks.ts";
import { joinWrapped } from "../../src/minutes/readers/pdf-blocks.ts";
import { createPdfReader, pdfReader, usableTitle } from "../../src/minutes/readers/pdf-reader.ts";
import type { SourceDocument } from "../../src/minutes/readers/types.ts";
import { isAppError } from "../../src/shared/errors.ts";
import { makePdf, type PdfKitDocument, scannedPagePng } from "../support/pdf-files.ts";

const SYDDJURS = "../shared/real-minutes/Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.pdf";
const context = { siblings: async () => [] };

async function readBlocks(file: SourceDocument) {
  const result = await pdfReader.read(file, context);
  if (result.kind !== "blocks") throw new Error(`expected blocks, got ${result.kind}`);
  return result;
}

async function readError(file: SourceDocument, reader = pdfReader): Promise<unknown> {
  try {
    await reader.read(file, context);
  } catch (error) {
    return error;
  }
  throw new Error(`${file.path} was read without an error`);
}

const content = (blocks: readonly Block[]) => blocks.filter((block) => block.role !== "furniture");
const furniture = (blocks: readonly Block[]) =>
  blocks.filter((block) => block.role === "furniture");
const blockStarting = (blocks: readonly Block[], start: string) =>
  blocks.find((block) => block.text.startsWith(start));

describe("the Syddjurs Acadre PDF (Word → Adlib)", () => {
  let blocks: Block[];
  let warnings: string[];

  beforeAll(async () => {
    const result = await readBlocks({
      path: "syddjurs/referat.pdf",
      bytes: new Uint8Array(await readFile(SYDDJURS)),
    });
    blocks = result.blocks;
    warnings = result.warnings;
  });

  it("marks the Adlib 'N of 5' stamps and the running header on pages 2–5 as furniture, one page each", () => {
    const stamps = furniture(blocks).filter((block) => /^\d of 5$/u.test(block.text));
    expect(stamps.map((block) => [block.text, block.page])).toEqual([
      ["1 of 5", 1],
      ["2 of 5", 2],
      ["3 of 5", 3],
      ["4 of 5", 4],
      ["5 of 5", 5],
    ]);
    const headers = furniture(blocks).filter((block) => block.text.startsWith("Referat For"));
    expect(headers.map((block) => [block.text, block.page])).toEqual([
      ["Referat For Udvalget for plan, udvikling og kultur (PUK) Side 1", 2],
      ["Referat For Udvalget for plan, udvikling og kultur (PUK) Side 2", 3],
      ["Referat For Udvalget for plan, udvikling og kultur (PUK) Side 3", 4],
      ["Referat For Udvalget for plan, udvikling og kultur (PUK) Side 4", 5],
    ]);
    const dates = furniture(blocks).filter((block) => block.text === "20. juni 2013 - kl. 10:30");
    expect(dates.map((block) => block.page)).toEqual([2, 3, 4, 5]);
    expect(furniture(blocks)).toHaveLength(13);
  });

  it("keeps furniture out of every content block", () => {
    for (const block of content(blocks)) {
      expect(block.text).not.toMatch(/\d of 5|Referat For Udvalget|Side \d/u);
    }
    expect(
      content(blocks).some(
        (block) => block.text === "Udvalget for plan, udvikling og kultur (PUK)",
      ),
    ).toBe(true);
  });

  it("reads the item title as one bold block about 1.4 times the body size, a paragraph (the PDF has no usable outline)", () => {
    const title = blocks.find(
      (block) => block.text === "715. Kulturkommune 2017. Politiske fokusområder",
    );
    expect(title).toMatchObject({ role: "paragraph", bold: true, page: 3 });
    expect(title?.size).toBeGreaterThan(1.3);
    expect(title?.size).toBeLessThan(1.5);
    const body = blockStarting(blocks, "Kulturafdelingen har");
    expect(body?.size).toBe(1);
    expect(body?.bold).toBeUndefined();
  });

  it("pairs the two-column label/value rows instead of printing both labels first", () => {
    expect(blockStarting(blocks, "Sagsnr.:")).toMatchObject({
      role: "table-row",
      text: "Sagsnr.: 12/27845",
      cells: ["Sagsnr.:", "12/27845"],
    });
    expect(blockStarting(blocks, "Sagen afgøres i:")).toMatchObject({
      role: "table-row",
      cells: ["Sagen afgøres i:", "Udvalget for plan, udvikling og kultur (PUK)"],
    });
  });

  it("joins wrapped lines into one paragraph and keeps hard line breaks", () => {
    expect(blockStarting(blocks, "Kulturafdelingen har")?.text).toBe(
      "Kulturafdelingen har i forlængelse af Byrådets beslutning lagt en plan for arbejdet med " +
        "satsningen på Syddjurs Kommune, som kulturkommune. Arbejdet blev 27. juni 2012 igangsat " +
        "i Udvalget for Plan, udvikling og kultur, med udgangspunkt i nedenstående tidsplan:",
    );
    expect(blockStarting(blocks, "Byrådets arbejde")?.text).toContain(
      "indholdet i arbejdet med KULTURKOMMUNE 2017 begyndte på Byrådets temamøde",
    );
    // The Tidsplan lines end short of the margin: one block each.
    const schedule = blocks.filter((block) =>
      /^(Juni|Juli|Sept\.|Okt\.|Dec\.) 201[23]:/u.test(block.text),
    );
    expect(schedule).toHaveLength(11);
  });

  it("keeps section headings as short bold blocks, each after a gap", () => {
    for (const heading of ["Resumé", "Sagsfremstilling", "Indstilling", "Bilag"]) {
      expect(blocks.find((block) => block.text === heading)).toMatchObject({
        role: "paragraph",
        bold: true,
        size: 1,
        gapBefore: true,
      });
    }
  });

  it("reads Word's symbol-font bullets as list items", () => {
    const items = blocks.filter((block) => block.role === "list-item").map((block) => block.text);
    expect(items).toEqual([
      "• Hvad vil du gerne have opnået i 2017?",
      "• Hvad vil det kræve? – og af hvem?",
      "• Hvem får det betydning for?",
    ]);
  });

  it("keeps the Bilag rows' numbers and file numbers", () => {
    const rows = blocks.filter((block) => /^\d Åben /u.test(block.text));
    expect(rows.map((block) => block.cells)).toEqual([
      ["1 Åben Opsamlingsnotat. Temamøde 20.09.2012", "222359/12"],
      [
        "2 Åben Politik for Kultur og Fritid - Lokalt engagement, Godkendt af byrådet 300409",
        "73288/09",
      ],
      [
        "3 Åben Kulturkommune 2017 - arbejdsoplæg til Udvalget for Plan, Udvikling og Kultur",
        "58688/13",
      ],
    ]);
  });

  it("keeps the dot-leader table-of-contents row as one paragraph line", () => {
    const row = blockStarting(blocks, "715. Kulturkommune 2017. Politiske fokusområder ....");
    expect(row).toMatchObject({ role: "paragraph", page: 2 });
    expect(row?.text).toMatch(/\.{10,}2$/u);
  });

  it("does not take the Word file name bookmark as a heading or title", async () => {
    expect(blocks.some((block) => block.role === "heading")).toBe(false);
    const result = await readBlocks({
      path: "a.pdf",
      bytes: new Uint8Array(await readFile(SYDDJURS)),
    });
    expect(result.metadata).toEqual({});
    expect(warnings).toEqual([]);
  });
});

const BODY =
  "Økonomiudvalget drøftede forslaget til budget for de kommende år, herunder de økonomiske " +
  "rammer for ældreområdet, børn og unge samt kultur og fritid. Forvaltningen redegjorde for " +
  "udviklingen i udgifterne og for de forventede ændringer i tilskud og udligning.";

/** Words from BODY until the line is nearly as wide as `width` at the current font. */
function fullLine(doc: PdfKitDocument, end: string, width: number): string {
  const words = BODY.split(" ");
  let line = "";
  for (const word of words) {
    const next = line === "" ? word : `${line} ${word}`;
    if (doc.widthOfString(`${next} ${end}`) > width) break;
    line = next;
  }
  return `${line} ${end}`;
}

const PAGES = 4;
const TEXT_WIDTH = 451;

function drawRunningHeaderAndFooter(doc: PdfKitDocument, page: number): void {
  doc.font("Helvetica").fontSize(9);
  doc.text("Økonomiudvalget – referat – 3. marts 2025", 72, 36, { lineBreak: false });
  doc.text(`Side ${page} af ${PAGES}`, 470, 800, { lineBreak: false });
}

function drawTitle(doc: PdfKitDocument, text: string, y: number): number {
  doc.font("Helvetica-Bold").fontSize(14).text(text, 72, y, { lineBreak: false });
  return y + 22;
}

function drawLabelRow(doc: PdfKitDocument, label: string, value: string, y: number): number {
  doc.font("Helvetica-Bold").fontSize(10).text(label, 72, y, { lineBreak: false });
  doc.font("Helvetica").fontSize(10).text(value, 200, y, { lineBreak: false });
  return y + 11.56;
}

function drawHeading(doc: PdfKitDocument, text: string, y: number): number {
  doc
    .font("Helvetica-Bold")
    .fontSize(10)
    .text(text, 72, y + 12, { lineBreak: false });
  return y + 12 + 14;
}

function drawParagraph(doc: PdfKitDocument, text: string, y: number, x = 72): number {
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(text, x, y, { width: TEXT_WIDTH - (x - 72) });
  return doc.y;
}

function drawLines(doc: PdfKitDocument, lines: readonly string[], y: number): number {
  doc.font("Helvetica").fontSize(10);
  lines.forEach((line, index) => {
    doc.text(line, 72, y + index * 11.56, { lineBreak: false });
  });
  return y + lines.length * 11.56;
}

/** Four pages of minutes the way a Word template prints them, one agenda item per page. */
function minutesPdf(): Promise<Uint8Array> {
  return makePdf((doc) => {
    // Page 1: table of contents, item 1 with a bulleted and a numbered list.
    drawRunningHeaderAndFooter(doc, 1);
    let y = drawTitle(doc, "Indholdsfortegnelse", 72);
    y = drawLines(
      doc,
      ["1. Godkendelse af budget 2026 ............................................ 1"],
      y,
    );
    y = drawTitle(doc, "1. Godkendelse af budget 2026", y + 24);
    y = drawLabelRow(doc, "Sagsnr.:", "25/00112", y);
    y = drawLabelRow(doc, "Sagen afgøres i:", "Økonomiudvalget", y);
    y = drawHeading(doc, "Resumé", y);
    y = drawParagraph(doc, BODY, y);
    y = drawHeading(doc, "Indstilling", y);
    doc.font("Helvetica").fontSize(10).text("•", 72, y, { lineBreak: false });
    y = drawParagraph(doc, `at budgettet godkendes, og at ${BODY.toLowerCase()}`, y, 86);
    doc.font("Helvetica").fontSize(10).text("•", 72, y, { lineBreak: false });
    y = drawParagraph(doc, "at sagen sendes videre til byrådet.", y, 86);
    drawLines(doc, ["1. Første behandling i udvalget", "2. Anden behandling i byrådet"], y);

    // Page 2: a word hyphenated across lines and a suspended hyphen.
    doc.addPage();
    drawRunningHeaderAndFooter(doc, 2);
    y = drawTitle(doc, "2. Ansvar for ældreplejen", 72);
    y = drawHeading(doc, "Sagsfremstilling", y);
    doc.font("Helvetica").fontSize(10);
    y = drawLines(
      doc,
      [
        fullLine(doc, "kommu-", TEXT_WIDTH),
        "nen har fremover ansvaret, og sagen behandles derfor i Social-",
        "og Sundhedsudvalget inden mødet i byrådet.",
      ],
      y,
    );

    // Page 3: a heading drawn twice a hair apart (fake bold).
    doc.addPage();
    drawRunningHeaderAndFooter(doc, 3);
    y = drawTitle(doc, "3. Eventuelt", 72);
    doc.font("Helvetica-Bold").fontSize(10);
    doc.text("Beslutning", 72, y + 12, { lineBreak: false });
    doc.text("Beslutning", 72.3, y + 12, { lineBreak: false });
    y = drawParagraph(doc, "Godkendt. Udvalget ønsker en status på næste møde.", y + 26);

    // Page 4: hard line breaks that must stay lines.
    doc.addPage();
    drawRunningHeaderAndFooter(doc, 4);
    y = drawTitle(doc, "4. Tidsplan", 72);
    drawLines(
      doc,
      ["Marts 2025: Høring", "April 2025: Beslutning i byrådet", "Maj 2025: Igangsætning"],
      y,
    );
  });
}

describe("minutes generated with pdfkit", () => {
  let blocks: Block[];

  beforeAll(async () => {
    blocks = (await readBlocks({ path: "generated/minutes.pdf", bytes: await minutesPdf() }))
      .blocks;
  });

  it("marks the running header and 'Side N af 4' on every page as furniture", () => {
    expect(furniture(blocks).map((block) => [block.text, block.page])).toEqual(
      [1, 2, 3, 4].flatMap((page) => [
        ["Økonomiudvalget – referat – 3. marts 2025", page],
        [`Side ${page} af 4`, page],
      ]),
    );
  });

  it("ranks 14 pt bold titles against the 10 pt body and keeps æøå", () => {
    const title = blocks.find((block) => block.text === "1. Godkendelse af budget 2026");
    expect(title).toMatchObject({ role: "paragraph", bold: true, size: 1.4, page: 1 });
    expect(blockStarting(blocks, "Økonomiudvalget drøftede")).toMatchObject({ size: 1 });
  });

  it("joins a paragraph pdfkit wrapped into one block", () => {
    expect(blockStarting(blocks, "Økonomiudvalget drøftede")?.text).toBe(BODY);
  });

  it("pairs label/value rows", () => {
    expect(blockStarting(blocks, "Sagsnr.:")?.cells).toEqual(["Sagsnr.:", "25/00112"]);
    expect(blockStarting(blocks, "Sagen afgøres i:")).toMatchObject({
      role: "table-row",
      text: "Sagen afgøres i: Økonomiudvalget",
      cells: ["Sagen afgøres i:", "Økonomiudvalget"],
    });
  });

  it("reads bulleted items with their hanging indent as one list item each, and enumerated lines as blocks", () => {
    const items = blocks.filter((block) => block.role === "list-item").map((block) => block.text);
    expect(items).toEqual([
      `• at budgettet godkendes, og at ${BODY.toLowerCase()}`,
      "• at sagen sendes videre til byrådet.",
    ]);
    expect(blocks.map((block) => block.text)).toEqual(
      expect.arrayContaining(["1. Første behandling i udvalget", "2. Anden behandling i byrådet"]),
    );
  });

  it("joins a hyphenated word and keeps a suspended hyphen", () => {
    const page = content(blocks.filter((block) => block.page === 2));
    expect(page.map((block) => block.text.split(" ").slice(0, 4).join(" "))).toEqual([
      "2. Ansvar for ældreplejen",
      "Sagsfremstilling",
      "Økonomiudvalget drøftede forslaget til",
    ]);
    expect(page[2]?.text).toMatch(
      / kommunen har fremover ansvaret, og sagen behandles derfor i Social- og Sundhedsudvalget inden mødet i byrådet\.$/u,
    );
  });

  it("reads text drawn twice (fake bold) once", () => {
    const decision = blocks.filter(
      (block) => block.page === 3 && block.text.includes("Beslutning"),
    );
    expect(decision).toEqual([expect.objectContaining({ text: "Beslutning", bold: true })]);
  });

  it("keeps the dot-leader contents row as one paragraph", () => {
    expect(blockStarting(blocks, "1. Godkendelse af budget 2026 ....")).toMatchObject({
      role: "paragraph",
    });
  });

  it("keeps short lines ending short of the margin as separate blocks", () => {
    expect(content(blocks.filter((block) => block.page === 4)).map((block) => block.text)).toEqual([
      "4. Tidsplan",
      "Marts 2025: Høring",
      "April 2025: Beslutning i byrådet",
      "Maj 2025: Igangsætning",
    ]);
  });

  it("marks paragraph breaks from vertical gaps", () => {
    expect(blocks.find((block) => block.text === "Resumé")?.gapBefore).toBe(true);
    expect(blockStarting(blocks, "Økonomiudvalget drøftede")?.gapBefore).toBeUndefined();
  });
});

describe("layout beyond one column of upright text", () => {
  it("keeps text set vertically in the margin out of the paragraphs beside it", async () => {
    const bytes = await makePdf((doc) => {
      drawParagraph(doc, BODY, 300);
      doc.save();
      doc.rotate(-90, { origin: [40, 400] });
      doc
        .font("Helvetica")
        .fontSize(8)
        .text("Dokumentnr. 2025-123456", 40, 400, { lineBreak: false });
      doc.restore();
    });
    const { blocks } = await readBlocks({ path: "stamp.pdf", bytes });
    expect(blocks.map((block) => block.text)).toEqual([BODY, "Dokumentnr. 2025-123456"]);
  });

  it("marks a paragraph running on over a page break as no new paragraph", async () => {
    const bytes = await makePdf((doc) => {
      // pdfkit breaks the page itself when the text reaches the bottom margin.
      drawParagraph(doc, `${BODY} ${BODY} ${BODY}`, 720);
      drawParagraph(doc, "Godkendt.", doc.y + 12);
    });
    const { blocks } = await readBlocks({ path: "flow.pdf", bytes });
    expect(blocks.map((block) => [block.page, block.gapBefore ?? false])).toEqual([
      [1, false],
      [2, false],
      [2, true],
    ]);
    expect(
      blocks
        .slice(0, 2)
        .map((block) => block.text)
        .join(" "),
    ).toBe(`${BODY} ${BODY} ${BODY}`);
  });
});

describe("furniture guards", () => {
  it("does not take a case number below the header, or a closing line on every page, for furniture", async () => {
    const sentences = BODY.split(". ");
    const bytes = await makePdf((doc) => {
      ["25/00112", "24/19870", "25/03311"].forEach((caseNumber, index) => {
        if (index > 0) doc.addPage();
        doc.font("Helvetica").fontSize(9).text("Byrådet – dagsorden", 72, 36, { lineBreak: false });
        drawLabelRow(doc, "Sagsnr.:", caseNumber, 60);
        drawTitle(doc, `${index + 1}. Punkt nummer ${index + 1}`, 80);
        // Items of different lengths, each closing with the same decision line.
        const body = Array.from({ length: 1 + 3 * index }, (_, n) => sentences[n % 3]).join(". ");
        const end = drawParagraph(doc, `${body}.`, 110);
        drawParagraph(doc, "Godkendt.", end + 12);
        doc
          .font("Helvetica")
          .fontSize(9)
          .text(`- ${index + 1} -`, 290, 800, { lineBreak: false });
      });
    });
    const { blocks } = await readBlocks({ path: "guards.pdf", bytes });
    expect(furniture(blocks).map((block) => block.text)).toEqual([
      "Byrådet – dagsorden",
      "- 1 -",
      "Byrådet – dagsorden",
      "- 2 -",
      "Byrådet – dagsorden",
      "- 3 -",
    ]);
    expect(blocks.filter((block) => block.text.startsWith("Sagsnr.:"))).toHaveLength(3);
    expect(blocks.filter((block) => block.text === "Godkendt.")).toHaveLength(3);
  });

  it("does not take numbered titles under the header, or text repeated page after page in the flow of the text, for furniture", async () => {
    const closing =
      "Referatet godkendes på næste møde. Bemærkninger til referatet sendes til sekretariatet " +
      "senest en uge efter mødet, så de kan indgå i den endelige udgave af referatet.";
    const bytes = await makePdf((doc) => {
      for (const page of [1, 2, 3]) {
        if (page > 1) doc.addPage();
        doc.font("Helvetica").fontSize(9).text("Byrådet – dagsorden", 72, 36, { lineBreak: false });
        drawTitle(doc, `${page}. Punkt`, 60);
        // The same text in the same place on every page, set as one flow above the footer.
        drawParagraph(doc, closing, drawParagraph(doc, BODY, 700));
        doc.font("Helvetica").fontSize(9).text(`Side ${page}`, 290, 800, { lineBreak: false });
      }
    });
    const { blocks } = await readBlocks({ path: "guards.pdf", bytes });
    expect(furniture(blocks).map((block) => block.text)).toEqual(
      [1, 2, 3].flatMap((page) => ["Byrådet – dagsorden", `Side ${page}`]),
    );
    expect(blocks.filter((block) => block.text === BODY)).toHaveLength(3);
    expect(blocks.filter((block) => block.text === closing)).toHaveLength(3);
    expect(blocks.filter((block) => /^\d\. Punkt$/u.test(block.text))).toHaveLength(3);
  });
});

describe("structure the PDF declares", () => {
  it("takes headings and their levels from the outline, matching wrapped titles", async () => {
    const longTitle =
      "Punkt 1: Forslag til ny plan for renovering af de kommunale skoler og daginstitutioner i hele kommunen";
    const bytes = await makePdf(
      (doc) => {
        doc.font("Helvetica").fontSize(10).text(longTitle, 72, 72, { width: 300 });
        const top = doc.outline.addItem(longTitle);
        drawParagraph(doc, BODY, doc.y + 10);
        doc.addPage();
        doc.font("Helvetica").fontSize(10).text("Beslutning", 72, 72, { lineBreak: false });
        top.addItem("Beslutning");
        drawParagraph(doc, "Godkendt.", 86);
      },
      { info: { Title: "Referat fra Økonomiudvalget 3. marts 2025" } },
    );
    const result = await readBlocks({ path: "outline.pdf", bytes });
    const headings = result.blocks.filter((block) => block.role === "heading");
    expect(headings).toEqual([
      expect.objectContaining({ text: longTitle, level: 1, page: 1 }),
      expect.objectContaining({ text: "Beslutning", level: 2, page: 2 }),
    ]);
    expect(blockStarting(result.blocks, "Økonomiudvalget drøftede")?.role).toBe("paragraph");
    expect(result.metadata).toEqual({ title: "Referat fra Økonomiudvalget 3. marts 2025" });
  });

  it("takes headings from a tagged PDF's structure tree and its artifacts as furniture", async () => {
    const bytes = await makePdf(
      (doc) => {
        const section = doc.struct("Sect");
        doc.addStructure(section);
        section.add(
          doc.struct("H2", {}, () => {
            doc.font("Helvetica").fontSize(10).text("Økonomi", 72, 72, { lineBreak: false });
          }),
        );
        section.add(
          doc.struct("P", {}, () => {
            drawParagraph(doc, BODY, 90);
          }),
        );
        section.end();
        doc.markContent("Artifact", { type: "Pagination" });
        doc.font("Helvetica").fontSize(9).text("Udskrevet fra dagsordenssystemet", 72, 800, {
          lineBreak: false,
        });
        doc.endMarkedContent();
      },
      { tagged: true, info: { Title: "Referat.docx" } },
    );
    const result = await readBlocks({ path: "tagged.pdf", bytes });
    expect(result.blocks.map((block) => [block.role, block.text, block.level])).toEqual([
      ["heading", "Økonomi", 2],
      ["paragraph", BODY, undefined],
      ["furniture", "Udskrevet fra dagsordenssystemet", undefined],
    ]);
    expect(result.metadata).toEqual({});
  });
});

describe("files the reader cannot read", () => {
  it("reports a truncated PDF as unreadable in plain words", async () => {
    const real = new Uint8Array(await readFile(SYDDJURS));
    const error = await readError({ path: "cut.pdf", bytes: real.subarray(0, real.length / 2) });
    expect(isAppError(error, "minutes_unreadable")).toBe(true);
    expect((error as Error).message).toBe(
      "cut.pdf: the PDF is damaged or truncated (pdf.js: Invalid PDF structure.)",
    );
  });

  it("reports a corrupt file with a PDF header, and an empty file", async () => {
    const corrupt = new TextEncoder().encode(`%PDF-1.7\n${"garbage ".repeat(500)}`);
    const error = await readError({ path: "corrupt.pdf", bytes: corrupt });
    expect(isAppError(error, "minutes_unreadable")).toBe(true);
    expect((error as Error).message).toMatch(/^corrupt\.pdf: the PDF is damaged or truncated/u);
    const empty = await readError({ path: "empty.pdf", bytes: new Uint8Array(0) });
    expect(isAppError(empty, "minutes_unreadable")).toBe(true);
    expect((empty as Error).message).toBe("empty.pdf: the file is empty");
  });

  it("reports a password-protected PDF as encrypted", async () => {
    const bytes = await makePdf((doc) => drawParagraph(doc, BODY, 72), {
      userPassword: "hemmelig",
    });
    const error = await readError({ path: "locked.pdf", bytes });
    expect(isAppError(error, "minutes_unreadable")).toBe(true);
    expect((error as Error).message).toBe(
      "locked.pdf: the PDF is encrypted and needs a password to open",
    );
  });

  it("reads a PDF with only an owner password (restrictions, no open password)", async () => {
    const bytes = await makePdf((doc) => drawParagraph(doc, BODY, 72), {
      ownerPassword: "ejer",
      permissions: { copying: false },
    });
    expect((await readBlocks({ path: "restricted.pdf", bytes })).blocks[0]?.text).toBe(BODY);
  });

  it("reports blank pages as empty", async () => {
    const bytes = await makePdf((doc) => doc.addPage());
    const error = await readError({ path: "blank.pdf", bytes });
    expect(isAppError(error, "minutes_empty")).toBe(true);
    expect((error as Error).message).toBe("blank.pdf: the PDF has no text (2 blank pages)");
  });

  it("reports a scan as having no text when OCR is not installed, naming the packages", async () => {
    const png = scannedPagePng(["Referat"], { width: 200, height: 100, size: 12 });
    const bytes = await makePdf((doc) => doc.image(png, 0, 0, { width: 200, height: 100 }), {
      size: [200, 100],
      margin: 0,
    });
    const reader = createPdfReader({ ocr: { command: "tesseract-that-is-not-installed" } });
    const error = await readError({ path: "scan.pdf", bytes }, reader);
    expect(isAppError(error, "minutes_no_text")).toBe(true);
    expect((error as Error).message).toBe(
      "scan.pdf: no text layer; OCR is not installed (apt-get install tesseract-ocr tesseract-ocr-dan)",
    );
    const off = await readError({ path: "scan.pdf", bytes }, createPdfReader({ ocr: false }));
    expect((off as Error).message).toBe("scan.pdf: no text layer; OCR is turned off");
  });
});

describe("joining a wrapped line to the one above", () => {
  it("joins hyphenated words, keeps suspended hyphens and compound hyphens, drops soft hyphens", () => {
    expect(joinWrapped("for kommu-", "nen")).toBe("for kommunen");
    expect(joinWrapped("i Social-", "og Sundhedsudvalget")).toBe("i Social- og Sundhedsudvalget");
    expect(joinWrapped("for- eller", "efterår")).toBe("for- eller efterår");
    expect(joinWrapped("Børne-", "eller Ungeudvalget")).toBe("Børne- eller Ungeudvalget");
    expect(joinWrapped("det ordinære PUK-", "møde")).toBe("det ordinære PUK-møde");
    expect(joinWrapped("Kultur-", "Kick")).toBe("Kultur-Kick");
    expect(joinWrapped("beslut\u00AD", "ningen")).toBe("beslutningen");
    expect(joinWrapped("og af hvem? –", "og hvornår")).toBe("og af hvem? – og hvornår");
    expect(joinWrapped("budget", "2026")).toBe("budget 2026");
  });
});

describe("the PDF's own title", () => {
  it("is kept unless it is a file name, a hash or a placeholder", () => {
    expect(usableTitle("Referat Økonomiudvalget  3. marts 2025")).toBe(
      "Referat Økonomiudvalget 3. marts 2025",
    );
    expect(usableTitle("Microsoft Word - Referat PUK 2013.docx")).toBeNull();
    expect(usableTitle("Microsoft Word - Dagsorden Byrådet")).toBe("Dagsorden Byrådet");
    expect(usableTitle("82e5fe8d11dee04bb1e8890a4fa98fb5.docx")).toBeNull();
    expect(usableTitle("82e5fe8d11dee04bb1e8890a4fa98fb5")).toBeNull();
    expect(usableTitle("Untitled")).toBeNull();
    expect(usableTitle("  ")).toBeNull();
  });
});

describe("which files the reader takes", () => {
  it("accepts .pdf by extension and PDFs by their header", () => {
    const pdfHeader = new TextEncoder().encode("%PDF-1.4\n");
    expect(pdfReader.accepts({ path: "a/Referat.PDF", bytes: new Uint8Array(0) })).toBe(true);
    expect(pdfReader.accepts({ path: "a/referat.bin", bytes: pdfHeader })).toBe(true);
    expect(
      pdfReader.accepts({ path: "a/referat.txt", bytes: new TextEncoder().encode("Referat") }),
    ).toBe(false);
    expect(pdfReader.format).toBe("pdf");
  });
});
