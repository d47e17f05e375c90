import type { Section, SectionKind } from "../minutes/model.ts";
import type { Candidate } from "./candidates.ts";
import type { AnswerKind } from "./question-intent.ts";
import { splitIntoUnits, type TextUnit } from "./sentences.ts";
import {
  type Concept,
  conceptWeight,
  matchConcept,
  type TermAnalyzer,
  type TermIndex,
  tokenBag,
} from "./term-evidence.ts";
import { wordPattern } from "./word-pattern.ts";

/**
 * Scores each sentence unit of a candidate item as support for the question: the share of the
 * question's term weight it contains, plus a bonus when it holds the kind of thing asked for
 * (a name for "hvem", a number for "hvor mange", a date for "hvornår", a decision), plus a small
 * prior by section (the decision says what happened; the recommendation only what was proposed).
 * A name or role the question itself mentions is not what a "hvem" question asks for; in an item
 * without a Beslutning section, a sentence that records a decision counts as the decision.
 */

export interface ScoredUnit {
  candidate: Candidate;
  section: Section;
  unit: TextUnit;
  score: number;
  /** Share of the question's term weight found in the unit. */
  coverage: number;
  /** Holds the kind of thing the question asks for (a new name, a number, a decision …). */
  holdsKind: boolean;
}

const KIND_BONUS = 0.35;
/** For "hvem": a decision that names someone ("udpeger Henrik Juncher") is the answer of record. */
const APPOINTMENT_BONUS = 0.15;
const RETRIEVED_PASSAGE_BONUS = 0.05;
const MIN_WORDS = 4;

const SECTION_PRIOR: Partial<Record<SectionKind, number>> = {
  beslutning: 0.15,
  resume: 0.05,
  indstilling: -0.1,
  bilag: -0.3,
};

const DECISION_WORDS = wordPattern(
  "besluttes|besluttede|besluttet|beslutter|vedtaget|vedtog|godkendt|godkendes|godkendte|aftales|aftalt|aftalte|udpeger|udpeget|udpegede|nedsætte|nedsættes|taget til efterretning|tiltrådt|drøftet|forkastet",
);
/**
 * Two or more capitalised words in a row: a name ("Carsten Jensen", "Ann-Britt Wetche"). Danish
 * capitalises little else, so this holds at the start of a sentence too.
 */
const NAME =
  /(?<=^|[\p{L},;:–)] )\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?: (?:\p{Lu}\. )?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*)+/u;
