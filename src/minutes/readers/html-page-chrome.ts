import type { CheerioAPI } from "cheerio";
import { type Element, isTag } from "domhandler";
import {
  elementsIn,
  hasSectioningAncestor,
  isLinkDense,
  nameTokens,
  textWeight,
  visibleText,
} from "./html-dom.ts";

/**
 * Removes what a municipal web page wraps around its minutes: navigation, the site header and
 * footer, sidebars, skip links, cookie banners, breadcrumbs, "Til toppen" links, print and share
 * buttons, and search forms. Landmark elements (`nav`, `aside`, ARIA roles) go by what they are;
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
const CHROME_NAMES =
  /^(?:nav|navbar|navigation|main-?nav|menu|main-?menu|top-?menu|left-?menu|sub-?menu|mega-?menu|service-?menu|sidebar|side-?menu|breadcrumbs?|br[øo]dkrumme|skip-?links?|site-?header|site-?footer|page-?footer|footer|header|masthead|sidefod|sidehoved|toolbar|tools|share|sharing|social|some|print|quick-?links|genveje|related|relaterede)$/u;
const COOKIE_NAMES = /cookie|cybotcookiebot|coi-?banner|coioverlay|consent/u;
const COOKIE_TEXT = /^(?:[\p{L}.-]+\s+){0,6}(?:bruger|anvender)\s+cookies\b/iu;
const BREADCRUMB_LABEL = /breadcrumb|br[øo]dkrumme|du er her/iu;
const BREADCRUMB_TEXT = /^(?:du er her:?\s*)?(?:hjem|forside|startside|start|home)\s*[›»>/|]/iu;
const SKIP_LINK = /^(?:skip|spring|gå|hop)\s+(?:direkte\s+)?(?:til|to|over)\b/iu;
const BACK_TO_TOP =
  /^(?:[↑▲^]\s*)?(?:(?:tilbage\s+)?til\s+(?:top|toppen)|(?:back\s+)?to\s+top)(?:\s*[↑▲^])?$/iu;
const PRINT_OR_SHARE =
  /^(?:print|printvenlig(?: version)?|udskriv(?: siden)?|del(?: siden| på \p{L}+)?|share|facebook|twitter|linkedin|e-?mail|send (?:til en ven|link)|tip en ven|læs op|lyt(?: til siden)?)$/iu;
const CONTAINERS = new Set(["div", "section", "aside", "dialog", "p", "form", "ul", "ol", "table"]);
/** The share of the page's text above which an element is content, whatever it is called. */
const CONTENT_SHARE = 0.5;
const MAX_BANNER_WEIGHT = 1500;

export function removePageChrome($: CheerioAPI, body: Element): void {
  const pageWeight = Math.max(1, textWeight(body));
  const holdsMostOfPage = (element: Element) => textWeight(element) > pageWeight * CONTENT_SHARE;
  const doomed = new Set<Element>();
  const mark = (element: Element) => {
    if (!holdsMostOfPage(element)) doomed.add(element);
  };

  for (const element of $(LANDMARKS, body).toArray()) if (isTag(element)) mark(element);
  for (const element of elementsIn(body)) {
    const name = element.name;
    const tokens = nameTokens(element);
    if ((name === "header" || name === "footer") && !hasSectioningAncestor(element)) {
      if (name === "footer" || !isItemHeader(element)) mark(element);
    } else if (tokens.some((token) => COOKIE_NAMES.test(token))) mark(element);
    else if (isBreadcrumb(element)) mark(element);
    else if (name === "form" && textWeight(element) * 10 < pageWeight) mark(element);
    else if (name === "dialog" || element.attribs.role === "dialog") {
      if (COOKIE_TEXT.test(visibleText(element))) mark(element);
    } else if (CONTAINERS.has(name) && isCookieBanner(element)) mark(element);
    else if (tokens.some((token) => CHROME_NAMES.test(token)) && isLinkDense(element)) {
      if (!hasSectioningAncestor(element)) mark(element);
    } else if (isControl(element)) mark(element);
  }
  for (const element of doomed) $(element).remove();
}

/** A breadcrumb trail: named so, or a short line "Hjem › Politik › …". */
export function isBreadcrumb(element: Element): boolean {
  const label = `${element.attribs["aria-label"] ?? ""} ${nameTokens(element).join(" ")}`;
  if (BREADCRUMB_LABEL.test(label)) return true;
  if (!["nav", "ol", "ul", "div", "p"].includes(element.name)) return false;
  const text = visibleText(element);
  return text.length < 400 && BREADCRUMB_TEXT.test(text);
}

/** A `<header>` that heads an agenda item rather than the site: it holds a sub-heading and is not mostly links. */
function isItemHeader(element: Element): boolean {
  return elementsIn(element).some((inner) => /^h[2-6]$/u.test(inner.name)) && !isLinkDense(element);
}

function isCookieBanner(element: Element): boolean {
  return textWeight(element) < MAX_BANNER_WEIGHT && COOKIE_TEXT.test(visibleText(element));
}

/** A link or button that only works the page: skip to content, back to top, print, share. */
function isControl(element: Element): boolean {
  if (!["a", "button", "span", "li", "p", "div"].includes(element.name)) return false;
  const text = visibleText(element);
  if (text === "" || text.length > 60) return false;
  if (element.name === "a" && SKIP_LINK.test(text)) return true;
  if (BACK_TO_TOP.test(text)) return element.name !== "div" || isLinkDense(element);
  return (element.name === "a" || element.name === "button") && PRINT_OR_SHARE.test(text);
}
