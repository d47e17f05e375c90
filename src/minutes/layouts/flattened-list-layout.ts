import { type ItemStart, type LayoutDetector, readClosedTitle } from "./item-start.ts";

const FLATTENED_ITEM = /^1\.\s+(\S.*)$/u;
const MIN_ITEMS = 3;
/** Abbreviations whose full stop does not end a title ("v. Tine Horn", "vedr. seniorer"). */
const ABBREVIATIONS = new Set([
  "v",
  "vedr",
  "ang",
  "bl.a",
  "bla",
  "ml",
  "pga",
  "ift",
  "inkl",
  "ca",
  "jf",
  "mht",
  "evt",
  "mv",
  "nr",
  "pkt",
  "kl",
  "min",
  "ekskl",
  "dvs",
  "fx",
  "f.eks",
  "iht",
  "vha",
  "sept",
  "okt",
  "nov",
  "dec",
  "jan",
  "feb",
  "aug",
  "st",
  "hr",
  "fru",
  "dr",
  "mio",
  "mia",
  "kr",
]);
const LAST_ITEM_TITLES = /^(evt\.?|eventuelt\.?)(?=\s|$)/iu;
const MAX_TITLE_LENGTH = 160;

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
    return itemLines.map(({ line, index }, position): ItemStart => {
      const content = (line.text.match(FLATTENED_ITEM)?.[1] ?? "").trim();
      const { title, rest } = splitTitle(content);
      const start: ItemStart = {
        lineIndex: index,
        bodyIndex: index + 1,
        number: position + 1,
        ...readClosedTitle(title),
      };
      return rest === ""
        ? start
        : { ...start, inlineBody: { number: line.number, raw: rest, text: rest } };
    });
  },
};

export function splitTitle(content: string): { title: string; rest: string } {
  const lastItem = content.match(LAST_ITEM_TITLES);
  if (lastItem)
    return { title: (lastItem[1] ?? "").trim(), rest: content.slice(lastItem[0].length).trim() };

  const parenthesis = content.indexOf("(");
  const sentenceEnd = findSentenceEnd(content);
  const cut = [parenthesis, sentenceEnd]
    .filter((position) => position > 0)
    .sort((a, b) => a - b)[0];
  if (cut === undefined || cut > MAX_TITLE_LENGTH) {
    return {
      title: content.slice(0, MAX_TITLE_LENGTH).trim(),
      rest: content.slice(MAX_TITLE_LENGTH).trim(),
    };
  }
  const title = content
    .slice(0, cut)
    .replace(/[\s.:–-]+$/u, "")
    .trim();
  const rest = content
    .slice(cut)
    .replace(/^\.\s*/u, "")
    .trim();
  return { title, rest };
}

/** Index of the first full stop that ends a sentence (not an abbreviation or a number). */
function findSentenceEnd(text: string): number {
  const pattern = /\.(\s|$)/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const before = text.slice(0, match.index);
    const word = (before.match(/([\p{L}.]+)$/u)?.[1] ?? "").toLowerCase();
    if (/\d$/u.test(before) || ABBREVIATIONS.has(word)) continue;
    return match.index;
  }
  return -1;
}
