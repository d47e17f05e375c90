import mammoth from "mammoth";
import { AppError } from "../../shared/errors.ts";
import { createNumberingCounter } from "./docx-numbering.ts";
import { paragraphKey, readWordParagraphs, type WordParagraph } from "./docx-paragraphs.ts";
import { type DocxStyles, readDocxStyles } from "./docx-styles.ts";
import { firstChild, parseXml } from "./docx-xml.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import type { DocumentMetadata, Reader, SourceDocument } from "./types.ts";
import { isZipArchive, readZipArchive, type ZipArchive, ZipArchiveError } from "./zip-archive.ts";

/**
 * Word documents (.docx) through mammoth, which reads the body only (headers and footers are
 * separate parts and never reach it) into HTML that the shared HTML walk turns into blocks.
 * mammoth knows headings only by the English "Heading N" names and drops list numbers; this reader
 * adds what Word itself shows: heading levels from outline levels and Danish "Overskrift N" styles,
 * list numbers from numbering.xml, and bold from paragraph styles.
 */

const WORD_MAIN_PART =
  /application\/vnd\.(?:openxmlformats-officedocument\.wordprocessingml\.(?:document|template)\.main|ms-word\.(?:document|template)\.macroEnabled(?:Template)?\.main)\+xml/u;
const OTHER_OFFICE_PARTS: [RegExp, string][] = [
  [/spreadsheetml\.sheet\.main|ms-excel/u, "an Excel workbook, not a Word document"],
  [
    /presentationml\.presentation\.main|ms-powerpoint/u,
    "a PowerPoint presentation, not a Word document",
  ],
];
const HEADING_STYLE_PREFIX = "referat-heading-";
const MAX_HTML_HEADING = 6;
/** mammoth's notes about styles it has no mapping for, and images we never render: not the user's concern. */
const IGNORED_MESSAGES = [
  /^Unrecognised (?:paragraph|run|table) style/u,
  /style with ID .* was referenced but not defined/u,
  /^Image of type .* is unlikely to display/u,
];
/** How far ahead a mammoth paragraph looks for its document.xml paragraph before giving up. */
const PAIRING_WINDOW = 40;

export const docxReader: Reader = {
  format: "docx",
  accepts(file) {
    const extension = extensionOf(file.path);
    if (
      extension === "docx" ||
      extension === "docm" ||
      extension === "dotx" ||
      extension === "doc"
    ) {
      return true;
    }
    if (!isZipArchive(file.bytes)) return false;
    try {
      return WORD_MAIN_PART.test(readZipArchive(file.bytes).text("[Content_Types].xml") ?? "");
    } catch {
      return false;
    }
  },
  async read(file) {
    const archive = openWordArchive(file);
    const parts = readParts(file, archive);
    const result = await convert(file, parts);
    // Word's list numbers are in the text already (restoreWordStructure).
    const blocks = htmlToBlocks(result.html, { numberLists: false });
    if (blocks.length === 0) {
      throw new AppError("minutes_no_text", `${file.path}: the Word document has no text`);
    }
    return {
      kind: "blocks",
      format: "docx",
      blocks,
      metadata: readCoreProperties(archive),
      warnings: result.warnings,
    };
  },
};

interface WordParts {
  styles: DocxStyles;
  paragraphs: WordParagraph[];
  labels: (string | undefined)[];
}

function openWordArchive(file: SourceDocument): ZipArchive {
  const bytes = file.bytes;
  if (isOleCompoundFile(bytes)) throw unreadable(file, describeCompoundFile(bytes));
  if (!isZipArchive(bytes)) throw unreadable(file, describeNonZip(bytes));
  let archive: ZipArchive;
  try {
    archive = readZipArchive(bytes);
  } catch (error) {
    throw unreadable(file, reasonOf(error), error);
  }
  const contentTypes = safeText(file, archive, "[Content_Types].xml") ?? "";
  if (!WORD_MAIN_PART.test(contentTypes) && !archive.has("word/document.xml")) {
    const other = OTHER_OFFICE_PARTS.find(([pattern]) => pattern.test(contentTypes));
    throw unreadable(file, other?.[1] ?? "a zip archive without a Word document in it");
  }
  return archive;
}

