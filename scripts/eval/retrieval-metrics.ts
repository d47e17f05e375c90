import type { RetrievedItem, Retriever } from "../../src/answer/types.ts";
import { UNRESTRICTED_VIEWER } from "../../src/minutes/visibility.ts";
import type { EvalQuestion } from "./questions.ts";

/**
 * Retrieval metrics: for each question, where the first retrieved item matching `expect` ranks.
 * A retrieved item matches an expectation when its meeting date equals the expected date and its
 * title contains the expected substring (case-insensitive). Questions the minutes cannot answer
 * (`expect: []`) are left out of recall and MRR.
 */

export const RETRIEVAL_DEPTH = 10;

export interface RetrievalPipeline {
  name: string;
  description: string;
  retriever: Retriever;
}

export interface RetrievalScores {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

export interface QuestionResult {
  id: string;
  lang: "da" | "en";
  /** 1-based rank of the first matching item, null when none of the top RETRIEVAL_DEPTH match. */
  rank: number | null;
  top: string[];
}

export interface PipelineReport {
  name: string;
  description: string;
  overall: RetrievalScores;
  byLanguage: { da: RetrievalScores; en: RetrievalScores };
  questions: QuestionResult[];
}

export function matchesExpectation(item: RetrievedItem, question: EvalQuestion): boolean {
  const title = item.item.title.toLocaleLowerCase("da");
  return question.expect.some(
    (expected) =>
      item.meeting.date === expected.date && title.includes(expected.title.toLocaleLowerCase("da")),
  );
}

export async function evaluateRetrieval(
  questions: readonly EvalQuestion[],
  pipeline: RetrievalPipeline,
): Promise<PipelineReport> {
  const answerable = questions.filter((question) => question.expect.length > 0);
  const results: QuestionResult[] = [];
  for (const question of answerable) {
    const items = await pipeline.retriever.retrieve(question.q, {
      limit: RETRIEVAL_DEPTH,
      viewer: UNRESTRICTED_VIEWER,
    });
    const position = items.findIndex((item) => matchesExpectation(item, question));
    results.push({
      id: question.id,
      lang: question.lang,
      rank: position === -1 ? null : position + 1,
      top: items
        .slice(0, 3)
        .map((item) => `${item.meeting.date} #${item.item.number} ${item.item.title}`),
    });
  }
  return {
    name: pipeline.name,
    description: pipeline.description,
    overall: scoresOf(results),
    byLanguage: {
      da: scoresOf(results.filter((result) => result.lang === "da")),
      en: scoresOf(results.filter((result) => result.lang === "en")),
    },
    questions: results,
  };
}

export function scoresOf(results: readonly QuestionResult[]): RetrievalScores {
  const count = results.length;
  if (count === 0) return { questions: 0, recallAt1: 0, recallAt5: 0, mrr: 0 };
  const within = (depth: number) =>
    results.filter((result) => result.rank !== null && result.rank <= depth).length / count;
  const reciprocal = results.reduce(
    (sum, result) => sum + (result.rank === null ? 0 : 1 / result.rank),
    0,
  );
  return { questions: count, recallAt1: within(1), recallAt5: within(5), mrr: reciprocal / count };
}
