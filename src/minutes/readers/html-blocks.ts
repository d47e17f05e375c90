import { load } from "cheerio";
import { type AnyNode, type Element, isTag, isText } from "domhandler";
import { type Block, type BlockRole, normaliseInlineText } from "../blocks.ts";
import { listMarkers, startsWithMarker } from "./html-list-numbers.ts";

/**
 * HTML → blocks: the DOM walk that HTML pages, Word documents (through mammoth) and the HTML
 * fields of agenda-system XML and JSON share. h1–h6 become headings with their level, list items
 * and table rows keep their role, a `<br>` starts a new line within a paragraph, and a table used
 * for layout (cells holding paragraphs, headings or tables of their own) is read as the blocks it
 * holds rather than as one row. A definition list of label/value pairs (`<dt>Dato:</dt><dd>…</dd>`)
 * becomes rows as well, and so does an element holding just a label and its value
 * (`<div><div class="field-label">Sagsnr.:</div><div class="field-item">12/27845</div></div>`,
 * as CMS field templates write them). Buttons are controls and skipped, except the buttons that open an
 * accordion panel (`aria-expanded`, `aria-controls`): they hold the item's title. The items of an
 * ordered list carry the number the browser shows before them ("1. Godkendelse af dagsorden"; see
 * `html-list-numbers.ts`), unless their text already starts with it.
 */

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "title",
  "svg",
  "iframe",
  "object",
  "embed",
  "canvas",
  "video",
  "audio",
  "button",
  "select",
  "input",
  "textarea",
  "map",
  "img",
]);

const HEADING_LEVELS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Elements that end the running line and start a block of their own. */
const BLOCK_ELEMENTS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);

const BOLD_ELEMENTS = new Set(["strong", "b"]);
/** Elements that may hold a label and its value side by side. */
const PAIR_CONTAINERS = new Set(["div", "p", "li"]);
/** "Sagsnr.:", "Dato:": a short label ending in a colon. */
const LABEL = /^[^:]{1,40}:$/u;
const MAX_VALUE_LENGTH = 200;
/** Inside a cell, these make the row a layout row rather than a row of values. */
const LAYOUT_INSIDE_CELL = new Set(["table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"]);

export interface HtmlBlocksOptions {
  /** Page number given to every block (one HTML page per item). */
  page?: number;
  /**
   * Put each `<ol>` item's number before its text, as the browser shows it (default true). The
   * DOCX reader turns this off: it writes Word's own list numbers into the text before mammoth's
   * `<ol>` reaches the walk, and they would otherwise be shown twice.
   */
  numberLists?: boolean;
}

/** Reads an HTML document or fragment into blocks. */
export function htmlToBlocks(html: string, options: HtmlBlocksOptions = {}): Block[] {
  const $ = load(html);
  const root = $.root().get(0);
  if (!root) return [];
  return elementsToBlocks(root.children, options);
}

/** Reads DOM nodes (a page's main content, one field of an XML export) into blocks. */
export function elementsToBlocks(
  nodes: readonly AnyNode[],
  options: HtmlBlocksOptions = {},
): Block[] {
  const walker = new BlockWalker(options);
  for (const node of nodes) walker.visit(node, { role: "paragraph", bold: false });
  walker.flush({ role: "paragraph", bold: false });
  return walker.blocks;
}

interface Context {
  role: BlockRole;
  level?: number;
  bold: boolean;
}

class BlockWalker {
  readonly blocks: Block[] = [];
  private text = "";
  private letters = 0;
  private boldLetters = 0;
  private gapPending = false;
  /** The marker of the list item whose text has not begun yet. */
  private pendingMarker: string | undefined;
  private readonly markers = new Map<Element, string>();

  constructor(private readonly options: HtmlBlocksOptions) {}

