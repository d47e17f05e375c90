import { type CheerioAPI, load } from "cheerio";
import type { Element } from "domhandler";
import { AppError } from "../../shared/errors.ts";
import { normaliseInlineText } from "../blocks.ts";
import { revealCollapsedContent } from "./html-accordions.ts";
import { elementsToBlocks } from "./html-blocks.ts";
import { decodeHtmlBytes } from "./html-decoding.ts";
import { textWeight } from "./html-dom.ts";
import { findMainContent } from "./html-main-content.ts";
import { removePageChrome } from "./html-page-chrome.ts";
import { capturePageContext, contextBlocks } from "./html-page-context.ts";
import type { DocumentMetadata, Reader, SourceDocument } from "./types.ts";

/**
 * Saved web pages of agenda systems and municipal sites (SBSYS and eDoc HTML exports, eDagsorden
 * HTML publications, FirstAgenda Publication pages, CMS agenda pages, static exports): decoded
 * as the browser would, page chrome removed, the main content found, collapsed accordion panels
 * opened, and the content walked into blocks by the walk shared with DOCX and agenda-system fields.
 */

const HTML_EXTENSIONS = new Set(["html", "htm", "xhtml", "shtml"]);
/** After a byte-order mark, white space, an XML declaration and comments: a doctype or `<html>`. */
const HTML_START =
  /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html\b|<html\b)/iu;
const SNIFF_BYTES = 2048;

export const htmlReader: Reader = {
  format: "html",
  accepts(file) {
    if (HTML_EXTENSIONS.has(extensionOf(file.path))) return true;
    return looksLikeHtml(file.bytes);
  },
  async read(file) {
    const decoded = decodeHtmlBytes(file.bytes);
    const warnings: string[] = decoded.notice === undefined ? [] : [decoded.notice];
    const $ = load(decoded.text);
    const body = $("body").get(0) ?? $.root().children().get(0);
    if (body === undefined) throw noText(file, "the page is empty");
    const metadata = readMetadata($);

    revealCollapsedContent($, body);
    // The page's own <title>, not og:title: sites put the meeting and its date in the former.
    const pageTitle = normaliseInlineText($("title").first().text()) || undefined;
    const context = capturePageContext($, body, pageTitle);
    removePageChrome($, body);
    const { root } = findMainContent($, body);
    const content = elementsToBlocks([root]);
    if (content.length === 0) throw noText(file, whyNoText($, body));
    const blocks = [...contextBlocks(context, root, content), ...content];
    return { kind: "blocks", format: "html", blocks, metadata, warnings };
  },
};

export function looksLikeHtml(bytes: Uint8Array): boolean {
  const start = new TextDecoder("windows-1252").decode(bytes.subarray(0, SNIFF_BYTES));
  return HTML_START.test(start);
}

function readMetadata($: CheerioAPI): DocumentMetadata {
  const metadata: DocumentMetadata = {};
  const meta = (selector: string) => {
    const content = $(selector).attr("content");
    return content === undefined ? undefined : normaliseInlineText(content) || undefined;
  };
  const title =
    meta('meta[property="og:title"]') ??
    (normaliseInlineText($("title").first().text()) || undefined);
  if (title !== undefined) metadata.title = title;
  const site = meta('meta[property="og:site_name"]');
  if (site !== undefined && /\b(?:kommune|region)\b/iu.test(site)) metadata.organisation = site;
  return metadata;
}

/** A page without text is mostly a page whose text a script or a frame was to load. */
function whyNoText($: CheerioAPI, body: Element): string {
  if ($("frameset, frame").length > 0) {
    return "the page is a frameset; open the framed pages and save those instead";
  }
  if ($("iframe").length > 0) {
    return "the page shows its text in an iframe; save the framed page instead";
  }
  if ($("script").length > 0 && textWeight(body) < 200) {
    return "the page has no text of its own: it is filled in by JavaScript (as FirstAgenda and similar systems do); save the page after it has loaded, or use the system's XML or JSON export";
  }
  return "the page has no text once navigation and page chrome are removed";
}

function noText(file: SourceDocument, reason: string): AppError {
  return new AppError("minutes_no_text", `${file.path}: ${reason}`);
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}
