import type { Section, SectionKind } from "../minutes/model.ts";
import type { Candidate } from "./candidates.ts";
import type { AnswerKind } from "./question-intent.ts";
import type { TextUnit } from "./sentences.ts";
import { type Concept, conceptWeight, matchConcept, type TermIndex } from "./term-evidence.ts";
import type { TermAnalyzer } from "./term-matching.ts";
import { askedTerms, holdsAnswerKind } from "./unit-facts.ts";

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

export function scoreUnits(
  candidate: Candidate,
  options: { concepts: Concept[]; kind: AnswerKind; termIndex: TermIndex; analyzer: TermAnalyzer },
): ScoredUnit[] {
  const { concepts, termIndex, analyzer, kind } = options;
  const { analysis } = candidate;
  const coverages = unitCoverages(candidate, concepts, termIndex);
  const asked = askedTerms(concepts);
  const scored: ScoredUnit[] = [];
  let position = 0;
  for (const { section, units } of analysis.sections) {
    const retrievedSpans = candidate.retrieved.passages.filter(
      (passage) => passage.sectionSlug === section.slug,
    );
    for (const analysed of units) {
      const { unit, facts } = analysed;
      const coverage = coverages[position] ?? 0;
      position += 1;
      // A question the minutes ask ("… om der er nogle, som vil være med?") answers nothing.
      const holdsKind = !facts.asksQuestion && holdsAnswerKind(analysed, kind, asked, analyzer);
      // Minutes without headings record decisions in running text ("Det besluttes at …").
      const prior =
        analysis.decisionInText && facts.recordsDecision
          ? (SECTION_PRIOR.beslutning ?? 0)
          : (SECTION_PRIOR[section.kind] ?? 0);
      let score = coverage + (holdsKind ? KIND_BONUS : 0) + prior;
      if (holdsKind && kind === "person" && facts.recordsDecision) score += APPOINTMENT_BONUS;
      if (retrievedSpans.some((span) => unit.start < span.end && unit.end > span.start)) {
        score += RETRIEVED_PASSAGE_BONUS;
      }
      // A bracketed agenda note ("(orientering – 5 min.):") answers nothing; a very short unit
      // rarely does, unless it is the decision asked for ("Godkendt").
      if (facts.isAgendaNote) score -= 1;
      else if (facts.wordCount < MIN_WORDS && !(kind === "decision" && holdsKind)) score -= 0.3;
      scored.push({ candidate, section, unit, score, coverage, holdsKind });
    }
  }
  return scored;
}

/**
 * Share of the question's weight each unit holds, in the item's order. It does not depend on the
 * kind of answer asked for, so a candidate scored again for another kind reuses it.
 */
const coveragesOfCandidates = new WeakMap<
  Candidate,
  { concepts: Concept[]; termIndex: TermIndex; coverages: number[] }
>();

function unitCoverages(candidate: Candidate, concepts: Concept[], termIndex: TermIndex): number[] {
  const known = coveragesOfCandidates.get(candidate);
  if (known && known.concepts === concepts && known.termIndex === termIndex) {
    return known.coverages;
  }
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
  const coverages: number[] = [];
  for (const { units } of analysis.sections) {
    for (const { bag } of units) {
      let matchedWeight = 0;
      for (let index = 0; index < concepts.length; index += 1) {
        const credit = Math.max(
          matchConcept(concepts[index] as Concept, bag, termIndex).credit,
          contextCredit[index] ?? 0,
        );
        matchedWeight += credit * (weights[index] ?? 0);
      }
      coverages.push(ownWeight > 0 ? Math.min(1, matchedWeight / ownWeight) : 0);
    }
  }
  coveragesOfCandidates.set(candidate, { concepts, termIndex, coverages });
  return coverages;
}
