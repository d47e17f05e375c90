import { readCaseNumber } from "../case-numbers.ts";
import { recogniseHeading } from "../headings.ts";
import { isTableOfContentsLine, type Line, previousNonBlank } from "../lines.ts";
import {
  type ItemStart,
  type LayoutDetector,
  matchMarkdownNumberedHeading,
  readClosedTitle,
  stripTimeSlot,
} from "./item-start.ts";

const NUMBERED_LINE = /^(\d{1,3})\.\s+(\S.*)$/u;
/** "1<TAB>Godkendelse af dagsorden (kl. 12.00-12.05)<TAB>1": a "Pkt Tekst Side" contents row. */
const CONTENTS_ROW = /^(\d{1,3})\.?(?:\t+|\s{2,})(.+?)(?:\t+|\s{2,}|\.{3,}\s*)(\d{1,3})$/u;
/** "1. Godkendelse af dagsorden ........ 2": a contents row with dotted leaders. */
const DOTTED_CONTENTS_ROW = /^(\d{1,3})\.?\s+(.+?)\s*\.{3,}\s*(\d{1,3})$/u;
const LOOKAHEAD_FOR_HEADING = 4;

/**
 * "N. Title (kl. 12.00-12.05)" items. An item line is confirmed either by the table of contents
 * ("Pkt Tekst Side") listing the same number with the same first word, or, without contents, by
 * a section heading following within a few lines. Numbered lists inside items ("1. at …") are
 * neither, so they stay text.
 */
export const numberedLayout: LayoutDetector = {
  name: "numbered",
  detect(lines) {
    const contents = readContents(lines);
    const starts: ItemStart[] = [];
    const unconfirmed: ItemStart[] = [];
    let lastNumber = 0;
    /** Numbered lines that are not items: list entries, whose followers are list entries too. */
    const listLines = new Set<number>();
    lines.forEach((line, index) => {
      if (index <= contents.lastIndex) return;
      const match = line.text.match(NUMBERED_LINE) ?? matchMarkdownNumberedHeading(line);
      if (!match || isTableOfContentsLine(line.text)) return;
      listLines.add(index);
      const number = Number(match[1]);
      const title = stripTimeSlot((match[2] ?? "").trim());
      if (number <= lastNumber || /^at\b/iu.test(title)) return;
      const previous = previousNonBlank(lines, index);
      if (contents.titles.size === 0 && previous !== undefined && listLines.has(previous)) return;
      const closedTitle = readClosedTitle(title.replace(/\.$/u, ""));
      // A closed item has no headings below it to confirm it; its "Lukket" title does.
      const confirmed =
        contents.titles.size > 0
          ? sameFirstWord(contents.titles.get(number), title)
          : closedTitle.closed || headingFollows(lines, index + 1);
      if (!confirmed) {
        if (contents.titles.size === 0 && standsApart(lines, index) && /^\p{Lu}/u.test(title))
          unconfirmed.push({ lineIndex: index, bodyIndex: index + 1, number, ...closedTitle });
        return;
      }
      lastNumber = number;
      listLines.delete(index);
      starts.push({ lineIndex: index, bodyIndex: index + 1, number, ...closedTitle });
    });
    return starts.length > 0 ? fillNumberGaps(starts, unconfirmed) : starts;
  },
};

/**
 * Items without a heading of their own ("1. Godkendelse af dagsorden" / "Godkendt.") between or
 * after confirmed ones: a line standing apart whose number fits the count is an item too.
 */
function fillNumberGaps(confirmed: ItemStart[], unconfirmed: readonly ItemStart[]): ItemStart[] {
  const accepted = [...confirmed];
  for (const candidate of unconfirmed) {
    const nextPosition = accepted.findIndex((start) => start.lineIndex > candidate.lineIndex);
    const next = nextPosition < 0 ? undefined : accepted[nextPosition];
    const previous = accepted[(nextPosition < 0 ? accepted.length : nextPosition) - 1];
    const fitsAfter = previous ? candidate.number === previous.number + 1 : candidate.number >= 1;
    const fitsBefore = next ? candidate.number < next.number : true;
    if (fitsAfter && fitsBefore) {
      accepted.splice(nextPosition < 0 ? accepted.length : nextPosition, 0, candidate);
    }
  }
  return accepted;
}

/** A blank line (or a markdown heading mark) before, and no numbered line right after: not a list entry. */
function standsApart(lines: readonly Line[], index: number): boolean {
  const before = lines[index - 1];
  const blankBefore = before === undefined || before.text === "";
  const heading = /^#{1,6}\s/u.test((lines[index] as Line).raw.trim());
  let after = index + 1;
  while (after < lines.length && (lines[after] as Line).text === "") after++;
  const next = lines[after];
  return (blankBefore || heading) && !(next && NUMBERED_LINE.test(next.text));
}

function readContents(lines: readonly Line[]): { titles: Map<number, string>; lastIndex: number } {
  const titles = new Map<number, string>();
  let lastIndex = -1;
  lines.forEach((line, index) => {
    const row = line.raw.trim();
    const match = row.match(CONTENTS_ROW) ?? row.match(DOTTED_CONTENTS_ROW);
    if (!match || titles.has(Number(match[1]))) return;
    titles.set(Number(match[1]), stripTimeSlot((match[2] ?? "").trim()));
    lastIndex = index;
  });
  return titles.size >= 2 ? { titles, lastIndex } : { titles: new Map(), lastIndex: -1 };
}

function sameFirstWord(contentsTitle: string | undefined, title: string): boolean {
  if (contentsTitle === undefined) return false;
  const firstWord = (text: string) => text.toLowerCase().split(/[\s,.:;-]+/u)[0] ?? "";
  return firstWord(contentsTitle) === firstWord(title);
}

function headingFollows(lines: readonly Line[], from: number): boolean {
  let seen = 0;
  for (let index = from; index < lines.length && seen < LOOKAHEAD_FOR_HEADING; index++) {
    const text = (lines[index] as Line).text;
    if (text === "" || readCaseNumber(text) !== undefined) continue;
    if (recogniseHeading(text)) return true;
    if (NUMBERED_LINE.test(text)) return false;
    seen++;
  }
  return false;
}
