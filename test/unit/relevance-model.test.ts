import { beforeAll, describe, expect, it } from "vitest";
import { fitLogistic } from "../../scripts/calibrate/logistic.ts";
import { catalogAnalyzer } from "../../src/answer/answer-question.ts";
import { judgeRelevance, prepareCandidates } from "../../src/answer/candidates.ts";
import { detectLanguage } from "../../src/answer/language.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { toItemRef, toMeetingRef } from "../../src/answer/refs.ts";
import {
  featureVector,
  HYBRID_FEATURE_NAMES,
  hasCalibratedDenseEvidence,
  relevanceProbability,
} from "../../src/answer/relevance-model.ts";
import {
  HYBRID_RELEVANCE_MODEL,
  LEXICAL_RELEVANCE_MODEL,
} from "../../src/answer/relevance-weights.ts";
import { UNRANKED_SIGNALS } from "../../src/answer/retriever.ts";
import { createSynonymTable, EMPTY_SYNONYM_FILE } from "../../src/answer/synonyms.ts";
import {
  dropUnknownPhrases,
  questionConcepts,
  type TermIndex,
  termIndexOf,
} from "../../src/answer/term-evidence.ts";
import { buildTermStatistics } from "../../src/answer/term-statistics.ts";
import type { RetrievalSignals, RetrievedItem } from "../../src/answer/types.ts";
import type { TextAnalyzer } from "../../src/index/danish-analyzer.ts";
import type { MeetingCatalog } from "../../src/minutes/catalog.ts";
import { createMeetingCatalog, ingestDirectory } from "../../src/minutes/index.ts";
import { answerStageOver } from "../support/answer-stage.ts";

/**
 * The relevance model on the bundled minutes: candidates built from the real parsed items, with
 * the signals a retriever would hand over, judged by the calibrated weights in
 * src/answer/relevance-weights.ts.
 */

const E5 = "openai:multilingual-e5-small (input_type)";
let catalog: MeetingCatalog;
let analyzer: TextAnalyzer;
let termIndex: TermIndex;

beforeAll(async () => {
  ({ catalog, analyzer, termIndex } = await answerStageOver([
    new URL("../../data/minutes", import.meta.url).pathname,
  ]));
});

function candidatesFor(question: string, items: [string, number, RetrievalSignals][]) {
  // No synonyms and no lexicon: the question's English words stay untranslated.
  const concepts = dropUnknownPhrases(
    questionConcepts(question, analyzer, createSynonymTable(EMPTY_SYNONYM_FILE)),
    termIndex,
  );
  const retrieved = items.map(([meetingId, number, signals]): RetrievedItem => {
    const meeting = catalog.get(meetingId);
    const item = meeting?.items.find((candidate) => candidate.number === number);
    if (!meeting || !item) throw new Error(`no item ${meetingId} ${number}`);
    return {
      meeting: toMeetingRef(meeting),
      item: toItemRef(item),
      score: 1,
      legs: signals.denseRank === null ? ["lexical"] : ["lexical", "dense"],
      signals,
      passages: [],
    };
  });
  return prepareCandidates(retrieved, {
    catalog,
    concepts,
    analyzer,
    termIndex,
    limit: 8,
    language: detectLanguage(question),
    kind: answerKindOf(question),

    question,
  });
}

const bothLegsFirst: RetrievalSignals = {
  lexicalRank: 1,
  lexicalScore: 1,
  denseRank: 1,
  denseSimilarity: 0.86,
  denseTopSimilarity: 0.86,
  denseEmbedder: E5,
};

