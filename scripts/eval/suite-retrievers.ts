import { join } from "node:path";
import { createRetriever } from "../../src/answer/retriever.ts";
import {
  createSynonymTable,
  EMPTY_SYNONYM_FILE,
  type SynonymTable,
} from "../../src/answer/synonyms.ts";
import type { Retriever } from "../../src/answer/types.ts";
import { type LoadedRetriever, loadRetriever } from "../../src/app.ts";
import type { Config } from "../../src/config/index.ts";
import { createPlainBm25Index } from "../../src/index/lexical-index.ts";
import type { Logger } from "../../src/shared/logger.ts";
import type { EvalSuite } from "./suites.ts";

export interface SuiteRetrievers {
  loaded: LoadedRetriever;
  /** The lexical leg alone, as on a machine without an embedder. */
  lexical: Retriever;
  /** Lexical fused with dense, when an embedder is configured and reachable. */
  hybrid: Retriever | null;
  /** Baseline: BM25 over lower-cased words, no analyser, no synonyms. */
  plain: Retriever;
}

/** Ingests and indexes a suite's minutes (in its own data folder, embeddings cached) and builds its retrievers. */
export async function openSuite(
  suite: EvalSuite,
  config: Config,
  logger: Logger,
): Promise<SuiteRetrievers> {
  const suiteConfig: Config = {
    ...config,
    dataDir: join(config.dataDir, "cache", "eval", suite.name),
  };
  const loaded = await loadRetriever(
    suiteConfig,
    logger,
    suite.minutesDir === undefined ? {} : { minutesDir: suite.minutesDir },
  );
  const { lexical, hybrid } = retrieversWith(loaded, loaded.synonyms);
  const { chunks } = loaded.index;
  const plainIndex = createPlainBm25Index();
  plainIndex.add(chunks);
  const plain = createRetriever({
    chunks,
    lexical: plainIndex,
    dense: null,
    denseReason: "baseline",
    synonyms: createSynonymTable(EMPTY_SYNONYM_FILE),
    meetings: loaded.meetings,
  });
  return { loaded, lexical, hybrid, plain };
}

/**
 * The lexical and hybrid retrievers over a suite's index with the given query synonyms: the
 * loaded ones, or fewer, to see how answers fare on words no list translates.
 */
export function retrieversWith(
  loaded: LoadedRetriever,
  synonyms: SynonymTable,
): Pick<SuiteRetrievers, "lexical" | "hybrid"> {
  const { chunks, lexical, dense } = loaded.index;
  const { meetings } = loaded;
  return {
    lexical: createRetriever({
      chunks,
      lexical,
      dense: null,
      denseReason: "lexical pipeline of the evaluation",
      synonyms,
      meetings,
    }),
    hybrid: dense === null ? null : createRetriever({ chunks, lexical, dense, synonyms, meetings }),
  };
}
