import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "../../shared/errors.ts";
import { decodeWindows1252 } from "./html-decoding.ts";
import type { SourceDocument } from "./types.ts";

/**
 * What the agenda-system XML readers share: decoding the bytes (BOM, declared encoding), a
 * cheap sniff of the root element so readers of different dialects can share `.xml`, and one
 * parser configuration that keeps every value a string.
 */

const SNIFF_BYTES = 4096;

export function hasExtension(file: SourceDocument, ...extensions: string[]): boolean {
  const lower = file.path.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension));
}

/** The start of the file as text, for sniffing (tag names are ASCII in every encoding used). */
export function sniffText(bytes: Uint8Array, length = SNIFF_BYTES): string {
  return new TextDecoder("utf-8").decode(bytes.subarray(0, length)).replace(/^\uFEFF/u, "");
}

/**
 * The root element's name and the first child element's opening tag, from the first bytes:
 * `{ root: "root", firstChild: '<table name="agenda">' }`.
 */
export function sniffXmlRoot(bytes: Uint8Array): { root: string; firstChild: string } | undefined {
  const head = sniffText(bytes)
    .replace(/^\s*<\?xml[^>]*\?>/u, "")
    .replace(/<!--[\s\S]*?-->/gu, "")
    .replace(/<!DOCTYPE[^>]*>/iu, "");
  const match = head.match(/^\s*<([A-Za-z_][\w.-]*)[^>]*>\s*(<[^>]*>)?/u);
  if (!match?.[1]) return undefined;
  return { root: match[1], firstChild: match[2] ?? "" };
}

/** Decodes XML bytes: UTF-8 (with or without BOM) unless the declaration names a Latin encoding. */
export function decodeXml(bytes: Uint8Array, path: string): string {
  const declared = sniffText(bytes, 200).match(/^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/iu);
  const encoding = declared?.[1]?.toLowerCase() ?? "utf-8";
  if (/^(?:iso-8859-1|iso-8859-15|latin-?1|windows-1252|cp1252)$/u.test(encoding)) {
    return decodeWindows1252(bytes);
  }
  if (encoding !== "utf-8" && encoding !== "utf8") {
    throw new AppError(
      "minutes_unreadable",
      `${path}: XML encoding "${encoding}" is not supported`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/u, "");
  } catch (error) {
    throw new AppError("minutes_not_utf8", `${path}: the XML is not valid UTF-8`, { cause: error });
  }
}

export interface ParseXmlOptions {
  /** Element names that always become arrays, however many times they occur. */
  repeated: readonly string[];
  /** Keep attributes (as `@_name` keys); Acadre keeps its data in them. */
  attributes?: boolean;
}

/**
 * Parses XML text into plain objects; every value stays a string ("715", not 715), entities are
 * decoded once (so escaped HTML in a field comes out as HTML), and malformed XML is a
 * `minutes_unreadable` error that says where.
 */
export function parseXml(text: string, path: string, options: ParseXmlOptions): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new AppError(
      "minutes_unreadable",
      `${path}: malformed XML at line ${line}, column ${col}: ${msg}`,
    );
  }
  const repeated = new Set(options.repeated);
  const parser = new XMLParser({
    ignoreAttributes: options.attributes !== true,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // Numeric character references (&#230;) are XML; without this they would be left as written.
    htmlEntities: true,
    isArray: (name) => repeated.has(name),
  });
  try {
    return parser.parse(text);
  } catch (error) {
    throw new AppError("minutes_unreadable", `${path}: the XML could not be parsed`, {
      cause: error,
    });
  }
}
