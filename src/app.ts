import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { readAnswerEvidence, writeAnswerEvidence } from "./answer/answer-evidence-file.ts";
import { catalogAnalyzer, createAnswerQuestion } from "./answer/answer-question.ts";
import { createOpenAiChatModel } from "./answer/chat-model.ts";
import { type Lexicons, loadLexicons, NO_LEXICONS } from "./answer/lexicons/index.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts, type Prompts } from "./answer/prompts.ts";
import { createRetriever } from "./answer/retriever.ts";
import { createSummariseMeeting } from "./answer/summarise-meeting.ts";
import { loadSynonyms, type SynonymTable } from "./answer/synonyms.ts";
import { buildTermStatistics, type TermStatistics } from "./answer/term-statistics.ts";
import type { AnswerQuestion, ChatModel, Retriever, SummariseMeeting } from "./answer/types.ts";
import type { Config } from "./config/index.ts";
import {
  createHttpServer,
  createPageAccess,
  createPageLinks,
  type PageLink,
  type Readiness,
  signAnswerLinks,
  signSummaryLinks,
} from "./http/index.ts";
import { createDanishAnalyzer, type TextAnalyzer } from "./index/danish-analyzer.ts";
import { createEmbedder, type EmbedderResult } from "./index/embedders/index.ts";
import { buildSearchIndex, lexicalFingerprint, type SearchIndex } from "./index/store.ts";
import {
  createMeetingCatalog,
  type FileReport,
  type IngestOptions,
  type IngestResult,
  ingestDirectory,
  type MeetingCatalog,
} from "./minutes/index.ts";
import {
  applyVisibilityRules,
  NO_VISIBILITY_RULES,
  readVisibilityRules,
  type VisibilityRules,
} from "./minutes/visibility.ts";
import { describeError } from "./shared/errors.ts";
import type { Logger } from "./shared/logger.ts";
import { createFileFeedbackRecorder, createSlackBot, type SlackBot } from "./slack/index.ts";
import {
  createLiveCorpus,
  type LiveCorpus,
  type MinutesWatcher,
  watchMinutesFolder,
} from "./watch/index.ts";
import type { AnswerWorkerSetup } from "./workers/answer-worker.ts";
import { type AnswerPool, createAnswerPool, type SpawnWorker } from "./workers/index.ts";

/**
 * The composition root: builds everything from Config. Modules below get plain options; only
 * this file, main.ts, cli.ts (with its commands) and scripts/ see Config. The server, the CLI
 * and the evaluation all build their pipeline through the functions here, so they answer alike.
 */

export interface IngestMinutesOptions {
  /** Log only the files read in this run (a re-ingest), not those taken unchanged from the corpus. */
  onlyFilesRead?: boolean;
  onProgress?: IngestOptions["onProgress"];
}

/**
 * Ingests the minutes folder into DATA_DIR/corpus.json. Every file that did not become a
 * meeting is logged by name with the reason (file names and reasons only, never minutes text).
 */
