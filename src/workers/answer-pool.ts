import { Worker, type WorkerOptions } from "node:worker_threads";
import type {
  Answer,
  AnswerOptions,
  AnswerQuestion,
  MeetingSummary,
  SummariseMeeting,
  SummaryOptions,
} from "../answer/types.ts";
import type { Viewer } from "../minutes/visibility.ts";
import { AppError, type AppErrorCode, describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { createCorpusSnapshots } from "./corpus-snapshots.ts";
import {
  type FromWorker,
  fromWorkerSchema,
  type ToWorker,
  type WireError,
  type WorkerStart,
} from "./protocol.ts";
import { relayWorkerLogs } from "./worker-logs.ts";
import { answerWorkerScript, type WorkerScript } from "./worker-script.ts";

/**
 * Answers questions and summarises meetings on worker threads, so that the main thread's event
 * loop (HTTP, Slack acks, /healthz) never waits behind an answer.
 *
 * Corpus versions: every corpus the live corpus swaps in is first loaded by every worker as a
 * new version (from a snapshot of corpus.json and the index on disk, which the main thread has
 * already built), and the answer functions of a version send their requests to that version
 * only. A request in flight finishes on the version it started with; older versions are dropped
 * once they are retired and idle. Answers therefore never come from a mix of corpora.
 *
 * Scheduling: a request goes to the least-busy worker that has its version and fewer than
 * `concurrencyPerWorker` requests; otherwise it waits in one queue of at most `queueLimit`
 * requests, and beyond that it is refused at once with AppError("overloaded").
 *
 * Failures: a worker that exits unasked is replaced (at once, then with growing pauses when
 * replacements keep failing); its requests fail with AppError("worker_failed"), never hang.
 */

export type SpawnWorker = (filename: string | URL, options: WorkerOptions) => Worker;

export interface AnswerPoolOptions<Setup> {
  workers: number;
  concurrencyPerWorker: number;
  queueLimit: number;
  /** Handed to every worker (structured-cloned): what it builds its pipeline from. */
  setup: Setup;
  /** DATA_DIR/corpus.json: what the main thread ingested. */
  corpusFile: string;
  /** A folder of the pool's own for corpus snapshots; cleared at start and stop. */
  snapshotDirectory: string;
  logger: Logger;
  /** Starts a worker thread; `new Worker` by default (tests keep hold of the threads). */
  spawn?: SpawnWorker;
  /** The worker's code; the bundled or source answer worker by default. */
  script?: WorkerScript;
}

/** What a version must look like in every worker: what the main thread's pipeline has. */
export interface CorpusExpectation {
  meetings: number;
  dense: boolean;
}

export interface PooledAnswering {
  version: number;
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
}

export interface AnswerPoolStatus {
  /** Workers with a corpus loaded. */
  workers: number;
  /** Workers starting or loading their first corpus. */
  starting: number;
  /** Requests being answered. */
  busy: number;
  /** Requests waiting for a worker. */
  queued: number;
  queueLimit: number;
  concurrencyPerWorker: number;
  /** Requests refused as overloaded since start. */
  rejected: number;
  /** Workers replaced after they exited unasked. */
  restarts: number;
}

export interface AnswerPool {
  /**
   * Loads the corpus now in corpusFile into every worker as a new version, and checks that each
   * loaded what the main thread has. Rejects (dropping the version) when a worker cannot.
   */
  prepare(expectation: CorpusExpectation): Promise<PooledAnswering>;
  /** Retires every version older than the newest prepared one; each is dropped once idle. */
  retireOlderVersions(): void;
  status(): AnswerPoolStatus;
  /** Refuses new requests, fails those waiting or running, and terminates the workers. */
  stop(): Promise<void>;
}

interface Job {
  id: number;
  version: number;
  message: Extract<ToWorker, { type: "ask" | "summarise" }>;
  /** Set once the caller has its outcome (or gave up); a late reply is then dropped. */
  settled: boolean;
  resolve(message: FromWorker): void;
  reject(error: Error): void;
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

interface Slot {
  id: number;
  worker: Worker;
  logger: Logger;
  loaded: Set<number>;
  loading: Map<number, { resolve(): void; reject(error: Error): void }>;
  running: Map<number, Job>;
  /** Whether the pool itself ended it (stop, or a replacement that could not load). */
  ending: boolean;
}

interface VersionState {
  snapshot: string;
  expectation: CorpusExpectation;
  state: "preparing" | "ready" | "retiring";
}

const MAX_RESTART_DELAY_MS = 30_000;

export function createAnswerPool<Setup>(options: AnswerPoolOptions<Setup>): AnswerPool {
  if (options.workers < 1) throw new AppError("config_invalid", "an answer pool needs a worker");
  const { logger, concurrencyPerWorker, queueLimit } = options;
  const spawn: SpawnWorker =
    options.spawn ?? ((filename, workerOptions) => new Worker(filename, workerOptions));
  const script = options.script ?? answerWorkerScript();
  const snapshots = createCorpusSnapshots({
    corpusFile: options.corpusFile,
    directory: options.snapshotDirectory,
  });
  const cleared = snapshots.clear();
  // Awaited by prepare() and stop(); until then a failure must not count as unhandled.
  cleared.catch(() => {});

  const slots = new Set<Slot>();
  const versions = new Map<number, VersionState>();
  const queue: Job[] = [];
  const restartTimers = new Set<NodeJS.Timeout>();
  let nextWorkerId = 1;
  let nextRequestId = 0;
  let lastVersion = 0;
  let consecutiveFailures = 0;
  let rejected = 0;
  let restarts = 0;
  let stopped = false;

  const post = (slot: Slot, message: ToWorker) => slot.worker.postMessage(message);

  function startWorker(): Slot {
    const id = nextWorkerId++;
    const start: WorkerStart<Setup> = { workerId: id, setup: options.setup };
    const worker = spawn(script.filename, { ...script.options, workerData: start });
    const slot: Slot = {
      id,
      worker,
      logger: logger.child({ worker: id }),
      loaded: new Set(),
      loading: new Map(),
      running: new Map(),
      ending: false,
    };
    slots.add(slot);
    let crash: unknown;
    worker.on("message", (raw: unknown) => receive(slot, raw));
    worker.on("error", (error) => {
      crash = error;
    });
    worker.on("exit", (code) => lost(slot, code, crash));
    return slot;
  }

  function receive(slot: Slot, raw: unknown): void {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      slot.logger.error({ code: "worker_failed" }, "unreadable message from an answer worker");
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === "number")
        finish(
          slot,
          id,
          new AppError("worker_failed", "The answer worker sent an unreadable reply"),
        );
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case "log":
        relayWorkerLogs(slot.logger, message.lines);
        return;
      case "loaded":
        loaded(slot, message);
        return;
      case "load_failed": {
        const pending = slot.loading.get(message.version);
        slot.loading.delete(message.version);
        pending?.reject(toError(message.error));
        return;
      }
      case "answered":
      case "summarised":
        finish(slot, message.id, message);
        return;
      case "failed":
        finish(slot, message.id, toError(message.error));
        return;
    }
  }

  function loaded(slot: Slot, message: Extract<FromWorker, { type: "loaded" }>): void {
    const pending = slot.loading.get(message.version);
    slot.loading.delete(message.version);
    const version = versions.get(message.version);
    if (!pending || !version) {
      // A version dropped while this worker was loading it.
      post(slot, { type: "drop", version: message.version });
      return;
    }
    const expected = version.expectation;
    if (message.meetings !== expected.meetings || message.dense !== expected.dense) {
      post(slot, { type: "drop", version: message.version });
      pending.reject(
        new AppError(
          "worker_failed",
          `answer worker ${slot.id} loaded ${message.meetings} meetings (dense: ${message.dense}), the main thread has ${expected.meetings} (dense: ${expected.dense})`,
        ),
      );
      return;
    }
    if (message.indexRebuilt) {
      slot.logger.warn(
        { version: message.version },
        "answer worker found no current index on disk and built one itself",
      );
    }
    slot.logger.info(
      { version: message.version, ms: Math.round(message.ms) },
      "answer worker loaded the corpus",
    );
    slot.loaded.add(message.version);
    consecutiveFailures = 0;
    pending.resolve();
    pump();
  }

  function finish(slot: Slot, id: number, outcome: FromWorker | Error): void {
    const job = slot.running.get(id);
    if (!job) return;
    slot.running.delete(id);
    if (!job.settled) {
      job.settled = true;
      if (outcome instanceof Error) job.reject(outcome);
      else job.resolve(outcome);
    }
    pump();
    dropIfIdle(job.version);
  }

  function lost(slot: Slot, exitCode: number, crash: unknown): void {
    slots.delete(slot);
    if (slot.ending) return;
    restarts += 1;
    consecutiveFailures += 1;
    const reason = crash === undefined ? `exit code ${exitCode}` : describeError(crash);
    slot.logger.error(
      { code: "worker_failed", error: reason },
      "answer worker stopped; replacing it",
    );
    const failure = new AppError(
      "worker_failed",
      `The answer worker stopped (${reason}) before the answer was ready; please ask again`,
    );
    for (const job of slot.running.values()) {
      if (!job.settled) {
        job.settled = true;
        job.reject(failure);
      }
    }
    for (const pending of slot.loading.values()) pending.reject(failure);
    const versionsOfSlot = [...slot.running.values()].map((job) => job.version);
    slot.running.clear();
    slot.loading.clear();
    failUnservable();
    for (const version of versionsOfSlot) dropIfIdle(version);
    if (!stopped) scheduleReplacement();
  }

  function scheduleReplacement(): void {
    const delay =
      consecutiveFailures <= 1
        ? 0
        : Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** (consecutiveFailures - 1));
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      if (stopped) return;
      const slot = startWorker();
      loadNewest(slot);
    }, delay);
    restartTimers.add(timer);
  }

  /** A worker that serves nothing loads the newest version (the one being prepared, if any). */
  function loadNewest(slot: Slot): void {
    const newest = Math.max(0, ...versions.keys());
    if (newest === 0 || slot.loaded.size > 0 || slot.loading.size > 0) return;
    load(slot, newest).catch((error: unknown) => {
      if (!slots.has(slot) || stopped) return;
      if (!versions.has(newest)) {
        loadNewest(slot);
        return;
      }
      slot.logger.error(
        { code: "worker_failed", version: newest, error: describeError(error) },
        "answer worker could not load the corpus; replacing it",
      );
      consecutiveFailures += 1;
      slot.ending = true;
      slots.delete(slot);
      void slot.worker.terminate();
      scheduleReplacement();
    });
  }

  function load(slot: Slot, version: number): Promise<void> {
    const state = versions.get(version);
    if (!state)
      return Promise.reject(new AppError("worker_failed", `no corpus version ${version}`));
    return new Promise<void>((resolve, reject) => {
      slot.loading.set(version, { resolve, reject });
      post(slot, {
        type: "load",
        version,
        corpusFile: state.snapshot,
        dense: state.expectation.dense,
      });
    });
  }

  function pickSlot(version: number): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of slots) {
      if (slot.ending || !slot.loaded.has(version)) continue;
      if (slot.running.size >= concurrencyPerWorker) continue;
      if (!best || slot.running.size < best.running.size) best = slot;
    }
    return best;
  }

  function servable(version: number): boolean {
    for (const slot of slots) {
      if (slot.loaded.has(version) || slot.loading.has(version)) return true;
    }
    return false;
  }

  function dispatch(slot: Slot, job: Job): void {
    slot.running.set(job.id, job);
    post(slot, job.message);
  }

  function pump(): void {
    for (let position = 0; position < queue.length; ) {
      const job = queue[position] as Job;
      const slot = pickSlot(job.version);
      if (slot) {
        queue.splice(position, 1);
        dispatch(slot, job);
      } else {
        position += 1;
      }
    }
  }

  function failUnservable(): void {
    for (let position = 0; position < queue.length; ) {
      const job = queue[position] as Job;
      if (servable(job.version)) {
        position += 1;
        continue;
      }
      queue.splice(position, 1);
      job.settled = true;
      job.reject(
        new AppError("worker_failed", "No answer worker is serving this corpus; please ask again"),
      );
    }
  }

  function jobsOf(version: number): number {
    let count = queue.filter((job) => job.version === version).length;
    for (const slot of slots) {
      for (const job of slot.running.values()) if (job.version === version) count += 1;
    }
    return count;
  }

  function dropIfIdle(version: number): void {
    const state = versions.get(version);
    if (state?.state !== "retiring" || jobsOf(version) > 0) return;
    forget(version);
  }

  function forget(version: number): void {
    versions.delete(version);
    const dropped = new AppError("worker_failed", `corpus version ${version} was dropped`);
    for (const slot of slots) {
      if (slot.loaded.delete(version)) post(slot, { type: "drop", version });
      slot.loading.get(version)?.reject(dropped);
      slot.loading.delete(version);
    }
    snapshots
      .remove(version)
      .catch((error: unknown) =>
        logger.warn({ version, error: describeError(error) }, "corpus snapshot not removed"),
      );
  }

  function submit<T>(
    version: number,
    message: WithoutId<Job["message"]>,
    signal: AbortSignal | undefined,
    decode: (reply: FromWorker) => T,
  ): Promise<T> {
    if (stopped) {
      return Promise.reject(new AppError("worker_failed", "Referat is stopping"));
    }
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<T>((resolve, reject) => {
      const id = nextRequestId++;
      const onAbort = () => {
        if (job.settled) return;
        job.settled = true;
        const queued = queue.indexOf(job);
        if (queued >= 0) {
          queue.splice(queued, 1);
          dropIfIdle(version);
        } else {
          // The worker stops what it can (an LLM call); its reply is dropped when it comes.
          for (const slot of slots) if (slot.running.has(id)) post(slot, { type: "cancel", id });
        }
        reject(abortReason(signal as AbortSignal));
      };
      const job: Job = {
        id,
        version,
        message: { ...message, id } as Job["message"],
        settled: false,
        resolve: (reply) => {
          signal?.removeEventListener("abort", onAbort);
          try {
            resolve(decode(reply));
          } catch (error) {
            reject(error);
          }
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const slot = pickSlot(version);
      if (slot) {
        dispatch(slot, job);
      } else if (!servable(version)) {
        job.settled = true;
        reject(
          new AppError("worker_failed", "No answer worker is running; please ask again shortly"),
        );
        return;
      } else if (queue.length >= queueLimit) {
        job.settled = true;
        rejected += 1;
        reject(
          new AppError(
            "overloaded",
            `All ${slots.size} answer workers are busy and ${queue.length} questions are waiting`,
          ),
        );
        return;
      } else {
        queue.push(job);
      }
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  for (let count = 0; count < options.workers; count += 1) startWorker();

  return {
    async prepare(expectation) {
      await cleared;
      lastVersion += 1;
      const version = lastVersion;
      const snapshot = await snapshots.pin(version);
      versions.set(version, { snapshot, expectation, state: "preparing" });
      try {
        await Promise.all([...slots].map((slot) => load(slot, version)));
      } catch (error) {
        forget(version);
        for (const slot of slots) loadNewest(slot);
        throw error;
      }
      const state = versions.get(version);
      if (state) state.state = "ready";
      return {
        version,
        answerQuestion: (question: string, answerOptions: AnswerOptions = {}) =>
          submit<Answer>(
            version,
            {
              type: "ask",
              version,
              question,
              ...(answerOptions.filters ? { filters: answerOptions.filters } : {}),
              ...(answerOptions.viewer ? { viewer: wireViewer(answerOptions.viewer) } : {}),
              ...(answerOptions.history ? { history: answerOptions.history } : {}),
            },
            answerOptions.signal,
            (reply) => {
              if (reply.type !== "answered") throw unexpected(reply.type);
              return reply.answer;
            },
          ),
        summariseMeeting: (reference: string, summaryOptions: SummaryOptions = {}) =>
          submit<MeetingSummary>(
            version,
            {
              type: "summarise",
              version,
              reference,
              ...(summaryOptions.language ? { language: summaryOptions.language } : {}),
              ...(summaryOptions.viewer ? { viewer: wireViewer(summaryOptions.viewer) } : {}),
            },
            summaryOptions.signal,
            (reply) => {
              if (reply.type !== "summarised") throw unexpected(reply.type);
              return reply.summary;
            },
          ),
      };
    },

    retireOlderVersions() {
      const newestReady = Math.max(
        0,
        ...[...versions].flatMap(([version, state]) => (state.state === "ready" ? [version] : [])),
      );
      for (const [version, state] of versions) {
        if (version < newestReady && state.state === "ready") {
          state.state = "retiring";
          dropIfIdle(version);
        }
      }
    },

    status() {
      let busy = 0;
      let ready = 0;
      for (const slot of slots) {
        busy += slot.running.size;
        if (slot.loaded.size > 0) ready += 1;
      }
      return {
        workers: ready,
        starting: slots.size - ready,
        busy,
        queued: queue.length,
        queueLimit,
        concurrencyPerWorker,
        rejected,
        restarts,
      };
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of restartTimers) clearTimeout(timer);
      restartTimers.clear();
      const stopping = new AppError("worker_failed", "Referat is stopping");
      for (const job of queue.splice(0)) {
        job.settled = true;
        job.reject(stopping);
      }
      await Promise.all(
        [...slots].map(async (slot) => {
          slot.ending = true;
          for (const job of slot.running.values()) {
            if (!job.settled) {
              job.settled = true;
              job.reject(stopping);
            }
          }
          for (const pending of slot.loading.values()) pending.reject(stopping);
          await slot.worker.terminate();
        }),
      );
      slots.clear();
      await cleared;
      await snapshots.clear();
    },
  };
}

function toError(error: WireError): Error {
  // Codes come from AppErrors raised in the worker: the same union as here.
  if (error.code !== null) return new AppError(error.code as AppErrorCode, error.message);
  return new Error(error.message);
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new AppError("answer_timeout", "The question was given up before it was answered");
}

function unexpected(type: string): AppError {
  return new AppError("worker_failed", `The answer worker replied with "${type}"`);
}

/** A viewer as plain data for the worker (frozen arrays copied, no prototype). */
function wireViewer(viewer: Viewer): { audiences: string[]; unrestricted?: boolean } {
  return {
    audiences: [...viewer.audiences],
    ...(viewer.unrestricted ? { unrestricted: true } : {}),
  };
}
