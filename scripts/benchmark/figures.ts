import { z } from "zod";

/**
 * The figures of one benchmarked corpus. A worker process measures one corpus and prints these as
 * JSON; the driver validates them with this schema before it prints the table.
 */

const latencySchema = z.object({
  samples: z.number().int().nonnegative(),
  p50Ms: z.number().nonnegative(),
  p95Ms: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
});

export const corpusFiguresSchema = z.object({
  corpus: z.object({ name: z.string(), minutesDir: z.string() }),
  ingest: z.object({
    files: z.number().int().nonnegative(),
    failedFiles: z.number().int().nonnegative(),
    meetings: z.number().int().nonnegative(),
    items: z.number().int().nonnegative(),
    sections: z.number().int().nonnegative(),
    inputBytes: z.number().int().nonnegative(),
    /** First ingestDirectory run: read, hash, parse, validate and write corpus.json. */
    firstRunMs: z.number().nonnegative(),
    /** parseMinutes alone, summed over the files and per file. */
    parseTotalMs: z.number().nonnegative(),
    parsePerFileMeanMs: z.number().nonnegative(),
    parsePerFileMaxMs: z.number().nonnegative(),
    /** Second run over unchanged files: nothing parsed, corpus.json not rewritten. */
    secondRunMs: z.number().nonnegative(),
    secondRunParsed: z.number().int().nonnegative(),
  }),
  index: z.object({
    chunks: z.number().int().nonnegative(),
    chunkingMs: z.number().nonnegative(),
    lexicalBuildMs: z.number().nonnegative(),
    embedder: z.object({
      id: z.string(),
      dimensions: z.number().int().positive(),
      note: z.string(),
    }),
    coldBuildMs: z.number().nonnegative(),
    coldEmbedded: z.number().int().nonnegative(),
    warmReloadMs: z.number().nonnegative(),
    warmEmbedded: z.number().int().nonnegative(),
    warmRebuilt: z.boolean(),
    diskBytes: z.object({
      total: z.number().int().nonnegative(),
      generation: z.number().int().nonnegative(),
      embeddingCache: z.number().int().nonnegative(),
    }),
  }),
  retrieval: z.object({
    questions: z.number().int().nonnegative(),
    rounds: z.number().int().positive(),
    lexical: latencySchema,
    hybrid: latencySchema,
  }),
  answers: z.object({
    mode: z.string(),
    retrieval: z.string(),
    abstained: z.number().int().nonnegative(),
    latency: latencySchema,
  }),
  service: z.object({
    /** createAnsweringPipeline over the index already on disk (what a restart costs). */
    pipelineLoadMs: z.number().nonnegative(),
    /** createApplication + start, up to a listening server. */
    serverStartMs: z.number().nonnegative(),
  }),
  http: z.object({
    requests: z.number().int().nonnegative(),
    ok: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    failures: z.record(z.string(), z.number()),
    concurrency: z.number().int().positive(),
    wallMs: z.number().nonnegative(),
    requestsPerSecond: z.number().nonnegative(),
    latency: latencySchema,
    stoppedByTimeLimit: z.boolean(),
  }),
  memory: z.object({
    baselineRssMb: z.number().nonnegative(),
    afterLoadRssMb: z.number().nonnegative(),
    afterLoadHeapUsedMb: z.number().nonnegative(),
    peakRssMb: z.number().nonnegative(),
  }),
  wallMs: z.number().nonnegative(),
});

export type CorpusFigures = z.infer<typeof corpusFiguresSchema>;

/** What the driver hands a worker: one corpus and the load settings. */
export const workerRequestSchema = z.object({
  name: z.string().min(1),
  minutesDir: z.string().min(1),
  questionsFile: z.string().min(1),
  rounds: z.number().int().positive(),
  requests: z.number().int().nonnegative(),
  concurrency: z.number().int().positive(),
  httpSeconds: z.number().positive(),
});

export type WorkerRequest = z.infer<typeof workerRequestSchema>;
