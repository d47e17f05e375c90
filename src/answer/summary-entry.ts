import type { Item, Meeting, Section, SectionKind } from "../minutes/model.ts";
import { PHRASES, type SummaryLabelKind } from "./answer-text.ts";
import { isAttendanceNote, isBareDecision, isFormality } from "./bare-decision.ts";
import { createCitation, shortenQuote } from "./citations.ts";
import { approvesRecommendation } from "./fact-patterns.ts";
import { withoutMarkup } from "./markup.ts";
import { toItemRef, toMeetingRef } from "./refs.ts";
import { splitIntoUnits } from "./sentences.ts";
import type { Citation, Language, SummaryEntry, SummaryPart } from "./types.ts";

/**
 * One agenda item of a meeting summary without a language model, quoted from the minutes: what
 * this meeting decided and, when the decision is a bare formality ("Godkendt", "Taget til
 * efterretning", "Byrådet godkendte Økonomiudvalgets indstilling"), one or two sentences of what
 * the item is about from its Resume, Indstilling or Sagsfremstilling. Without a decision, the
 * opening of its most telling section. A closed item is its title, marked closed, and nothing more.
 */

export interface SummaryEntryOptions {
  language: Language;
  publicBaseUrl: string;
}

const MAX_DECISION_LENGTH = 320;
const MAX_GIST_LENGTH = 260;
const MAX_GIST_SENTENCES = 2;
/** Share of a sentence's words found in the title (or the decision) above which it only repeats it. */
const REPEATS = 0.8;

/** Where the gist of an approved recommendation is best read: the recommendation itself. */
const GIST_OF_APPROVAL: SectionKind[] = [
  "resume",
  "indstilling",
  "sagsfremstilling",
  "problemstilling",
  "tekst",
];
/** Where the gist of a briefing taken note of, or an item discussed, is best read: the case text. */
const GIST_OF_NOTING: SectionKind[] = [
  "resume",
  "sagsfremstilling",
  "problemstilling",
  "indstilling",
  "tekst",
];
/** An item with no decision recorded (an agenda, a cut-off page): its most telling section. */
const OPENING: SectionKind[] = [
  "resume",
  "tekst",
  "indstilling",
  "sagsfremstilling",
  "problemstilling",
];

export function extractiveSummaryEntry(
  meeting: Meeting,
  item: Item,
  options: SummaryEntryOptions,
): SummaryEntry {
  const phrases = PHRASES[options.language];
  const base = { number: item.number, title: item.title, closed: item.closed };
  const cite = (section: Section | undefined, quote: string): Citation =>
    createCitation({
      meeting: toMeetingRef(meeting),
      item: toItemRef(item),
      ...(section
        ? { section: { heading: section.heading, slug: section.slug, kind: section.kind } }
        : {}),
      quote,
      publicBaseUrl: options.publicBaseUrl,
    });

  if (item.closed) {
    return { ...base, text: phrases.closedSummary, citations: [cite(undefined, "")] };
  }

  const quoted: { part: SummaryPart; section: Section }[] = [];
  const decisionSection = item.sections.find(
    (section) => section.kind === "beslutning" && hasText(section),
  );
  if (decisionSection) {
    const sentences = sentencesOf(decisionSection.text).map((sentence) => sentence.text);
    const shown = sentences.filter((sentence) => !isAttendanceNote(sentence));
    const decision = joinWithin(shown.length > 0 ? shown : sentences, MAX_DECISION_LENGTH, {
      markOmitted: true,
    });
    quoted.push({
      part: { kind: "decision", label: phrases.summaryLabels.decision, text: decision },
      section: decisionSection,
    });
    if (isBareDecision(sentences) && !isProcedural(item.title)) {
      const approves = sentences.some((sentence) => approvesRecommendation(sentence));
      const kinds = approves ? GIST_OF_APPROVAL : GIST_OF_NOTING;
      const gist = findGist(item, kinds, decision);
      if (gist) quoted.push(gistPart(gist, options.language));
    }
  } else {
    const gist =
      findGist(item, OPENING, "") ??
      findGist(item, [...OPENING, ...otherKinds(item)], "", { allowFormality: true });
    if (gist) quoted.push(gistPart(gist, options.language));
  }

  if (quoted.length === 0)
    return { ...base, text: "", citations: [cite(undefined, "")], parts: [] };
  const parts = quoted.map(({ part }) => part);
  return {
    ...base,
    text: parts.map((part) => `${part.label}: ${part.text}`).join("\n"),
    citations: quoted.map(({ part, section }) => cite(section, part.text)),
    parts,
  };
}

interface Gist {
  section: Section;
  text: string;
}

function gistPart(gist: Gist, language: Language): { part: SummaryPart; section: Section } {
  return {
    part: { kind: "gist", label: labelFor(gist.section, language), text: gist.text },
    section: gist.section,
  };
}

function labelFor(section: Section, language: Language): string {
  const labels = PHRASES[language].summaryLabels;
  return isLabelKind(section.kind) ? labels[section.kind] : section.heading.replace(/:\s*$/, "");
}

function isLabelKind(kind: SectionKind): kind is Exclude<SummaryLabelKind, "decision"> {
  return (
    kind === "resume" ||
    kind === "indstilling" ||
    kind === "sagsfremstilling" ||
    kind === "problemstilling" ||
    kind === "tekst"
  );
}