  visit(node: AnyNode, context: Context): void {
    if (isText(node)) {
      this.append(node.data, context.bold);
      return;
    }
    if (!isTag(node) || isHidden(node)) return;
    const name = node.name.toLowerCase();
    if (SKIPPED.has(name) && !isDisclosureButton(node)) return;
    if (name === "br") {
      this.flush(context);
      return;
    }
    if (name === "tr" && isValueRow(node)) {
      this.flush(context);
      this.pushRow(node);
      return;
    }
    if (PAIR_CONTAINERS.has(name) && isLabelValuePair(node)) {
      this.flush(context);
      this.gapPending = true;
      this.pushCells(node.children.filter((child): child is Element => isTag(child)));
      this.gapPending = true;
      return;
    }
    if (name === "dl" && isLabelValueList(node)) {
      this.flush(context);
      this.gapPending = true;
      this.pushLabelValuePairs(node);
      this.gapPending = true;
      return;
    }
    if (!BLOCK_ELEMENTS.has(name)) {
      const bold = context.bold || BOLD_ELEMENTS.has(name) || hasBoldStyle(node);
      for (const child of node.children) this.visit(child, { ...context, bold });
      return;
    }
    this.flush(context);
    if (startsParagraph(name)) this.gapPending = true;
    if (name === "ol" && this.options.numberLists !== false) {
      for (const [item, marker] of listMarkers(node)) this.markers.set(item, marker);
    }
    const marker = name === "li" ? this.markers.get(node) : undefined;
    if (marker !== undefined && !startsWithMarker(normaliseInlineText(textOf(node)), marker)) {
      this.pendingMarker = marker;
    }
    const inner = blockContext(name, context, node);
    if (name === "pre") {
      this.pushPreformatted(node, inner);
    } else {
      for (const child of node.children) this.visit(child, inner);
      this.flush(inner);
    }
    // An item without text shows its number alone; it is no block.
    if (name === "li") this.pendingMarker = undefined;
    if (startsParagraph(name)) this.gapPending = true;
  }

  flush(context: Context): void {
    const text = normaliseInlineText(this.text);
    const bold = this.letters > 0 && this.boldLetters === this.letters;
    this.text = "";
    this.letters = 0;
    this.boldLetters = 0;
    if (text === "") return;
    const block: Block = { text, role: context.role };
    if (context.level !== undefined) block.level = context.level;
    if (bold) block.bold = true;
    if (this.options.page !== undefined) block.page = this.options.page;
    if (this.gapPending) block.gapBefore = true;
    this.gapPending = false;
    this.blocks.push(block);
  }

  private append(data: string, bold: boolean): void {
    if (this.pendingMarker !== undefined && /\S/u.test(data)) {
      // The marker is set in the item's own font: it does not change whether the text is bold.
      this.text += `${this.pendingMarker} `;
      this.pendingMarker = undefined;
    }
    this.text += data;
    const letters = (data.match(/\p{L}/gu) ?? []).length;
    this.letters += letters;
    if (bold) this.boldLetters += letters;
  }

  private pushRow(row: Element): void {
    this.pushCells(
      row.children.filter(
        (child): child is Element => isTag(child) && /^t[dh]$/iu.test(child.name),
      ),
    );
  }

  private pushLabelValuePairs(list: Element): void {
    const terms = list.children.filter((child): child is Element => isTag(child));
    for (let index = 0; index + 1 < terms.length; index += 2) {
      const label = terms[index];
      const value = terms[index + 1];
      if (label !== undefined && value !== undefined) this.pushCells([label, value]);
    }
  }

  private pushCells(cellElements: readonly Element[]): void {
    const cells = cellElements.map((cell) => normaliseInlineText(textOf(cell)));
    const first = cells.findIndex((cell) => cell !== "");
    if (first < 0) return;
    if (this.pendingMarker !== undefined) {
      cells[first] = `${this.pendingMarker} ${cells[first]}`;
      this.pendingMarker = undefined;
    }
    const filled = cells.filter((cell) => cell !== "");
    const block: Block = { text: filled.join(" "), role: "table-row", cells };
    const allBold = cellElements.every(
      (cell) => normaliseInlineText(textOf(cell)) === "" || isAllBold(cell),
    );
    if (allBold) block.bold = true;
    if (this.options.page !== undefined) block.page = this.options.page;
    if (this.gapPending) block.gapBefore = true;
    this.gapPending = false;
    this.blocks.push(block);
  }

  private pushPreformatted(node: Element, context: Context): void {
    for (const line of textOf(node).split(/\r?\n/u)) {
      this.append(line, context.bold);
      this.flush(context);
    }
  }
}

