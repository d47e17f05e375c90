import { createAnswerQuestion } from "../../src/answer/answer-question.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import type { Answer, AnswerQuestion, Citation, Retriever } from "../../src/answer/types.ts";
import { createChatModel, type LoadedRetriever } from "../../src/app.ts";
import type { Config } from "../../src/config/index.ts";
import { createMeetingCatalog } from "../../src/minutes/index.ts";
import { UNRESTRICTED_VIEWER } from "../../src/minutes/visibility.ts";
import type { Logger } from "../../src/shared/logger.ts";
import type { EvalQuestion } from "./questions.ts";

/**
 * Answer metrics, per language and overall:
 * - must hit rate: share of answerable questions whose answer (not an abstention) contains every
 *   `must` string, case-insensitively;
 * - citation precision: share of all citations, over all questions, that point at an expected
 *   item (same meeting date, title containing the expected substring);
 * - abstention rate: share of unanswerable questions (`expect: []`) that were abstained on;
 * - false abstentions: answerable questions that were abstained on.
 */

export interface AnswerPipeline {
  name: string;
  description: string;
  answerQuestion: AnswerQuestion;
}

export interface AnswerScores {
  answerable: number;
  unanswerable: number;
  mustHitRate: number;
  citations: number;
  citationPrecision: number;
  abstentionRate: number;
  falseAbstentions: number;
  /** Share of answerable questions answered (not abstained on). */
  answeredRate: number;
}

export interface AnswerResult {
  id: string;
  lang: "da" | "en";
  kind: EvalQuestion["kind"];
  answerable: boolean;
  abstained: boolean;
  mode: Answer["mode"];
  mustHit: boolean;
  citations: number;
  correctCitations: number;
  note?: string;
}

export interface AnswerReport {
  name: string;
  description: string;
  overall: AnswerScores;
  byLanguage: { da: AnswerScores; en: AnswerScores };
  questions: AnswerResult[];
}

/**
 * The answer pipelines to score: extractive over the lexical retriever and, when there is a dense
 * leg, over the hybrid one (no keys, no network); and the LLM one over the best retriever when
 * LLM_MODEL is configured.
 */
export async function createAnswerPipelines(
  config: Config,
  loaded: LoadedRetriever,
  logger: Logger,
  retrievers: { lexical: Retriever; hybrid: Retriever | null },
): Promise<AnswerPipeline[]> {
  const prompts = await loadPrompts(DEFAULT_PROMPTS_DIRECTORY);
  const shared = {
    catalog: createMeetingCatalog(loaded.meetings),
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
    synonyms: loaded.synonyms,
  };
  const pipelines: AnswerPipeline[] = [
    {
      name: "lexical",
      description:
        "extractive over lexical retrieval: verbatim sentences and decisions; abstains without evidence",
      answerQuestion: createAnswerQuestion({ ...shared, retriever: retrievers.lexical }),
    },
  ];
  if (retrievers.hybrid) {
    pipelines.push({
      name: "hybrid",
      description: "extractive over hybrid retrieval (lexical fused with dense)",
      answerQuestion: createAnswerQuestion({ ...shared, retriever: retrievers.hybrid }),
    });
  }
  const chatModel = createChatModel(config, logger);
  if (config.llm.enabled && chatModel) {
    pipelines.push({
      name: "llm",
      description: `${config.llm.model} over the same sources${config.llm.queryRewrite ? ", with query rewriting" : ""}`,
      answerQuestion: createAnswerQuestion({
        ...shared,
        retriever: retrievers.hybrid ?? retrievers.lexical,
        chatModel,
        queryRewrite: config.llm.queryRewrite,
      }),
    });
  }
  return pipelines;
}

export function citesExpectedItem(citation: Citation, question: EvalQuestion): boolean {
  const title = citation.title.toLocaleLowerCase("da");
  return question.expect.some(
    (expected) =>
      citation.date === expected.date && title.includes(expected.title.toLocaleLowerCase("da")),
  );
}

export function containsEveryMust(text: string, question: EvalQuestion): boolean {
  const lower = text.toLocaleLowerCase("da");
  return question.must.every((must) => lower.includes(must.toLocaleLowerCase("da")));
}

export async function evaluateAnswers(
  questions: readonly EvalQuestion[],
  pipeline: AnswerPipeline,
): Promise<AnswerReport> {
  const results: AnswerResult[] = [];
  for (const question of questions) {
    const answer = await pipeline.answerQuestion(question.q, { viewer: UNRESTRICTED_VIEWER });
    const answerable = question.expect.length > 0;
    results.push({
      id: question.id,
      lang: question.lang,
      kind: question.kind,
      answerable,
      abstained: answer.abstained,
      mode: answer.mode,
      mustHit: answerable && !answer.abstained && containsEveryMust(answer.text, question),
      citations: answer.citations.length,
      correctCitations: answer.citations.filter((citation) => citesExpectedItem(citation, question))
        .length,
      ...(answer.note === undefined ? {} : { note: answer.note }),
    });
  }
  return {
    name: pipeline.name,
    description: pipeline.description,
    overall: score(results),
    byLanguage: {
      da: score(results.filter((result) => result.lang === "da")),
      en: score(results.filter((result) => result.lang === "en")),
    },
    questions: results,
  };
}

export function score(results: readonly AnswerResult[]): AnswerScores {
  const answerable = results.filter((result) => result.answerable);
  const unanswerable = results.filter((result) => !result.answerable);
  const citations = results.reduce((sum, result) => sum + result.citations, 0);
  const correct = results.reduce((sum, result) => sum + result.correctCitations, 0);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    mustHitRate: share(answerable.filter((result) => result.mustHit).length, answerable.length),
    citations,
    citationPrecision: share(correct, citations),
    abstentionRate: share(
      unanswerable.filter((result) => result.abstained).length,
      unanswerable.length,
    ),
    falseAbstentions: answerable.filter((result) => result.abstained).length,
    answeredRate: share(answerable.filter((result) => !result.abstained).length, answerable.length),
  };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