describe("the relevance model", () => {
  it("applies the hybrid weights only with the embedder they were calibrated with", () => {
    expect(HYBRID_RELEVANCE_MODEL.calibratedEmbedder).toBe("multilingual-e5-small");
    expect(hasCalibratedDenseEvidence(bothLegsFirst, HYBRID_RELEVANCE_MODEL)).toBe(true);
    expect(
      hasCalibratedDenseEvidence(
        { ...bothLegsFirst, denseEmbedder: "local:Xenova/multilingual-e5-small@q8" },
        HYBRID_RELEVANCE_MODEL,
      ),
    ).toBe(true);
    // A test embedder's or another model's similarities are on another scale.
    expect(
      hasCalibratedDenseEvidence(
        { ...bothLegsFirst, denseEmbedder: "deterministic-test-embedder" },
        HYBRID_RELEVANCE_MODEL,
      ),
    ).toBe(false);
    expect(hasCalibratedDenseEvidence(UNRANKED_SIGNALS, HYBRID_RELEVANCE_MODEL)).toBe(false);
  });

  it("lets no untranslated word veto an item both legs rank first", () => {
    // "zorblax" is in no lexicon: lexically the item holds only part of the question.
    const question = "What did the committee decide about the seniors working group zorblax?";
    const item: [string, number] = ["lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 9];
    const runnerUp: RetrievalSignals = {
      ...bothLegsFirst,
      lexicalRank: 2,
      lexicalScore: 0.7,
      denseRank: 2,
      denseSimilarity: 0.83,
    };
    const hybrid = candidatesFor(question, [
      [...item, bothLegsFirst],
      ["lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 6, runnerUp],
    ]);
    expect(judgeRelevance(hybrid).best?.item.number).toBe(9);
  });

  it("still says 'not covered' when neither leg has anything close", () => {
    const question = "What did the council decide about the new ice rink?";
    const far: RetrievalSignals = {
      lexicalRank: 1,
      lexicalScore: 1,
      denseRank: 1,
      denseSimilarity: 0.78,
      denseTopSimilarity: 0.78,
      denseEmbedder: E5,
    };
    const candidates = candidatesFor(question, [
      ["beskaeftigelsesudvalget-2020-01-14", 2, far],
      [
        "udsatteraadet-2019-09-18",
        31,
        { ...far, lexicalRank: 2, lexicalScore: 0.6, denseRank: 2, denseSimilarity: 0.77 },
      ],
    ]);
    expect(judgeRelevance(candidates)).toEqual({ relevant: false, best: undefined });
  });

  it("trusts an item less when the question names a year neither it nor its meeting names", () => {
    const item: [string, number, RetrievalSignals] = [
      "udsatteraadet-2019-09-18",
      34,
      bothLegsFirst,
    ];
    const asked = (question: string) => candidatesFor(question, [item])[0];
    const sameYear = asked("Hvad er status på implementeringen af psykiatriplanen i 2019?");
    const planYear = asked("Hvad er status på implementeringen af psykiatriplanen for 2021?");
    const otherYear = asked("Hvad er status på implementeringen af psykiatriplanen i 2014?");
    expect(sameYear?.otherYear).toBe(false);
    // "Psykiatriplan 2018-2021" names 2021 too.
    expect(planYear?.otherYear).toBe(false);
    expect(otherYear?.otherYear).toBe(true);
    expect(otherYear?.relevance).toBeLessThan(sameYear?.relevance ?? 0);
  });

  it("ranks the candidate holding the question above one the legs merely rank first", () => {
    const question = "Hvem deltager i arbejdsgruppen om kønsneutrale stillingsopslag?";
    const candidates = candidatesFor(question, [
      ["udsatteraadet-2019-09-18", 31, { ...UNRANKED_SIGNALS, lexicalRank: 1, lexicalScore: 1 }],
      [
        "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
        6,
        { ...UNRANKED_SIGNALS, lexicalRank: 2, lexicalScore: 0.9 },
      ],
    ]);
    const [first, second] = candidates;
    expect((second?.relevance ?? 0) > (first?.relevance ?? 1)).toBe(true);
  });

  it("scores by the features the weights name, in their order", () => {
    expect(LEXICAL_RELEVANCE_MODEL.features.length).toBe(LEXICAL_RELEVANCE_MODEL.weights.length);
    expect(HYBRID_RELEVANCE_MODEL.features.length).toBe(HYBRID_RELEVANCE_MODEL.weights.length);
    const [candidate] = candidatesFor("Hvad blev besluttet om arbejdsgruppen for seniorer?", [
      ["lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 9, bothLegsFirst],
    ]);
    expect(candidate?.relevance).toBeGreaterThan(0);
    expect(candidate?.relevance).toBeLessThan(1);
  });
});

describe("the logistic fit behind npm run calibrate", () => {
  it("finds the feature that separates the labels and gives it the weight", () => {
    const rows: number[][] = [];
    const labels: boolean[] = [];
    for (let index = 0; index < 200; index += 1) {
      const signal = (index % 10) / 10;
      const noise = ((index * 7919) % 13) / 13;
      rows.push([signal, noise]);
      labels.push(signal >= 0.5);
    }
    const { weights, bias } = fitLogistic(rows, labels, { l2: 0.001 });
    expect(weights[0]).toBeGreaterThan(5);
    expect(Math.abs(weights[1] ?? 0)).toBeLessThan(Math.abs(weights[0] ?? 0) / 5);
    const p = (x: number) => 1 / (1 + Math.exp(-(bias + (weights[0] ?? 0) * x)));
    expect(p(0.9)).toBeGreaterThan(0.8);
    expect(p(0.1)).toBeLessThan(0.2);
  });

  it("names no feature the model does not know", () => {
    expect(() => featureVector({} as never, ["noSuchFeature"])).toThrow(
      /unknown relevance feature/,
    );
    expect(HYBRID_FEATURE_NAMES).toEqual(
      expect.arrayContaining([...HYBRID_RELEVANCE_MODEL.features]),
    );
    expect(typeof relevanceProbability).toBe("function");
  });
});
