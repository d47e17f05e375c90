import { type AnswerReport, type AnswerScores, score } from "./answer-metrics.ts";
import type { PipelineReport, RetrievalScores } from "./retrieval-metrics.ts";
import { scoresOf } from "./retrieval-metrics.ts";
import type { EvalPart, PartQuestion } from "./suites.ts";

/**
 * The figures of every suite pooled per part (dev, held): each pipeline's per-question results of
 * all suites of a part, scored per language and overall, with the misses named.
 */

export interface SuiteResult {
  suite: string;
  meetings: number;
  chunks: number;
  dense: { embedderId: string } | { off: string };
  questions: PartQuestion[];
  retrieval: PipelineReport[];
  answers: AnswerReport[];
}

type ByLanguage<T> = { da: T; en: T; overall: T };

export interface PartFigures {
  part: EvalPart;
  questions: number;
  english: number;
  unanswerable: number;
  retrieval: { pipeline: string; scores: ByLanguage<RetrievalScores> }[];
  answers: { pipeline: string; scores: ByLanguage<AnswerScores> }[];
  misses: string[];
}

export interface Evaluation {
  suites: { suite: string; meetings: number; chunks: number; dense: SuiteResult["dense"] }[];
  parts: PartFigures[];
  /** Every question's result, for digging. */
  results: SuiteResult[];
}

const PARTS: EvalPart[] = ["dev", "held"];

export function summariseEvaluation(results: SuiteResult[]): Evaluation {
  const parts: PartFigures[] = [];
  for (const part of PARTS) {
    const questions = results.flatMap((result) =>
      result.questions
        .filter((question) => question.part === part)
        .map((question) => ({ ...question, suite: result.suite })),
    );
    if (questions.length === 0) continue;
    const inPart = new Set(questions.map((question) => `${question.suite}/${question.id}`));
    /** The part's rows of one pipeline, over every suite, each with its suite. */
    const rowsOf = <Row extends { id: string }>(
      reportsOf: (result: SuiteResult) => readonly { name: string; questions: Row[] }[],
      pipeline: string,
    ) =>
      results.flatMap((result) =>
        (reportsOf(result).find((report) => report.name === pipeline)?.questions ?? [])
          .filter((row) => inPart.has(`${result.suite}/${row.id}`))
          .map((row) => ({ ...row, suite: result.suite })),
      );
    const retrievalNames = unique(results.flatMap((r) => r.retrieval.map((p) => p.name)));
    const answerNames = unique(results.flatMap((r) => r.answers.map((p) => p.name)));
    const misses: string[] = [];

    const retrieval = retrievalNames.map((pipeline) => {
      const rows = rowsOf((result) => result.retrieval, pipeline);
      for (const row of rows) {
        if (row.rank !== 1) {
          misses.push(
            `retrieval ${pipeline} ${row.suite}/${row.id} (${row.lang}): rank ${row.rank ?? "—"}; top: ${row.top[0] ?? "nothing"}`,
          );
        }
      }
      return {
        pipeline,
        scores: byLanguage(rows, scoresOf),
      };
    });

    const answers = answerNames.map((pipeline) => {
      const rows = rowsOf((result) => result.answers, pipeline);
      for (const row of rows) {
        const problems = [
          row.answerable && row.abstained ? "refused" : "",
          row.answerable && !row.abstained && !row.mustHit ? "must missing" : "",
          row.correctCitations < row.citations
            ? `${row.citations - row.correctCitations}/${row.citations} citations off`
            : "",
          !row.answerable && !row.abstained ? "answered an unanswerable question" : "",
        ].filter(Boolean);
        if (problems.length > 0) {
          misses.push(
            `answer ${pipeline} ${row.suite}/${row.id} (${row.lang}, ${row.kind ?? "—"}): ${problems.join("; ")}`,
          );
        }
      }
      return { pipeline, scores: byLanguage(rows, score) };
    });

    parts.push({
      part,
      questions: questions.length,
      english: questions.filter((question) => question.lang === "en").length,
      unanswerable: questions.filter((question) => question.expect.length === 0).length,
      retrieval,
      answers,
      misses,
    });
  }
  return {
    suites: results.map(({ suite, meetings, chunks, dense }) => ({
      suite,
      meetings,
      chunks,
      dense,
    })),
    parts,
    results,
  };
}

function byLanguage<Row extends { lang: "da" | "en" }, Scores>(
  rows: Row[],
  scoreRows: (rows: Row[]) => Scores,
): ByLanguage<Scores> {
  return {
    da: scoreRows(rows.filter((row) => row.lang === "da")),
    en: scoreRows(rows.filter((row) => row.lang === "en")),
    overall: scoreRows(rows),
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

const LANGUAGES = ["da", "en", "overall"] as const;

/** Plain-text tables, one block per part. */
export function formatEvaluation(evaluation: Evaluation): string {
  const lines: string[] = [];
  for (const suite of evaluation.suites) {
    const dense = "embedderId" in suite.dense ? suite.dense.embedderId : `off (${suite.dense.off})`;
    lines.push(
      `suite ${suite.suite}: ${suite.meetings} meetings, ${suite.chunks} chunks; dense: ${dense}`,
    );
  }
  for (const part of evaluation.parts) {
    lines.push(
      "",
      `== ${part.part}: ${part.questions} questions (${part.english} English, ${part.unanswerable} unanswerable)`,
      "",
      "Retrieval (first matching item in the top 10; unanswerable questions left out)",
      `${"pipeline".padEnd(12)}${"lang".padEnd(9)}${"n".padStart(4)}${"R@1".padStart(8)}${"R@5".padStart(8)}${"MRR".padStart(8)}`,
    );
    for (const { pipeline, scores } of part.retrieval) {
      for (const language of LANGUAGES) {
        const s = scores[language];
        lines.push(
          `${pipeline.padEnd(12)}${language.padEnd(9)}${String(s.questions).padStart(4)}${fixed(s.recallAt1)}${fixed(s.recallAt5)}${fixed(s.mrr)}`,
        );
      }
    }
    lines.push(
      "",
      "Answers (must: answerable answers holding every `must`; answered: answerable not refused; prec: cited items expected)",
      `${"pipeline".padEnd(12)}${"lang".padEnd(9)}${"ans".padStart(4)}${"must".padStart(8)}${"answered".padStart(10)}${"false-ref".padStart(11)}${"prec".padStart(8)}${"unans-refused".padStart(15)}`,
    );
    for (const { pipeline, scores } of part.answers) {
      for (const language of LANGUAGES) {
        const s = scores[language];
        const refused = Math.round(s.abstentionRate * s.unanswerable);
        lines.push(
          `${pipeline.padEnd(12)}${language.padEnd(9)}${String(s.answerable).padStart(4)}${fixed(s.mustHitRate)}${fixed(s.answeredRate, 10)}${String(s.falseAbstentions).padStart(11)}${fixed(s.citationPrecision)}${`${refused}/${s.unanswerable}`.padStart(15)}`,
        );
      }
    }
    if (part.misses.length > 0)
      lines.push("", "Misses:", ...part.misses.map((miss) => `  ${miss}`));
  }
  return lines.join("\n");
}

function fixed(value: number, width = 8): string {
  return value.toFixed(3).padStart(width);
}
