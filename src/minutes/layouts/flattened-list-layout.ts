import { itemOnOneLine, type LayoutDetector } from "./item-start.ts";
import { splitTitle } from "./title-text.ts";

const FLATTENED_ITEM = /^1\.\s+(\S.*)$/u;
const MIN_ITEMS = 3;

/**
 * An auto-numbered list flattened to text: every item is written "1. …", its text running on in
 * the same paragraph and sometimes the next. Items are numbered 1, 2, 3 … in order. The title is
 * what comes before the first parenthesis or the first sentence end; the rest is the item's text.
 */
export const flattenedListLayout: LayoutDetector = {
  name: "flattened-list",
  detect(lines) {
    const itemLines = lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.raw === line.raw.trimStart() && FLATTENED_ITEM.test(line.text));
    if (itemLines.length < MIN_ITEMS) return [];
    return itemLines.map(({ line, index }, position) => {
      const content = (line.text.match(FLATTENED_ITEM)?.[1] ?? "").trim();
      return itemOnOneLine(lines, index, position + 1, splitTitle(content));
    });
  },
};
