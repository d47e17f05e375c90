import { parentPort, workerData } from "node:worker_threads";
import {
  type AnsweringPipeline,
  assemblePipeline,
  loadPipelineResources,
  type PipelineResources,
} from "../app.ts";
import type { Config } from "../config/index.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import {
  type FromWorker,
  type ToWorker,
  toWorkerSchema,
  type WireError,
  type WorkerStart,
} from "./protocol.ts";
import { readStoredIngest } from "./stored-ingest.ts";
import { createForwardingLogger } from "./worker-logs.ts";

/**
 * The answer worker thread: the composition root of one thread. It builds answering pipelines
 * from the application's Config, one per corpus version the pool asks for, from what the main
 * thread has already ingested and indexed (a snapshot of corpus.json; the index generation on
 * disk is loaded, not built), and answers the questions the pool sends it.
 */

export interface AnswerWorkerSetup {
  config: Config;
}

const port = parentPort;
if (!port) throw new AppError("config_invalid", "answer-worker runs as a worker thread only");
const start = workerData as WorkerStart<AnswerWorkerSetup>;
const { config } = start.setup;

const logs = createForwardingLogger({
  level: config.logLevel,
  post: (lines) => port.postMessage({ type: "log", lines } satisfies FromWorker),
});
const logger = logs.logger;
const send = (message: FromWorker) => {
  logs.flush();
  port.postMessage(message);
};

const pipelines = new Map<number, AnsweringPipeline>();
const running = new Map<number, AbortController>();
const resources = new Map<boolean, Promise<PipelineResources>>();

port.on("message", (raw: unknown) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    logger.error({ code: "worker_failed" }, "unreadable message from the answer pool");
    return;
  }
  void handle(parsed.data);
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "load":
      return load(message);
    case "drop":
      pipelines.delete(message.version);
      return;
    case "cancel":
      running
        .get(message.id)
        ?.abort(new AppError("answer_timeout", "The question was given up before it was answered"));
      return;
    case "ask":
    case "summarise":
      return answer(message);
  }
}

async function load(message: Extract<ToWorker, { type: "load" }>): Promise<void> {
  const started = performance.now();
  try {
    const [ingest, loadedResources] = await Promise.all([
      readStoredIngest(message.corpusFile),
      resourcesFor(message.dense),
    ]);
    const pipeline = await assemblePipeline(config, logger, loadedResources, ingest, {
      readOnlyIndex: true,
    });
    await warmUp(pipeline);
    pipelines.set(message.version, pipeline);
    send({
      type: "loaded",
      version: message.version,
      meetings: pipeline.loaded.meetings.length,
      dense: pipeline.loaded.retriever.status().dense,
      indexRebuilt: pipeline.loaded.index.stats.rebuilt,
      ms: performance.now() - started,
    });
  } catch (error) {
    send({ type: "load_failed", version: message.version, error: toWireError(error) });
  }
}

/**
 * The embedder, prompts and synonyms, loaded once per kind of pipeline. When the main thread
 * answers without the dense leg, so does the worker (and loads no model); when it has it, the
 * model is already on disk, so the worker never downloads one.
 */
function resourcesFor(dense: boolean): Promise<PipelineResources> {
  let loading = resources.get(dense);
  if (!loading) {
    loading = loadPipelineResources(workerConfig(dense), logger, { reportMissingLexicons: false });
    resources.set(dense, loading);
    loading.catch(() => resources.delete(dense));
  }
  return loading;
}

function workerConfig(dense: boolean): Config {
  if (!dense) return { ...config, embeddings: { provider: "none" } };
  if (config.embeddings.provider === "local") {
    return { ...config, embeddings: { ...config.embeddings, allowDownload: false } };
  }
  return config;
}

async function answer(message: Extract<ToWorker, { type: "ask" | "summarise" }>): Promise<void> {
  const pipeline = pipelines.get(message.version);
  if (!pipeline) {
    send({
      type: "failed",
      id: message.id,
      error: { code: "worker_failed", message: `corpus version ${message.version} is not loaded` },
    });
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  const signal = controller.signal;
  try {
    if (message.type === "ask") {
      const answer = await pipeline.answerQuestion(message.question, {
        ...(message.filters ? { filters: message.filters } : {}),
        ...(message.viewer ? { viewer: message.viewer } : {}),
        ...(message.history ? { history: message.history } : {}),
        signal,
      });
      send({ type: "answered", id: message.id, answer });
    } else {
      const summary = await pipeline.summariseMeeting(message.reference, {
        ...(message.language ? { language: message.language } : {}),
        ...(message.viewer ? { viewer: message.viewer } : {}),
        signal,
      });
      send({ type: "summarised", id: message.id, summary });
    }
  } catch (error) {
    send({ type: "failed", id: message.id, error: toWireError(error) });
  } finally {
    running.delete(message.id);
  }
}

function toWireError(error: unknown): WireError {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: null, message: describeError(error) };
}

/**
 * One question before the first real one: the code paths of answering are compiled and the
 * postings of a few terms read, so the first asker does not wait for that. Asked from the
 * corpus's own words (an item title); extractive only, so no LLM is ever called for it.
 */
async function warmUp(pipeline: AnsweringPipeline): Promise<void> {
  const item = pipeline.catalog
    .list()
    .flatMap((meeting) => meeting.items)
    .find((candidate) => !candidate.closed && candidate.title.trim() !== "");
  if (!item) return;
  try {
    if (pipeline.llmEnabled) await pipeline.loaded.retriever.retrieve(item.title);
    else await pipeline.answerQuestion(`Hvad blev besluttet om ${item.title}?`);
  } catch {
    // A failed warm-up costs the first asker some time, nothing else.
  }
}
