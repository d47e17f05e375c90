import { z } from "zod";

/**
 * The figures of one benchmark run. Each stage of a scale runs in its own worker process and
 * prints its part as JSON; the driver validates every part with these schemas before it reports.
 */

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();

export const latencySchema = z.object({
  samples: count,
  p50Ms: ms,
  p95Ms: ms,
  p99Ms: ms,
  maxMs: ms,
});

const sampledLatencySchema = latencySchema.extend({
  rounds: count,
  stoppedByTimeLimit: z.boolean(),
});

const embedderSchema = z.object({
  id: z.string(),
  dimensions: z.number().int().positive(),
  note: z.string(),
});

/** Ingest, the lexical-only build, the build with vectors and hybrid retrieval over it. */
export const buildFiguresSchema = z.object({
  ingest: z.object({
    files: count,
    failedFiles: count,
    supersededFiles: count,
    meetings: count,
    distinctMeetingIds: count,
    items: count,
    sections: count,
    inputBytes: count,
    /** First ingestDirectory run: read, hash, parse, validate and write corpus.json. */
    firstRunMs: ms,
    filesPerSecond: z.number().nonnegative(),
    /** Second run over unchanged files: nothing parsed, corpus.json not rewritten. */
    secondRunMs: ms,
    secondRunParsed: count,
  }),
  /** buildSearchIndex with embedder null: chunking, the lexical index, written to disk. */
  lexicalBuild: z.object({
    chunks: count,
    ms,
    chunksPerSecond: z.number().nonnegative(),
    diskBytes: count,
  }),
  /** buildSearchIndex with the deterministic test embedder: the same plus a real hnswlib index. */
  vectorBuild: z.object({
    embedder: embedderSchema,
    ms,
    chunksPerSecond: z.number().nonnegative(),
    embedded: count,
    diskBytes: count,
  }),
  hybridRetrieval: sampledLatencySchema,
  questions: count,
  peakRssMb: z.number().nonnegative(),
  wallMs: ms,
});
export type BuildFigures = z.infer<typeof buildFiguresSchema>;

/** A fresh process over the DATA_DIR already built: pipeline load, retrieval and answers. */
export const queryFiguresSchema = z.object({
  /** createAnsweringPipeline over corpus and index on disk (re-ingest finds nothing changed). */
  pipelineLoadMs: ms,
  embedded: count,
  retrieval: z.object({ leg: z.string(), latency: sampledLatencySchema }),
  answers: z.object({
    mode: z.string(),
    retrieval: z.string(),
    abstained: count,
    latency: sampledLatencySchema,
  }),
  peakRssMb: z.number().nonnegative(),
  wallMs: ms,
});
export type QueryFigures = z.infer<typeof queryFiguresSchema>;

export const peerFiguresSchema = z.object({
  name: z.string(),
  description: z.string(),
  buildMs: ms,
  diskBytes: count,
  /** Mean number of chunks a query returned (at most the limit). */
  meanHits: z.number().nonnegative(),
  latency: sampledLatencySchema,
});
export type PeerFigures = z.infer<typeof peerFiguresSchema>;

export const peersFiguresSchema = z.object({
  chunks: count,
  limit: z.number().int().positive(),
  peers: z.array(peerFiguresSchema),
  peakRssMb: z.number().nonnegative(),
  wallMs: ms,
});
export type PeersFigures = z.infer<typeof peersFiguresSchema>;

export const askLoadSchema = z.object({
  concurrency: z.number().int().positive(),
  requests: count,
  ok: count,
  /** 503: the server said it is saturated (back-pressure), counted apart from failures. */
  rejected: count,
  failed: count,
  failures: z.record(z.string(), z.number()),
  wallMs: ms,
  requestsPerSecond: z.number().nonnegative(),
  okPerSecond: z.number().nonnegative(),
  latency: latencySchema,
  stoppedByTimeLimit: z.boolean(),
});
export type AskLoad = z.infer<typeof askLoadSchema>;

export const slackLoadSchema = z.object({
  concurrency: z.number().int().positive(),
  events: count,
  acked: count,
  failed: count,
  failures: z.record(z.string(), z.number()),
  wallMs: ms,
  acksPerSecond: z.number().nonnegative(),
  ack: latencySchema,
  /** Replies (chat.update of the placeholder) the bot posted for these events, within the wait. */
  replies: count,
  /** Of those, the ones that were a failure notice rather than an answer. */
  failureReplies: count,
  /** From the first event to the last reply (or the end of the wait). */
  repliesWallMs: ms,
  repliesPerSecond: z.number().nonnegative(),
  stoppedByTimeLimit: z.boolean(),
});
export type SlackLoad = z.infer<typeof slackLoadSchema>;

