import type { LineCue } from "./blocks.ts";
import { recogniseHeading } from "./headings.ts";

/**
 * The shared line model every layout detector reads. `raw` is the line as written (trailing
 * white space dropped) and is what section text is made of; `text` is the same line stripped of
 * markup (markdown heading marks, surrounding bold) for recognising titles and headings.
 */
export interface Line {
  /** 1-based position in the source: the line number of a text file, the block number otherwise. */
  number: number;
  raw: string;
  text: string;
  /** What the format said about the block this line came from (heading level, bold, size, page). */
  cue?: LineCue;
}

const STRONG_HEADINGS = "Resume|Resumé|Indstilling|Beslutning|Sagsfremstilling|Økonomi|Bilag";
/** "EventueltØkonomi": a heading glued to the end of the previous paragraph. */
const HEADING_GLUED_AFTER = new RegExp(`^(.*[a-zæøå.,;:)])(${STRONG_HEADINGS})$`, "u");
/** "BeslutningGodkendt": a heading glued to the start of its first paragraph. */
const HEADING_GLUED_BEFORE = new RegExp(`^(${STRONG_HEADINGS})([A-ZÆØÅ][a-zæøå].*)$`, "u");
/**
 * "Indholdsfortegnelse1. Fraværende": the contents heading glued to its first entry.
 * Patterns that read the start of a line end in a look-ahead rather than `(.+)$`, so that a
 * line is split in time linear in its length, however many pieces it holds.
 */
const CONTENTS_GLUED =
  /^(Indholdsfortegnelse|INDHOLDSFORTEGNELSE|Punkter på dagsordenen|Dagsordenspunkter)(?=[\d\p{Lu}])/u;
/** "Beslutning: Godkendt." or "**Beslutning:** Godkendt.": a heading with its text on the same line. */
const BOLD_LEAD = /^(\*\*|__)([^*_]{3,60}?)\1\s*(?=\S)/u;
const COLON_LEAD = /^(\p{L}[\p{L} ]{2,40}?)\s*:\s+(?=\S)/u;
/** "(kl. 14.25-14.30)**Det indstilles, at HMU**": bold text glued to what stands before it. */
const GLUED_BOLD = /(?<=\S)\*\*([^*]+)\*\*/gu;

export function toLines(content: string): Line[] {
  const lines: Line[] = [];
  content.split("\n").forEach((rawLine, index) => {
    // trimEnd, not /\s+$/: the regex tries every start in a run of spaces (13 s for 200,000).
    for (const part of splitGluedLine(rawLine.trimEnd())) {
      lines.push({ number: index + 1, raw: part, text: stripMarkup(part) });
    }
  });
  return lines;
}

/**
 * Exports of real minutes glue headings to their neighbours: "(kl. 14.25-14.30)**Det
 * indstilles, at HMU**", "Sagsfremstilling**Opsamling …**", "EventueltØkonomi". Split them back
 * into the lines they were, piece by piece from the left (a loop, not recursion: a line may hold
 * thousands of bold spans).
 */
function splitGluedLine(line: string): string[] {
  const parts: string[] = [];
  let rest = line;
  for (;;) {
    const contents = CONTENTS_GLUED.exec(rest);
    if (contents) {
      parts.push(contents[1] ?? "");
      rest = rest.slice(contents[0].length);
      continue;
    }
    const inline = splitInlineHeading(rest);
    if (inline) {
      parts.push(...inline);
      return parts;
    }
    GLUED_BOLD.lastIndex = 0;
    const bold = GLUED_BOLD.exec(rest);
    if (bold) {
      // What stands before the first bold span holds no bold span of its own.
      parts.push(...splitGluedLine(rest.slice(0, bold.index)), (bold[1] ?? "").trim());
      rest = rest.slice(bold.index + bold[0].length).trim();
      if (rest === "") return parts;
      continue;
    }
    parts.push(...splitGluedHeading(rest));
    return parts;
  }
}