function readParts(file: SourceDocument, archive: ZipArchive): WordParts {
  const documentPart = mainDocumentPart(file, archive);
  const documentXml = safeText(file, archive, documentPart);
  if (documentXml === undefined) {
    throw unreadable(file, `the Word package has no ${documentPart} part`);
  }
  const styles = readDocxStyles(safeText(file, archive, "word/styles.xml"));
  const counter = createNumberingCounter(safeText(file, archive, "word/numbering.xml"), styles);
  const paragraphs = readWordParagraphs(documentXml);
  const labels = paragraphs.map((paragraph) => {
    const own = paragraph.numbering;
    if (own?.numId === "0") return undefined;
    const styled = styles.numbering(paragraph.styleId);
    const numId = own?.numId ?? styled?.numId;
    if (numId === undefined || numId === "0") return undefined;
    const level =
      own?.level ?? styled?.level ?? counter.levelOfStyle(numId, paragraph.styleId) ?? 0;
    return counter.next(numId, level);
  });
  return { styles, paragraphs, labels };
}

/** The part `_rels/.rels` names as the main document; Word always writes word/document.xml. */
function mainDocumentPart(file: SourceDocument, archive: ZipArchive): string {
  const relationships = safeText(file, archive, "_rels/.rels");
  const target = relationships?.match(
    /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"|<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/u,
  );
  return target?.[1] ?? target?.[2] ?? "word/document.xml";
}

interface Conversion {
  html: string;
  warnings: string[];
}

async function convert(file: SourceDocument, parts: WordParts): Promise<Conversion> {
  const styleMap = Array.from(
    { length: MAX_HTML_HEADING },
    (_, index) => `p[style-name='${HEADING_STYLE_PREFIX}${index + 1}'] => h${index + 1}:fresh`,
  );
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) },
      {
        styleMap,
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
        // Images carry no text the segmenter could read; do not embed them as data URIs.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
        transformDocument: (document: unknown) => restoreWordStructure(document, parts),
      },
    );
  } catch (error) {
    throw unreadable(file, `mammoth could not read the Word document: ${reasonOf(error)}`, error);
  }
  const warnings = new Set<string>();
  for (const message of result.messages) {
    if (
      message.type === "warning" &&
      IGNORED_MESSAGES.some((pattern) => pattern.test(message.message))
    ) {
      continue;
    }
    warnings.add(message.message);
  }
  return { html: result.value, warnings: [...warnings] };
}

/** The parts of mammoth's document model this reader reads and changes (lib/documents.js). */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  styleId?: string | null;
  styleName?: string | null;
  value?: string;
  isBold?: boolean;
}

/**
 * Walks mammoth's document in its own order (children before their paragraph), pairs each
 * paragraph with its document.xml paragraph by text, and gives it the heading level, list number
 * and style bold Word shows.
 */
function restoreWordStructure(document: unknown, parts: WordParts): unknown {
  let next = 0;
  const pair = (key: string): number | undefined => {
    // An empty paragraph has nothing to number or level, and pairing it could skip real ones.
    if (key === "") return undefined;
    const end = Math.min(parts.paragraphs.length, next + PAIRING_WINDOW);
    for (let index = next; index < end; index++) {
      if (parts.paragraphs[index]?.key === key) {
        next = index + 1;
        return index;
      }
    }
    return undefined;
  };

  const visit = (element: MammothElement) => {
    for (const child of element.children ?? []) visit(child);
    if (element.type !== "paragraph") return;
    const index = pair(paragraphKey(ownText(element)));
    const source = index === undefined ? undefined : parts.paragraphs[index];
    const styleId = element.styleId ?? source?.styleId ?? undefined;
    const level = headingLevel(source, styleId, parts.styles);
    if (level !== undefined) {
      element.styleName = `${HEADING_STYLE_PREFIX}${Math.min(level, MAX_HTML_HEADING)}`;
      element.styleId = null;
    }
    const label = index === undefined ? undefined : parts.labels[index];
    if (label !== undefined) prependLabel(element, label);
    if (parts.styles.isBold(styleId)) {
      for (const run of ownDescendants(element, "run")) run.isBold = true;
    }
  };

  if (isMammothElement(document)) visit(document);
  return document;
}

