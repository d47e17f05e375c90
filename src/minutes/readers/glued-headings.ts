import { readCaseNumber } from "../case-numbers.ts";
import { recogniseHeading } from "../headings.ts";
import type { Line } from "../lines.ts";

/**
 * Some exports flatten an item to one text in which headings are glued to their neighbours:
 * "Sagsnr.: 12/40001SammendragForvaltningen fremlægger …", "… godkendes.IndstillingDirektøren
 * indstiller, at …", "Social- og Sundhedsudvalgets beslutning den 04.12.2012Godkendt." A glue
 * point is where a capital letter follows a lower-case letter, digit or closing punctuation with
 * no space between; the pieces between glue points that `recogniseHeading` knows become heading
 * lines, and the rest is joined back exactly as it was. A labelled case number line is taken out.
 */

const GLUE_POINT = /(?<=[\p{Ll}\d.:;!?)\]»”])(?=\p{Lu})/u;
const CASE_LABEL = /^(?:sags?\s*nr\.?|sagsnummer|j\.\s*nr\.?|journalnr\.?)\s*:?\s*/iu;
/** "Beslutning: Godkendt.": a heading word and its text on one line. */
const COLON_LEAD = /^(\p{L}[\p{L} ]{2,40}?)\s*:\s+(\S.*)$/u;

export interface UngluedText {
  lines: Line[];
  caseNumber: string | null;
}

export function unglueHeadings(text: string): UngluedText {
  const lines: Line[] = [];
  let caseNumber: string | null = null;
  text.split(/\r?\n/u).forEach((rawLine, index) => {
    const number = index + 1;
    const line = rawLine.replace(/\s+/gu, " ").trim();
    if (line === "") {
      lines.push({ number, raw: "", text: "" });
      return;
    }
    for (const part of unglueLine(line)) {
      const labelled = CASE_LABEL.test(part) ? readCaseNumber(part) : undefined;
      if (labelled !== undefined) {
        caseNumber ??= labelled;
        continue;
      }
      lines.push({ number, raw: part, text: part });
    }
  });
  return { lines, caseNumber };
}

/** One line → its heading pieces and text pieces, in order. */
function unglueLine(line: string): string[] {
  const parts: string[] = [];
  let text = "";
  const flush = () => {
    if (text.trim() !== "") parts.push(...splitColonLead(text.trim()));
    text = "";
  };
  for (const piece of line.split(GLUE_POINT)) {
    if (isGluedHeading(piece)) {
      flush();
      parts.push(piece.trim());
    } else {
      text += piece;
    }
  }
  flush();
  return parts;
}

function isGluedHeading(piece: string): boolean {
  const trimmed = piece.trim();
  return trimmed !== "" && !/[.!?]$/u.test(trimmed) && recogniseHeading(trimmed) !== undefined;
}

function splitColonLead(text: string): string[] {
  const match = text.match(COLON_LEAD);
  const heading = match?.[1];
  const rest = match?.[2];
  if (!heading || !rest) return [text];
  const recognised = recogniseHeading(heading);
  if (!recognised || recognised.weak || recognised.phrase) return [text];
  return [heading.trim(), rest];
}