function blockContext(name: string, outer: Context, node: Element): Context {
  const level = HEADING_LEVELS[name] ?? ariaHeadingLevel(node);
  if (level !== undefined) return { role: "heading", level, bold: outer.bold };
  if (name === "li" || name === "dt" || name === "dd")
    return { role: "list-item", bold: outer.bold };
  if (outer.role === "heading" || outer.role === "list-item") return outer;
  return { role: "paragraph", bold: outer.bold || hasBoldStyle(node) };
}

/** List entries and table rows follow each other without a paragraph break; everything else is a paragraph. */
function startsParagraph(name: string): boolean {
  return !["li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot"].includes(name);
}

function ariaHeadingLevel(node: Element): number | undefined {
  if (node.attribs.role !== "heading") return undefined;
  const level = Number(node.attribs["aria-level"] ?? "2");
  return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
}

/** A row of values (`Sagsnr.:` | `12/27845`), not a layout row whose cells hold blocks of their own. */
function isValueRow(row: Element): boolean {
  const cells = row.children.filter(
    (child): child is Element => isTag(child) && /^t[dh]$/iu.test(child.name),
  );
  return cells.length > 0 && cells.every((cell) => !holdsBlocks(cell));
}

/** A cell holding a table, a heading, a list or more than one paragraph is laid out, not a value. */
function holdsBlocks(node: Element): boolean {
  let paragraphs = 0;
  for (const child of node.children) {
    if (!isTag(child)) continue;
    const name = child.name.toLowerCase();
    if (LAYOUT_INSIDE_CELL.has(name)) return true;
    if (BLOCK_ELEMENTS.has(name) && ++paragraphs > 1) return true;
    if (holdsBlocks(child)) return true;
  }
  return false;
}

/** `<dt>Dato:</dt><dd>25-09-2018</dd>` pairs, each value a line of its own, nothing else in the list. */
function isLabelValueList(list: Element): boolean {
  const terms = list.children.filter((child): child is Element => isTag(child));
  const strayText = list.children.some((child) => isText(child) && child.data.trim() !== "");
  if (strayText || terms.length === 0 || terms.length % 2 !== 0) return false;
  return terms.every((term, index) => {
    const expected = index % 2 === 0 ? "dt" : "dd";
    return term.name.toLowerCase() === expected && !holdsBlocks(term);
  });
}

/** Two elements and nothing else: a short label ending in a colon, then a one-line value. */
function isLabelValuePair(node: Element): boolean {
  if (node.children.some((child) => isText(child) && child.data.trim() !== "")) return false;
  const parts = node.children.filter((child): child is Element => isTag(child));
  const [label, value] = parts;
  if (parts.length !== 2 || label === undefined || value === undefined) return false;
  if (holdsBlocks(label) || holdsBlocks(value) || isHidden(label) || isHidden(value)) return false;
  const valueText = normaliseInlineText(textOf(value));
  return (
    LABEL.test(normaliseInlineText(textOf(label))) &&
    valueText !== "" &&
    valueText.length <= MAX_VALUE_LENGTH
  );
}

/** The button of an accordion or disclosure widget, which holds the title of the panel it opens. */
function isDisclosureButton(node: Element): boolean {
  return (
    node.name.toLowerCase() === "button" &&
    (node.attribs["aria-expanded"] !== undefined || node.attribs["aria-controls"] !== undefined)
  );
}

function isHidden(node: Element): boolean {
  if (node.attribs.hidden !== undefined || node.attribs["aria-hidden"] === "true") return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/iu.test(node.attribs.style ?? "");
}

function hasBoldStyle(node: Element): boolean {
  return /font-weight\s*:\s*(?:bold|[6-9]00)/iu.test(node.attribs.style ?? "");
}

function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || (SKIPPED.has(node.name.toLowerCase()) && !isDisclosureButton(node))) {
    return "";
  }
  if (node.name.toLowerCase() === "br") return " ";
  const separator = BLOCK_ELEMENTS.has(node.name.toLowerCase()) ? " " : "";
  return `${separator}${node.children.map(textOf).join("")}${separator}`;
}

function isAllBold(node: AnyNode, bold = false): boolean {
  if (isText(node)) return bold || !/\p{L}/u.test(node.data);
  if (!isTag(node)) return true;
  const inner = bold || BOLD_ELEMENTS.has(node.name.toLowerCase()) || hasBoldStyle(node);
  return node.children.every((child) => isAllBold(child, inner));
}
