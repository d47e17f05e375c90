import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import PDFDocument from "pdfkit";

/** Real PDFs made with pdfkit for the reader tests, and page images drawn with @napi-rs/canvas. */

export type PdfKitDocument = InstanceType<typeof PDFDocument>;

export function makePdf(
  draw: (doc: PdfKitDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 72, ...options });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    draw(doc);
    doc.end();
  });
}

const FONT_FAMILY = "Liberation Sans (pdfjs-dist)";
let fontRegistered = false;

/** The Liberation Sans that ships inside pdfjs-dist, so drawing does not depend on system fonts. */
function registerFont(): void {
  if (fontRegistered) return;
  const folder = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  GlobalFonts.registerFromPath(
    join(folder, "standard_fonts", "LiberationSans-Regular.ttf"),
    FONT_FAMILY,
  );
  fontRegistered = true;
}

/**
 * A "scanned" page: black text on white drawn at 300 dpi onto a canvas, as PNG. `width` and
 * `height` are the page size in points; text lines are placed from the top at `size` points.
 */
export function scannedPagePng(
  lines: readonly string[],
  options: { width: number; height: number; size: number },
): Buffer {
  registerFont();
  const scale = 300 / 72;
  const canvas = createCanvas(
    Math.round(options.width * scale),
    Math.round(options.height * scale),
  );
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = "#000000";
  context.font = `${Math.round(options.size * scale)}px "${FONT_FAMILY}"`;
  lines.forEach((line, index) => {
    context.fillText(line, 36 * scale, (48 + index * options.size * 1.6) * scale);
  });
  return canvas.toBuffer("image/png");
}