export async function ingestMinutes(
  config: Config,
  logger: Logger,
  minutesDir = config.minutesDir,
  options: IngestMinutesOptions = {},
): Promise<IngestResult> {
  const result = await ingestDirectory(minutesDir, {
    corpusFile: join(config.dataDir, "corpus.json"),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const logged = options.onlyFilesRead
    ? result.files.filter((file) => file.cache === "read")
    : result.files;
  logStoredCorpus(result, logger);
  logFileReports(logged, logger);
  return result;
}

/** A stored corpus that could not be trusted was read again from the minutes: say why. */
export function logStoredCorpus(result: IngestResult, logger: Logger): void {
  const stored = result.storedCorpus;
  if (stored?.state !== "discarded") return;
  if (stored.outdated) {
    logger.info(
      { reason: stored.reason },
      "stored corpus is of an older format; every minutes file was read again, once",
    );
  } else {
    logger.warn(
      { reason: stored.reason },
      "stored corpus is invalid; every minutes file was read again and it was rewritten",
    );
  }
}

function logFileReports(files: FileReport[], logger: Logger): void {
  for (const file of files) {
    if (file.outcome === "failed" || file.outcome === "unsupported") {
      logger.warn({ file: file.file, code: file.code }, `minutes file not read: ${file.message}`);
    } else if (file.outcome === "superseded") {
      logger.info({ file: file.file }, `minutes file superseded: ${file.message}`);
    }
    if (file.warnings.length > 0) {
      logger.info(
        { file: file.file, warnings: file.warnings.length },
        "minutes file read with warnings",
      );
    }
  }
}

export interface LoadedRetriever {
  retriever: Retriever;
  meetings: IngestResult["meetings"];
  failures: IngestResult["failures"];
  /** Every file in the minutes folder and what became of it. */
  files: IngestResult["files"];
  index: SearchIndex;
  synonyms: SynonymTable;
}

export interface LoadRetrieverOptions {
  /** Defaults to config.minutesDir. */
  minutesDir?: string;
  /** Defaults to the bundled data/synonyms.json. */
  synonymsFile?: string;
}

/**
 * Minutes → search index on disk (with the configured embedder when it can be loaded; lexical
 * only, with the reason, when it cannot) → retriever.
 */
export async function loadRetriever(
  config: Config,
  logger: Logger,
  options: LoadRetrieverOptions = {},
): Promise<LoadedRetriever> {
  const [ingest, synonyms, embedding, visibilityRules] = await Promise.all([
    ingestMinutes(config, logger, options.minutesDir),
    loadQuerySynonyms(config, logger, options.synonymsFile),
    createEmbedder({ ...config.embeddings, logger }),
    loadVisibilityRules(config),
  ]);
  return buildRetriever(config, logger, { synonyms, embedding, visibilityRules }, ingest);
}

/** data/synonyms.json (or the given file) with the installed lexicons' translations after it. */
export async function loadQuerySynonyms(
  config: Config,
  logger: Logger,
  synonymsFile?: string,
  reportMissingLexicons = true,
): Promise<SynonymTable> {
  const lexicons = await loadQueryLexicons(config, logger, reportMissingLexicons);
  return loadSynonyms(synonymsFile, lexicons.translations);
}

/** The installed lexicons English questions are translated with, or none when switched off. */
export async function loadQueryLexicons(
  config: Config,
  logger: Logger,
  reportMissing = true,
): Promise<Lexicons> {
  return config.lexicons.enabled
    ? loadLexicons({ ...config.lexicons, logger, reportMissing })
    : NO_LEXICONS;
}

/** The rules in VISIBILITY_RULES_FILE that make minutes internal; none when it is unset. */
export async function loadVisibilityRules(config: Config): Promise<VisibilityRules> {
  const file = config.visibility.rulesFile;
  return file === undefined ? NO_VISIBILITY_RULES : readVisibilityRules(file);
}

/** What a pipeline needs besides the minutes; loaded once and kept when the minutes change. */
export interface PipelineResources {
  synonyms: SynonymTable;
  visibilityRules: VisibilityRules;
  embedding: EmbedderResult;
  prompts: Prompts;
  chatModel: ChatModel | null;
}

export async function loadPipelineResources(
  config: Config,
  logger: Logger,
  options: Pick<LoadRetrieverOptions, "synonymsFile"> & {
    /** false in answer workers: the main thread has said what is missing. */
    reportMissingLexicons?: boolean;
  } = {},
): Promise<PipelineResources> {
  const [synonyms, embedding, prompts, visibilityRules] = await Promise.all([
    loadQuerySynonyms(config, logger, options.synonymsFile, options.reportMissingLexicons),
    createEmbedder({ ...config.embeddings, logger }),
    loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
    loadVisibilityRules(config),
  ]);
  return {
    synonyms,
    embedding,
    prompts,
    visibilityRules,
    chatModel: createChatModel(config, logger),
  };
}

/** Ingested minutes → search index (built, or loaded when current) → retriever. */
async function buildRetriever(
  config: Config,
  logger: Logger,
  resources: Pick<PipelineResources, "synonyms" | "embedding" | "visibilityRules">,
  ingest: IngestResult,
  options: AssembleOptions = {},
): Promise<LoadedRetriever> {
  const { failures, files } = ingest;
  const { embedding, synonyms, visibilityRules } = resources;
  // Who may see each meeting is settled here, once, for retrieval and the catalogue alike.
  const meetings = ingest.meetings.map((meeting) => applyVisibilityRules(meeting, visibilityRules));
  const index = await buildSearchIndex({
    meetings,
    indexDir: join(config.dataDir, "index"),
    embedder: embedding.embedder,
    ...(embedding.embedder === null ? { embedderUnavailableReason: embedding.reason } : {}),
    logger,
    ...(options.readOnlyIndex ? { readOnly: true } : {}),
  });
  const retriever = createRetriever({
    chunks: index.chunks,
    lexical: index.lexical,
    dense: index.dense,
    ...(index.denseReason === undefined ? {} : { denseReason: index.denseReason }),
    synonyms,
    meetings,
    logger,
  });
  return { retriever, meetings, failures, files, index, synonyms };
}

/** The configured LLM, or null when none is configured (answers are then extractive). */
export function createChatModel(config: Config, logger: Logger): ChatModel | null {
  if (!config.llm.enabled) return null;
  return createOpenAiChatModel({
    model: config.llm.model,
    timeoutMs: config.llm.timeoutMs,
    logger,
    ...(config.llm.baseUrl ? { baseUrl: config.llm.baseUrl } : {}),
    ...(config.llm.apiKey ? { apiKey: config.llm.apiKey } : {}),
  });
}

export interface AnsweringPipeline {
  catalog: MeetingCatalog;
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  loaded: LoadedRetriever;
  llmEnabled: boolean;
}

/** Minutes → index → retriever → answers: what the server, the bot and the CLI all use. */
export async function createAnsweringPipeline(
  config: Config,
  logger: Logger,
  options: LoadRetrieverOptions = {},
): Promise<AnsweringPipeline> {
  const [resources, ingest] = await Promise.all([
    loadPipelineResources(config, logger, options),
    ingestMinutes(config, logger, options.minutesDir),
  ]);
  return assemblePipeline(config, logger, resources, ingest);
}

/** One ingest of the minutes → the answering pipeline over it, with the resources kept across ingests. */
export interface AssembleOptions {
  /** Load the index without ever writing it (answer workers: the main thread owns it). */
  readOnlyIndex?: boolean;
  /**
   * Answers are computed elsewhere (the answer workers): the answer stage, whose statistics take
   * a pass over the corpus to build, is only built here if a question is asked here after all.
   */
  answersElsewhere?: boolean;
}

export async function assemblePipeline(
  config: Config,
  logger: Logger,
  resources: PipelineResources,
  ingest: IngestResult,
  options: AssembleOptions = {},
): Promise<AnsweringPipeline> {
  const loaded = await buildRetriever(config, logger, resources, ingest, options);
  const catalog = createMeetingCatalog(loaded.meetings);
  const { chatModel, prompts } = resources;
  const shared = {
    catalog,
    chatModel,
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
    ...(config.llm.enabled ? { llmBudgetMs: config.llm.answerBudgetMs } : {}),
  };
  const evidence = await prepareAnswerEvidence(config, logger, loaded, catalog, options);
  const answering = () =>
    createAnswerQuestion({
      ...shared,
      retriever: loaded.retriever,
      queryRewrite: config.llm.enabled && config.llm.queryRewrite,
      synonyms: loaded.synonyms,
      ...(evidence ?? {}),
    });
  let built: AnswerQuestion | undefined = options.answersElsewhere ? undefined : answering();
  return {
    catalog,
    loaded,
    llmEnabled: chatModel !== null,
    answerQuestion: (question, answerOptions) => {
      built ??= answering();
      return built(question, answerOptions);
    },
    summariseMeeting: createSummariseMeeting(shared),
  };
}

const ANSWER_EVIDENCE_DIR = "answer-evidence";
/** Bump when what the answer stage counts changes for the same corpus. */
const ANSWER_EVIDENCE_VERSION = 1;

/**
 * The answer stage's analyser and term statistics over this corpus: read from the file saved
 * beside the index for this very corpus, or counted now and saved (not by answer workers, which
 * never write; and not kept in memory here when the answers are computed elsewhere, since the
 * workers read the file). Undefined: let the answer stage count for itself.
 */
async function prepareAnswerEvidence(
  config: Config,
  logger: Logger,
  loaded: LoadedRetriever,
  catalog: MeetingCatalog,
  options: AssembleOptions,
): Promise<{ analyzer: TextAnalyzer; termStatistics: TermStatistics } | undefined> {
  const directory = join(config.dataDir, "index", ANSWER_EVIDENCE_DIR);
  const name = `${loaded.index.corpusHash.slice(0, 32)}-${lexicalFingerprint().slice(0, 16)}-v${ANSWER_EVIDENCE_VERSION}.bin`;
  const path = join(directory, name);
  const started = performance.now();
  // The workers will read what is saved; here it would only take memory.
  if (options.answersElsewhere && (await stat(path).catch(() => null))) return undefined;
  const saved = await readAnswerEvidence(path);
  if (saved) {
    const analyzer = createDanishAnalyzer({ vocabulary: saved.vocabulary });
    const termStatistics = buildTermStatistics(catalog.list(), analyzer, {
      counted: saved.statistics,
    });
    if (termStatistics.data === saved.statistics) {
      logger.info({ ms: Math.round(performance.now() - started) }, "answer evidence loaded");
      return { analyzer, termStatistics };
    }
  }
  if (options.readOnlyIndex) return undefined;
  const analyzer = catalogAnalyzer(catalog);
  const termStatistics = buildTermStatistics(catalog.list(), analyzer);
  try {
    await mkdir(directory, { recursive: true });
    await writeAnswerEvidence(path, {
      vocabulary: analyzer.vocabulary(),
      statistics: termStatistics.data,
    });
    await removeOtherFiles(directory, name);
  } catch (error) {
    logger.warn({ error: describeError(error) }, "answer evidence not saved");
  }
  logger.info({ ms: Math.round(performance.now() - started) }, "answer evidence counted");
  return options.answersElsewhere ? undefined : { analyzer, termStatistics };
}

/** Keeps `keep` and the newest other file (a worker may still be loading the previous corpus). */
async function removeOtherFiles(directory: string, keep: string): Promise<void> {
  const others = await Promise.all(
    (await readdir(directory))
      .filter((name) => name !== keep)
      .map(async (name) => ({ name, mtime: (await stat(join(directory, name))).mtimeMs })),
  );
  others.sort((a, b) => b.mtime - a.mtime);
  for (const { name } of others.slice(1)) await rm(join(directory, name), { force: true });
}

/**
 * Functions that answer from whichever pipeline is current when they are called, so that the
 * HTTP server and the Slack bot, built once, always use the corpus swapped in last.
 */
function delegateTo(
  current: () => AnsweringPipeline,
  pageLink: PageLink,
): {
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  catalog: MeetingCatalog;
  retriever: Retriever;
} {
  // Links to an internal meeting's page open only signed (the answer was retrieved for someone allowed).
  return {
    answerQuestion: async (question, options) =>
      signAnswerLinks(await current().answerQuestion(question, options), pageLink),
    summariseMeeting: async (reference, options) =>
      signSummaryLinks(await current().summariseMeeting(reference, options), pageLink),
    catalog: {
      list: (filter) => current().catalog.list(filter),
      get: (id) => current().catalog.get(id),
      resolve: (reference) => current().catalog.resolve(reference),
      visibleTo: (viewer) => current().catalog.visibleTo(viewer),
    },
    retriever: {
      retrieve: (query, options) => current().loaded.retriever.retrieve(query, options),
      status: () => current().loaded.retriever.status(),
    },
  };
}

export interface Application {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

export interface ApplicationOptions {
  /** Watcher timings (MINUTES_WATCH); tests use short ones. */
  watch?: { debounceMs?: number; writeFinishMs?: number };
  /** How answer workers (ANSWER_WORKERS) are started; tests keep hold of the threads. */
  answerWorkers?: { spawn?: SpawnWorker };
}

export async function createApplication(
  config: Config,
  logger: Logger,
  options: ApplicationOptions = {},
): Promise<Application> {
  // The embedding model loads while the minutes are read.
  const resourcesLoading = loadPipelineResources(config, logger);
  resourcesLoading.catch(() => {});
  // Answer workers start while the minutes are read; each corpus is loaded into them once built.
  const answerPool = startAnswerPool(config, logger, options.answerWorkers ?? {});
  const live = createLiveCorpus<AnsweringPipeline>({
    ingest: (firstRun) =>
      ingestMinutes(config, logger, config.minutesDir, { onlyFilesRead: !firstRun }),
    build: async (ingest, previous) => {
      const next = await assemblePipeline(config, logger, await resourcesLoading, ingest, {
        answersElsewhere: answerPool !== null,
      });
      const status = next.loaded.retriever.status();
      if (previous?.loaded.retriever.status().dense && !status.dense) {
        logger.warn({ reason: status.denseReason }, "dense retrieval is off for the new corpus");
      }
      if (!answerPool) return next;
      const pooled = await answerPool.prepare({
        meetings: next.loaded.meetings.length,
        dense: status.dense,
      });
      return {
        ...next,
        answerQuestion: pooled.answerQuestion,
        summariseMeeting: pooled.summariseMeeting,
      };
    },
    // Called after the swap: requests still running on an older corpus finish before it goes.
    onCheck: (check) => {
      if (check.outcome === "updated") answerPool?.retireOlderVersions();
    },
    logger,
  });

  let watcher: MinutesWatcher | null = null;
  let pipeline: AnsweringPipeline;
  try {
    // Watch before the first ingest, so that nothing written while it runs is missed.
    if (config.minutesWatch.enabled) {
      watcher = await startWatching(config, live, logger, options.watch ?? {});
    }
    pipeline = await live.load();
  } catch (error) {
    await watcher?.close();
    await answerPool?.stop();
    throw error;
  }

  const { loaded } = pipeline;
  const pageAccess = createPageAccess({
    secret: config.visibility.pageLinkSecret,
    ttlMs: config.visibility.pageLinkTtlMs,
  });
  const internalMeetings = loaded.meetings.filter((meeting) => meeting.visibility === "internal");
  if (internalMeetings.length > 0 && config.visibility.pageLinkSecret === undefined) {
    logger.warn(
      { internalMeetings: internalMeetings.length },
      "PAGE_LINK_SECRET is not set: links to internal minutes stop opening when Referat restarts",
    );
  }
  const retrievalStatus = loaded.retriever.status();
  if (!retrievalStatus.dense) {
    logger.warn(
      { reason: retrievalStatus.denseReason },
      "dense retrieval is off: answering with lexical retrieval only",
    );
  }
  logger.info(
    {
      meetings: loaded.meetings.length,
      internalMeetings: internalMeetings.length,
      skippedFiles: loaded.failures.length,
      chunks: loaded.index.chunks.length,
      dense: retrievalStatus.dense,
      embedder: retrievalStatus.embedderId,
      llm: config.llm.enabled ? config.llm.model : "off",
      watching: watcher !== null,
    },
    "minutes indexed",
  );

  const pageLink = createPageLinks(pageAccess, (id) => live.current().catalog.get(id)?.visibility);
  const answering = delegateTo(() => live.current(), pageLink);
  const slackBot = await createConfiguredSlackBot(config, answering, logger, pageLink);
  const readiness = (): Readiness => {
    const status = live.current().loaded.retriever.status();
    return {
      indexLoaded: true,
      lexical: status.lexical,
      dense: status.dense,
      ...(status.denseReason ? { denseReason: status.denseReason } : {}),
      llm: pipeline.llmEnabled,
      slack: slackBot ? slackBot.mode : "off",
    };
  };
  const httpServer = createHttpServer({
    ...answering,
    readiness,
    corpusStatus: () => ({ ...live.status(), watching: watcher !== null }),
    answeringStatus: () =>
      answerPool ? { mode: "workers", ...answerPool.status() } : { mode: "main-thread" },
    minutesDirectory: config.minutesDir,
    accessTokens: config.http.accessTokens,
    pageAccess,
    askRateLimitPerMinute: config.http.askRateLimitPerMinute,
    rateLimitPerMinute: config.http.rateLimitPerMinute,
    bodyLimitBytes: config.http.bodyLimitBytes,
    publicBaseUrl: config.http.publicBaseUrl,
    slackRequestListener: slackBot?.requestListener ?? null,
    logger,
  });

  return {
    async start() {
      const { url } = await httpServer.listen(config.http.port, config.http.host);
      if (slackBot) await slackBot.start();
      logger.info({ url, slack: slackBot ? slackBot.mode : "off" }, "Referat is serving");
      return { url };
    },
    async stop() {
      await watcher?.close();
      await live.stop();
      if (slackBot) await slackBot.stop();
      await httpServer.close();
      await answerPool?.stop();
    },
  };
}

function startAnswerPool(
  config: Config,
  logger: Logger,
  options: NonNullable<ApplicationOptions["answerWorkers"]>,
): AnswerPool | null {
  const { workers, queueLimit, concurrencyPerWorker } = config.answering;
  if (workers === 0) return null;
  logger.info({ workers, queueLimit, concurrencyPerWorker }, "answering on worker threads");
  return createAnswerPool<AnswerWorkerSetup>({
    workers,
    queueLimit,
    concurrencyPerWorker,
    setup: { config },
    corpusFile: join(config.dataDir, "corpus.json"),
    snapshotDirectory: join(config.dataDir, ".answer-workers"),
    logger: logger.child({ component: "answer-pool" }),
    ...(options.spawn ? { spawn: options.spawn } : {}),
  });
}

async function startWatching(
  config: Config,
  live: LiveCorpus<AnsweringPipeline>,
  logger: Logger,
  timings: NonNullable<ApplicationOptions["watch"]>,
): Promise<MinutesWatcher> {
  const watcher = await watchMinutesFolder({
    minutesDir: config.minutesDir,
    dataDir: config.dataDir,
    poll: config.minutesWatch.poll,
    ...timings,
    onChanges: (changes) => {
      logger.info(
        {
          added: changes.added.length,
          changed: changes.changed.length,
          removed: changes.removed.length,
        },
        "minutes folder changed; re-ingesting",
      );
      live.request();
    },
    onError: (error) =>
      logger.warn({ error: describeError(error) }, "watching the minutes folder failed"),
  });
  logger.info({ minutesDir: config.minutesDir }, "watching the minutes folder for changes");
  return watcher;
}

/** Slack is opt-in; a rejected token turns Slack off with a clear log line, not the service. */
async function createConfiguredSlackBot(
  config: Config,
  answering: Pick<AnsweringPipeline, "answerQuestion" | "summariseMeeting" | "catalog">,
  logger: Logger,
  pageLink: PageLink,
): Promise<SlackBot | null> {
  if (!config.slack.enabled) {
    logger.info({ reason: config.slack.reason }, "Slack is off");
    return null;
  }
  const slack = config.slack;
  try {
    return await createSlackBot({
      mode: slack.mode,
      botToken: slack.botToken,
      ...(slack.mode === "socket"
        ? { appToken: slack.appToken }
        : { signingSecret: slack.signingSecret }),
      ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
      allowedChannels: slack.access.allowedChannels,
      allowDms: slack.access.allowDms,
      questionsPerMinute: slack.access.questionsPerMinute,
      bodyLimitBytes: slack.access.bodyLimitBytes,
      answerQuestion: answering.answerQuestion,
      summariseMeeting: answering.summariseMeeting,
      catalog: answering.catalog,
      publicBaseUrl: config.http.publicBaseUrl,
      signMeetingLink: pageLink,
      logger,
      feedback: createFileFeedbackRecorder({
        path: join(config.dataDir, "feedback", "slack.jsonl"),
        logger,
      }),
    });
  } catch (error) {
    logger.error({ error: describeError(error) }, "Slack could not start; running without Slack");
    return null;
  }
}