/** The service in a fresh process (createApplication over the DATA_DIR built), under load. */
export const serviceFiguresSchema = z.object({
  /** Spawn of the process to a listening server (Node start, imports, createApplication, start). */
  processToListeningMs: ms,
  /** createApplication + start, measured in the process. */
  startMs: ms,
  firstQuestionMs: ms,
  warmQuestion: latencySchema,
  ask: z.array(askLoadSchema),
  slack: z.array(slackLoadSchema),
  /** Slack events posted one at a time while /api/ask is loaded at the highest concurrency. */
  slackUnderAskLoad: z.object({ ask: askLoadSchema, slack: slackLoadSchema }),
  memory: z.object({
    /** After the imports, before createApplication. */
    baselineRssMb: z.number().nonnegative(),
    afterLoadRssMb: z.number().nonnegative(),
    afterLoadHeapUsedMb: z.number().nonnegative(),
    peakRssMb: z.number().nonnegative(),
    chunks: count,
    /** (after load − baseline) ÷ chunks × 100,000. */
    rssPerHundredThousandChunksMb: z.number(),
    bytesPerChunk: z.number(),
  }),
});
export type ServiceFigures = z.infer<typeof serviceFiguresSchema>;

/** The real embedding model behind Referat's OpenAI-compatible embedder. */
export const embedderFiguresSchema = z.object({
  embedder: embedderSchema,
  /** createAnsweringPipeline on a fresh DATA_DIR: ingest, chunking, embedding, both indexes. */
  buildMs: ms,
  embedded: count,
  passagesPerSecond: z.number().nonnegative(),
  query: queryFiguresSchema,
});
export type EmbedderFigures = z.infer<typeof embedderFiguresSchema>;

export const stageNames = ["corpus", "build", "query", "peers", "service", "embedder"] as const;
export type StageName = (typeof stageNames)[number];

export const stageFailureSchema = z.object({
  stage: z.enum(stageNames),
  /** out-of-memory: the heap limit or the kernel; timeout: the stage's time limit. */
  kind: z.enum(["out-of-memory", "timeout", "error", "skipped"]),
  message: z.string(),
});
export type StageFailure = z.infer<typeof stageFailureSchema>;

export const scaleFiguresSchema = z.object({
  scale: z.number().int().positive(),
  name: z.string(),
  sourceFiles: count,
  /** sourceFiles × scale: what ingest must find as meetings. */
  expectedMeetings: count,
  build: buildFiguresSchema.optional(),
  query: queryFiguresSchema.optional(),
  peers: peersFiguresSchema.optional(),
  service: serviceFiguresSchema.optional(),
  embedder: embedderFiguresSchema.optional(),
  failures: z.array(stageFailureSchema),
  wallMs: ms,
});
export type ScaleFigures = z.infer<typeof scaleFiguresSchema>;

const loadAverageSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
});

/** One run of a merged report: when, how, on what code, and which scales it gave. */
export const runSchema = z.object({
  startedAt: z.string(),
  commandLine: z.string(),
  code: z.string(),
  loadAverage: loadAverageSchema,
  scales: z.array(z.string()),
});
export type RunInfo = z.infer<typeof runSchema>;

export const benchmarkReportSchema = z.object({
  startedAt: z.string(),
  commandLine: z.string(),
  /** The commit measured, its branch, and whether the work tree had changes on top. */
  code: z.string(),
  machine: z.object({
    cpus: count,
    cpuModel: z.string(),
    memoryGiB: z.number().nonnegative(),
    node: z.string(),
    platform: z.string(),
    /** 1-minute load average when the run began and ended: other work on the machine shows here. */
    loadAverage: loadAverageSchema,
  }),
  settings: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.array(z.number())]),
  ),
  scales: z.array(scaleFiguresSchema),
  notes: z.array(z.string()),
  /** The runs a merged report (--from) is made of; absent for a single run. */
  runs: z.array(runSchema).optional(),
});
export type BenchmarkReport = z.infer<typeof benchmarkReportSchema>;

/** What the driver hands a worker process (argv[2], JSON). */
export const workerRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("build"),
    minutesDir: z.string().min(1),
    dataDir: z.string().min(1),
    vectorIndexDir: z.string().min(1),
    questionsFile: z.string().min(1),
    rounds: z.number().int().positive(),
    sampleSeconds: z.number().positive(),
  }),
  z.object({
    kind: z.literal("query"),
    /** The environment loadConfig reads (DATA_DIR, MINUTES_DIR, EMBEDDINGS_* …). */
    env: z.record(z.string(), z.string()),
    questionsFile: z.string().min(1),
    rounds: z.number().int().positive(),
    sampleSeconds: z.number().positive(),
  }),
  z.object({
    kind: z.literal("peers"),
    minutesDir: z.string().min(1),
    dataDir: z.string().min(1),
    scratchDir: z.string().min(1),
    questionsFile: z.string().min(1),
    rounds: z.number().int().positive(),
    sampleSeconds: z.number().positive(),
  }),
  z.object({
    kind: z.literal("serve"),
    env: z.record(z.string(), z.string()),
  }),
]);
export type WorkerRequest = z.infer<typeof workerRequestSchema>;
