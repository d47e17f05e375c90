import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createRetriever } from "../../src/answer/retriever.ts";
import { loadSynonymsOrNone } from "../../src/answer/synonyms.ts";
import { buildSearchIndex } from "../../src/index/store.ts";
import { ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { UNRESTRICTED_VIEWER } from "../../src/minutes/visibility.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { createDeterministicEmbedder } from "../../test/fakes/deterministic-embedder.ts";
import { loadQuestions } from "../eval/questions.ts";
import type { BuildFigures, WorkerRequest } from "./figures.ts";
import { megabytes, perSecond, round, sampleLatencies, timed } from "./stats.ts";

/**
 * The build stage of one scale: ingest into DATA_DIR/corpus.json (twice: the second run finds
 * every file unchanged), the lexical-only index into DATA_DIR/index (what the query and service
 * stages load), and the index with vectors (deterministic test embedder, real hnswlib) in a
 * separate folder, with hybrid retrieval over it.
 */

export const DETERMINISTIC_EMBEDDER_NOTE =
  "deterministic test embedder (hashed trigrams, test/fakes): not a real model, so embedding costs are left out";

export async function measureBuild(
  request: Extract<WorkerRequest, { kind: "build" }>,
): Promise<BuildFigures> {
  const started = performance.now();
  const logger = createSilentLogger();
  const questions = (await loadQuestions(request.questionsFile)).map((question) => question.q);
  const corpusFile = join(request.dataDir, "corpus.json");

  const first = await timed(() => ingestDirectory(request.minutesDir, { corpusFile }));
  const second = await timed(() => ingestDirectory(request.minutesDir, { corpusFile }));
  const { meetings, files, failures } = first.value;
  const items = meetings.flatMap((meeting) => meeting.items);
  let inputBytes = 0;
  for (const name of await readdir(request.minutesDir)) {
    inputBytes += (await stat(join(request.minutesDir, name))).size;
  }

  const indexDir = join(request.dataDir, "index");
  // Only the figures are kept: the lexical index is let go before the build with vectors.
  const lexical = await buildLexicalOnly(meetings, indexDir);
  const chunks = lexical.chunks;

  const embedder = createDeterministicEmbedder();
  const vector = await timed(() =>
    buildSearchIndex({ meetings, indexDir: request.vectorIndexDir, embedder, logger }),
  );
  const index = vector.value;
  const synonyms = await loadSynonymsOrNone(undefined, logger);
  const hybrid = createRetriever({
    chunks: index.chunks,
    lexical: index.lexical,
    dense: index.dense,
    synonyms,
    meetings,
  });
  const hybridRetrieval = await sampleLatencies(
    questions,
    { rounds: request.rounds, timeLimitMs: request.sampleSeconds * 1000 },
    (question) => hybrid.retrieve(question, { viewer: UNRESTRICTED_VIEWER }),
  );

  return {
    ingest: {
      files: files.length,
      failedFiles: failures.length,
      supersededFiles: files.filter((file) => file.outcome === "superseded").length,
      meetings: meetings.length,
      distinctMeetingIds: new Set(meetings.map((meeting) => meeting.id)).size,
      items: items.length,
      sections: items.reduce((sum, item) => sum + item.sections.length, 0),
      inputBytes,
      firstRunMs: first.ms,
      filesPerSecond: perSecond(files.length, first.ms),
      secondRunMs: second.ms,
      secondRunParsed: second.value.parsed,
    },
    lexicalBuild: {
      chunks,
      ms: lexical.ms,
      chunksPerSecond: perSecond(chunks, lexical.ms),
      diskBytes: await directoryBytes(indexDir),
    },
    vectorBuild: {
      embedder: {
        id: embedder.modelId,
        dimensions: embedder.dimensions,
        note: DETERMINISTIC_EMBEDDER_NOTE,
      },
      ms: vector.ms,
      chunksPerSecond: perSecond(index.stats.chunks, vector.ms),
      embedded: embedder.calls.passages,
      diskBytes: await directoryBytes(request.vectorIndexDir),
    },
    hybridRetrieval,
    questions: questions.length,
    peakRssMb: peakRssMb(),
    wallMs: round(performance.now() - started),
  };
}

async function buildLexicalOnly(
  meetings: Meeting[],
  indexDir: string,
): Promise<{ chunks: number; ms: number }> {
  const { value, ms } = await timed(() =>
    buildSearchIndex({
      meetings,
      indexDir,
      embedder: null,
      embedderUnavailableReason: "lexical-only build of the benchmark",
      logger: createSilentLogger(),
    }),
  );
  return { chunks: value.stats.chunks, ms };
}

/** maxRSS is in kilobytes. */
export function peakRssMb(): number {
  return megabytes(process.resourceUsage().maxRSS * 1024);
}

export async function directoryBytes(directory: string): Promise<number> {
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
