import { spawn } from "node:child_process";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfTextItem } from "./pdf-text-items.ts";

/**
 * OCR for pages without a text layer: the page is rendered by pdf.js onto a @napi-rs/canvas
 * (pdf.js's Node canvas) at 300 dpi, encoded as PNG and piped through the Debian `tesseract` CLI
 * with the Danish model; its TSV output gives words with their line, box and confidence. The words
 * come back as text runs in page points, so OCR pages go through the same line, furniture and
 * block steps as text pages (no bold: tesseract's LSTM engine does not report weight).
 */

export interface OcrOptions {
  /** The tesseract executable. */
  command: string;
  /** Tesseract language model(s), e.g. "dan" or "dan+eng". */
  language: string;
  /** Rendering resolution. */
  dpi: number;
  /** Time allowed for one page, rendering excluded. */
  timeoutMs: number;
}

export const DEFAULT_OCR_OPTIONS: OcrOptions = {
  command: "tesseract",
  language: "dan",
  dpi: 300,
  timeoutMs: 120_000,
};

export const OCR_INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-dan";

/** A page rendered larger than this many pixels is rendered at a lower resolution instead. */
const MAX_PIXELS = 30_000_000;
/** Glyph size ≈ the height of a line box (ascenders to descenders) divided by this. */
const LINE_BOX_PER_SIZE = 0.95;
/** Line boxes within this fraction of the page's median height are read as that height. */
const SAME_HEIGHT = 0.15;

export interface OcrPageResult {
  items: PdfTextItem[];
  words: number;
  /** Sum of word confidences (0–100), for the mean over the document. */
  confidenceSum: number;
  /** Lines whose mean word confidence is below 60. */
  doubtfulLines: number;
}

const availability = new Map<string, Promise<string | null>>();

/** Null when OCR can run, otherwise the reason it cannot (tesseract or its language model missing). */
export function ocrUnavailableReason(options: OcrOptions): Promise<string | null> {
  const key = `${options.command}\u0000${options.language}`;
  let known = availability.get(key);
  if (known === undefined) {
    known = checkTesseract(options);
    availability.set(key, known);
    // Only a positive answer is kept: installing tesseract later must not need a restart.
    known.then((reason) => reason !== null && availability.delete(key));
  }
  return known;
}

async function checkTesseract(options: OcrOptions): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(options.command, ["--list-langs"], null, 20_000);
    const installed = new Set(
      `${stdout}\n${stderr}`
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => /^[\w-]+$/u.test(line)),
    );
    const missing = options.language.split("+").filter((language) => !installed.has(language));
    if (missing.length > 0) {
      return `OCR is not installed: tesseract has no "${missing.join("+")}" language model (${OCR_INSTALL_HINT})`;
    }
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === "ENOENT"
      ? `OCR is not installed (${OCR_INSTALL_HINT})`
      : `OCR is not usable: ${(error as Error).message}`;
  }
}

interface CanvasAndContext {
  canvas: { width: number; height: number; encode?: (format: "png") => Promise<Uint8Array> };
  context: unknown;
}

interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

export async function ocrPage(
  page: PDFPageProxy,
  canvasFactory: unknown,
  options: OcrOptions,
): Promise<OcrPageResult> {
  const png = await renderPage(page, canvasFactory as CanvasFactory, options.dpi);
  const { scale, image } = png;
  const { stdout } = await run(
    options.command,
    ["stdin", "stdout", "-l", options.language, "--dpi", String(Math.round(72 * scale)), "tsv"],
    image,
    options.timeoutMs,
  );
  return parseTsv(stdout, scale);
}

async function renderPage(
  page: PDFPageProxy,
  factory: CanvasFactory,
  dpi: number,
): Promise<{ image: Uint8Array; scale: number }> {
  const natural = page.getViewport({ scale: 1 });
  let scale = dpi / 72;
  const pixels = natural.width * natural.height * scale * scale;
  if (pixels > MAX_PIXELS) scale *= Math.sqrt(MAX_PIXELS / pixels);
  const viewport = page.getViewport({ scale });
  const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  try {
    await page.render({
      canvas: target.canvas as unknown as HTMLCanvasElement,
      canvasContext: target.context as CanvasRenderingContext2D,
      viewport,
      background: "#ffffff",
    }).promise;
    if (typeof target.canvas.encode !== "function") {
      throw new Error("the canvas cannot encode PNG (is @napi-rs/canvas installed?)");
    }
    return { image: await target.canvas.encode("png"), scale };
  } finally {
    factory.destroy(target);
  }
}

interface TsvLine {
  top: number;
  height: number;
  words: { text: string; left: number; width: number; confidence: number }[];
}

/** Tesseract TSV (level, page, block, paragraph, line, word, left, top, width, height, conf, text) → runs. */
export function parseTsv(tsv: string, scale: number): OcrPageResult {
  const lines = new Map<string, TsvLine>();
  for (const row of tsv.split("\n")) {
    const columns = row.split("\t");
    if (columns.length < 12) continue;
    const [level, , block, paragraph, lineNumber, , left, top, width, height, conf] =
      columns.map(Number);
    const text = columns.slice(11).join("\t").trim();
    const key = `${block}.${paragraph}.${lineNumber}`;
    if (level === 4) {
      lines.set(key, { top: top ?? 0, height: height ?? 0, words: [] });
    } else if (level === 5 && text !== "" && (conf ?? -1) >= 0) {
      lines.get(key)?.words.push({
        text,
        left: left ?? 0,
        width: width ?? 0,
        confidence: conf ?? 0,
      });
    }
  }
  const heights = [...lines.values()]
    .filter((line) => line.words.length > 0)
    .map((line) => line.height)
    .sort((a, b) => a - b);
  const typicalHeight = heights[Math.floor(heights.length / 2)] ?? 0;
  const items: PdfTextItem[] = [];
  let words = 0;
  let confidenceSum = 0;
  let doubtfulLines = 0;
  for (const line of lines.values()) {
    if (line.words.length === 0) continue;
    // Rings, accents and descenders change a line box by up to ~15 %; sizes in minutes differ by more.
    const height =
      Math.abs(line.height - typicalHeight) <= SAME_HEIGHT * typicalHeight
        ? typicalHeight
        : line.height;
    const size = height / scale / LINE_BOX_PER_SIZE;
    // Every word of a tesseract line shares the line's baseline (its box bottom less a descender).
    const baseline = (line.top + line.height) / scale - 0.2 * size;
    let lineConfidence = 0;
    for (const word of line.words) {
      items.push({
        text: word.text,
        x: word.left / scale,
        baseline,
        width: word.width / scale,
        size,
        bold: false,
        angle: 0,
      });
      lineConfidence += word.confidence;
    }
    words += line.words.length;
    confidenceSum += lineConfidence;
    if (lineConfidence / line.words.length < 60) doubtfulLines += 1;
  }
  return { items, words, confidenceSum, doubtfulLines };
}

function run(
  command: string,
  args: readonly string[],
  input: Uint8Array | null,
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["pipe", "pipe", "pipe"],
      // One OpenMP thread per tesseract: pages are read one at a time and cores are shared.
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tesseract took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (code === 0) resolve({ stdout: out, stderr: err });
      else reject(new Error(`tesseract exited with ${code}: ${err.split("\n")[0] ?? ""}`.trim()));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? undefined);
  });
}
