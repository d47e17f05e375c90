import type { CheerioAPI } from "cheerio";
import { type Element, isTag } from "domhandler";
import { ancestors, createTextMeasure, nameTokens, type TextMeasure } from "./html-dom.ts";

/**
 * The element of a page (chrome already removed) that holds its minutes. In order of trust:
 * the page's own landmark (`main`, `role=main`), a content container by id or class ("content",
 * "indhold"), its articles (one per item on some sites: then the element holding all of them),
 * and else text density: starting at the body, step into the child holding most of the text
 * that is not link text, as long as everything beside it is mostly links (a menu column in a
 * table layout).
 *
 * Density never steps past text that is not links: the meeting header ("Referat til mødet i
 * Økonomiudvalget den 26. april 2017") often sits beside the container of the items and holds
 * only a sliver of the text, so "the element with most of the text" alone would cut it off. For
 * the same reason the content before the first heading is not treated as furniture (Docling's
 * default for HTML): on SBSYS, eDoc and CMS agenda pages that is where the meeting's body, date
 * and place are.
 */

export type ContentMethod = "main" | "content-name" | "articles" | "density";

export interface MainContent {
  root: Element;
  method: ContentMethod;
}

const CONTENT_NAMES =
  /^(?:main|main-?content|maincontent|content|content-?main|page-?content|site-?content|primary|article|hovedindhold|content-?area|contentarea|bodycontent)$/u;
/** Containers that can hold a page's content; a table or list named "content" is a table of contents. */
const CONTAINER_TAGS = new Set(["div", "section", "article", "main", "td"]);
/** A candidate must hold this share of the page's text to be its content. */
const MIN_SHARE = 0.4;
/** Density steps into a child holding this share of its parent's text. */
const DENSITY_SHARE = 0.6;

export function findMainContent($: CheerioAPI, body: Element): MainContent {
  const measure = createTextMeasure();
  const pageWeight = Math.max(1, measure.weight(body));
  const heaviest = (elements: Element[]) =>
    elements
      .map((element) => ({ element, weight: measure.weight(element) }))
      .filter(({ weight }) => weight >= pageWeight * MIN_SHARE)
      .sort((a, b) => b.weight - a.weight)[0]?.element;

  const landmark = heaviest($("main, [role=main]", body).toArray());
  if (landmark) return { root: landmark, method: "main" };

  const named = heaviest(
    $("[id], [class]", body)
      .toArray()
      .filter((element) => CONTAINER_TAGS.has(element.name))
      .filter((element) => nameTokens(element).some((token) => CONTENT_NAMES.test(token))),
  );
  // The heaviest is the outermost of nested containers, so a meeting header beside an inner one stays.
  if (named) return { root: named, method: "content-name" };

  const articles = $("article", body).toArray();
  const holder = articles.length > 0 ? commonAncestor(articles, body) : undefined;
  if (holder && measure.weight(holder) >= pageWeight * MIN_SHARE && holder !== body) {
    return { root: holder, method: "articles" };
  }
  return { root: byDensity(body, measure), method: "density" };
}

function commonAncestor(elements: Element[], body: Element): Element | undefined {
  const [first, ...rest] = elements;
  if (first === undefined) return undefined;
  if (rest.length === 0) return first;
  const chain = [first, ...ancestors(first)];
  return (
    chain.find((candidate) => rest.every((other) => ancestors(other).includes(candidate))) ?? body
  );
}

function byDensity(body: Element, measure: TextMeasure): Element {
  /** Text that is not link text: what minutes are made of, and menus are not. */
  const proseWeight = (element: Element) => measure.weight(element) - measure.links(element);
  let current = body;
  for (;;) {
    const weight = proseWeight(current);
    const children = current.children.filter(isTag);
    const heaviest = children
      .map((child) => ({ child, weight: proseWeight(child) }))
      .sort((a, b) => b.weight - a.weight)[0];
    if (
      heaviest === undefined ||
      heaviest.weight === 0 ||
      heaviest.weight < weight * DENSITY_SHARE
    ) {
      return current;
    }
    // Loose text beside the child (text nodes of `current` itself) is content too.
    const looseText = weight - children.reduce((sum, child) => sum + proseWeight(child), 0);
    const others = children.filter((child) => child !== heaviest.child);
    const besideIsChrome = others.every(
      (other) => proseWeight(other) === 0 || measure.isLinkDense(other),
    );
    if (looseText > 0 || !besideIsChrome) {
      return current;
    }
    current = heaviest.child;
  }
}
