import type { MeetingCatalog } from "../minutes/catalog.ts";
import type { Item } from "../minutes/model.ts";
import { analyseItem, type ItemAnalyses, type ItemAnalysis } from "./item-analysis.ts";
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
  /** Share of the question's weight found in its best sentence (the title counting half). */
  sentenceCoverage: number;
  /** Position in the retriever's ranking, 0 first. */
  rank: number;
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
  },
): Candidate[] {
  return retrieved.slice(0, options.limit).map((entry, rank) => {
    const item = fullItem(entry, options.catalog);
    const { body, id } = entry.meeting;
    const analysis = options.itemAnalyses
      ? options.itemAnalyses.of(id, item, body)
      : analyseItem(item, body, options.analyzer);
    const candidate: Candidate = {
      retrieved: entry,
      item,
      analysis,
      rank,
      evidence: measureEvidence(options.concepts, analysis.bag, options.termIndex),
      titleCoverage: measureEvidence(options.concepts, analysis.titleBag, options.termIndex)
        .coverage,
      sentenceCoverage: 0,
    };
    const units = scoreUnits(candidate, { ...options, kind: "other" });
    // A closed item has no text: its title is all there is to go by.
    candidate.sentenceCoverage =
      units.length > 0 ? Math.max(...units.map((unit) => unit.coverage)) : candidate.titleCoverage;
    return candidate;
  });
}

/** What the title says counts extra: an item is named after its subject. */
const TITLE_WEIGHT = 0.5;

function strength(candidate: Candidate): number {
  return candidate.evidence.coverage + TITLE_WEIGHT * candidate.titleCoverage;
}

/**
 * Retrieval order, except that items with clearly more evidence (a fifth more, the title's
 * evidence counting extra) move ahead of the others. Items without evidence come last.
 */
export function orderByEvidence(candidates: Candidate[]): Candidate[] {
  const best = Math.max(0, ...candidates.map(strength));
  const strong = candidates.filter(
    (candidate) => candidate.evidence.coverage > 0 && strength(candidate) >= best / 1.2,
  );
  const rest = candidates.filter((candidate) => !strong.includes(candidate));
  return [...strong, ...rest];
}

export interface Relevance {
  relevant: boolean;
  /** The candidate the evidence points to, when relevant. */
  best: Candidate | undefined;
}

/**
 * English questions are matched through translations, which earn partial credit, so they are
 * held to proportionally lower shares.
 */
const THRESHOLDS: Record<Language, { item: number; sentence: number }> = {
  da: { item: 0.5, sentence: 0.4 },
  en: { item: 0.35, sentence: 0.3 },
};

/**
 * Relevant when an item holds a distinctive concept of the question (found in few items), at
 * least half of the question's weight, and a good part of it in one sentence (or as much in the
 * title): the words of the question stand together somewhere, not scattered over a long item.
 */
export function judgeRelevance(candidates: Candidate[], language: Language): Relevance {
  const threshold = THRESHOLDS[language];
  const passing = candidates.filter(
    (candidate) =>
      candidate.evidence.distinctiveMatches > 0 &&
      candidate.evidence.coverage >= threshold.item &&
      (candidate.sentenceCoverage >= threshold.sentence ||
        candidate.titleCoverage >= threshold.item),
  );
  const best = orderByEvidence(passing)[0];
  return { relevant: best !== undefined, best };
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