/** "EventueltØkonomi", "BeslutningGodkendt": a strong heading glued to a neighbour, or the line. */
function splitGluedHeading(line: string): string[] {
  const after = line.match(HEADING_GLUED_AFTER);
  if (after && !/\s$/u.test(after[1] ?? "")) return [after[1] ?? "", after[2] ?? ""];
  const before = line.match(HEADING_GLUED_BEFORE);
  if (before) return [before[1] ?? "", before[2] ?? ""];
  return [line];
}

/** "Beslutning: Godkendt." → the heading and its text; undefined for a line that is not one. */
export function splitInlineHeading(line: string): [string, string] | undefined {
  // "- **Beslutning:** …": a decision set in bold as the last bullet of a list (a plain
  // "- Beslutninger: 3" bullet is list text).
  const bulletless = line.replace(/^[-•–]\s+(?=\*\*|__)/u, "");
  const bold = BOLD_LEAD.exec(bulletless);
  const colon = bold ? null : COLON_LEAD.exec(line);
  const lead = bold ?? colon;
  const heading = bold ? bold[2] : colon?.[1];
  const text = lead ? (bold ? bulletless : line).slice(lead[0].length) : undefined;
  if (!heading || !text) return undefined;
  const recognised = recogniseHeading(heading);
  if (!recognised || recognised.weak || recognised.phrase) return undefined;
  return [heading.trim(), text];
}

/**
 * Runs of white space in a line's `text` are cut to this length: titles and headings are
 * recognised by patterns that look for spaces before an ending (`\s*:$`), and such a pattern
 * tries every start in a run (seconds for 200,000 spaces). Aligned columns in real exports stay
 * well below it; `raw`, the text quoted, keeps every space.
 */
const MAX_SPACE_RUN = 100;
const LONG_SPACE_RUN = new RegExp(`(\\s{${MAX_SPACE_RUN}})\\s+`, "gu");

export function stripMarkup(line: string): string {
  return (
    line
      .replace(LONG_SPACE_RUN, "$1")
      .trim()
      .replace(/^#{1,6}\s+/u, "")
      .replace(/^\*\*(.*)\*\*$/u, "$1")
      .replace(/^__(.*)__$/u, "$1")
      // "**1.** Velkommen": emphasis inside the line says nothing the words do not.
      .replace(/(\*\*|__)(\S(?:[^*_]*\S)?)\1/gu, "$2")
      .trim()
  );
}

export function isBlank(line: Line): boolean {
  return line.text === "";
}

/** Joins lines back into verbatim text, without leading or trailing blank lines. */
export function joinText(lines: readonly Line[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start] as Line)) start++;
  while (end > start && isBlank(lines[end - 1] as Line)) end--;
  return lines
    .slice(start, end)
    .map((line) => line.raw)
    .join("\n");
}

/** Lines that are a table-of-contents entry: dotted leaders or a trailing page number column. */
export function isTableOfContentsLine(text: string): boolean {
  // "…….. 3", "…. | 3 |", and three dots tight against the page number ("Status på IT...31").
  return (
    /\.{4,}\s*\|?\s*\d*\s*\|?\s*$/u.test(text) ||
    /\.{4,}\s+\d+\s*$/u.test(text) ||
    /\p{L}\.{3}\d{1,3}$/u.test(text)
  );
}

/** Index of the nearest non-blank line before `index`, if any. */
export function previousNonBlank(lines: readonly Line[], index: number): number | undefined {
  for (let position = index - 1; position >= 0; position--) {
    if ((lines[position] as Line).text !== "") return position;
  }
  return undefined;
}

/** Index of the first non-blank line at or after `from`, if any. */
export function nextNonBlank(lines: readonly Line[], from: number): number | undefined {
  for (let position = from; position < lines.length; position++) {
    if ((lines[position] as Line).text !== "") return position;
  }
  return undefined;
}
