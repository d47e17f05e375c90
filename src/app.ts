import { join } from "node:path";
import { createAnswerQuestion } from "./answer/answer-question.ts";
import { createOpenAiChatModel } from "./answer/chat-model.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "./answer/prompts.ts";
import { createRetriever } from "./answer/retriever.ts";
import { createSummariseMeeting } from "./answer/summarise-meeting.ts";
import { loadSynonyms, type SynonymTable } from "./answer/synonyms.ts";
import type { AnswerQuestion, ChatModel, Retriever, SummariseMeeting } from "./answer/types.ts";
import type { Config } from "./config/index.ts";
import { createHttpServer, type Readiness } from "./http/index.ts";
import { createEmbedder } from "./index/embedders/index.ts";
import { buildSearchIndex, type SearchIndex } from "./index/store.ts";
import {
  createMeetingCatalog,
  type IngestResult,
  ingestDirectory,
  type MeetingCatalog,
} from "./minutes/index.ts";
import { describeError } from "./shared/errors.ts";
import type { Logger } from "./shared/logger.ts";
import { createFileFeedbackRecorder, createSlackBot, type SlackBot } from "./slack/index.ts";

/**
 * The composition root: builds everything from Config. Modules below get plain options; only
 * this file, main.ts, cli.ts (with its commands) and scripts/ see Config. The server, the CLI
 * and the evaluation all build their pipeline through the functions here, so they answer alike.
 */

/**
 * Ingests the minutes folder into DATA_DIR/corpus.json. Every file that did not become a
 * meeting is logged by name with the reason (file names and reasons only, never minutes text).
 */
export async function ingestMinutes(
  config: Config,
  logger: Logger,
  minutesDir = config.minutesDir,
): Promise<IngestResult> {
  const result = await ingestDirectory(minutesDir, {
    corpusFile: join(config.dataDir, "corpus.json"),
  });
  for (const file of result.files) {
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
  return result;
}

export interface LoadedRetriever {
  retriever: Retriever;
  meetings: IngestResult["meetings"];
  failures: IngestResult["failures"];
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
  const [{ meetings, failures }, synonyms, embedding] = await Promise.all([
    ingestMinutes(config, logger, options.minutesDir),
    loadSynonyms(options.synonymsFile),
    createEmbedder({ ...config.embeddings, logger }),
  ]);
  const index = await buildSearchIndex({
    meetings,
    indexDir: join(config.dataDir, "index"),
    embedder: embedding.embedder,
    ...(embedding.embedder === null ? { embedderUnavailableReason: embedding.reason } : {}),
    logger,
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
  return { retriever, meetings, failures, index, synonyms };
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
  const [loaded, prompts] = await Promise.all([
    loadRetriever(config, logger, options),
    loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
  ]);
  const catalog = createMeetingCatalog(loaded.meetings);
  const chatModel = createChatModel(config, logger);
  const shared = {
    catalog,
    chatModel,
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
  };
  return {
    catalog,
    loaded,
    llmEnabled: chatModel !== null,
    answerQuestion: createAnswerQuestion({
      ...shared,
      retriever: loaded.retriever,
      queryRewrite: config.llm.enabled && config.llm.queryRewrite,
      synonyms: loaded.synonyms,
    }),
    summariseMeeting: createSummariseMeeting(shared),
  };
}

export interface Application {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

export async function createApplication(config: Config, logger: Logger): Promise<Application> {
  const pipeline = await createAnsweringPipeline(config, logger);
  const { loaded } = pipeline;
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
      skippedFiles: loaded.failures.length,
      chunks: loaded.index.chunks.length,
      dense: retrievalStatus.dense,
      embedder: retrievalStatus.embedderId,
      llm: config.llm.enabled ? config.llm.model : "off",
    },
    "minutes indexed",
  );

  const slackBot = await createConfiguredSlackBot(config, pipeline, logger);
  const readiness = (): Readiness => ({
    indexLoaded: true,
    lexical: retrievalStatus.lexical,
    dense: retrievalStatus.dense,
    ...(retrievalStatus.denseReason ? { denseReason: retrievalStatus.denseReason } : {}),
    llm: pipeline.llmEnabled,
    slack: slackBot ? slackBot.mode : "off",
  });
  const httpServer = createHttpServer({
    answerQuestion: pipeline.answerQuestion,
    summariseMeeting: pipeline.summariseMeeting,
    retriever: loaded.retriever,
    catalog: pipeline.catalog,
    readiness,
    apiToken: config.http.apiToken,
    askRateLimitPerMinute: config.http.askRateLimitPerMinute,
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
      if (slackBot) await slackBot.stop();
      await httpServer.close();
    },
  };
}

/** Slack is opt-in; a rejected token turns Slack off with a clear log line, not the service. */
async function createConfiguredSlackBot(
  config: Config,
  pipeline: AnsweringPipeline,
  logger: Logger,
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
      answerQuestion: pipeline.answerQuestion,
      summariseMeeting: pipeline.summariseMeeting,
      catalog: pipeline.catalog,
      publicBaseUrl: config.http.publicBaseUrl,
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
