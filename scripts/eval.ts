import { parseArgs } from "node:util";
import { createRetriever } from "../src/answer/retriever.ts";
import { createSynonymTable, EMPTY_SYNONYM_FILE } from "../src/answer/synonyms.ts";
import { loadRetriever } from "../src/app.ts";
import { loadConfig } from "../src/config/index.ts";
import { createPlainBm25Index } from "../src/index/lexical-index.ts";
import { createLogger } from "../src/shared/logger.ts";
import {
  type AnswerReport,
  createAnswerPipelines,
  evaluateAnswers,
  formatAnswerReports,
} from "./eval/answer-metrics.ts";
import { loadQuestions } from "./eval/questions.ts";
import {
  evaluateRetrieval,
  formatRetrievalReports,
  type PipelineReport,
  type RetrievalPipeline,
} from "./eval/retrieval-metrics.ts";

/**
 * `npm run eval -- --questions ../shared/eval/questions.jsonl [--json] [--minutes DIR]`
 *
 * Section 1, retrieval: recall@1, recall@5 and MRR per language and overall for the full
 * pipeline (lexical, plus hybrid when an embedder is available) and the plain-BM25 baseline,
 * all over the same chunks. Further sections (answer quality) add their own module under
 * scripts/eval/ and their own key in the JSON output.
 */

const { values } = parseArgs({
  options: {
    questions: { type: "string", default: "../shared/eval/questions.jsonl" },
    minutes: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

const config = loadConfig(process.env);
// Per-query info lines would drown the report; warnings (e.g. no embedder) still show on stderr.
const logger = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : "warn" });

const questions = await loadQuestions(values.questions);
const loaded = await loadRetriever(
  config,
  logger,
  values.minutes === undefined ? {} : { minutesDir: values.minutes },
);
const { chunks } = loaded.index;

const plainIndex = createPlainBm25Index();
plainIndex.add(chunks);
const noSynonyms = createSynonymTable(EMPTY_SYNONYM_FILE);

const pipelines: RetrievalPipeline[] = [
  {
    name: "lexical",
    description:
      "BM25 with the Danish analyser (stemming, æ/ø/å folding, stop words, compounds) and synonyms",
    retriever: createRetriever({
      chunks,
      lexical: loaded.index.lexical,
      dense: null,
      denseReason: "lexical pipeline of the evaluation",
      synonyms: loaded.synonyms,
      meetings: loaded.meetings,
    }),
  },
];
const status = loaded.retriever.status();
if (status.dense) {
  pipelines.push({
    name: "hybrid",
    description: `lexical fused with dense retrieval (${status.embedderId ?? "embedder"})`,
    retriever: loaded.retriever,
  });
}
pipelines.push({
  name: "plain-bm25",
  description: "baseline: BM25 over lower-cased words; no stemming, folding, compounds or synonyms",
  retriever: createRetriever({
    chunks,
    lexical: plainIndex,
    dense: null,
    denseReason: "baseline",
    synonyms: noSynonyms,
    meetings: loaded.meetings,
  }),
});

const reports: PipelineReport[] = [];
for (const pipeline of pipelines) reports.push(await evaluateRetrieval(questions, pipeline));

const answerReports: AnswerReport[] = [];
for (const pipeline of await createAnswerPipelines(config, loaded, logger)) {
  answerReports.push(await evaluateAnswers(questions, pipeline));
}

if (values.json) {
  process.stdout.write(
    `${JSON.stringify(
      {
        questions: questions.length,
        meetings: loaded.meetings.length,
        chunks: chunks.length,
        dense: status.dense ? { embedderId: status.embedderId } : { off: status.denseReason },
        retrieval: reports,
        answers: answerReports,
      },
      null,
      2,
    )}\n`,
  );
} else {
  console.log(
    `${questions.length} questions, ${loaded.meetings.length} meetings, ${chunks.length} chunks; dense: ${status.dense ? status.embedderId : `off (${status.denseReason})`}\n`,
  );
  console.log(formatRetrievalReports(reports));
  console.log(`\n${formatAnswerReports(answerReports)}`);
}
