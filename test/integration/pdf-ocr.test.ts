import { describe, expect, it } from "vitest";
import { pdfReader } from "../../src/minutes/readers/pdf-reader.ts";
import type { SourceDocument } from "../../src/minutes/readers/types.ts";
import { makePdf, scannedPagePng } from "../support/pdf-files.ts";

/**
 * Scanned PDFs through the real tesseract CLI with the Danish model (Debian packages
 * tesseract-ocr and tesseract-ocr-dan, installed by .ci/run). Without them these tests fail with
 * the reader's own "OCR is not installed" error; they are never skipped.
 */

const context = { siblings: async () => [] };
/** An A6 page: small enough for tesseract to read in well under a second. */
const PAGE = { width: 298, height: 420, size: 9 };
const SCANNED_LINES = [
  "Referat af mødet i Økonomiudvalget",
  "Beslutning: Godkendt.",
  "Kommunen får støtte til børnehaven på Ærø.",
];

async function read(file: SourceDocument) {
  const result = await pdfReader.read(file, context);
  if (result.kind !== "blocks") throw new Error(`expected blocks, got ${result.kind}`);
  return result;
}

describe("pages without a text layer", () => {
  it("reads a scanned page with tesseract into blocks with page and size", async () => {
    const png = scannedPagePng(SCANNED_LINES, PAGE);
    const bytes = await makePdf(
      (doc) => doc.image(png, 0, 0, { width: PAGE.width, height: PAGE.height }),
      { size: [PAGE.width, PAGE.height], margin: 0 },
    );
    const result = await read({ path: "scan.pdf", bytes });
    expect(result.blocks.map((block) => block.text)).toEqual(SCANNED_LINES);
    for (const block of result.blocks) expect(block).toMatchObject({ page: 1, size: 1 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^OCR: 1 page \(1\), mean word confidence (\d+) %$/u);
    const confidence = Number(/(\d+) %/u.exec(result.warnings[0] ?? "")?.[1]);
    expect(confidence).toBeGreaterThan(80);
  });

  it("OCRs a scan whose only text is a stamp printed onto it (Adlib's 'N of M')", async () => {
    const png = scannedPagePng(SCANNED_LINES, PAGE);
    const bytes = await makePdf(
      (doc) => {
        doc.image(png, 0, 0, { width: PAGE.width, height: PAGE.height });
        doc.font("Helvetica").fontSize(8).text("1 of 1", 250, 12, { lineBreak: false });
      },
      { size: [PAGE.width, PAGE.height], margin: 0 },
    );
    const result = await read({ path: "stamped-scan.pdf", bytes });
    const content = result.blocks.filter((block) => block.role !== "furniture");
    expect(content.map((block) => block.text)).toEqual(SCANNED_LINES);
    expect(result.warnings[0]).toMatch(/^OCR: 1 page \(1\), /u);
  });

  it("OCRs only the scanned page of a partly scanned PDF", async () => {
    const png = scannedPagePng(SCANNED_LINES, PAGE);
    const bytes = await makePdf(
      (doc) => {
        doc.font("Helvetica-Bold").fontSize(10).text("Dagsorden", 36, 48, { lineBreak: false });
        doc.font("Helvetica").fontSize(10).text("Mødet holdes på rådhuset.", 36, 64, {
          lineBreak: false,
        });
        doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
        doc.image(png, 0, 0, { width: PAGE.width, height: PAGE.height });
      },
      { size: [PAGE.width, PAGE.height], margin: 0 },
    );
    const result = await read({ path: "partly-scanned.pdf", bytes });
    expect(result.blocks.map((block) => [block.page, block.text, block.bold ?? false])).toEqual([
      [1, "Dagsorden", true],
      [1, "Mødet holdes på rådhuset.", false],
      ...SCANNED_LINES.map((line) => [2, line, false]),
    ]);
    expect(result.warnings[0]).toMatch(/^OCR: 1 page \(2\), /u);
  });
});
