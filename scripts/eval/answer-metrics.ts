import { createAnswerQuestion } from "../../src/answer/answer-question.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import type { Answer, AnswerQuestion, Citation } from "../../src/answer/types.ts";
import { createChatModel, type LoadedRetriever } from "../../src/app.ts";
import type { Config } from "../../src/config/index.ts";
import { createMeetingCatalog } from "../../src/minutes/index.ts";
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
}

export interface AnswerResult {
  id: string;
  lang: "da" | "en";
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
 * The answer pipelines to score over the retriever the evaluation loaded: always the extractive
 * one (no keys, no network), and the LLM one too when LLM_MODEL is configured.
 */
export async function createAnswerPipelines(
  config: Config,
  loaded: LoadedRetriever,
  logger: Logger,
): Promise<AnswerPipeline[]> {
  const prompts = await loadPrompts(DEFAULT_PROMPTS_DIRECTORY);
  const shared = {
    retriever: loaded.retriever,
    catalog: createMeetingCatalog(loaded.meetings),
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
    synonyms: loaded.synonyms,
  };
  const pipelines: AnswerPipeline[] = [
    {
      name: "extractive",
      description:
        "verbatim sentences and decisions from the retrieved items; abstains without evidence",
      answerQuestion: createAnswerQuestion(shared),
    },
  ];
  const chatModel = createChatModel(config, logger);
  if (config.llm.enabled && chatModel) {
    pipelines.push({
      name: "llm",
      description: `${config.llm.model} over the same sources${config.llm.queryRewrite ? ", with query rewriting" : ""}`,
      answerQuestion: createAnswerQuestion({
        ...shared,
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
    const answer = await pipeline.answerQuestion(question.q);
    const answerable = question.expect.length > 0;
    results.push({
      id: question.id,
      lang: question.lang,
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

function score(results: readonly AnswerResult[]): AnswerScores {
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
  };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** A plain-text table of the reports, one row per pipeline and language. */
export function formatAnswerReports(reports: readonly AnswerReport[]): string {
  const lines = [
    "Answers (must: answerable answers containing every `must` string; precision: cited items that are expected)",
    "",
    `${"pipeline".padEnd(14)}${"set".padEnd(9)}${"ans".padStart(5)}${"must".padStart(8)}${"cites".padStart(7)}${"prec".padStart(8)}${"unans".padStart(7)}${"abst".padStart(8)}${"false-abst".padStart(12)}`,
  ];
  for (const report of reports) {
    const rows: [string, AnswerScores][] = [
      ["da", report.byLanguage.da],
      ["en", report.byLanguage.en],
      ["overall", report.overall],
    ];
    for (const [set, scores] of rows) {
      lines.push(
        `${report.name.padEnd(14)}${set.padEnd(9)}${String(scores.answerable).padStart(5)}${scores.mustHitRate.toFixed(3).padStart(8)}${String(scores.citations).padStart(7)}${scores.citationPrecision.toFixed(3).padStart(8)}${String(scores.unanswerable).padStart(7)}${scores.abstentionRate.toFixed(3).padStart(8)}${String(scores.falseAbstentions).padStart(12)}`,
      );
    }
  }
  lines.push("");
  for (const report of reports) lines.push(`${report.name}: ${report.description}`);
  const misses = reports.flatMap((report) =>
    report.questions
      .filter((result) =>
        result.answerable
          ? !result.mustHit || result.correctCitations < result.citations
          : !result.abstained,
      )
      .map((result) => {
        const problems = [
          result.answerable && result.abstained ? "abstained" : "",
          result.answerable && !result.abstained && !result.mustHit ? "must missing" : "",
          result.correctCitations < result.citations
            ? `${result.citations - result.correctCitations}/${result.citations} citations off`
            : "",
          !result.answerable && !result.abstained ? "answered an unanswerable question" : "",
          result.note ? `note: ${result.note}` : "",
        ].filter(Boolean);
        return `  ${report.name} ${result.id} (${result.lang}): ${problems.join("; ")}`;
      }),
  );
  if (misses.length > 0) lines.push("", "Misses:", ...misses);
  return lines.join("\n");
}
