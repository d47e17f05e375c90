import { DEFAULT_OCR_OPTIONS, type OcrOptions } from "./pdf-ocr.ts";
import type { Reader } from "./types.ts";

export { usableTitle } from "./pdf-title.ts";

/**
 * The PDF reader. pdf.js (and everything of the reader that uses it) is loaded on the first PDF
 * read, not when Referat starts: importing it costs some 170 MB of memory that a server whose
 * minutes are text, HTML or XML never needs. The reading itself is in pdf-read.ts.
 */

export interface PdfReaderOptions {
  /** OCR settings for pages without a text layer; `false` turns OCR off (such pages are then reported). */
  ocr?: Partial<OcrOptions> | false;
}

const MAGIC = "%PDF-";

export function createPdfReader(options: PdfReaderOptions = {}): Reader {
  const ocr = options.ocr === false ? null : { ...DEFAULT_OCR_OPTIONS, ...options.ocr };
  return {
    format: "pdf",
    accepts: (file) => file.path.toLowerCase().endsWith(".pdf") || hasPdfMagic(file.bytes),
    read: async (file) => {
      const { readPdf } = await import("./pdf-read.ts");
      return readPdf(file, ocr);
    },
  };
}

export const pdfReader: Reader = createPdfReader();

/** The PDF header, which the format allows anywhere in the first 1024 bytes. */
function hasPdfMagic(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes(MAGIC);
}
