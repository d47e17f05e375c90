import { readCaseNumber } from "../case-numbers.ts";
import { recogniseHeading } from "../headings.ts";
import { type Line, nextNonBlank } from "../lines.ts";
import { isGroupLine } from "./group-lines.ts";
import type { Candidate } from "./item-evidence.ts";
import { readClosedTitle, readStatusLine, stripTimeSlot } from "./status-marks.ts";
import { splitTitle, splitTitleFromText, withoutFinalStop } from "./title-text.ts";

/** Where an agenda item begins and what its title line says. */
export interface ItemStart {
  /** Index into the line array of the item's title line. */
  lineIndex: number;
  /** Index of the first line of the item's body (after the title and any continuation of it). */
  bodyIndex: number;
  number: number;
  title: string;
  closed: boolean;
  /** Text written on the title line after the title ("1. Godkendelse af referat. Godkendt."). */
  inlineBody?: Line;
}

export interface TitleOptions {
  /** Every item was written "1." (an auto-numbered list flattened to text): titles end at a parenthesis too. */
  flattened: boolean;
}

const MAX_TITLE_CONTINUATION_LINES = 2;
const WRAPPED_TITLE_LENGTH = 45;
/** A title line ending on "af", "for", "og" … or a comma has more to come: "Regnskab for" / "Ældrecentret Solhøj". */
const BREAKS_MID_PHRASE =
  /(?:(?<!\p{L})(?:af|for|til|om|i|og|med|på|ved|fra|under|mellem|samt|eller|den|det|de|en|et)|[,–-])$/iu;

export function readItemStart(
  lines: readonly Line[],
  candidate: Candidate,
  markerLines: ReadonlySet<number>,
  options: TitleOptions,
): ItemStart {
  const titleLine = lines[candidate.lineIndex] as Line;
  let content = candidate.rest;
  let bodyIndex = candidate.lineIndex + 1;
  if (content === "") {
    // "Punkt 3:" with the title on the next line.
    const next = nextNonBlank(lines, bodyIndex);
    if (next !== undefined && !markerLines.has(next)) {
      content = (lines[next] as Line).text;
      bodyIndex = next + 1;
    }
  }
  // Text files wrap long titles onto the next line; readers of other formats have joined them already.
  if (titleLine.cue === undefined) {
    for (let extra = 0; extra < MAX_TITLE_CONTINUATION_LINES; extra++) {
      const next = lines[bodyIndex];
      if (!next || markerLines.has(bodyIndex) || !continuesTitle(content, next)) break;
      content = `${content} ${next.text}`;
      bodyIndex++;
    }
  }
  // A contents row as the title ("Godkendelse af dagsorden ........ 4"): without its leaders and page.
  content = stripTimeSlot(content.replace(/\s*\.{3,}\s*\d{0,4}\s*$/u, ""));
  const structureBelow =
    candidate.cues.includes("section-heading-below") ||
    candidate.cues.includes("case-or-status-below");
  const split = options.flattened
    ? splitTitle(content)
    : candidate.scheme === "punkt" || structureBelow || candidate.styled
      ? { title: content, rest: "" }
      : splitTitleFromText(content);
  const read = readClosedTitle(withoutFinalStop(split.title));
  const start: ItemStart = {
    lineIndex: candidate.lineIndex,
    bodyIndex,
    number: candidate.number,
    title: withoutFinalStop(read.title),
    closed: read.closed || candidate.closedByMarker,
  };
  if (split.rest !== "")
    start.inlineBody = { number: titleLine.number, raw: split.rest, text: split.rest };
  return start;
}

/**
 * A wrapped title goes on in lower case ("… renovering af" / "svømmehallen i Nørreby"), after a
 * line that stops mid-phrase, or after a title line long enough to have wrapped; "Eventuelt"
 * followed by "Intet." is a title and its text.
 */
function continuesTitle(title: string, line: Line): boolean {
  if (
    line.text === "" ||
    line.cue !== undefined ||
    readCaseNumber(line.text) !== undefined ||
    recogniseHeading(line.text) !== undefined ||
    readStatusLine(line.text) !== undefined ||
    isGroupLine(line.text)
  )
    return false;
  const goesOnInLowerCase = /^[\p{Ll}\d(&–-]/u.test(line.text);
  const breaksMidPhrase = BREAKS_MID_PHRASE.test(title);
  const looksWrapped = title.length >= WRAPPED_TITLE_LENGTH && !/[.!?]$/u.test(line.text);
  return goesOnInLowerCase || breaksMidPhrase || looksWrapped;
}