/** Sections outside the usual kinds that still describe the item (not attachments or money). */
function otherKinds(item: Item): SectionKind[] {
  const skipped = new Set<SectionKind>(["bilag", "okonomi", "lovgrundlag", "beslutning"]);
  return [...new Set(item.sections.map((section) => section.kind))].filter(
    (kind) => !skipped.has(kind) && !OPENING.includes(kind),
  );
}

/**
 * The first one or two sentences of the first section of `kinds` that say something the title
 * and the decision do not: formalities ("Foretoges.", "at orienteringen tages til efterretning")
 * and tables are passed over, and an introduction ending in "," or ":" is read together with what
 * follows it.
 */
function findGist(
  item: Item,
  kinds: readonly SectionKind[],
  decision: string,
  options: { allowFormality?: boolean } = {},
): Gist | undefined {
  for (const kind of kinds) {
    for (const section of item.sections) {
      if (section.kind !== kind || !hasText(section)) continue;
      const pieces: string[] = [];
      let introduction = "";
      for (const sentence of sentencesOf(withoutTables(section.text))) {
        if (
          (!options.allowFormality && isFormality(sentence.text)) ||
          repeats(sentence.text, item.title) ||
          (decision !== "" && repeats(sentence.text, decision))
        ) {
          continue;
        }
        const piece = introduction === "" ? sentence.text : `${introduction} ${sentence.text}`;
        if (sentence.introduces) {
          introduction = piece;
          continue;
        }
        introduction = "";
        pieces.push(piece);
        if (pieces.length >= MAX_GIST_SENTENCES) break;
      }
      if (pieces.length > 0) return { section, text: joinWithin(pieces, MAX_GIST_LENGTH) };
    }
  }
  return undefined;
}

interface Sentence {
  /** On one line; a list it introduces joined in with "; ". */
  text: string;
  /** A lone line ending in "," or ":" that leads into the next ("X indstiller, at byrådet godkender,"). */
  introduces: boolean;
}

/**
 * A section's sentences (and list units), markup removed. A line the source wrapped in mid-
 * sentence (no closing punctuation, the next line straight after it) is joined to the next.
 */
function sentencesOf(text: string): Sentence[] {
  const plain = withoutMarkup(text);
  const sentences: Sentence[] = [];
  let carried = "";
  const units = splitIntoUnits(plain);
  units.forEach((unit, index) => {
    const flat = unit.text
      .split(/\s*\n\s*/)
      .filter((line) => line !== "")
      .reduce(
        (joined, line) =>
          joined === "" ? line : `${joined}${/[.,;:!?]$/.test(joined) ? " " : "; "}${line}`,
        "",
      )
      .replace(/\s+/g, " ")
      .trim();
    if (flat === "") return;
    const text = carried === "" ? flat : `${carried} ${flat}`;
    const next = units[index + 1];
    const wrapped =
      next !== undefined &&
      !unit.text.includes("\n") &&
      /[\p{Ll},]$/u.test(flat) &&
      plain.slice(unit.end, next.start).trim() === "" &&
      !plain.slice(unit.end, next.start).includes("\n\n") &&
      !/^\s*(?:[-–•*]|\d+[.)])\s/u.test(next.text);
    if (wrapped) {
      carried = text;
      return;
    }
    carried = "";
    sentences.push({ text, introduces: !unit.text.includes("\n") && /[,:;]$/.test(flat) });
  });
  if (carried !== "") sentences.push({ text: carried, introduces: /[,:;]$/.test(carried) });
  return sentences;
}

/** Rows of Markdown or tab-separated tables: an agenda's time plan is no gist. */
function withoutTables(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^\s*\|/.test(line) && !line.includes("\t"))
    .join("\n");
}

/**
 * Whole sentences from the start while they fit; a first one too long is shortened. " …" marks
 * a quote that stops mid-sentence, or (with `markOmitted`) before the sentences it leaves out.
 */
function joinWithin(
  sentences: readonly string[],
  maxLength: number,
  options: { markOmitted?: boolean } = {},
): string {
  let result = "";
  let taken = 0;
  for (const sentence of sentences) {
    const next = result === "" ? sentence : `${result} ${sentence}`;
    if (next.length > maxLength) break;
    result = next;
    taken += 1;
  }
  if (result === "") return shortenQuote(sentences[0] ?? "", maxLength);
  const cutShort = (options.markOmitted && taken < sentences.length) || /[,:;]$/.test(result);
  return cutShort ? `${result.replace(/[\s,:;–-]+$/u, "")} …` : result;
}

const WORDS = /[\p{L}\p{N}]+/gu;

function repeats(sentence: string, other: string): boolean {
  const words = sentence.toLowerCase().match(WORDS) ?? [];
  if (words.length === 0) return true;
  const known = new Set(other.toLowerCase().match(WORDS) ?? []);
  return words.filter((word) => known.has(word)).length / words.length >= REPEATS;
}

const MONTHS =
  /\b(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b/giu;

/** "Godkendelse af dagsorden (og tidsplan 18. september 2019)": a bare decision says it all. */
function isProcedural(title: string): boolean {
  return (
    /\b(?:dagsorden|dagsordenen|referat|referatet|tidsplan)\b/iu.test(title) &&
    isFormality(title.replace(MONTHS, " ").replace(/\d+/g, " "))
  );
}

function hasText(section: Section): boolean {
  const text = section.text.trim();
  return text !== "" && !/^tomt indhold\.?$/iu.test(text);
}
