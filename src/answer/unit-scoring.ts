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
 */

export interface ScoredUnit {
  candidate: Candidate;
  section: Section;
  unit: TextUnit;
  score: number;
  /** Share of the question's term weight found in the unit. */
  coverage: number;
}

const KIND_BONUS = 0.35;
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
/** Two or more capitalised words in a row, not at the start of the sentence: a name. */
const NAME = /(?<=[\p{L},;:–)] )\p{Lu}\p{Ll}+(?: (?:\p{Lu}\. )?\p{Lu}\p{Ll}+)+/u;
const ROLE = wordPattern(
  "(?:næst)?formand\\p{L}*|\\p{L}*leder(?:en|e|ne)?|direktør\\p{L}*|sekretær\\p{L}*|leverandør\\p{L}*|koordinator\\p{L}*|medlem(?:met|mer|merne)?",
);
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
  const titleCredit = concepts.map(
    (concept) => matchConcept(concept, titleBag, termIndex).credit / 2,
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
          titleCredit[index] ?? 0,
        );
        return sum + credit * (weights[index] ?? 0);
      }, 0);
      const coverage = ownWeight > 0 ? Math.min(1, matchedWeight / ownWeight) : 0;
      const holdsKind = holdsAnswerKind(unit.text, options.kind);
      let score = coverage + (holdsKind ? KIND_BONUS : 0) + (SECTION_PRIOR[section.kind] ?? 0);
      if (retrievedSpans.some((span) => unit.start < span.end && unit.end > span.start)) {
        score += RETRIEVED_PASSAGE_BONUS;
      }
      // A bracketed agenda note ("(orientering – 5 min.):") answers nothing; a very short unit
      // rarely does, unless it is the decision asked for ("Godkendt").
      if (/^\(.*\)[.:]?$/su.test(unit.text)) score -= 1;
      else if (wordCount(unit.text) < MIN_WORDS && !(options.kind === "decision" && holdsKind)) {
        score -= 0.3;
      }
      scored.push({ candidate, section, unit, score, coverage });
    }
  }
  return scored;
}

export function holdsAnswerKind(text: string, kind: AnswerKind): boolean {
  switch (kind) {
    case "decision":
      return DECISION_WORDS.test(text);
    case "person":
      return NAME.test(text) || ROLE.test(text);
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

function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
