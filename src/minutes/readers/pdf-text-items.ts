import { AnnotationMode, OPS, type PDFPageProxy, Util } from "pdfjs-dist/legacy/build/pdf.mjs";

import { type PageGraphics, readGraphics } from "./pdf-graphics.ts";

type TextContentEntry = Awaited<ReturnType<PDFPageProxy["getTextContent"]>>["items"][number];
type TextItem = Extract<TextContentEntry, { str: string }>;
type StructTreeNode = Awaited<ReturnType<PDFPageProxy["getStructTree"]>>;

/**
 * One page's text as positioned runs with the typography the segmenter needs: font size, bold
 * from the real font name, and the tagged-PDF structure (heading roles, artifacts) when the PDF
 * has one. Coordinates are points in the page as displayed (rotation and crop box applied), the
 * origin top left, y growing downwards; text drawn at an angle is rotated into its own upright
 * frame and carries its angle, so every later step can treat a run as horizontal.
 */

export interface PdfTextItem {
  text: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline. */
  baseline: number;
  /** Advance width of the run, trailing white space excluded. */
  width: number;
  /** Font size in points (the glyph height the text matrix gives). */
  size: number;
  bold: boolean;
  /** Direction of the text in degrees (0 = upright, left to right). */
  angle: number;
  /** Heading level from the structure tree: 1–6 for H1–H6, 0 for a plain "H". */
  structHeading?: number;
  /** Drawn inside an /Artifact marked-content sequence of a tagged PDF (page headers, footers, watermarks). */
  artifact?: boolean;
}

export interface PdfPageContent {
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  /** Ruling lines and shaded boxes, when the operator list was read (see `readGraphicsOf`). */
  graphics?: PageGraphics;
  /** Letters in the page's text layer. */
  letters: number;
  /** The page paints an image (looked for only on pages with fewer than LITTLE_TEXT letters). */
  hasImages: boolean;
  /** Characters without a usable Unicode mapping, left out of the text. */
  unmappedCharacters: number;
}

/**
 * A page with fewer letters than this and an image is a scan: a stamp such as Adlib's "3 of 5"
 * or "Side 3" printed onto a scanned page must not pass for its text layer.
 */
export const LITTLE_TEXT = 20;

const IMAGE_OPERATORS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
]);

/** A font name saying the face is bold: "YMJWHR+Arial,Bold", "Helvetica-Bold", "Arial-Black", "Calibri-Semibold". */
const BOLD_FONT_NAME = /bold|black|heavy|semibold|demibold|demi(?![a-z])|[-,]bd(?![a-z])/iu;

export function isBoldFontName(name: string): boolean {
  return BOLD_FONT_NAME.test(name);
}

/** Font id → bold, for one document (pdf.js font ids are document-wide). */
export type FontWeights = Map<string, boolean>;

export async function readPageContent(
  page: PDFPageProxy,
  options: { tagged: boolean; fontWeights: FontWeights },
): Promise<PdfPageContent> {
  const content = await page.getTextContent({ includeMarkedContent: options.tagged });
  const fontNames = new Set<string>();
  let letters = 0;
  for (const entry of content.items) {
    if (!("str" in entry)) continue;
    fontNames.add(entry.fontName);
    letters += entry.str.match(/\p{L}/gu)?.length ?? 0;
  }
  const headingByContentId = options.tagged ? structHeadings(await page.getStructTree()) : null;
  const viewport = page.getViewport({ scale: 1 });

  const items: PdfTextItem[] = [];
  const fontOf = new Map<PdfTextItem, string>();
  let unmappedCharacters = 0;
  const markedStack: { artifact: boolean; heading: number | undefined }[] = [];
  for (const entry of content.items) {
    if (!("str" in entry)) {
      const marked = entry as { type: string; id?: string | null; tag?: string };
      if (marked.type === "endMarkedContent") {
        markedStack.pop();
      } else {
        const parent = markedStack.at(-1);
        const heading =
          (marked.id ? headingByContentId?.get(marked.id) : undefined) ?? parent?.heading;
        markedStack.push({
          artifact: (parent?.artifact ?? false) || marked.tag === "Artifact",
          heading,
        });
      }
      continue;
    }
    const cleaned = cleanText(entry.str);
    unmappedCharacters += cleaned.unmapped;
    if (cleaned.text.trim() === "") continue;
    const item = positionItem(entry, cleaned.text, viewport.transform);
    if (item === null) continue;
    const marked = markedStack.at(-1);
    if (marked?.artifact) item.artifact = true;
    if (marked?.heading !== undefined) item.structHeading = marked.heading;
    items.push(item);
    fontOf.set(item, entry.fontName);
  }

  // Only the operator list loads fonts into commonObjs (where their real names are), and it tells
  // whether a page with (next to) no text paints a scan. It costs as much as the text, so it is
  // fetched only for pages with a font not seen before, or with hardly any text; the ruling lines
  // it holds come with it (other pages' are read when their lines call for them: readGraphicsOf).
  const weights = options.fontWeights;
  let hasImages = false;
  let graphics: PageGraphics | undefined;
  if (letters < LITTLE_TEXT || [...fontNames].some((name) => !weights.has(name))) {
    const operators = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
    hasImages = operators.fnArray.some((operator) => IMAGE_OPERATORS.has(operator));
    for (const name of fontNames) if (!weights.has(name)) weights.set(name, fontIsBold(page, name));
    graphics = readGraphics(operators, viewport.transform, viewport.width * viewport.height);
  }
  for (const item of items) item.bold = weights.get(fontOf.get(item) ?? "") ?? false;
  const result: PdfPageContent = {
    page: page.pageNumber,
    width: viewport.width,
    height: viewport.height,
    items: withoutOverprints(items),
    letters,
    hasImages,
    unmappedCharacters,
  };
  if (graphics !== undefined) result.graphics = graphics;
  return result;
}

