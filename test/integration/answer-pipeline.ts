import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAnswerQuestion } from "../../src/answer/answer-question.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts, type Prompts } from "../../src/answer/prompts.ts";
import { createRetriever } from "../../src/answer/retriever.ts";
import { createSummariseMeeting } from "../../src/answer/summarise-meeting.ts";
import { loadSynonyms, type SynonymTable } from "../../src/answer/synonyms.ts";
import type { ChatModel, Retriever } from "../../src/answer/types.ts";
import { buildSearchIndex } from "../../src/index/store.ts";
import {
  createMeetingCatalog,
  ingestDirectory,
  type Meeting,
  type MeetingCatalog,
} from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";

/**
 * The real retrieval stack for answer tests: parsed minutes, a search index built in a temp dir,
 * the real retriever and synonyms. Retrieval is lexical, as on a machine without model weights
 * (the default here); the deterministic test embedder's vectors carry no meaning, and answers
 * should be judged on retrieval that does. Built once per test file.
 */

export const BUNDLED_MINUTES = new URL("../../data/minutes", import.meta.url).pathname;
export const INJECTION_MINUTES = new URL("../fixtures/injection", import.meta.url).pathname;
/** Minutes in layouts the bundled samples do not use (plain numbered, "Ad 1.", Copenhagen style). */
export const OTHER_LAYOUT_MINUTES = new URL("../fixtures/other-layouts", import.meta.url).pathname;
export const PUBLIC_BASE_URL = "http://referat.test";

export interface RetrievalStack {
  meetings: Meeting[];
  catalog: MeetingCatalog;
  retriever: Retriever;
  synonyms: SynonymTable;
  prompts: Prompts;
  dispose(): Promise<void>;
}

export async function buildRetrievalStack(minutesDirectories: string[]): Promise<RetrievalStack> {
  const logger = createSilentLogger();
  const ingested = await Promise.all(
    minutesDirectories.map((directory) => ingestDirectory(directory)),
  );
  const failures = ingested.flatMap((result) => result.failures);
  if (failures.length > 0) throw new Error(`minutes failed to parse: ${JSON.stringify(failures)}`);
  const meetings = ingested.flatMap((result) => result.meetings);
  const indexDir = await mkdtemp(join(tmpdir(), "referat-answer-index-"));
  const [index, synonyms, prompts] = await Promise.all([
    buildSearchIndex({
      meetings,
      indexDir,
      embedder: null,
      embedderUnavailableReason:
        "answer tests run lexical retrieval, as a machine without model weights does",
      logger,
    }),
    loadSynonyms(),
    loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
  ]);
  const retriever = createRetriever({
    chunks: index.chunks,
    lexical: index.lexical,
    dense: index.dense,
    synonyms,
    meetings,
    logger,
  });
  return {
    meetings,
    catalog: createMeetingCatalog(meetings),
    retriever,
    synonyms,
    prompts,
    dispose: () => rm(indexDir, { recursive: true, force: true }),
  };
}

export function answerFunctions(
  stack: RetrievalStack,
  options: { chatModel?: ChatModel; queryRewrite?: boolean } = {},
) {
  const shared = {
    catalog: stack.catalog,
    prompts: stack.prompts,
    publicBaseUrl: PUBLIC_BASE_URL,
    logger: createSilentLogger(),
    ...(options.chatModel ? { chatModel: options.chatModel } : {}),
  };
  return {
    answerQuestion: createAnswerQuestion({
      ...shared,
      retriever: stack.retriever,
      synonyms: stack.synonyms,
      ...(options.queryRewrite === undefined ? {} : { queryRewrite: options.queryRewrite }),
    }),
    summariseMeeting: createSummariseMeeting(shared),
  };
}
