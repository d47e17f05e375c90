import { type AnyNode, type Element, isTag, isText } from "domhandler";
import { normaliseInlineText } from "../blocks.ts";

/** Small questions about a page's DOM that finding its content asks again and again. */

const NOT_TEXT = new Set(["script", "style", "noscript", "template", "head", "svg"]);
const SECTIONING = new Set(["article", "aside", "main", "nav", "section"]);
/** Elements that run on within a line; any other element separates words. */
const INLINE = new Set(
  "a abbr b bdi bdo cite code data dfn em font i kbd label mark nobr q s samp small span strong sub sup time u var wbr".split(
    " ",
  ),
);

/** The text a reader sees in a node, white space collapsed. */
export function visibleText(node: AnyNode): string {
  return normaliseInlineText(rawText(node));
}

/** How much text a node holds: letters and digits, so that markup white space does not count. */
export function textWeight(node: AnyNode): number {
  return (rawText(node).match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** How much of a node's text sits in links (navigation is mostly links; minutes are not). */
export function linkWeight(node: AnyNode): number {
  if (!isTag(node) || NOT_TEXT.has(node.name)) return 0;
  if (node.name === "a" && node.attribs.href !== undefined) return textWeight(node);
  return node.children.reduce((sum, child) => sum + linkWeight(child), 0);
}

/** At least half of the node's text is link text. */
export function isLinkDense(node: AnyNode): boolean {
  const weight = textWeight(node);
  return weight > 0 && linkWeight(node) * 2 >= weight;
}

/**
 * The same measures, remembered per node for one pass over an unchanging DOM: a pass that asks
 * for every element's weight then costs one walk of the page instead of one walk per element.
 */
export interface TextMeasure {
  weight(node: AnyNode): number;
  links(node: AnyNode): number;
  isLinkDense(node: AnyNode): boolean;
}

export function createTextMeasure(): TextMeasure {
  const weights = new WeakMap<AnyNode, number>();
  const linkWeights = new WeakMap<AnyNode, number>();
  const weight = (node: AnyNode): number => {
    const known = weights.get(node);
    if (known !== undefined) return known;
    let value = 0;
    if (isText(node)) value = (node.data.match(/[\p{L}\p{N}]/gu) ?? []).length;
    else if (isTag(node) && !NOT_TEXT.has(node.name)) {
      value = node.children.reduce((sum, child) => sum + weight(child), 0);
    }
    weights.set(node, value);
    return value;
  };
  const links = (node: AnyNode): number => {
    const known = linkWeights.get(node);
    if (known !== undefined) return known;
    let value = 0;
    if (isTag(node) && !NOT_TEXT.has(node.name)) {
      value =
        node.name === "a" && node.attribs.href !== undefined
          ? weight(node)
          : node.children.reduce((sum, child) => sum + links(child), 0);
    }
    linkWeights.set(node, value);
    return value;
  };
  return {
    weight,
    links,
    isLinkDense: (node) => {
      const total = weight(node);
      return total > 0 && links(node) * 2 >= total;
    },
  };
}

/** The id and class names of an element, lower-cased. */
export function nameTokens(element: Element): string[] {
  return `${element.attribs.id ?? ""} ${element.attribs.class ?? ""}`
    .toLowerCase()
    .split(/\s+/u)
    .filter((token) => token !== "");
}

export function ancestors(node: AnyNode): Element[] {
  const found: Element[] = [];
  let parent = node.parent;
  while (parent !== null && isTag(parent)) {
    found.push(parent);
    parent = parent.parent;
  }
  return found;
}

export function contains(ancestor: Element, node: AnyNode): boolean {
  return ancestors(node).includes(ancestor);
}

/** Inside an article, aside, main, nav or section (where header and footer are not page chrome), or a `role=main` element. */
export function hasSectioningAncestor(node: AnyNode): boolean {
  return ancestors(node).some(
    (element) => SECTIONING.has(element.name) || element.attribs.role === "main",
  );
}

/** Every element under `root`, in document order. */
export function elementsIn(root: AnyNode): Element[] {
  const found: Element[] = [];
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    found.push(node);
    for (const child of node.children) visit(child);
  };
  if (isTag(root)) for (const child of root.children) visit(child);
  else if ("children" in root) for (const child of root.children as AnyNode[]) visit(child);
  return found;
}

function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || NOT_TEXT.has(node.name)) return "";
  if (node.name === "br") return " ";
  const inner = node.children.map(rawText).join("");
  return INLINE.has(node.name) ? inner : ` ${inner} `;
}
