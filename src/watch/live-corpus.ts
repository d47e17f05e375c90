import type { IngestResult } from "../minutes/index.ts";
import { describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { createCoalescingRunner } from "./coalescing-runner.ts";
import { type CorpusFingerprint, compareCorpora, fingerprintCorpus } from "./corpus-changes.ts";

/**
 * The corpus being served, and its replacement when the minutes change: re-ingest (incremental)
 * → build the next answering pipeline → swap. The swap is one assignment, so a request holds
 * either the old pipeline or the new one, never a mixture: requests in flight finish on the one
 * they started with. A re-ingest or build that fails keeps the old pipeline serving and is
 * logged (file names and reasons only). Re-ingests never overlap; changes during one start one
 * more after it.
 */

/** What /healthz reports about the corpus. */
export interface CorpusStatus {
  /** 1 for the corpus ingested at start, +1 for every corpus swapped in since. */
  generation: number;
  /** When the corpus being served was ingested (ISO 8601). */
  ingestedAt: string;
  meetings: number;
  files: number;
  /** Files that could not be read or that no reader takes. */
  failedFiles: number;
  /** The latest re-ingest after a change, if any. */
  lastCheck?: { at: string; outcome: "updated" | "unchanged" | "failed"; error?: string };
}

export interface LiveCorpusOptions<Pipeline> {
  /** Ingests the minutes folder (incrementally). `firstRun` is the ingest at start. */
  ingest(firstRun: boolean): Promise<IngestResult>;
  /** Builds the answering pipeline for an ingest (search index, retriever, answers). */
  build(ingest: IngestResult, previous: Pipeline | undefined): Promise<Pipeline>;
  logger: Logger;
  /** Called after each re-ingest, whatever its outcome (for reports and tests). */
  onCheck?(check: LiveCorpusCheck): void;
}

export type LiveCorpusCheck =
  | {
      outcome: "updated" | "unchanged";
      ingest: IngestResult;
      changes: ReturnType<typeof compareCorpora>;
      ms: number;
    }
  | { outcome: "failed"; error: unknown; ms: number };

export interface LiveCorpus<Pipeline> {
  /** Ingests and builds the first pipeline; throws when that fails. Changes requested before wait for it. */
  load(): Promise<Pipeline>;
  /** The pipeline to answer with now. */
  current(): Pipeline;
  status(): CorpusStatus;
  /** Asks for a re-ingest: now, or once more after the one in progress. */
  request(): void;
  /** Resolves when no re-ingest is running or pending. */
  idle(): Promise<void>;
  /** Waits for a re-ingest in progress and refuses further ones. */
  stop(): Promise<void>;
}

const LOGGED_IDS = 20;

export function createLiveCorpus<Pipeline>(
  options: LiveCorpusOptions<Pipeline>,
): LiveCorpus<Pipeline> {
  const { logger } = options;
  let served: { pipeline: Pipeline; fingerprint: CorpusFingerprint; ingest: IngestResult } | null =
    null;
  let status: CorpusStatus | null = null;

  const statusOf = (ingest: IngestResult, generation: number): CorpusStatus => ({
    generation,
    ingestedAt: new Date().toISOString(),
    meetings: ingest.meetings.length,
    files: ingest.files.length,
    failedFiles: ingest.failures.length,
  });

  const reingest = async () => {
    const previous = served;
    if (!previous || !status) return;
    const started = performance.now();
    const at = new Date().toISOString();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const ingest = await options.ingest(false);
      const fingerprint = fingerprintCorpus(ingest);
      const changes = compareCorpora(previous.fingerprint, fingerprint, ingest);
      const summary = {
        files: ingest.files.length,
        filesRead: changes.filesRead.length,
        filesAdded: changes.filesAdded.slice(0, LOGGED_IDS),
        filesRemoved: changes.filesRemoved.slice(0, LOGGED_IDS),
        failedFiles: ingest.failures.length,
        meetings: ingest.meetings.length,
        meetingsAdded: changes.meetingsAdded.slice(0, LOGGED_IDS),
        meetingsRemoved: changes.meetingsRemoved.slice(0, LOGGED_IDS),
        meetingsChanged: changes.meetingsChanged.slice(0, LOGGED_IDS),
      };
      if (!changes.meetingsDiffer) {
        served = { ...previous, fingerprint, ingest };
        status = {
          ...status,
          files: ingest.files.length,
          failedFiles: ingest.failures.length,
          lastCheck: { at, outcome: "unchanged" },
        };
        if (changes.anything) {
          logger.info({ ...summary, ms: elapsed() }, "minutes re-ingested: no meeting changed");
        } else {
          logger.debug({ ms: elapsed() }, "minutes re-ingested: nothing changed");
        }
        options.onCheck?.({ outcome: "unchanged", ingest, changes, ms: elapsed() });
        return;
      }
      const pipeline = await options.build(ingest, previous.pipeline);
      served = { pipeline, fingerprint, ingest };
      status = {
        ...statusOf(ingest, status.generation + 1),
        lastCheck: { at, outcome: "updated" },
      };
      logger.info(
        { generation: status.generation, ...summary, ms: elapsed() },
        "minutes re-ingested: answering from the new corpus",
      );
      options.onCheck?.({ outcome: "updated", ingest, changes, ms: elapsed() });
    } catch (error) {
      status = { ...status, lastCheck: { at, outcome: "failed", error: describeError(error) } };
      logger.error(
        { error: describeError(error), generation: status.generation, ms: elapsed() },
        "re-ingesting the minutes failed; the previous corpus keeps serving",
      );
      options.onCheck?.({ outcome: "failed", error, ms: elapsed() });
    }
  };

  const runner = createCoalescingRunner(reingest, {
    paused: true,
    onError: (error) =>
      logger.error({ error: describeError(error) }, "re-ingesting the minutes failed"),
  });

  return {
    async load() {
      const ingest = await options.ingest(true);
      const pipeline = await options.build(ingest, undefined);
      served = { pipeline, fingerprint: fingerprintCorpus(ingest), ingest };
      status = statusOf(ingest, 1);
      runner.resume();
      return pipeline;
    },
    current() {
      if (!served) throw new Error("the corpus is not loaded yet");
      return served.pipeline;
    },
    status() {
      if (!status) throw new Error("the corpus is not loaded yet");
      return status;
    },
    request: () => runner.request(),
    idle: () => runner.idle(),
    stop: () => runner.stop(),
  };
}
