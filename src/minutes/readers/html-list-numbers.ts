import { type Element, isTag } from "domhandler";
import { toRoman } from "../roman-numerals.ts";

/**
 * The markers a browser shows before the items of an ordered list: "1.", "2." … from `start`
 * (counting down from the number of items when `reversed`), a `value` on an item setting its own
 * number and those after it, and `type` ("a", "A", "i", "I") or an inline `list-style-type`
 * choosing letters or roman numerals ("a.", "iv."). A nested list counts on its own. Items the
 * browser shows no number for (`list-style-type: none`, bullets) get none.
 */

type Style = "decimal" | "lower-alpha" | "upper-alpha" | "lower-roman" | "upper-roman" | "none";

const TYPE_ATTRIBUTE: Record<string, Style> = {
  "1": "decimal",
  a: "lower-alpha",
  A: "upper-alpha",
  i: "lower-roman",
  I: "upper-roman",
};

const CSS_STYLES: Record<string, Style> = {
  decimal: "decimal",
  "decimal-leading-zero": "decimal",
  "lower-alpha": "lower-alpha",
  "lower-latin": "lower-alpha",
  "upper-alpha": "upper-alpha",
  "upper-latin": "upper-alpha",
  "lower-roman": "lower-roman",
  "upper-roman": "upper-roman",
  none: "none",
  disc: "none",
  circle: "none",
  square: "none",
};

const LIST_STYLE = /list-style(?:-type)?\s*:\s*([a-z-]+)/iu;

/** Each `<li>` child of `list` with the marker the browser shows before it. */
export function listMarkers(list: Element): Map<Element, string> {
  const items = list.children.filter(
    (child): child is Element => isTag(child) && child.name.toLowerCase() === "li",
  );
  const reversed = list.attribs.reversed !== undefined;
  const start = integer(list.attribs.start) ?? (reversed ? items.length : 1);
  const listStyle = styleOf(list) ?? "decimal";
  const markers = new Map<Element, string>();
  let next = start;
  for (const item of items) {
    const value = integer(item.attribs.value) ?? next;
    next = reversed ? value - 1 : value + 1;
    const style = styleOf(item) ?? listStyle;
    const marker = format(value, style);
    if (marker !== undefined) markers.set(item, `${marker}.`);
  }
  return markers;
}

/** Whether the item's text starts with its own number already ("1. …", "1) …", "a) …"). */
export function startsWithMarker(text: string, marker: string): boolean {
  const ordinal = marker.slice(0, -1);
  if (!text.startsWith(ordinal)) return false;
  return /^[.):]/u.test(text.slice(ordinal.length));
}

function styleOf(element: Element): Style | undefined {
  const css = LIST_STYLE.exec(element.attribs.style ?? "")?.[1]?.toLowerCase();
  const fromCss = css === undefined ? undefined : CSS_STYLES[css];
  if (fromCss !== undefined) return fromCss;
  const type = element.attribs.type;
  return type === undefined ? undefined : TYPE_ATTRIBUTE[type.trim()];
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[-+]?\d+\s*$/u.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

function format(value: number, style: Style): string | undefined {
  switch (style) {
    case "none":
      return undefined;
    case "lower-alpha":
    case "upper-alpha": {
      // Browsers fall back to decimal where letters cannot count (zero and below).
      if (value < 1) return String(value);
      const letters = alphabetic(value);
      return style === "lower-alpha" ? letters : letters.toUpperCase();
    }
    case "lower-roman":
    case "upper-roman": {
      if (value < 1 || value > 3999) return String(value);
      const numeral = toRoman(value);
      return style === "lower-roman" ? numeral.toLowerCase() : numeral;
    }
    default:
      return String(value);
  }
}

/** 1 → a, 26 → z, 27 → aa (the CSS alphabetic counter). */
function alphabetic(value: number): string {
  let text = "";
  let rest = value;
  while (rest > 0) {
    rest -= 1;
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  }
  return text;
}
