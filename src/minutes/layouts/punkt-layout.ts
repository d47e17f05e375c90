import { readCaseNumber } from "../case-numbers.ts";
import { recogniseHeading } from "../headings.ts";
import { isTableOfContentsLine, type Line, nextNonBlank } from "../lines.ts";
import {
  CLOSED_MARK,
  type ItemStart,
  type LayoutDetector,
  OPEN_MARK,
  readClosedTitle,
  stripTimeSlot,
} from "./item-start.ts";

/**
 * "Punkt 30: …", "Punkt nr. 3, …", "Pkt. 3 – …", "Dagsordenspunkt 4. …", "Ad punkt 2: …",
 * "Ad 1. …", "Sag 45: …", "Åbent punkt 3 …", "Lukket punkt 4 …".
 */
const PUNKT_LINE =
  /^(?:(åben|åbent|lukket)\s+(?=punkt|pkt|dagsorden))?(?:ad\.?\s+(?:punkt\s*|pkt\.?\s*)?|(?:punkt|pkt\.?|dagsordens?punkt)\s*(?:nr\.?\s*)?|sag\s+(?=\d{1,3}\s*[:.\-–]))(\d{1,3})\s*[:.,)\-–]?\s*(.*)$/iu;
const MAX_TITLE_CONTINUATION_LINES = 2;
const WRAPPED_TITLE_LENGTH = 45;
/** A title line ending on "af", "for", "og" … or a comma has more to come: "Regnskab for" / "Ældrecentret Solhøj". */
const BREAKS_MID_PHRASE =
  /(?:(?<!\p{L})(?:af|for|til|om|i|og|med|på|ved|fra|under|mellem|samt|eller|den|det|de|en|et)|[,–-])$/iu;

/**
 * "Punkt 30: Godkendelse af dagsorden" items (Randers and many others). A title may wrap onto
 * the lines right below it; table-of-contents lines with dotted leaders are never items.
 */
export const punktLayout: LayoutDetector = {
  name: "punkt",
  detect(lines) {
    const starts: ItemStart[] = [];
    lines.forEach((line, index) => {
      const match = line.text.match(PUNKT_LINE);
      if (!match || isTableOfContentsLine(line.text)) return;
      let title = (match[3] ?? "").trim();
      // "Punkt 3 blev udsat" is prose about an item, not an item.
      if (/^\p{Ll}/u.test(title)) return;
      let bodyIndex = index + 1;
      if (title === "") {
        const next = nextNonBlank(lines, bodyIndex);
        if (next === undefined) return;
        title = (lines[next] as Line).text;
        bodyIndex = next + 1;
      }
      for (let extra = 0; extra < MAX_TITLE_CONTINUATION_LINES; extra++) {
        const next = lines[bodyIndex];
        if (!next || !continuesTitle(title, next)) break;
        title = `${title} ${next.text}`;
        bodyIndex++;
      }
      const read = readClosedTitle(stripTimeSlot(title));
      const closed = read.closed || match[1]?.toLowerCase() === "lukket";
      starts.push({ lineIndex: index, bodyIndex, number: Number(match[2]), ...read, closed });
    });
    return keepFullestOccurrence(starts, lines);
  },
};

/**
 * A wrapped title goes on in lower case ("… renovering af" / "svømmehallen i Nørreby"), after a
 * line that stops mid-phrase, or after a title line long enough to have wrapped; "Eventuelt" followed by "Intet." is a title and its text.
 */
function continuesTitle(title: string, line: Line): boolean {
  if (
    line.text === "" ||
    PUNKT_LINE.test(line.text) ||
    readCaseNumber(line.text) !== undefined ||
    recogniseHeading(line.text) !== undefined ||
    CLOSED_MARK.test(line.text) ||
    OPEN_MARK.test(line.text)
  )
    return false;
  const goesOnInLowerCase = /^[\p{Ll}\d(&–-]/u.test(line.text);
  const breaksMidPhrase = BREAKS_MID_PHRASE.test(title);
  const looksWrapped = title.length >= WRAPPED_TITLE_LENGTH && !/[.!?]$/u.test(line.text);
  return goesOnInLowerCase || breaksMidPhrase || looksWrapped;
}

/**
 * A number listed twice (an agenda overview before the items, without dotted leaders) keeps the
 * occurrence with the most body lines.
 */
function keepFullestOccurrence(starts: ItemStart[], lines: readonly Line[]): ItemStart[] {
  const bodySize = (position: number) => {
    const start = starts[position] as ItemStart;
    const end = starts[position + 1]?.lineIndex ?? lines.length;
    return lines.slice(start.bodyIndex, end).filter((line) => line.text !== "").length;
  };
  const best = new Map<number, number>();
  starts.forEach((start, position) => {
    const current = best.get(start.number);
    if (current === undefined || bodySize(position) > bodySize(current))
      best.set(start.number, position);
  });
  return starts.filter((start, position) => best.get(start.number) === position);
}
