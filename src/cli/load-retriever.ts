import { join } from "node:path";
import { createRetriever } from "../answer/retriever.ts";
import { loadSynonymsOrNone, type SynonymTable } from "../answer/synonyms.ts";
import type { Retriever } from "../answer/types.ts";
import type { Config } from "../config/index.ts";
import { createEmbedder } from "../index/embedders/index.ts";
import { buildSearchIndex, type SearchIndex } from "../index/store.ts";
import { type IngestFailure, ingestDirectory, type Meeting } from "../minutes/index.ts";
import type { Logger } from "../shared/logger.ts";

/**
 * The retrieval stack as the command-line tools use it: ingest the minutes, load or build the
 * search index on disk (with the configured embedder when it can be loaded), read the synonyms
 * and compose the retriever. One function, so `search` and `eval` build exactly the same thing.
 */

export interface LoadedRetriever {
  retriever: Retriever;
  meetings: Meeting[];
  failures: IngestFailure[];
  index: SearchIndex;
  synonyms: SynonymTable;
}

export interface LoadRetrieverOptions {
  /** Defaults to config.minutesDir. */
  minutesDir?: string;
  /** Defaults to the bundled data/synonyms.json. */
  synonymsFile?: string;
}

export async function loadRetriever(
  config: Config,
  logger: Logger,
  options: LoadRetrieverOptions = {},
): Promise<LoadedRetriever> {
  const minutesDir = options.minutesDir ?? config.minutesDir;
  const [{ meetings, failures }, synonyms, embedding] = await Promise.all([
    ingestDirectory(minutesDir, { corpusFile: join(config.dataDir, "corpus.json") }),
    loadSynonymsOrNone(options.synonymsFile, logger),
    createEmbedder({ ...config.embeddings, logger }),
  ]);
  for (const failure of failures) {
    logger.warn(
      { file: failure.file, code: failure.code },
      `minutes file skipped: ${failure.message}`,
    );
  }
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
