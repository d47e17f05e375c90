import type { Section, SectionKind } from "../minutes/model.ts";
import type { Candidate } from "./candidates.ts";
import type { AnalysedUnit } from "./item-analysis.ts";
import type { AnswerKind } from "./question-intent.ts";
import { listEntries, type TextUnit } from "./sentences.ts";
import { type Concept, conceptWeight, matchConcept, type TermIndex } from "./term-evidence.ts";
import { type TermAnalyzer, type TokenBag, tokenBag } from "./term-matching.ts";
import {
  answerTier,
  askedTerms,
  askedWholeTerms,
  namesAskedPerson,
  type UnitWithFacts,
  unitFacts,
} from "./unit-facts.ts";

/**
 * Scores each sentence unit of a candidate item as support for the question: the share of the
 * question's term weight it contains, plus a bonus when it holds the kind of thing asked for
 * (a name for "hvem", a number for "hvor mange", a date for "hvornår", a decision), plus a small
 * prior by section (the decision says what happened; the recommendation only what was proposed).
 * How closely it holds that kind is its tier (see `answerTier`): an answer takes the units of the
 * highest tier first, so a sentence without an amount never answers "how much" while another
 * holds one. In an item without a Beslutning section, a sentence that records a decision counts
 * as the decision.
 */

export interface ScoredUnit {
  candidate: Candidate;
  section: Section;
  unit: TextUnit;
  /** The unit's facts and the people it names, as analysed. */
  analysed: UnitWithFacts;
  score: number;
  /** Share of the question's term weight found in the unit. */
  coverage: number;
  /** How closely it holds the kind of thing asked for; 0 when it does not. */
  tier: number;
  /**
   * Units of higher precedence answer first, whatever their score: the tier, for facts (an
   * amount, a vote) and for a name in the role asked about. Finer distinctions add to the score
   * instead: for people, a name over a role alone (a role, "jobformidleren", can answer "hvem"
   * best); for dates, a day over a month.
   */
  precedence: number;
  /** Holds the kind of thing the question asks for (a new name, a number, a decision …). */
  holdsKind: boolean;
}

export interface UnitScoringOptions {
  concepts: Concept[];
  kind: AnswerKind;
  termIndex: TermIndex;
  analyzer: TermAnalyzer;
}

const KIND_BONUS = 0.35;
/**
 * A finer tier within the same precedence: for "hvem", a name over a role alone and a name in the
 * role asked about over any name; for "hvornår", a day ("28. november 2012") over a month.
 */
const TIER_STEP = 0.15;
/** For "hvem": this meeting's decision naming someone ("udpeger Henrik Juncher") is the answer of record. */
const APPOINTMENT_BONUS = 0.15;
const RETRIEVED_PASSAGE_BONUS = 0.05;
const MIN_WORDS = 4;

const SECTION_PRIOR: Partial<Record<SectionKind, number>> = {
  beslutning: 0.15,
  resume: 0.05,
  indstilling: -0.1,
  bilag: -0.3,
};

export function scoreUnits(candidate: Candidate, options: UnitScoringOptions): ScoredUnit[] {
  const { concepts, termIndex } = options;
  const { analysis } = candidate;
  const coverages = unitCoverages(candidate, concepts, termIndex);
  const asked = askedOf(concepts);
  const scored: ScoredUnit[] = [];
  let position = 0;
  for (const { section, units } of analysis.sections) {
    for (const analysed of units) {
      const coverage = coverages[position] ?? 0;
      position += 1;
      scored.push(scoreOne(candidate, section, analysed, coverage, asked, options));
    }
  }
  return scored;
}

/**
 * The entries of a unit that holds a list, scored as units of their own: a long list is quoted
 * by the entry that answers.
 */
export function scoreListEntries(scored: ScoredUnit, options: UnitScoringOptions): ScoredUnit[] {
  const { candidate, section } = scored;
  const entries = listEntries(section.text, scored.unit);
  if (entries.length === 0) return [];
  const context = contextOf(candidate, options.concepts, options.termIndex);
  const asked = askedOf(options.concepts);
  return entries.map((unit) => {
    const bag = tokenBag(unit.text, options.analyzer);
    const analysed: AnalysedUnit = { unit, text: unit.text, bag, facts: unitFacts(unit.text) };
    const coverage = coverageOf(bag, options.concepts, options.termIndex, context);
    return scoreOne(candidate, section, analysed, coverage, asked, options);
  });
}

/** What the question names itself: its terms, and the roles it asks about (whole words). */
interface Asked {
  terms: ReadonlySet<string>;
  roles: ReadonlySet<string>;
}

function askedOf(concepts: readonly Concept[]): Asked {
  return { terms: askedTerms(concepts), roles: askedWholeTerms(concepts) };
}

