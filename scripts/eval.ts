import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../src/config/index.ts";
import { createLogger, type Logger } from "../src/shared/logger.ts";
import { createAnswerPipelines, evaluateAnswers } from "./eval/answer-metrics.ts";
import { loadQuestions } from "./eval/questions.ts";
import { evaluateRetrieval, type RetrievalPipeline } from "./eval/retrieval-metrics.ts";
import { openSuite } from "./eval/suite-retrievers.ts";
import { DEFAULT_SUITES_FILE, type EvalSuite, loadSuites } from "./eval/suites.ts";
import { formatEvaluation, type SuiteResult, summariseEvaluation } from "./eval/summary.ts";

/**
 * `npm run eval [-- --json] [--suites FILE]`: every suite of test/fixtures/eval/suites.json
 * (minutes folder + question files, each file `dev` or `held`), reported per part, pipeline and
 * language: retrieval (recall@1/5, MRR) for the lexical, hybrid (when an embedder is configured)
 * and plain-BM25 pipelines; answers (must-hit, answered, false refusals, citation precision,
 * unanswerable refused) for the extractive answers over lexical and hybrid retrieval, and the LLM
 * when LLM_MODEL is set.
 *
 * `npm run eval -- --questions FILE [--minutes DIR]`: one question file, as part `dev`.
 */

const { values } = parseArgs({
  options: {
    suites: { type: "string", default: DEFAULT_SUITES_FILE },
    questions: { type: "string" },
    minutes: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

const config = loadConfig(process.env);
// Per-query info lines would drown the report; warnings (e.g. no embedder) still show on stderr.
const logger = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : "warn" });

const suites: EvalSuite[] =
  values.questions === undefined
    ? await loadSuites(values.suites)
    : [
        {
          name: "questions",
          minutesDir: values.minutes,
          questions: (await loadQuestions(values.questions)).map((question) => ({
            ...question,
            part: "dev" as const,
          })),
        },
      ];

const results: SuiteResult[] = [];
for (const suite of suites) results.push(await evaluateSuite(suite, config, logger));
const evaluation = summariseEvaluation(results);

if (values.json) process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
else console.log(formatEvaluation(evaluation));

async function evaluateSuite(
  suite: EvalSuite,
  config: Config,
  logger: Logger,
): Promise<SuiteResult> {
  const { loaded, lexical, hybrid, plain } = await openSuite(suite, config, logger);
  const status = loaded.retriever.status();
  const retrievalPipelines: RetrievalPipeline[] = [
    {
      name: "lexical",
      description:
        "BM25 with the Danish analyser (stemming, æ/ø/å folding, stop words, compounds), synonyms and lexicons",
      retriever: lexical,
    },
  ];
  if (hybrid) {
    retrievalPipelines.push({
      name: "hybrid",
      description: `lexical fused with dense retrieval (${status.embedderId ?? "embedder"})`,
      retriever: hybrid,
    });
  }
  retrievalPipelines.push({
    name: "plain-bm25",
    description:
      "baseline: BM25 over lower-cased words; no stemming, folding, compounds or synonyms",
    retriever: plain,
  });

  const retrieval = [];
  for (const pipeline of retrievalPipelines) {
    retrieval.push(await evaluateRetrieval(suite.questions, pipeline));
  }
  const answers = [];
  for (const pipeline of await createAnswerPipelines(config, loaded, logger, { lexical, hybrid })) {
    answers.push(await evaluateAnswers(suite.questions, pipeline));
  }
  return {
    suite: suite.name,
    meetings: loaded.meetings.length,
    chunks: loaded.index.chunks.length,
    dense: status.dense
      ? { embedderId: status.embedderId ?? "" }
      : { off: status.denseReason ?? "" },
    questions: suite.questions,
    retrieval,
    answers,
  };
}
