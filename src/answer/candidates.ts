import type { MeetingCatalog } from "../minutes/catalog.ts";
import { whenWords, yearsNamed } from "../minutes/dates.ts";
import type { Item } from "../minutes/model.ts";
import { analyseItem, type ItemAnalyses, type ItemAnalysis } from "./item-analysis.ts";
import type { AnswerKind } from "./question-intent.ts";
import {
  hasCalibratedDenseEvidence,
  inQuestionContext,
  type OwnEvidence,
  type RelevanceEvidence,
  type RelevanceModel,
  relevanceProbability,
} from "./relevance-model.ts";
import { HYBRID_RELEVANCE_MODEL, LEXICAL_RELEVANCE_MODEL } from "./relevance-weights.ts";
import { type Concept, type Evidence, measureEvidence, type TermIndex } from "./term-evidence.ts";
import type { TermAnalyzer } from "./term-matching.ts";
import type { Language, RetrievedItem } from "./types.ts";
import { scoreUnits } from "./unit-scoring.ts";

/**
 * The retrieved items an answer may draw on, each with its full text from the catalogue and the
 * lexical evidence it holds for the question; and the test whether any of them is relevant.
 */

export interface Candidate {
  retrieved: RetrievedItem;
  /** The whole item as parsed (or rebuilt from the passages when the catalogue lacks it). */
  item: Item;
  /** Its terms, sentence units and their facts. */
  analysis: ItemAnalysis;
  evidence: Evidence;
  /** Share of the question's weight found in the item's title alone. */
  titleCoverage: number;
  /**
   * Share of the question's weight found in the item together with what it says about the
   * meeting ("i Handicaprådet", "in Greve", "i oktober 2022"); not for distinctiveness, since
   * every item of the meeting shares it.
   */
  coverageInContext: number;
  /** Share of the question's weight found in its best sentence (the title counting half). */
  sentenceCoverage: number;
  /** Position in the retriever's ranking, 0 first. */
  rank: number;
  /** Whether a sentence about the question holds the kind of fact asked for (amount, name, date …). */
  holdsAskedKind: boolean;
  /** The question names a year ("in 2014") that neither the item nor its meeting's date does. */
  otherYear: boolean;
  /** Probability that the item answers the question (src/answer/relevance-model.ts). */
  relevance: number;
}

export function prepareCandidates(
  retrieved: RetrievedItem[],
  options: {
    catalog: MeetingCatalog;
    concepts: Concept[];
    analyzer: TermAnalyzer;
    termIndex: TermIndex;
    limit: number;
    /** Analyses kept across questions; without it each item is analysed afresh. */
    itemAnalyses?: ItemAnalyses;
    language: Language;
    /** What the question asks for: whether an item holds that kind of fact is evidence too. */
    kind: AnswerKind;
    /** As asked: the years it names ("in 2014") are weighed against each item's. */
    question: string;
  },
): Candidate[] {
  const questionYears = [...yearsNamed(options.question)];
  const candidates = retrieved.slice(0, options.limit).map((entry, rank) => {
    const item = fullItem(entry, options.catalog);
    const { body, id } = entry.meeting;
    const context = meetingContext(entry, options.catalog);
    const analysis = options.itemAnalyses
      ? options.itemAnalyses.of(id, item, body, context)
      : analyseItem(item, body, options.analyzer, context);
    const candidate: Candidate = {
      retrieved: entry,
      item,
      analysis,
      rank,
      evidence: measureEvidence(options.concepts, analysis.bag, options.termIndex),
      titleCoverage: measureEvidence(options.concepts, analysis.titleBag, options.termIndex)
        .coverage,
      coverageInContext: measureEvidence(options.concepts, analysis.bagInContext, options.termIndex)
        .coverage,
      sentenceCoverage: 0,
      holdsAskedKind: false,
      otherYear:
        questionYears.length > 0 && !questionYears.some((year) => analysis.years.has(year)),
      relevance: 0,
    };
    const units = scoreUnits(candidate, options);
    // A closed item has no text: its title is all there is to go by.
    candidate.sentenceCoverage =
      units.length > 0 ? Math.max(...units.map((unit) => unit.coverage)) : candidate.titleCoverage;
    candidate.holdsAskedKind =
      options.kind === "other" || units.some((unit) => unit.holdsKind && unit.coverage > 0);
    return candidate;
  });
  evidenceOf(candidates, options.language).forEach((evidence, index) => {
    const candidate = candidates[index] as Candidate;
    candidate.relevance = relevanceProbability(evidence, modelFor(candidate.retrieved));
  });
  return candidates;
}