function scoreOne(
  candidate: Candidate,
  section: Section,
  analysed: AnalysedUnit,
  coverage: number,
  asked: Asked,
  options: UnitScoringOptions,
): ScoredUnit {
  const { kind, analyzer } = options;
  const { analysis } = candidate;
  const { unit, facts } = analysed;
  // A question the minutes ask ("… om der er nogle, som vil være med?") answers nothing.
  const tier = answerTier(analysed, kind, asked.terms, analyzer, asked.roles);
  const holdsKind = tier > 0;
  // This meeting's decision: its Beslutning section, or, in minutes without headings, a decision
  // in running text ("Det besluttes at …"); not the earlier ones a case history recounts
  // ("Byrådet udpegede på mødet den 30/1 2008 …").
  const inThisDecision =
    section.kind === "beslutning" || (analysis.decisionInText && facts.recordsDecision);
  const prior = SECTION_PRIOR[inThisDecision ? "beslutning" : section.kind] ?? 0;
  const person = kind === "person";
  const { precedence, bonus } = rankOf(kind, tier);
  let score = coverage + bonus + prior;
  if (holdsKind && person && facts.recordsDecision && inThisDecision) score += APPOINTMENT_BONUS;
  const retrieved = candidate.retrieved.passages.some(
    (passage) =>
      passage.sectionSlug === section.slug && unit.start < passage.end && unit.end > passage.start,
  );
  if (retrieved) score += RETRIEVED_PASSAGE_BONUS;
  // A bracketed agenda note ("(orientering – 5 min.):") or a note of who was absent answers
  // nothing, unless the question asks about the one it names; a very short unit rarely does,
  // unless it is the decision asked for ("Godkendt").
  if (
    facts.isAgendaNote ||
    (facts.isAttendanceNote && !namesAskedPerson(analysed, asked.terms, analyzer))
  ) {
    score -= 1;
  } else if (facts.wordCount < MIN_WORDS && !(kind === "decision" && holdsKind)) score -= 0.3;
  return { candidate, section, unit, analysed, score, coverage, tier, precedence, holdsKind };
}

/** How a unit's tier ranks it: as precedence (strict), and as a bonus to its score. */
function rankOf(kind: AnswerKind, tier: number): { precedence: number; bonus: number } {
  if (tier === 0) return { precedence: 0, bonus: 0 };
  if (kind === "person") {
    return { precedence: tier === 3 ? 2 : 1, bonus: KIND_BONUS + (tier - 2) * TIER_STEP };
  }
  if (kind === "date") {
    return { precedence: Math.min(tier, 2), bonus: KIND_BONUS + (tier === 3 ? TIER_STEP : 0) };
  }
  return { precedence: tier, bonus: KIND_BONUS };
}

/**
 * Share of the question's weight each unit holds, in the item's order. It does not depend on the
 * kind of answer asked for, so a candidate scored again for another kind reuses it.
 */
const coveragesOfCandidates = new WeakMap<
  Candidate,
  { concepts: Concept[]; termIndex: TermIndex; coverages: number[] }
>();

interface CoverageContext {
  weights: number[];
  ownWeight: number;
  /** What the title and the body that met hold of each concept, credited to every unit. */
  contextCredit: number[];
}

function contextOf(candidate: Candidate, concepts: Concept[], termIndex: TermIndex) {
  const { analysis } = candidate;
  const weights = concepts.map((concept) => conceptWeight(concept, termIndex));
  let ownWeight = 0;
  for (let index = 0; index < concepts.length; index += 1) {
    if (!(concepts[index] as Concept).bonus) ownWeight += weights[index] ?? 0;
  }
  // The title is the context of every sentence of its item: what it holds counts half everywhere.
  // The body that met is the setting of every sentence: naming it ("i Handicaprådet") is met in full.
  const contextCredit = concepts.map((concept) =>
    Math.max(
      matchConcept(concept, analysis.titleBag, termIndex).credit / 2,
      matchConcept(concept, analysis.bodyBag, termIndex).credit,
    ),
  );
  return { weights, ownWeight, contextCredit };
}

function coverageOf(
  bag: TokenBag,
  concepts: Concept[],
  termIndex: TermIndex,
  context: CoverageContext,
): number {
  let matchedWeight = 0;
  for (let index = 0; index < concepts.length; index += 1) {
    const credit = Math.max(
      matchConcept(concepts[index] as Concept, bag, termIndex).credit,
      context.contextCredit[index] ?? 0,
    );
    matchedWeight += credit * (context.weights[index] ?? 0);
  }
  return context.ownWeight > 0 ? Math.min(1, matchedWeight / context.ownWeight) : 0;
}

function unitCoverages(candidate: Candidate, concepts: Concept[], termIndex: TermIndex): number[] {
  const known = coveragesOfCandidates.get(candidate);
  if (known && known.concepts === concepts && known.termIndex === termIndex) {
    return known.coverages;
  }
  const context = contextOf(candidate, concepts, termIndex);
  const coverages: number[] = [];
  for (const { units } of candidate.analysis.sections) {
    for (const { bag } of units) coverages.push(coverageOf(bag, concepts, termIndex, context));
  }
  coveragesOfCandidates.set(candidate, { concepts, termIndex, coverages });
  return coverages;
}
