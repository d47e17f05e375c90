import { findDate } from "./dates.ts";
import { recogniseHeading } from "./headings.ts";
import type { SectionKind } from "./model.ts";

/**
 * Minutes carry a case's whole decision history: "Beslutning i Udvalget for plan, udvikling og
 * kultur (PUK) den 10-04-2013", "… den 24-04-2013", "… den 20-06-2013", or an
 * "REGIONSRÅDETS BESLUTNING" field in a Forretningsudvalget agenda. Only a decision this meeting
 * made is this meeting's decision; the rest is history. And a proposal ("Forslag til
 * beslutning", "BESLUTNINGSFORSLAG", "ADMINISTRATIONENS INDSTILLING") is never a decision.
 *
 * The rules work on headings, so every format shares them: the structured readers, and the
 * segmenter for text, PDF, HTML and Word.
 */

export interface DecisionHistoryContext {
  /** The meeting's own date, ISO YYYY-MM-DD; without it no heading can be told to be earlier. */
  meetingDate: string | null;
  /** The body that met ("Forretningsudvalget", "Byråd"); without it no heading can name another body. */
  body?: string | null;
}

/** Headings that propose or recommend a decision rather than record one. */
const PROPOSAL_HEADING =
  /\b(?:forslag til beslutning|beslutningsforslag|indstilling(?:er)?|indstiller|indstilles)\b/iu;
/** Headings that announce earlier decisions as such. */
const HISTORY_HEADING = /^(?:tidligere beslutning(?:er)?|beslutningshistorik)$/iu;
/** "Beslutning", "Udvalgets beslutning", "Beslutning i Byrådet den …", not "Beslutningskompetence". */
const DECISION_WORD = /(?:^|[\s-])beslutning(?=$|[\s:,.(])/iu;
/** A paragraph that opens with a dated entry: "18. september 2012: Sagen udsat …". */
const DATED_ENTRY_LEAD = /^\s*(?:\*\*)?(?:den\s+)?\S[^:]{0,30}?(?:\*\*)?\s*:/iu;

/**
 * The kind a section heading gets once the meeting is known. Proposal headings become
 * `indstilling`; decision headings naming another body or a date other than the meeting's become
 * `tidligere-beslutning`; every other heading keeps the kind it came with.
 */
export function decisionSectionKind(
  heading: string,
  kind: SectionKind,
  context: DecisionHistoryContext,
): SectionKind {
  const text = heading.trim().replace(/\s*:$/u, "");
  // Once history, always history: a reader that dated an entry knew more than its heading says.
  if (kind === "tidligere-beslutning" || HISTORY_HEADING.test(text)) return "tidligere-beslutning";
  if (!isDecisionKind(kind) && kind !== "other" && kind !== "tekst") return kind;
  if (PROPOSAL_HEADING.test(text)) return "indstilling";
  const isDecision = isDecisionKind(kind) || DECISION_WORD.test(text);
  if (!isDecision) return kind;
  if (namesAnotherBody(text, context.body)) return "tidligere-beslutning";
  const dated = findDate(text)?.iso;
  if (dated !== undefined && context.meetingDate !== null) {
    return dated === context.meetingDate ? "beslutning" : "tidligere-beslutning";
  }
  return "beslutning";
}

/** Re-kinds each section by `decisionSectionKind`; order, headings and everything else are kept. */
export function rekindDecisionHistory<T extends { heading: string; kind: SectionKind }>(
  sections: readonly T[],
  context: DecisionHistoryContext,
): T[] {
  return sections.map((section) => {
    const kind = decisionSectionKind(section.heading, section.kind, context);
    return kind === section.kind ? section : { ...section, kind };
  });
}

/**
 * A decision section that holds one entry per meeting becomes one section per entry, each kinded
 * by its own date: dated paragraphs ("18. september 2012: Sagen udsat …", "25. september 2012:")
 * and dated decision headings left inside the text ("Social- og Sundhedsudvalgets beslutning den
 * 04.12.2012", where a segmenter joined two decision headings into one section). An entry with
 * nothing after its date is left out. Then every section is re-kinded as
 * `rekindDecisionHistory` does. Sections are split on their text's lines, so this is for sections
 * that carry no line positions (the drafts structured readers produce).
 */
export function separateDecisionHistory<
  T extends { heading: string; kind: SectionKind; text: string },
>(sections: readonly T[], context: DecisionHistoryContext): T[] {
  return rekindDecisionHistory(sections, context).flatMap((section) =>
    isDecisionKind(section.kind) ? splitDecisionEntries(section, context) : [section],
  );
}

function isDecisionKind(kind: SectionKind): boolean {
  return kind === "beslutning" || kind === "tidligere-beslutning";
}

interface Entry {
  /** The heading of an entry opened by a decision heading; dated paragraphs keep the section's. */
  heading: string | undefined;
  date: string | undefined;
  lines: string[];
}

function splitDecisionEntries<T extends { heading: string; kind: SectionKind; text: string }>(
  section: T,
  context: DecisionHistoryContext,
): T[] {
  if (context.meetingDate === null) return [section];
  const entries: Entry[] = [{ heading: undefined, date: undefined, lines: [] }];
  for (const line of section.text.split("\n")) {
    const headingDate = datedDecisionHeading(line);
    const leadDate = headingDate === undefined ? entryDate(line) : undefined;
    if (headingDate !== undefined)
      entries.push({ heading: line.trim(), date: headingDate, lines: [] });
    else if (leadDate !== undefined)
      entries.push({ heading: undefined, date: leadDate, lines: [line] });
    else entries.at(-1)?.lines.push(line);
  }
  if (entries.length === 1) return [section];
  return entries.flatMap(({ heading, date, lines }) => {
    const text = trimBlankLines(lines);
    if (text === "" || (heading === undefined && date !== undefined && onlyTheDate(text)))
      return [];
    if (heading !== undefined) {
      return [
        { ...section, heading, kind: decisionSectionKind(heading, "beslutning", context), text },
      ];
    }
    if (date === undefined) return [{ ...section, text }];
    const kind = date === context.meetingDate ? section.kind : "tidligere-beslutning";
    return [{ ...section, kind, text }];
  });
}

/** The date of a line that is a decision heading naming a date ("Udvalgets beslutning den 04.12.2012"). */
function datedDecisionHeading(line: string): string | undefined {
  if (recogniseHeading(line)?.kind !== "beslutning") return undefined;
  return findDate(line)?.iso;
}

/** The date of a line that opens a dated entry ("18. september 2012: …", "**25-09-2012:**"). */
function entryDate(line: string): string | undefined {
  const lead = line.match(DATED_ENTRY_LEAD)?.[0];
  if (lead === undefined) return undefined;
  const found = findDate(lead);
  if (found === undefined) return undefined;
  const before = lead.slice(0, found.start).replace(/[\s*]|den/giu, "");
  const after = lead.slice(found.end).replace(/[\s*:]/gu, "");
  return before === "" && after === "" ? found.iso : undefined;
}

function onlyTheDate(text: string): boolean {
  const [first = "", ...rest] = text.split("\n");
  return rest.length === 0 && /:\s*(?:\*\*)?\s*$/u.test(first);
}

function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? "").trim() === "") start++;
  while (end > start && (lines[end - 1] ?? "").trim() === "") end--;
  return lines.slice(start, end).join("\n");
}