function ownEvidence(candidate: Candidate, language: Language): OwnEvidence {
  return {
    coverage: candidate.evidence.coverage,
    sentenceCoverage: candidate.sentenceCoverage,
    titleCoverage: candidate.titleCoverage,
    coverageInContext: candidate.coverageInContext,
    distinctiveMatches: candidate.evidence.distinctiveMatches,
    holdsAskedKind: candidate.holdsAskedKind,
    otherYear: candidate.otherYear,
    rank: candidate.rank,
    signals: candidate.retrieved.signals,
    english: language === "en",
  };
}

/** The evidence the model weighed for each candidate of a question, for calibration. */
export function evidenceOf(candidates: Candidate[], language: Language): RelevanceEvidence[] {
  return inQuestionContext(candidates.map((candidate) => ownEvidence(candidate, language)));
}

function modelFor(entry: RetrievedItem): RelevanceModel {
  return hasCalibratedDenseEvidence(entry.signals, HYBRID_RELEVANCE_MODEL)
    ? HYBRID_RELEVANCE_MODEL
    : LEXICAL_RELEVANCE_MODEL;
}

export interface Relevance {
  relevant: boolean;
  /** The most probably relevant candidate, when it clears the model's threshold. */
  best: Candidate | undefined;
}

/**
 * Relevant when a candidate clears the threshold of the model that scored it (hybrid when
 * retrieval had a dense leg, lexical otherwise); the best is the most probable one. Nothing
 * relevant: the minutes do not cover the question.
 */
export function judgeRelevance(candidates: Candidate[]): Relevance {
  const best = relevantCandidates(candidates)[0];
  return { relevant: best !== undefined, best };
}

/** The candidates relevant in their own right, most probable first: what an answer may quote and cite. */
export function relevantCandidates(candidates: Candidate[]): Candidate[] {
  return likeliestFirst(candidates).filter(isRelevantEnough);
}

/** Most probably relevant first; retrieval's order breaks ties. */
export function likeliestFirst(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => b.relevance - a.relevance || a.rank - b.rank);
}

/**
 * Clears the threshold; and, without a dense leg, holds at least one term of the question that
 * few items hold: words every item has ("møde", "udvalg") are no evidence on their own.
 */
function isRelevantEnough(candidate: Candidate): boolean {
  const model = modelFor(candidate.retrieved);
  return (
    candidate.relevance >= model.threshold &&
    (model === HYBRID_RELEVANCE_MODEL || candidate.evidence.distinctiveMatches > 0)
  );
}

/**
 * What a question may say about the meeting rather than the item ("in Greve", "i oktober",
 * "the finance committee in 2022") beside the body, which the item's own terms hold already:
 * its organisation, month (Danish and English) and year.
 */
function meetingContext(entry: RetrievedItem, catalog: MeetingCatalog): string {
  const { date, id } = entry.meeting;
  const organisation = catalog.get(id)?.organisation ?? "";
  return [organisation, whenWords(date)].filter(Boolean).join(" ");
}

function fullItem(entry: RetrievedItem, catalog: MeetingCatalog): Item {
  const found = catalog
    .get(entry.meeting.id)
    ?.items.find((item) => item.number === entry.item.number);
  if (found) return found;
  return {
    number: entry.item.number,
    title: entry.item.title,
    caseNumber: entry.item.caseNumber,
    closed: entry.item.closed,
    lineStart: 1,
    lineEnd: 1,
    sections: entry.passages.map((passage) => ({
      heading: passage.sectionHeading,
      kind: passage.sectionKind,
      slug: passage.sectionSlug,
      text: passage.text,
      lineStart: 1,
      lineEnd: 1,
    })),
  };
}
