import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  getDocument,
  InvalidPDFException,
  PasswordResponses,
  type PDFDocumentProxy,
} from "pdfjs-dist/legacy/build/pdf.mjs";
import { AppError } from "../../shared/errors.ts";

/**
 * Opening a PDF with pdf.js in Node without anything that could fetch, evaluate code or wait on a
 * worker thread: the bytes are handed over in memory, the font, CMap, colour-profile and image
 * decoder data pdf.js may need come from the pdfjs-dist package folder on disk, and the legacy
 * build runs its "worker" in this thread. Every pdf.js failure becomes `minutes_unreadable` with
 * pdf.js's reason in plain words.
 */

const PACKAGE_FOLDER = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const folderUrl = (name: string) => `${join(PACKAGE_FOLDER, name)}/`;

export async function openPdf(bytes: Uint8Array, path: string): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw new AppError("minutes_unreadable", `${path}: the file is empty`);
  const task = getDocument({
    // pdf.js takes ownership of (and may detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    standardFontDataUrl: folderUrl("standard_fonts"),
    cMapUrl: folderUrl("cmaps"),
    cMapPacked: true,
    iccUrl: folderUrl("iccs"),
    wasmUrl: folderUrl("wasm"),
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw unreadable(path, error);
  }
}

/** A pdf.js failure while opening or reading a page, as an AppError a person can act on. */
export function unreadable(path: string, error: unknown, page?: number): AppError {
  const where = page === undefined ? path : `${path}, page ${page}`;
  return new AppError("minutes_unreadable", `${where}: ${describePdfFailure(error)}`, {
    cause: error,
  });
}

function describePdfFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    const code = (error as { code?: unknown }).code;
    return code === PasswordResponses.INCORRECT_PASSWORD
      ? "the PDF is encrypted and the password is wrong"
      : "the PDF is encrypted and needs a password to open";
  }
  if (error instanceof InvalidPDFException || name === "InvalidPDFException") {
    return `the PDF is damaged or truncated (pdf.js: ${plain(message)})`;
  }
  return `pdf.js could not read the PDF (${plain(message) || name || "unknown error"})`;
}

/** One line, no stack, bounded length. */
function plain(message: string): string {
  const line = message.split("\n")[0]?.trim() ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
