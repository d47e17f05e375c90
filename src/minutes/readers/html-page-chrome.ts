import type { CheerioAPI } from "cheerio";
import { type AnyNode, type Element, isTag, isText, Text } from "domhandler";
import {
  createTextMeasure,
  elementsIn,
  hasSectioningAncestor,
  nameTokens,
  type TextMeasure,
  visibleText,
} from "./html-dom.ts";

/**
 * Removes what a municipal web page wraps around its minutes: navigation, the site header and
 * footer, sidebars, skip links, cookie banners, breadcrumbs, "Til toppen" links, print and share
 * buttons, search forms, and the pagers of one-item pages ("‹ Forrige punkt | Punkt 7 af 11 |
 * Næste punkt ›"). Landmark elements (`nav`, `aside`, ARIA roles) go by what they are;
 * elements named only by id or class go when they are mostly links, since a class called "header"
 * can as well hold a section heading. An element holding most of the page's text is never chrome,
 * whatever it is called: ASP.NET pages wrap the whole page in one `<form>`, old sites misuse `<nav>`.
 */

const LANDMARKS = [
  "nav",
  "aside",
  "[role=navigation]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=search]",
  "[role=complementary]",
].join(", ");
/** Names of chrome containers: whole names, or names with one of the words of the second list between dashes. */
const CHROME_NAMES =
  /^(?:header|site-?header|masthead|sidehoved|sidefod|skip-?links?|tools|print|some|quick-?links|genveje|related|relaterede|(?:main|top|left|sub|mega|service|side)(?:menu|nav)|navbar|navigation)$/u;
const CHROME_NAME_PARTS =
  /(?:^|[-_])(?:menu|nav|navbar|navigation|breadcrumbs?|br[øo]dkrumme|footer|sidebar|toolbar|share|sharing|social)(?:[-_]|$)/u;
const COOKIE_NAMES = /cookie|cybotcookiebot|coi-?banner|coioverlay|consent/u;
const COOKIE_TEXT = /^(?:[\p{L}.-]+\s+){0,6}(?:bruger|anvender)\s+cookies\b/iu;
const BREADCRUMB_LABEL = /breadcrumb|br[øo]dkrumme|du er her/iu;
const BREADCRUMB_TEXT = /^(?:du er her:?\s*)?(?:hjem|forside|startside|start|home)\s*[›»>/|]/iu;
const SKIP_LINK = /^(?:skip|spring|gå|hop)\s+(?:direkte\s+)?(?:til|to|over)\b/iu;
const BACK_TO_TOP =
  /^(?:[↑▲^]\s*)?(?:(?:tilbage\s+)?til\s+(?:top|toppen)|(?:back\s+)?to\s+top)(?:\s*[↑▲^])?$/iu;
const PRINT_OR_SHARE =
  /^(?:print|printvenlig(?: version)?|udskriv(?: siden)?|del(?: siden| på \p{L}+)?|share|facebook|twitter|linkedin|e-?mail|send (?:til en ven|link)|tip en ven|læs op|lyt(?: til siden)?)$/iu;
/** What the buttons of a page's own widgets say. */
const WIDGET_LABEL =
  /^(?:menu|menuen|åbn menu|luk menu|luk|søg|søgning|vis mere|vis mindre|fold ud|fold sammen|udvid alle|fold alle sammen|close|open|toggle navigation)$/iu;
/** A pager's link: "‹ Forrige punkt", "Næste ›", "Previous page", or an arrow alone. */
const PAGER_LINK =
  /^(?:[‹«<←◀]+\s*)?(?:forrige|næste|previous|prev|next|første|sidste|first|last)(?:\s+(?:punkt|sag|side|dagsordenspunkt|møde|page|item))?(?:\s*[›»>→▶]+)?$|^[‹«<←◀›»>→▶]+$/iu;
/** What a pager says besides its links: separators, and where the page stands ("Punkt 7 af 11"). */
const PAGER_REST =
  /^[\s|·•/–—-]*(?:(?:punkt|sag|side|page|item)?\s*\d{1,4}\s*(?:af|of|ud af|\/)\s*\d{1,4})?[\s|·•/–—-]*$/iu;
const PAGER_ELEMENTS = new Set(["div", "nav", "p", "ul", "ol", "li", "span", "a", "section"]);
const MAX_PAGER_WEIGHT = 100;
const CONTAINERS = new Set(["div", "section", "aside", "dialog", "p", "form", "ul", "ol", "table"]);
/** The share of the page's text above which an element is content, whatever it is called. */
const CONTENT_SHARE = 0.5;
const MAX_BANNER_WEIGHT = 1500;
const MAX_TRAIL_WEIGHT = 300;
/** "Skip til hoved indholdet" has 22 letters; a control's label is never a paragraph. */
const MAX_CONTROL_WEIGHT = 50;

