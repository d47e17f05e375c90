import type { MeetingCatalog } from "../minutes/catalog.ts";
import type { Item } from "../minutes/model.ts";
import {
  type Evidence,
  itemText,
  measureEvidence,
  type QuestionTerm,
  type TermAnalyzer,
  type TermIndex,
  type TokenBag,
  tokenBag,
} from "./term-evidence.ts";
import type { Language, RetrievedItem } from "./types.ts";

/**
 * The retrieved items an answer may draw on, each with its full text from the catalogue and the
 * lexical evidence it holds for the question; and the test whether any of them is relevant.
 */

export interface Candidate {
  retrieved: RetrievedItem;
  /** The whole item as parsed (or rebuilt from the passages when the catalogue lacks it). */
  item: Item;
  bag: TokenBag;
  evidence: Evidence;
  /** Share of the question's weight found in the item's title alone. */
  titleCoverage: number;
  /** Position in the retriever's ranking, 0 first. */
  rank: number;
}

export function prepareCandidates(
  retrieved: RetrievedItem[],
  options: {
    catalog: MeetingCatalog;
    terms: QuestionTerm[];
    analyzer: TermAnalyzer;
    termIndex: TermIndex;
    limit: number;
  },
): Candidate[] {
  return retrieved.slice(0, options.limit).map((entry, rank) => {
    const item = fullItem(entry, options.catalog);
    const bag = tokenBag(itemText(item), options.analyzer);
    return {
      retrieved: entry,
      item,
      bag,
      rank,
      evidence: measureEvidence(options.terms, bag, options.termIndex),
      titleCoverage: measureEvidence(
        options.terms,
        tokenBag(item.title, options.analyzer),
        options.termIndex,
      ).coverage,
    };
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
 * Relevant when an item holds a distinctive term of the question (one found in few items) and
 * enough of the question's weight. English questions name their subject in English while the
 * minutes are Danish, so for them a distinctive term (a name, a number, a Danish word) suffices.
 */
export function judgeRelevance(candidates: Candidate[], language: Language): Relevance {
  const passing = candidates.filter((candidate) => passes(candidate.evidence, language));
  const best = orderByEvidence(passing)[0];
  return { relevant: best !== undefined, best };
}

function passes(evidence: Evidence, language: Language): boolean {
  if (evidence.distinctiveMatches === 0) return false;
  if (language === "en") return evidence.coverage >= 0.1;
  return evidence.coverage >= 0.5 || (evidence.distinctiveMatches >= 2 && evidence.coverage >= 0.3);
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
