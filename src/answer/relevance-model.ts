import type { RetrievalSignals } from "./types.ts";

/**
 * One relevance model for retrieval's candidates: the probability that an item answers the
 * question, from the same evidence retrieval ranked it by (how each leg ranked it, its BM25 score,
 * its dense similarity) and how much of the question's weight its text holds (the query's
 * BM25 terms and their expansions, in the whole item, one sentence and the title). A logistic
 * model, fitted by `npm run calibrate` on the development questions (never the held-aside ones);
 * the answer stage answers from the most probable item when it clears the model's threshold, and
 * otherwise says the minutes do not cover the question.
 */

export interface RelevanceEvidence {
  coverage: number;
  sentenceCoverage: number;
  titleCoverage: number;
  coverageInContext: number;
  distinctiveMatches: number;
  /** A sentence about the question holds the kind of fact asked for (always, for open questions). */
  holdsAskedKind: boolean;
  /** The question names a year that neither the item nor its meeting's date does. */
  otherYear: boolean;
  /** Position in retrieval's fused ranking, 0 first. */
  rank: number;
  signals: RetrievalSignals;
  /** English questions match through translations, which earn partial coverage. */
  english: boolean;
  /** The best of the question's other candidates: whether this one stands out is evidence too. */
  others: { coverage: number; sentenceCoverage: number; lexicalScore: number };
}

/** A candidate's own evidence, before it is read against the question's other candidates. */
export type OwnEvidence = Omit<RelevanceEvidence, "others">;

/** Each candidate's evidence with the best of the others beside it. */
export function inQuestionContext(own: readonly OwnEvidence[]): RelevanceEvidence[] {
  return own.map((evidence, index) => {
    const others = own.filter((_, other) => other !== index);
    return {
      ...evidence,
      others: {
        coverage: Math.max(0, ...others.map((o) => o.coverage)),
        sentenceCoverage: Math.max(0, ...others.map((o) => o.sentenceCoverage)),
        lexicalScore: Math.max(0, ...others.map((o) => o.signals.lexicalScore)),
      },
    };
  });
}

export interface RelevanceModel {
  /** Names of the features, in the order of `weights`. */
  features: readonly string[];
  weights: readonly number[];
  bias: number;
  /** Answer when the best item's probability reaches it. */
  threshold: number;
  /**
   * The embedding model the dense features were calibrated with (e.g. "multilingual-e5-small"):
   * another model's similarities are on another scale, so with it the lexical model applies.
   */
  calibratedEmbedder?: string;
}

/** A dense similarity for items the dense leg did not find: below anything it found. */
const NOT_FOUND_GAP = -0.2;

const LEXICAL_FEATURES: Record<string, (evidence: RelevanceEvidence) => number> = {
  coverage: (e) => e.coverage,
  sentenceCoverage: (e) => e.sentenceCoverage,
  titleCoverage: (e) => e.titleCoverage,
  coverageInContext: (e) => e.coverageInContext,
  distinctive: (e) => (e.distinctiveMatches > 0 ? 1 : 0),
  english: (e) => (e.english ? 1 : 0),
  // How far it stands out from the question's other candidates, whatever the question's wording:
  // the item that answers usually does; a near miss among others on the same subject does not.
  coverageMargin: (e) => e.coverage - e.others.coverage,
  sentenceCoverageMargin: (e) => e.sentenceCoverage - e.others.sentenceCoverage,
  lexicalScoreMargin: (e) => e.signals.lexicalScore - e.others.lexicalScore,
  holdsAskedKind: (e) => (e.holdsAskedKind ? 1 : 0),
  otherYear: (e) => (e.otherYear ? 1 : 0),
  fusedReciprocalRank: (e) => 1 / (e.rank + 1),
  lexicalReciprocalRank: (e) => (e.signals.lexicalRank === null ? 0 : 1 / e.signals.lexicalRank),
  lexicalScore: (e) => e.signals.lexicalScore,
};

const DENSE_FEATURES: Record<string, (evidence: RelevanceEvidence) => number> = {
  denseReciprocalRank: (e) => (e.signals.denseRank === null ? 0 : 1 / e.signals.denseRank),
  denseGap: (e) =>
    e.signals.denseRank === null
      ? NOT_FOUND_GAP
      : e.signals.denseSimilarity - e.signals.denseTopSimilarity,
  denseTopSimilarity: (e) => e.signals.denseTopSimilarity,
};

export const LEXICAL_FEATURE_NAMES = Object.keys(LEXICAL_FEATURES);
export const HYBRID_FEATURE_NAMES = [...LEXICAL_FEATURE_NAMES, ...Object.keys(DENSE_FEATURES)];
const EXTRACTORS = { ...LEXICAL_FEATURES, ...DENSE_FEATURES };

/**
 * Whether retrieval had a dense leg for this question, by the embedder the hybrid model was
 * calibrated with: then the hybrid model applies.
 */
export function hasCalibratedDenseEvidence(
  signals: RetrievalSignals,
  hybrid: RelevanceModel,
): boolean {
  const { denseEmbedder } = signals;
  return (
    denseEmbedder !== null &&
    signals.denseTopSimilarity > 0 &&
    hybrid.calibratedEmbedder !== undefined &&
    denseEmbedder.includes(hybrid.calibratedEmbedder)
  );
}

export function featureVector(evidence: RelevanceEvidence, names: readonly string[]): number[] {
  return names.map((name) => {
    const extract = EXTRACTORS[name];
    if (!extract) throw new Error(`unknown relevance feature ${name}`);
    return extract(evidence);
  });
}

export function relevanceProbability(evidence: RelevanceEvidence, model: RelevanceModel): number {
  const values = featureVector(evidence, model.features);
  let logit = model.bias;
  values.forEach((value, index) => {
    logit += value * (model.weights[index] ?? 0);
  });
  return 1 / (1 + Math.exp(-logit));
}