export function removePageChrome($: CheerioAPI, body: Element): void {
  const measure = createTextMeasure();
  const pageWeight = Math.max(1, measure.weight(body));
  const holdsMostOfPage = (element: Element) =>
    measure.weight(element) > pageWeight * CONTENT_SHARE;
  const doomed = new Set<Element>();
  const mark = (element: Element) => {
    if (!holdsMostOfPage(element)) doomed.add(element);
  };

  for (const element of $(LANDMARKS, body).toArray()) if (isTag(element)) mark(element);
  for (const element of elementsIn(body)) {
    const name = element.name;
    const tokens = nameTokens(element);
    if ((name === "header" || name === "footer") && !hasSectioningAncestor(element)) {
      if (name === "footer" || !isItemHeader(element, measure)) mark(element);
    } else if (tokens.some((token) => COOKIE_NAMES.test(token))) mark(element);
    else if (isBreadcrumb(element, measure)) mark(element);
    else if (name === "form" && measure.weight(element) * 10 < pageWeight) mark(element);
    else if (name === "dialog" || element.attribs.role === "dialog") {
      if (COOKIE_TEXT.test(visibleText(element))) mark(element);
    } else if (CONTAINERS.has(name) && isCookieBanner(element, measure)) mark(element);
    else if (tokens.some(isChromeName) && measure.isLinkDense(element)) {
      if (!hasSectioningAncestor(element)) mark(element);
    } else if (isControl(element, measure) || isPager(element, measure)) mark(element);
  }
  for (const element of doomed) $(element).remove();
}

function isChromeName(token: string): boolean {
  return CHROME_NAMES.test(token) || CHROME_NAME_PARTS.test(token);
}

/** A breadcrumb trail: named so, or a short line "Hjem › Politik › …". */
export function isBreadcrumb(element: Element, measure: TextMeasure): boolean {
  const label = `${element.attribs["aria-label"] ?? ""} ${nameTokens(element).join(" ")}`;
  if (BREADCRUMB_LABEL.test(label)) return true;
  if (!["nav", "ol", "ul", "div", "p"].includes(element.name)) return false;
  return measure.weight(element) < MAX_TRAIL_WEIGHT && BREADCRUMB_TEXT.test(visibleText(element));
}

/** A `<header>` that heads an agenda item rather than the site: it holds a sub-heading and is not mostly links. */
function isItemHeader(element: Element, measure: TextMeasure): boolean {
  return (
    elementsIn(element).some((inner) => /^h[2-6]$/u.test(inner.name)) &&
    !measure.isLinkDense(element)
  );
}

function isCookieBanner(element: Element, measure: TextMeasure): boolean {
  return measure.weight(element) < MAX_BANNER_WEIGHT && COOKIE_TEXT.test(visibleText(element));
}

/** A link or button that only works the page: skip to content, back to top, print, share. */
function isControl(element: Element, measure: TextMeasure): boolean {
  const candidate = ["a", "button", "span", "li", "p", "div"].includes(element.name);
  if (!candidate && element.attribs.role !== "button") return false;
  const weight = measure.weight(element);
  if (weight === 0 || weight > MAX_CONTROL_WEIGHT) return false;
  const text = visibleText(element);
  if (element.name === "a" && SKIP_LINK.test(text)) return true;
  if (BACK_TO_TOP.test(text)) return element.name !== "div" || measure.isLinkDense(element);
  const clickable =
    element.name === "a" || element.name === "button" || element.attribs.role === "button";
  return clickable && (PRINT_OR_SHARE.test(text) || WIDGET_LABEL.test(text));
}

/**
 * Links to the previous and next item or page: every link of the element is a pager link (or a
 * page number), at least one names a direction, and the rest is separators and the position.
 */
function isPager(element: Element, measure: TextMeasure): boolean {
  if (!PAGER_ELEMENTS.has(element.name)) return false;
  const weight = measure.weight(element);
  if (weight === 0 || weight > MAX_PAGER_WEIGHT) return false;
  // A link in running text ("<a>Næste møde</a> er flyttet") is part of the sentence.
  if (isLink(element) && !standsAlone(element)) return false;
  const links = isLink(element) ? [element] : elementsIn(element).filter(isLink);
  const labels = links.map((link) => visibleText(link));
  if (!labels.some((label) => PAGER_LINK.test(label))) return false;
  if (!labels.every((label) => PAGER_LINK.test(label) || /^\d{1,4}$/u.test(label))) return false;
  const rest = visibleText(withoutLinks(element));
  return PAGER_REST.test(rest);
}

/** No words stand right before or after the element, only white space and separators. */
function standsAlone(element: Element): boolean {
  const separatorsOnly = (node: AnyNode | null) =>
    node === null || !isText(node) || PAGER_REST.test(node.data);
  return separatorsOnly(element.prev) && separatorsOnly(element.next);
}

function isLink(element: Element): boolean {
  return (
    (element.name === "a" && element.attribs.href !== undefined) ||
    element.name === "button" ||
    element.attribs.role === "button" ||
    element.attribs.role === "link"
  );
}

/** A copy of the element's text nodes outside its links, as one text node. */
function withoutLinks(element: Element): Text {
  const parts: string[] = [];
  const visit = (node: AnyNode) => {
    if (isText(node)) parts.push(node.data);
    else if (isTag(node) && !isLink(node)) for (const child of node.children) visit(child);
    else if (isTag(node)) parts.push(" ");
  };
  if (!isLink(element)) for (const child of element.children) visit(child);
  return new Text(parts.join(""));
}
