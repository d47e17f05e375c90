import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { AppError } from "../../shared/errors.ts";
import { linesToBlocks } from "./pdf-blocks.ts";
import { openPdf, unreadable } from "./pdf-document.ts";
import { findFurniture } from "./pdf-furniture.ts";
import { NO_GRAPHICS } from "./pdf-graphics.ts";
import { groupLines, type PdfLine } from "./pdf-lines.ts";
import { type OcrOptions, ocrPage, ocrUnavailableReason } from "./pdf-ocr.ts";
import { matchOutline, readOutline } from "./pdf-outline.ts";
import { mayNeedGraphics } from "./pdf-table-rows.ts";
import {
  type FontWeights,
  LITTLE_TEXT,
  type PdfPageContent,
  readGraphicsOf,
  readPageContent,
} from "./pdf-text-items.ts";
import { usableTitle } from "./pdf-title.ts";
import type { DocumentMetadata, ReadResult, SourceDocument } from "./types.ts";

/**
 * PDF → blocks, with pdf.js (legacy build) as the only PDF library: positioned text runs with
 * font size and weight → lines in reading order → running headers, footers and page numbers
 * marked as furniture → outline and tagged-PDF headings → wrapped lines joined into paragraphs,
 * table rows read cell by cell (ruling lines and shaded bars from the page's graphics). Pages without a text layer are OCR'd with tesseract.
 */

/** Reads a PDF into blocks (the module the PDF reader loads on its first PDF). */
export async function readPdf(file: SourceDocument, ocr: OcrOptions | null): Promise<ReadResult> {
  const document = await openPdf(file.bytes, file.path);
  try {
    const pages = await readPages(document, file.path, ocr);
    const lines: PdfLine[][] = [];
    for (const content of pages.contents) {
      lines.push(await linesWithGraphics(document, content, file.path));
    }
    const furniture = findFurniture(
      lines,
      new Map(pages.contents.map((content) => [content.page, content.height])),
    );
    const headings = matchOutline(
      await readOutline(document),
      lines.map((pageLines) => pageLines.filter((line: PdfLine) => !furniture.has(line))),
    );
    const blocks = linesToBlocks({
      pages: lines,
      furniture,
      outline: headings,
      pageWidths: new Map(pages.contents.map((content) => [content.page, content.width])),
      graphics: new Map(
        pages.contents.map((content) => [content.page, content.graphics ?? NO_GRAPHICS]),
      ),
    });
    return {
      kind: "blocks",
      format: "pdf",
      blocks,
      metadata: await readMetadata(document),
      warnings: pages.warnings,
    };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

/**
 * The page's lines, grouped again with its ruling lines and shading when the text suggests a
 * table they would help to read (the operator list is read only then, or when fonts needed it).
 */
async function linesWithGraphics(
  document: PDFDocumentProxy,
  content: PdfPageContent,
  path: string,
): Promise<PdfLine[]> {
  const lines = groupLines(content);
  if (content.graphics !== undefined || !mayNeedGraphics(lines, content.height)) return lines;
  let page: PDFPageProxy | undefined;
  try {
    page = await document.getPage(content.page);
    content.graphics = await readGraphicsOf(page);
  } catch (error) {
    throw unreadable(path, error, content.page);
  } finally {
    page?.cleanup();
  }
  return groupLines(content);
}

interface PagesRead {
  contents: PdfPageContent[];
  warnings: string[];
}

async function readPages(
  document: PDFDocumentProxy,
  path: string,
  ocr: OcrOptions | null,
): Promise<PagesRead> {
  const tagged = (await document.getMarkInfo().catch(() => null))?.Marked === true;
  const fontWeights: FontWeights = new Map();
  const contents: PdfPageContent[] = [];
  const warnings: string[] = [];
  const ocrPages: number[] = [];
  const notRead: number[] = [];
  let ocrReason: string | null | undefined;
  /** Why the pages in `notRead` were not read: OCR unavailable, or the last OCR failure. */
  let notReadReason = "";
  let words = 0;
  let confidenceSum = 0;
  let doubtfulLines = 0;
  let unmapped = 0;
  for (let number = 1; number <= document.numPages; number += 1) {
    let page: PDFPageProxy | undefined;
    try {
      page = await document.getPage(number);
      const content = await readPageContent(page, { tagged, fontWeights });
      unmapped += content.unmappedCharacters;
      if (content.hasImages && content.letters < LITTLE_TEXT) {
        ocrReason ??= ocr === null ? "OCR is turned off" : await ocrUnavailableReason(ocr);
        if (ocr !== null && ocrReason === null) {
          try {
            const result = await ocrPage(page, document.canvasFactory, ocr);
            content.items = result.items;
            ocrPages.push(number);
            words += result.words;
            confidenceSum += result.confidenceSum;
            doubtfulLines += result.doubtfulLines;
          } catch (error) {
            notReadReason = `OCR failed: ${(error as Error).message}`;
            warnings.push(`OCR failed on page ${number}: ${(error as Error).message}`);
            notRead.push(number);
          }
        } else {
          notReadReason = ocrReason ?? "";
          notRead.push(number);
        }
      }
      contents.push(content);
    } catch (error) {
      throw unreadable(path, error, number);
    } finally {
      page?.cleanup();
    }
  }

  // Nothing but stamps and scans that could not be read: there is no text to speak of.
  const substantialText =
    ocrPages.length > 0 || contents.some((content) => content.letters >= LITTLE_TEXT);
  if (notRead.length > 0 && !substantialText) {
    throw new AppError("minutes_no_text", `${path}: no text layer; ${notReadReason}`);
  }
  if (!contents.some(hasText)) {
    if (ocrPages.length > 0 || notRead.length > 0) {
      throw new AppError(
        "minutes_no_text",
        `${path}: no text layer, and OCR found no text on ${plural(ocrPages.length + notRead.length, "page")}`,
      );
    }
    throw new AppError(
      "minutes_empty",
      `${path}: the PDF has no text (${plural(contents.length, "blank page")})`,
    );
  }
  if (ocrPages.length > 0) {
    const confidence = words > 0 ? Math.round(confidenceSum / words) : 0;
    let warning = `OCR: ${plural(ocrPages.length, "page")} (${ocrPages.join(", ")}), mean word confidence ${confidence} %`;
    if (doubtfulLines > 0) warning += `, ${plural(doubtfulLines, "line")} below 60 %`;
    warnings.push(warning);
  }
  if (notRead.length > 0 && ocrReason) {
    warnings.push(`pages without a text layer were not read (${notRead.join(", ")}): ${ocrReason}`);
  }
  if (unmapped > 0) {
    warnings.push(`${plural(unmapped, "character")} without a Unicode mapping left out`);
  }
  return { contents, warnings };
}

function hasText(content: PdfPageContent): boolean {
  return content.items.some((item) => /[\p{L}\p{N}]/u.test(item.text));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The PDF's title, unless it is a file name or a placeholder; its dates are when the file was made, not the meeting. */
async function readMetadata(document: PDFDocumentProxy): Promise<DocumentMetadata> {
  const metadata: DocumentMetadata = {};
  const { info, metadata: xmp } = await document
    .getMetadata()
    .catch(() => ({ info: {}, metadata: null }));
  const infoTitle = (info as { Title?: unknown }).Title;
  const xmpTitle = xmp?.get("dc:title");
  for (const candidate of [infoTitle, xmpTitle]) {
    const title = typeof candidate === "string" ? usableTitle(candidate) : null;
    if (title !== null) {
      metadata.title = title;
      break;
    }
  }
  return metadata;
}