function headingLevel(
  source: WordParagraph | undefined,
  styleId: string | undefined,
  styles: DocxStyles,
): number | undefined {
  const outline = source?.outlineLevel;
  if (outline !== undefined) return outline >= 9 ? undefined : outline + 1;
  return styles.headingLevel(styleId);
}

/** The paragraph's text without the paragraphs nested in it (text boxes). */
function ownText(paragraph: MammothElement): string {
  return ownDescendants(paragraph, "text")
    .map((text) => text.value ?? "")
    .join("");
}

function ownDescendants(paragraph: MammothElement, type: string): MammothElement[] {
  const found: MammothElement[] = [];
  const visit = (element: MammothElement) => {
    for (const child of element.children ?? []) {
      if (child.type === "paragraph") continue;
      if (child.type === type) found.push(child);
      visit(child);
    }
  };
  visit(paragraph);
  return found;
}

function prependLabel(paragraph: MammothElement, label: string): void {
  const first = ownDescendants(paragraph, "text")[0];
  if (first === undefined) return;
  const text = first.value ?? "";
  // A number typed by hand ("715.") next to Word's own would be shown twice.
  if (text.trimStart().startsWith(label)) return;
  first.value = `${label} ${text}`;
}

function isMammothElement(value: unknown): value is MammothElement {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { type?: unknown }).type === "string"
  );
}

function readCoreProperties(archive: ZipArchive): DocumentMetadata {
  const metadata: DocumentMetadata = {};
  let xml: string | undefined;
  try {
    xml = archive.text("docProps/core.xml");
  } catch {
    return metadata;
  }
  const root = xml === undefined ? undefined : parseXml(xml)[0];
  const title = firstChild(root, "dc:title")
    ?.children.map((node) => ("text" in node ? node.text : ""))
    .join("")
    .trim();
  if (title) metadata.title = title;
  return metadata;
}

/** The text of one part; a damaged part makes the document unreadable, naming the part. */
function safeText(file: SourceDocument, archive: ZipArchive, name: string): string | undefined {
  try {
    return archive.text(name);
  } catch (error) {
    throw unreadable(file, reasonOf(error), error);
  }
}

/** OLE2 compound files: Word 97–2003 documents, and password-protected Office files. */
function isOleCompoundFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return signature.every((byte, index) => bytes[index] === byte);
}

function describeCompoundFile(bytes: Uint8Array): string {
  // A password-protected .docx is an OLE2 file holding an "EncryptedPackage" stream (UTF-16 name).
  const encrypted = Buffer.from("EncryptedPackage", "utf16le");
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(encrypted)) {
    return "a password-protected Word document: remove the password and save it again";
  }
  return "a Word 97–2003 .doc file, not .docx: save it as .docx or PDF";
}

function describeNonZip(bytes: Uint8Array): string {
  const start = new TextDecoder("latin1").decode(bytes.subarray(0, 64)).trimStart();
  if (bytes.length === 0) return "the file is empty";
  if (start.startsWith("{\\rtf")) return "an RTF file, not .docx: save it as .docx or PDF";
  if (start.startsWith("%PDF")) return "a PDF file with a Word file name: rename it to .pdf";
  if (/^<(?:\?xml|!doctype html|html)/iu.test(start)) {
    return "an XML or HTML file, not .docx: save it from Word as .docx";
  }
  return "not a Word document: a .docx file is a zip archive, and this file is not one";
}

function unreadable(file: SourceDocument, reason: string, cause?: unknown): AppError {
  return new AppError(
    "minutes_unreadable",
    `${file.path}: ${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

function reasonOf(error: unknown): string {
  if (error instanceof ZipArchiveError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}