/** The page's ruling lines and shaded boxes, from its operator list. */
export async function readGraphicsOf(page: PDFPageProxy): Promise<PageGraphics> {
  const operators = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  const viewport = page.getViewport({ scale: 1 });
  return readGraphics(operators, viewport.transform, viewport.width * viewport.height);
}

function fontIsBold(page: PDFPageProxy, fontName: string): boolean {
  if (!page.commonObjs.has(fontName)) return false;
  const font = page.commonObjs.get(fontName) as { name?: unknown; bold?: unknown; black?: unknown };
  if (font.bold === true || font.black === true) return true;
  return typeof font.name === "string" && isBoldFontName(font.name);
}

function positionItem(
  entry: TextItem,
  text: string,
  viewportTransform: number[],
): PdfTextItem | null {
  const [a, b, c, d, e, f] = Util.transform(viewportTransform, entry.transform) as number[];
  if (
    a === undefined ||
    b === undefined ||
    c === undefined ||
    d === undefined ||
    e === undefined ||
    f === undefined
  ) {
    return null;
  }
  const size = Math.hypot(c, d);
  if (!(size > 0.5)) return null;
  const radians = Math.atan2(b, a);
  const degrees = Math.round((radians * 180) / Math.PI);
  // Rotate the origin into the run's own upright frame (y grows downwards in viewport space).
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const x = e * cos + f * sin;
  const baseline = -e * sin + f * cos;
  const trailing = text.length - text.trimEnd().length;
  const width =
    text.length > 0 ? Math.abs(entry.width) * ((text.length - trailing) / text.length) : 0;
  return { text: text.trimEnd(), x, baseline, width, size, bold: false, angle: degrees || 0 };
}

/**
 * Fake bold (the same run drawn twice, a hair apart) and shadowed text come out as duplicate runs:
 * keep the first of runs with the same text whose positions differ by less than a fifth of the
 * glyph size.
 */
function withoutOverprints(items: readonly PdfTextItem[]): PdfTextItem[] {
  const kept: PdfTextItem[] = [];
  const byText = new Map<string, PdfTextItem[]>();
  for (const item of items) {
    const same = byText.get(item.text) ?? [];
    const tolerance = item.size * 0.2;
    const duplicate = same.some(
      (other) =>
        other.angle === item.angle &&
        Math.abs(other.x - item.x) < tolerance &&
        Math.abs(other.baseline - item.baseline) < tolerance,
    );
    if (duplicate) continue;
    same.push(item);
    byText.set(item.text, same);
    kept.push(item);
  }
  return kept;
}

const LIGATURES: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
};

/** Private-use code points that Symbol and Wingdings fonts use for list bullets (Word's  and ). */
const SYMBOL_BULLETS = new Set([
  0xf0b7, 0xf0a7, 0xf0a8, 0xf0d8, 0xf0fc, 0xf076, 0xf06e, 0xf0e0, 0xf0d7,
]);

/**
 * Expands only the U+FB00–FB06 ligatures (æ, ø and å are letters, never ligatures), turns symbol
 * font bullets into "•", and leaves out other private-use glyphs and control characters, which
 * carry no text. Soft hyphens stay: at a line end they mark a hyphenation point.
 */
export function cleanText(raw: string): { text: string; unmapped: number } {
  let text = "";
  let unmapped = 0;
  for (const character of raw.normalize("NFC")) {
    const code = character.codePointAt(0) ?? 0;
    const ligature = LIGATURES[character];
    if (ligature !== undefined) text += ligature;
    else if (SYMBOL_BULLETS.has(code)) text += "•";
    else if ((code >= 0xe000 && code <= 0xf8ff) || code === 0xfffd) unmapped += 1;
    else if (code < 0x20 && character !== "\t") text += code === 0 ? "" : " ";
    else text += character;
  }
  return { text, unmapped };
}

/** Marked-content id → heading level, from a tagged PDF's structure tree (roles already role-mapped by pdf.js). */
function structHeadings(tree: StructTreeNode | null | undefined): Map<string, number> {
  const headings = new Map<string, number>();
  const visit = (node: StructTreeNode, heading: number | undefined): void => {
    const level = headingLevelOfRole(node.role) ?? heading;
    for (const child of node.children) {
      if ("role" in child) visit(child, level);
      else if (child.type === "content" && level !== undefined) headings.set(child.id, level);
    }
  };
  if (tree) visit(tree, undefined);
  return headings;
}

function headingLevelOfRole(role: string): number | undefined {
  const match = /^H([1-6])?$/u.exec(role);
  if (!match) return undefined;
  return match[1] === undefined ? 0 : Number(match[1]);
}