/** A role or office that answers "hvem" as well as a name does ("en personlig jobformidler"). */
const ROLE = wordPattern(
  [
    "(?:næst)?(?:formand|forperson)\\p{L}*",
    "\\p{L}*(?:leder|formidler|behandler|rådgiver|tovholder)(?:en|e|ne)?",
    "\\p{L}*(?:chef|konsulent|repræsentant|suppleant|mentor|kontaktperson)(?:en|er|erne)?",
    "\\p{L}*(?:direktør|sekretær|leverandør|koordinator|ordfører)\\p{L}*",
    "borgmester(?:en)?|rådmand(?:en)?|rådmænd(?:ene)?",
    "\\p{L}*medlem(?:met|mer|merne)?",
  ].join("|"),
);
/** A name that stands for a municipality or region: the setting of the minutes, not an answer. */
const INSTITUTION_NAME = /(?<!\p{L})(?:Kommunes?|Regions?)(?!\p{L})/u;
/** A count or an amount ("65", "392.000", "5,4"); a year alone is not one. */
const AMOUNT_OR_COUNT =
  /(?<![\p{L}\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+,\d+|(?!(?:19|20)\d{2}(?!\d))\d+)(?![\d\p{L}])/u;
/** An amount of money: "392.000 kr.", "23 mio. kr.", "-5,4 mio.". */
const MONEY = /\d[\d.,]*\s*(?:kr\.?|kroner|mio\.?|mia\.?|dkk)(?![\p{L}])/iu;
const DATE = wordPattern(
  "\\d{1,2}\\.\\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|(?:uge|week) \\d{1,2}",
);

export function scoreUnits(
  candidate: Candidate,
  options: { concepts: Concept[]; kind: AnswerKind; termIndex: TermIndex; analyzer: TermAnalyzer },
): ScoredUnit[] {
  const { concepts, termIndex, analyzer } = options;
  const weights = concepts.map((concept) => conceptWeight(concept, termIndex));
  const ownWeight = concepts.reduce(
    (sum, concept, index) => (concept.bonus ? sum : sum + (weights[index] ?? 0)),
    0,
  );
  // The title is the context of every sentence of its item: what it holds counts half everywhere.
  const titleBag = tokenBag(candidate.item.title, analyzer);
  // The body that met is the setting of every sentence: naming it ("i Handicaprådet") is met in full.
  const bodyBag = tokenBag(candidate.retrieved.meeting.body, analyzer);
  const contextCredit = concepts.map((concept) =>
    Math.max(
      matchConcept(concept, titleBag, termIndex).credit / 2,
      matchConcept(concept, bodyBag, termIndex).credit,
    ),
  );
  const asked = { concepts, analyzer };
  // Minutes without headings record decisions in running text ("Det besluttes at …").
  const decisionInText = !candidate.item.sections.some(
    (section) => section.kind === "beslutning" && section.text.trim() !== "",
  );
  const scored: ScoredUnit[] = [];
  for (const section of candidate.item.sections) {
    const retrievedSpans = candidate.retrieved.passages.filter(
      (passage) => passage.sectionSlug === section.slug,
    );
    for (const unit of splitIntoUnits(section.text)) {
      const bag = tokenBag(unit.text, analyzer);
      const matchedWeight = concepts.reduce((sum, concept, index) => {
        const credit = Math.max(
          matchConcept(concept, bag, termIndex).credit,
          contextCredit[index] ?? 0,
        );
        return sum + credit * (weights[index] ?? 0);
      }, 0);
      const coverage = ownWeight > 0 ? Math.min(1, matchedWeight / ownWeight) : 0;
      // A question the minutes ask ("… om der er nogle, som vil være med?") answers nothing.
      const holdsKind =
        !/\?["”»)]?$/u.test(unit.text) && holdsAnswerKind(unit.text, options.kind, asked);
      const prior =
        decisionInText && DECISION_WORDS.test(unit.text)
          ? (SECTION_PRIOR.beslutning ?? 0)
          : (SECTION_PRIOR[section.kind] ?? 0);
      let score = coverage + (holdsKind ? KIND_BONUS : 0) + prior;
      if (holdsKind && options.kind === "person" && DECISION_WORDS.test(unit.text)) {
        score += APPOINTMENT_BONUS;
      }
      if (retrievedSpans.some((span) => unit.start < span.end && unit.end > span.start)) {
        score += RETRIEVED_PASSAGE_BONUS;
      }
      // A bracketed agenda note ("(orientering – 5 min.):") answers nothing; a very short unit
      // rarely does, unless it is the decision asked for ("Godkendt").
      if (/^\(.*\)[.:]?$/su.test(unit.text)) score -= 1;
      else if (wordCount(unit.text) < MIN_WORDS && !(options.kind === "decision" && holdsKind)) {
        score -= 0.3;
      }
      scored.push({ candidate, section, unit, score, coverage, holdsKind });
    }
  }
  return scored;
}

/** What the question itself names, so that repeating it is not taken for an answer. */
export interface AskedTerms {
  concepts: Concept[];
  analyzer: TermAnalyzer;
}

export function holdsAnswerKind(text: string, kind: AnswerKind, asked: AskedTerms): boolean {
  switch (kind) {
    case "decision":
      return DECISION_WORDS.test(text);
    case "person":
      return (
        namesIn(text, asked.analyzer).some(
          (name) => !INSTITUTION_NAME.test(name) && !isAsked(name, asked),
        ) || matchesOf(ROLE, text).some((role) => !isAsked(role, asked))
      );
    case "amount":
      return MONEY.test(text);
    case "number":
      return AMOUNT_OR_COUNT.test(text);
    case "date":
      return DATE.test(text);
    case "other":
      return false;
  }
}

/** Names in the text; a sentence's capitalised first word counts only when it is not a stop word. */
function namesIn(text: string, analyzer: TermAnalyzer): string[] {
  return [...text.matchAll(new RegExp(NAME.source, `${NAME.flags}g`))].flatMap((match) => {
    if (match.index !== 0) return [match[0]];
    const [first = "", ...rest] = match[0].split(" ");
    if (analyzer.indexTerms(first).length > 0) return [match[0]];
    return rest.length >= 2 ? [rest.join(" ")] : [];
  });
}

function matchesOf(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].map(
    (match) => match[0],
  );
}

/**
 * Every word of `phrase` is one the question asks about: the word itself, or a synonym or
 * translation of a word of the question. Compared as whole words, so "jobformidler" is not taken
 * for asked when the question says "job".
 */
function isAsked(phrase: string, asked: AskedTerms): boolean {
  const questionTerms = new Set(
    asked.concepts.flatMap((concept) => [...concept.own, ...concept.parts, ...concept.expansions]),
  );
  const words = phrase.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
  return (
    words.length > 0 &&
    words.every((word) => {
      const whole = asked.analyzer.indexTerms(word)[0];
      return whole !== undefined && questionTerms.has(whole);
    })
  );
}

function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
