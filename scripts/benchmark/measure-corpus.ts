import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { createRetriever } from "../../src/answer/retriever.ts";
import { loadSynonymsOrNone } from "../../src/answer/synonyms.ts";
import { createAnsweringPipeline, createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { chunkMeetings } from "../../src/index/chunking.ts";
import { createLexicalIndex } from "../../src/index/lexical-index.ts";
import { buildSearchIndex } from "../../src/index/store.ts";
import { ingestDirectory, parseMinutes, TEXT_EXTENSIONS } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { createDeterministicEmbedder } from "../../test/fakes/deterministic-embedder.ts";
import { loadQuestions } from "../eval/questions.ts";
import type { CorpusFigures, WorkerRequest } from "./figures.ts";
import { runHttpLoad } from "./http-load.ts";
import { megabytes, round, summariseLatencies, timed } from "./stats.ts";

/**
 * Measures one corpus end to end in a fresh temp DATA_DIR (removed afterwards): ingest, index
 * (with the deterministic test embedder feeding a real hnswlib index), retrieval, extractive
 * answers, and the real application server on 127.0.0.1 under a bounded load.
 */

const EMBEDDER_NOTE =
  "deterministic test embedder (hashed trigrams, test/fakes): not a real model; real embedding costs are not included";

export async function measureCorpus(request: WorkerRequest): Promise<CorpusFigures> {
  const started = performance.now();
  const baselineRss = process.memoryUsage().rss;
  const logger = createSilentLogger();
  const questions = (await loadQuestions(request.questionsFile)).map((question) => question.q);
  const dataDir = await mkdtemp(join(tmpdir(), "referat-bench-"));
  try {
    const corpusFile = join(dataDir, "corpus.json");
    const indexDir = join(dataDir, "index");

    const ingest = await measureIngest(request.minutesDir, corpusFile);
    const { meetings } = ingest;

    const chunking = await timed(() => chunkMeetings(meetings));
    const chunks = chunking.value;
    const lexicalBuild = await timed(() => createLexicalIndex().add(chunks));

    const coldEmbedder = createDeterministicEmbedder();
    const cold = await timed(() =>
      buildSearchIndex({ meetings, indexDir, embedder: coldEmbedder, logger }),
    );
    const warmEmbedder = createDeterministicEmbedder();
    const warm = await timed(() =>
      buildSearchIndex({ meetings, indexDir, embedder: warmEmbedder, logger }),
    );
    const index = warm.value;
    const embeddingCacheBytes = await directoryBytes(join(indexDir, "embeddings"));
    const indexBytes = await directoryBytes(indexDir);
    const generationBytes = await directoryBytes(
      join(indexDir, "generations", (await readFile(join(indexDir, "CURRENT"), "utf8")).trim()),
    );

    const synonyms = await loadSynonymsOrNone(undefined, logger);
    const lexicalRetriever = createRetriever({
      chunks: index.chunks,
      lexical: index.lexical,
      dense: null,
      denseReason: "lexical leg of the benchmark",
      synonyms,
      meetings,
    });
    const hybridRetriever = createRetriever({
      chunks: index.chunks,
      lexical: index.lexical,
      dense: index.dense,
      synonyms,
      meetings,
    });
    const lexicalLatency = await measureEach(questions, request.rounds, (question) =>
      lexicalRetriever.retrieve(question),
    );
    const hybridLatency = await measureEach(questions, request.rounds, (question) =>
      hybridRetriever.retrieve(question),
    );

    // The service as `npm start` builds it, without Slack, without an LLM and (no model weights
    // here) without an embedder, over the DATA_DIR prepared above.
    const config = loadConfig({
      DATA_DIR: dataDir,
      MINUTES_DIR: request.minutesDir,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
      EMBEDDINGS_PROVIDER: "none",
      // The benchmark measures answering, not the per-client limiter.
      HTTP_ASK_RATE_LIMIT_PER_MINUTE: "1000000",
    });
    const pipelineLoad = await timed(() => createAnsweringPipeline(config, logger));
    const pipeline = pipelineLoad.value;
    const afterLoad = process.memoryUsage();
    let abstained = 0;
    const answerLatency = await measureEach(questions, request.rounds, async (question, warmUp) => {
      const answer = await pipeline.answerQuestion(question);
      if (answer.abstained && !warmUp) abstained += 1;
    });

    const serverStart = await timed(async () => {
      const application = await createApplication(config, logger);
      const { url } = await application.start();
      return { application, url };
    });
    const { application, url } = serverStart.value;
    let http: Awaited<ReturnType<typeof runHttpLoad>>;
    try {
      http = await runHttpLoad({
        baseUrl: url,
        questions,
        requests: request.requests,
        concurrency: request.concurrency,
        timeLimitMs: request.httpSeconds * 1000,
      });
    } finally {
      await application.stop();
    }

    return {
      corpus: { name: request.name, minutesDir: request.minutesDir },
      ingest: ingest.figures,
      index: {
        chunks: chunks.length,
        chunkingMs: chunking.ms,
        lexicalBuildMs: lexicalBuild.ms,
        embedder: {
          id: coldEmbedder.modelId,
          dimensions: coldEmbedder.dimensions,
          note: EMBEDDER_NOTE,
        },
        coldBuildMs: cold.ms,
        coldEmbedded: coldEmbedder.calls.passages,
        warmReloadMs: warm.ms,
        warmEmbedded: warmEmbedder.calls.passages,
        warmRebuilt: warm.value.stats.rebuilt,
        diskBytes: {
          total: indexBytes,
          generation: generationBytes,
          embeddingCache: embeddingCacheBytes,
        },
      },
      retrieval: {
        questions: questions.length,
        rounds: request.rounds,
        lexical: lexicalLatency,
        hybrid: hybridLatency,
      },
      answers: {
        mode: pipeline.llmEnabled ? "llm" : "extractive",
        retrieval: pipeline.loaded.retriever.status().dense ? "hybrid" : "lexical",
        abstained,
        latency: answerLatency,
      },
      service: { pipelineLoadMs: pipelineLoad.ms, serverStartMs: serverStart.ms },
      http,
      memory: {
        baselineRssMb: megabytes(baselineRss),
        afterLoadRssMb: megabytes(afterLoad.rss),
        afterLoadHeapUsedMb: megabytes(afterLoad.heapUsed),
        // maxRSS is in kilobytes.
        peakRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
      },
      wallMs: round(performance.now() - started),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function measureIngest(minutesDir: string, corpusFile: string) {
  const first = await timed(() => ingestDirectory(minutesDir, { corpusFile }));
  const second = await timed(() => ingestDirectory(minutesDir, { corpusFile }));
  const { meetings, failures } = first.value;

  const names = (await readdir(minutesDir))
    .filter((name) => (TEXT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
    .sort();
  const parseTimes: number[] = [];
  let inputBytes = 0;
  for (const name of names) {
    const text = await readFile(join(minutesDir, name), "utf8");
    inputBytes += Buffer.byteLength(text);
    const started = performance.now();
    try {
      parseMinutes(text, name);
    } catch {
      // Files ingest rejects are counted as failures above; their parse time still counts.
    }
    parseTimes.push(performance.now() - started);
  }
  const parseTotal = parseTimes.reduce((sum, ms) => sum + ms, 0);
  const items = meetings.flatMap((meeting) => meeting.items);
  return {
    meetings,
    figures: {
      files: names.length,
      failedFiles: failures.length,
      meetings: meetings.length,
      items: items.length,
      sections: items.reduce((sum, item) => sum + item.sections.length, 0),
      inputBytes,
      firstRunMs: first.ms,
      parseTotalMs: round(parseTotal),
      parsePerFileMeanMs: round(names.length > 0 ? parseTotal / names.length : 0),
      parsePerFileMaxMs: round(Math.max(0, ...parseTimes)),
      secondRunMs: second.ms,
      secondRunParsed: second.value.parsed,
    },
  };
}

/** One untimed warm-up call, then every question `rounds` times, each call timed. */
async function measureEach(
  questions: readonly string[],
  rounds: number,
  call: (question: string, warmUp: boolean) => Promise<unknown>,
) {
  const first = questions[0];
  if (first !== undefined) await call(first, true);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) {
      const started = performance.now();
      await call(question, false);
      samples.push(performance.now() - started);
    }
  }
  return summariseLatencies(samples);
}

async function directoryBytes(directory: string): Promise<number> {
  let total = 0;
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
