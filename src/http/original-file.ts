import { open, realpath, stat } from "node:fs/promises";
import { extname, isAbsolute, posix, relative, resolve, sep } from "node:path";
import type { SourceFormat } from "../minutes/readers/types.ts";

/**
 * The file a meeting (or one of its items) was read from, found in the minutes folder. The path
 * comes from the corpus, which is data: it is used only when it is a plain relative path that
 * stays inside the minutes folder after every symbolic link is resolved.
 */

export interface OriginalFile {
  /** The real path on disk, inside the minutes folder. */
  path: string;
  size: number;
  contentType: string;
  /** `inline; filename="…"; filename*=UTF-8''…` */
  contentDisposition: string;
  /** Whether a browser could run scripts in it (HTML, XML, …): it is then served sandboxed. */
  active: boolean;
}

export type OriginalFileLookup =
  | { found: true; file: OriginalFile }
  | { found: false; reason: "outside" | "missing" };

const CONTENT_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".html": "text/html",
  ".htm": "text/html",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

const FORMAT_CONTENT_TYPES: Record<SourceFormat, string> = {
  text: "text/plain; charset=utf-8",
  pdf: "application/pdf",
  html: "text/html",
  docx: CONTENT_TYPES[".docx"] ?? "application/octet-stream",
  "acadre-xml": "application/xml",
  "edagsorden-xml": "application/xml",
  "edoc-xml": "application/xml",
  "firstagenda-json": "application/json",
};

/** Formats a browser shows without running anything of the file's own. */
const PASSIVE_TYPES = new Set([
  "application/pdf",
  CONTENT_TYPES[".docx"],
  "application/octet-stream",
]);

/** The Content-Type for a file: by its extension, else by the format it was read as. */
export function contentTypeFor(path: string, format: SourceFormat | null): string {
  return (
    CONTENT_TYPES[extname(path).toLowerCase()] ??
    (format ? FORMAT_CONTENT_TYPES[format] : undefined) ??
    "application/octet-stream"
  );
}

/** `inline` with an ASCII file name and the UTF-8 one (RFC 6266), never a quote, slash or line break. */
export function inlineDisposition(path: string): string {
  const name = posix.basename(path).normalize("NFC");
  const ascii = name
    .replaceAll("æ", "ae")
    .replaceAll("ø", "oe")
    .replaceAll("å", "aa")
    .replaceAll("Æ", "Ae")
    .replaceAll("Ø", "Oe")
    .replaceAll("Å", "Aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/gu, "")
    .replace(/[^A-Za-z0-9._ -]/gu, "_")
    .replace(/^[ .]+/u, "")
    .slice(0, 150);
  const encoded = encodeURIComponent(name).replace(
    /['()*]/gu,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii === "" ? "original" : ascii}"; filename*=UTF-8''${encoded}`;
}

/** Whether a corpus path is a plain relative path: forward slashes, no `..`, `.`, empty or absolute parts. */
export function isPlainRelativePath(path: string): boolean {
  if (path === "" || path.includes("\u0000") || path.includes("\\")) return false;
  if (path.startsWith("/") || /^[A-Za-z]:/u.test(path)) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

export async function findOriginalFile(
  minutesDirectory: string,
  sourceFile: string,
  format: SourceFormat | null,
): Promise<OriginalFileLookup> {
  if (!isPlainRelativePath(sourceFile)) return { found: false, reason: "outside" };
  const root = resolve(minutesDirectory);
  const candidate = resolve(root, ...sourceFile.split("/"));
  if (!isInside(root, candidate)) return { found: false, reason: "outside" };
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(candidate);
  } catch {
    return { found: false, reason: "missing" };
  }
  // A symbolic link inside the folder must not lead out of it.
  if (!isInside(realRoot, realFile)) return { found: false, reason: "outside" };
  const stats = await stat(realFile).catch(() => null);
  if (!stats?.isFile()) return { found: false, reason: "missing" };
  const contentType = await withCharset(contentTypeFor(sourceFile, format), realFile, stats.size);
  return {
    found: true,
    file: {
      path: realFile,
      size: stats.size,
      contentType,
      contentDisposition: inlineDisposition(sourceFile),
      active: !PASSIVE_TYPES.has(contentType),
    },
  };
}

/** Bytes of an HTML file read to tell its character set. */
const CHARSET_SNIFF_BYTES = 4 * 1024 * 1024;

/**
 * HTML without a declared character set would be shown as windows-1252 by browsers: name UTF-8
 * when the file is valid UTF-8, leaving files that declare their own (`<meta charset>`) alone.
 * JSON is always UTF-8.
 */
async function withCharset(contentType: string, path: string, size: number): Promise<string> {
  if (contentType === "application/json") return "application/json; charset=utf-8";
  if (contentType !== "text/html" || size > CHARSET_SNIFF_BYTES) return contentType;
  const handle = await open(path, "r");
  try {
    const bytes = new Uint8Array(size);
    await handle.read(bytes, 0, size, 0);
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048)).toLowerCase();
    if (/<meta[^>]+charset/u.test(head)) return contentType;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      return "text/html; charset=utf-8";
    } catch {
      return contentType;
    }
  } finally {
    await handle.close();
  }
}

function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return (
    fromRoot !== "" &&
    fromRoot !== ".." &&
    !fromRoot.startsWith(`..${sep}`) &&
    !isAbsolute(fromRoot)
  );
}