/**
 * Whether a decision heading names a body other than the meeting's: "REGIONSRÅDETS BESLUTNING"
 * in Forretningsudvalget's minutes, "Beslutning i Økonomiudvalget den …" in the Byråd's.
 */
function namesAnotherBody(heading: string, body: string | null | undefined): boolean {
  if (!body) return false;
  const named = namedBody(heading);
  if (named === undefined || isGenericBody(named)) return false;
  return !sameBody(named, body);
}

/** "Udvalgets beslutning" in a committee's minutes is that committee's: the word names no body. */
const GENERIC_BODIES = new Set([
  "udvalg",
  "råd",
  "bestyrels",
  "nævn",
  "forsamling",
  "komit",
  "komité",
]);

function isGenericBody(name: string): boolean {
  const words = bodyWords(name);
  return words.length === 1 && GENERIC_BODIES.has(words[0] ?? "");
}

/** The body a decision heading names, if any. */
function namedBody(heading: string): string | undefined {
  const inBody = heading.match(
    /^beslutning\s+(?:i|på|fra)\s+(.+?)(?:\s+(?:den|d\.)\s+.*|\s+\d.*)?$/iu,
  );
  if (inBody?.[1]) return inBody[1];
  const genitive = heading.match(/^(.+?)s\s+beslutning\b/iu);
  if (genitive?.[1]) return genitive[1];
  const bare = heading.match(/^beslutning\s+(\p{Lu}[\p{L}-]*(?:et|en))(?:\s|$)/u);
  return bare?.[1];
}

/**
 * "Forretningsudvalgets" names "FORRETNINGSUDVALGET", "Byrådet" names "Byråd", "PUK" names
 * "Udvalget for plan, udvikling og kultur (PUK)", "Byrådet" names "Greve Byråd".
 */
export function sameBody(first: string, second: string): boolean {
  const a = bodyWords(first);
  const b = bodyWords(second);
  if (a.length === 0 || b.length === 0) return false;
  const abbreviations = [abbreviation(first), abbreviation(second)];
  const [shortA, shortB] = abbreviations;
  if (shortA && (shortA === b.join(" ") || shortA === shortB)) return true;
  if (shortB && shortB === a.join(" ")) return true;
  return containsRun(a, b) || containsRun(b, a);
}

function bodyWords(name: string): string[] {
  return name
    .replace(/\([^)]*\)/gu, " ")
    .replace(/\s+\d{4}\s*[-–]\s*\d{4}\s*$/u, "")
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== "")
    .map((word) => word.replace(/(?:ets|ens|et|en|es|s)$/u, "").replace(/e$/u, ""));
}

function abbreviation(name: string): string | undefined {
  return name.match(/\(([\p{L}\d-]{2,10})\)/u)?.[1]?.toLowerCase();
}

/** Whether `inner` occurs in `outer` as consecutive words. */
function containsRun(outer: readonly string[], inner: readonly string[]): boolean {
  for (let start = 0; start + inner.length <= outer.length; start++) {
    if (inner.every((word, offset) => outer[start + offset] === word)) return true;
  }
  return false;
}
