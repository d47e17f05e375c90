import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalogAnalyzer, createAnswerQuestion } from "../../src/answer/answer-question.ts";
import { detectLanguage } from "../../src/answer/language.ts";
import { withoutMarkup } from "../../src/answer/markup.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { createRetriever } from "../../src/answer/retriever.ts";
import { loadSynonyms, type SynonymTable } from "../../src/answer/synonyms.ts";
import { questionConcepts } from "../../src/answer/term-evidence.ts";
import { chunkMeeting } from "../../src/index/chunking.ts";
import { createDanishAnalyzer } from "../../src/index/danish-analyzer.ts";
import { buildSearchIndex } from "../../src/index/store.ts";
import { createMeetingCatalog, ingestDirectory, parseMinutes } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { documentCases, type HostileCase, questionCases } from "./cases.ts";

/**
 * One group of hostile cases, measured in this process (started by scripts/hostile-inputs.ts,
 * which kills it when a case runs too long). Prints a JSON line as each case starts and one with
 * its figures when it ends, so the parent knows which case a time-out stopped.
 */

export type Group = "question" | "document";

export interface CaseFigures {
  group: Group;
  name: string;
  length: number;
  /** Stage → milliseconds. */
  ms: Record<string, number>;
  /** What came out: a meeting's item count, an error code, the number of terms. */
  outcome: string;
}

const MINUTES = new URL("../../data/minutes", import.meta.url).pathname;

function timed<T>(stage: string, ms: Record<string, number>, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    ms[stage] = Math.round((performance.now() - started) * 10) / 10;
  }
}

async function timedAsync<T>(stage: string, ms: Record<string, number>, run: () => Promise<T>) {
  const started = performance.now();
  try {
    return await run();
  } finally {
    ms[stage] = Math.round((performance.now() - started) * 10) / 10;
  }
}

async function measureQuestions(cases: HostileCase[], report: (figures: CaseFigures) => void) {
  const logger = createSilentLogger();
  const { meetings } = await ingestDirectory(MINUTES);
  const catalog = createMeetingCatalog(meetings);
  const indexDir = await mkdtemp(join(tmpdir(), "referat-hostile-"));
  try {
    const [index, synonyms, prompts] = await Promise.all([
      buildSearchIndex({
        meetings,
        indexDir,
        embedder: null,
        embedderUnavailableReason: "hostile-input figures measure lexical analysis",
        logger,
      }),
      loadSynonyms() as Promise<SynonymTable>,
      loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
    ]);
    const retriever = createRetriever({
      chunks: index.chunks,
      lexical: index.lexical,
      dense: index.dense,
      synonyms,
      meetings,
      logger,
    });
    const answerQuestion = createAnswerQuestion({
      retriever,
      catalog,
      prompts,
      publicBaseUrl: "http://referat.test",
      logger,
      synonyms,
    });
    const analyzer = catalogAnalyzer(catalog);
    await answerQuestion("Hvem blev medlem af styregruppen for ACT-indsatsen?");
    for (const { name, text } of cases) {
      console.log(JSON.stringify({ starting: name }));
      const ms: Record<string, number> = {};
      const terms = timed("queryTerms", ms, () => analyzer.queryTerms(text));
      timed("intent", ms, () => [answerKindOf(text), detectLanguage(text)]);
      timed("concepts", ms, () => questionConcepts(text, analyzer, synonyms));
      ms.analysis =
        Math.round(((ms.queryTerms ?? 0) + (ms.intent ?? 0) + (ms.concepts ?? 0)) * 10) / 10;
      const answer = await timedAsync("answer", ms, () => answerQuestion(text));
      report({
        group: "question",
        name,
        length: text.length,
        ms,
        outcome: `${terms.length} terms, ${answer.abstained ? "abstained" : "answered"}`,
      });
    }
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

async function measureDocuments(cases: HostileCase[], report: (figures: CaseFigures) => void) {
  const { meetings } = await ingestDirectory(MINUTES);
  const vocabulary = catalogAnalyzer(createMeetingCatalog(meetings)).vocabulary();
  for (const { name, text } of cases) {
    console.log(JSON.stringify({ starting: name }));
    const ms: Record<string, number> = {};
    let outcome: string;
    try {
      const meeting = timed("parse", ms, () => parseMinutes(text, "hostile_2019-09-18.txt"));
      const chunks = timed("chunk", ms, () => chunkMeeting(meeting));
      const analyzer = createDanishAnalyzer({ vocabulary });
      timed("learn", ms, () => analyzer.learn(chunks.map((chunk) => chunk.text)));
      const terms = timed("indexTerms", ms, () =>
        chunks.reduce((count, chunk) => count + analyzer.indexTerms(chunk.text).length, 0),
      );
      outcome = `${meeting.items.length} items, ${chunks.length} chunks, ${terms} terms`;
    } catch (error) {
      outcome = `error: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`;
    }
    timed("markup", ms, () => withoutMarkup(text));
    report({ group: "document", name, length: text.length, ms, outcome });
  }
}

export async function measureGroup(group: Group, from: number, length?: number) {
  const report = (figures: CaseFigures) => console.log(JSON.stringify({ figures }));
  if (group === "question") await measureQuestions(questionCases(length).slice(from), report);
  else await measureDocuments(documentCases(length).slice(from), report);
}

const [group, from, length] = process.argv.slice(2);
if (group === "question" || group === "document") {
  await measureGroup(group, Number(from ?? 0), length ? Number(length) : undefined);
}
