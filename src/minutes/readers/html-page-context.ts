import type { CheerioAPI } from "cheerio";
import type { Element } from "domhandler";
import type { Block } from "../blocks.ts";
import { findDate } from "../dates.ts";
import { ancestors, contains, createTextMeasure, elementsIn, visibleText } from "./html-dom.ts";
import { isBreadcrumb } from "./html-page-chrome.ts";

/**
 * Systems that publish one page per agenda item put the meeting (body and date) in the page
 * heading or the breadcrumb trail, outside the item's content: "Hjem › Politik › Byrådet ›
 * 25. september 2018 › Punkt 3". The trail is chrome and the heading may sit in the site banner,
 * so both are taken before the chrome goes, and put in front of the content's blocks when the
 * content does not name a date before its first heading: the segmenter then finds the meeting in
 * the first lines, as it would on a page holding the whole meeting.
 */

export interface PageContext {
  /** h1 headings outside navigation, with their position in the page. */
  headings: { element: Element; text: string }[];
  crumbs: string[];
  title: string | undefined;
  order: Map<Element, number>;
}

const HOME_CRUMB = /^(?:du er her:?|hjem|forside|startside|start|home)$/iu;
/** "›" and "»" anywhere; "/" and "|" only between spaces, so that 25/09/2018 stays whole. */
const CRUMB_SEPARATOR = /\s*[›»>]\s*|\s+[|/]\s+/u;
const NOT_A_PAGE_HEADING = new Set(["nav", "aside", "footer"]);
/** "3. Title", "17 Title", "Punkt 3: Title": where the items (or their contents list) begin. */
const ITEM_NUMBER = /^(?:punkt\s+|pkt\.?\s+)?\d{1,4}\s*[.):]?\s+\S/iu;
/** Without numbered items, the meeting header is looked for in this many blocks. */
const OPENING_BLOCKS = 10;

export function capturePageContext(
  $: CheerioAPI,
  body: Element,
  title: string | undefined,
): PageContext {
  const order = new Map<Element, number>();
  for (const element of elementsIn(body)) order.set(element, order.size);
  const headings = $("h1, [role=heading][aria-level=1]", body)
    .toArray()
    .filter(
      (heading) => !ancestors(heading).some((ancestor) => NOT_A_PAGE_HEADING.has(ancestor.name)),
    )
    .map((element) => ({ element, text: visibleText(element) }))
    .filter(({ text }) => text !== "");
  const measure = createTextMeasure();
  const trail = $("nav, ol, ul, div, p", body)
    .toArray()
    .find((element) => isBreadcrumb(element, measure));
  return {
    headings,
    crumbs: trail === undefined ? [] : meetingCrumbs(readCrumbs(trail)),
    title,
    order,
  };
}

/** The context blocks to put before the content of `root`, or none when the content names its meeting itself. */
export function contextBlocks(
  context: PageContext,
  root: Element,
  content: readonly Block[],
): Block[] {
  const firstItem = content.findIndex((block) => startsWithItemNumber(block.text));
  const opening = content.slice(0, firstItem < 0 ? OPENING_BLOCKS : firstItem);
  if (opening.some((block) => findDate(block.text) !== undefined)) return [];
  const firstHeading = content.findIndex((block) => block.role === "heading");

  const rootPosition = context.order.get(root) ?? 0;
  const contentHeading = firstHeading < 0 ? undefined : content[firstHeading]?.text;
  const blocks: Block[] = context.headings
    .filter(({ element }) => !contains(root, element) && element !== root)
    .filter(
      ({ element }) => (context.order.get(element) ?? Number.POSITIVE_INFINITY) < rootPosition,
    )
    .filter(({ text }) => text !== contentHeading)
    .map(({ text }) => ({ text, role: "heading", level: 1, gapBefore: true }));
  blocks.push(
    ...context.crumbs.map((text): Block => ({ text, role: "paragraph", gapBefore: true })),
  );
  const dated = (candidates: readonly Block[]) =>
    candidates.some((block) => findDate(block.text) !== undefined);
  if (!dated(blocks) && context.title !== undefined && findDate(context.title) !== undefined) {
    blocks.push({ text: context.title, role: "paragraph", gapBefore: true });
  }
  return dated(blocks) ? blocks : [];
}

/**
 * The crumbs that lead to the meeting: up to the last one naming a date. The crumbs after it, or
 * the last crumb of a trail without dates, name the page itself (the item), which the content
 * repeats; a "Punkt 3" line before the item's own heading would read as an item of its own.
 */
function meetingCrumbs(crumbs: string[]): string[] {
  const lastDated = crumbs.findLastIndex((crumb) => findDate(crumb) !== undefined);
  return lastDated >= 0 ? crumbs.slice(0, lastDated + 1) : crumbs.slice(0, -1);
}

function startsWithItemNumber(text: string): boolean {
  // "26. april 2017" starts with a number too, but it is a date.
  return ITEM_NUMBER.test(text) && findDate(text)?.start !== 0;
}

function readCrumbs(trail: Element): string[] {
  const items = elementsIn(trail).filter((element) => element.name === "li");
  const texts =
    items.length > 0 ? items.map(visibleText) : visibleText(trail).split(CRUMB_SEPARATOR);
  return texts
    .map((text) =>
      text
        .replace(/^du er her:?\s*/iu, "")
        .replace(/^[›»>|/]\s*|\s*[›»>|/]$/gu, "")
        .trim(),
    )
    .filter((text) => text !== "" && !HOME_CRUMB.test(text));
}
