/**
 * Splits a section's text into the units an extractive answer quotes: sentences, with a line
 * that introduces a list ("… hos følgende parter:") kept together with the list it introduces,
 * so the quote carries the answer. Units are verbatim slices of the text, with their offsets.
 */

export interface TextUnit {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    "bl.a f.eks fx jf kl ca nr pkt d dvs mht vedr evt inkl ekskl mio mia kr tlf att ift ml " +
    "st hhv sek ang iflg mr mrs dr no vs etc e.g i.e stk pga iht jvf afd adm"
  ).split(" "),
);

const MAX_LIST_LINES = 12;
const MAX_LIST_LINE_LENGTH = 200;

export function splitIntoUnits(text: string): TextUnit[] {
  const lines = linesWithOffsets(text);
  const units: TextUnit[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    index += 1;
    if (!line || line.text.trim() === "") continue;
    const sentences = splitSentences(line.text, line.start);
    const last = sentences.at(-1);
    if (last && /:\s*$/.test(last.text)) {
      // An introduction to a list: attach the list lines that follow (bullets or short lines).
      let end = last.end;
      let taken = 0;
      let bulleted: boolean | undefined;
      while (index < lines.length && taken < MAX_LIST_LINES) {
        const next = lines[index];
        if (!next) break;
        if (next.text.trim() === "") {
          index += 1;
          continue;
        }
        // A list keeps the style it starts with: bullets, or short plain lines.
        bulleted ??= isBulleted(next.text);
        if (bulleted ? !isBulleted(next.text) : !isShortPlainLine(next.text)) break;
        end = next.end;
        taken += 1;
        index += 1;
      }
      if (taken > 0) {
        sentences[sentences.length - 1] = {
          text: text.slice(last.start, end),
          start: last.start,
          end,
        };
      }
    }
    units.push(...sentences);
  }
  return units;
}

function isBulleted(line: string): boolean {
  return /^([-–•*]|\d+[.)])\s/.test(line.trim());
}

function isShortPlainLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= MAX_LIST_LINE_LENGTH && !/[.!?:]["”»)]?$/.test(trimmed);
}

function linesWithOffsets(text: string): TextUnit[] {
  const lines: TextUnit[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    lines.push({ text: raw, start, end: start + raw.length });
    start += raw.length + 1;
  }
  return lines;
}

/** Sentences within one line; offsets relative to the whole text, whitespace trimmed. */
function splitSentences(line: string, offset: number): TextUnit[] {
  const units: TextUnit[] = [];
  // After ., ! or ?, and after a parenthesis closed with a colon ("(orientering – 5 min.): Carsten …").
  const boundary = /(?:[.!?]["”»)]?|\):)\s+(?=["“«(]?[\p{Lu}\d])/gu;
  let sentenceStart = 0;
  for (const match of line.matchAll(boundary)) {
    const periodAt = match.index;
    if (line[periodAt] === "." && isAbbreviationBefore(line, periodAt)) continue;
    // "1. Udkast til …": the number of a list entry, not the end of a sentence.
    if (/^\s*\d+$/.test(line.slice(sentenceStart, periodAt))) continue;
    const end = periodAt + match[0].trimEnd().length;
    pushTrimmed(units, line, sentenceStart, end, offset);
    sentenceStart = periodAt + match[0].length;
  }
  pushTrimmed(units, line, sentenceStart, line.length, offset);
  return units;
}

const LETTER = /\p{L}/u;

function isAbbreviationBefore(line: string, periodAt: number): boolean {
  // The run of letters and periods that ends at the period (astral letters are two code units).
  let start = periodAt;
  while (start > 0) {
    const isPair =
      start >= 2 && isSurrogate(line, start - 1, 0xdc00) && isSurrogate(line, start - 2, 0xd800);
    const character = isPair ? line.slice(start - 2, start) : line.charAt(start - 1);
    if (character !== "." && !LETTER.test(character)) break;
    start -= character.length;
  }
  if (start === periodAt) return false;
  const before = line.slice(start, periodAt).toLowerCase();
  return ABBREVIATIONS.has(before) || /^\p{L}$/u.test(before);
}

function isSurrogate(text: string, at: number, first: number): boolean {
  const code = text.charCodeAt(at);
  return code >= first && code <= first + 0x3ff;
}

function pushTrimmed(units: TextUnit[], line: string, from: number, to: number, offset: number) {
  const slice = line.slice(from, to);
  const leading = slice.length - slice.trimStart().length;
  const trimmed = slice.trim();
  if (trimmed === "") return;
  const start = offset + from + leading;
  units.push({ text: trimmed, start, end: start + trimmed.length });
}

/**
 * The entries of a unit that holds a list (the lines after its introduction), each a verbatim
 * slice of `text` with its offsets; none for a unit of one line. A long list is quoted by the
 * entry that holds the answer rather than by an opening cut off before it.
 */
export function listEntries(text: string, unit: TextUnit): TextUnit[] {
  const lines = linesWithOffsets(text.slice(unit.start, unit.end));
  const entries: TextUnit[] = [];
  for (const line of lines.slice(1)) {
    pushTrimmed(entries, line.text, 0, line.text.length, unit.start + line.start);
  }
  return entries;
}
