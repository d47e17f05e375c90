import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Meeting } from "../minutes/model.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { chunkMeetings } from "./chunking.ts";
import { createDenseSearcher } from "./dense-searcher.ts";
import {
  type EmbeddingCache,
  openEmbeddingCache,
  syncDirectory,
  writeFileAtomic,
} from "./embedders/embedding-cache.ts";
import { createLexicalIndex, loadLexicalIndex } from "./lexical-index.ts";
import type { Chunk, DenseSearcher, Embedder, LexicalIndex } from "./types.ts";
import {
  createVectorIndex,
  loadVectorIndex,
  type PersistentVectorIndex,
  VECTOR_IDS_FILE,
  VECTOR_INDEX_FILE,
} from "./vector-index.ts";

/**
 * The search index on disk: chunks of the corpus, their lexical index and (when an embedder is
 * available) their vectors, written as immutable generations:
 *
 *   <indexDir>/CURRENT                      name of the live generation (replaced atomically)
 *   <indexDir>/generations/<name>/          manifest.json, lexical.json, vectors.hnsw, vector-ids.json
 *   <indexDir>/embeddings/<embedder>/       passage vectors by chunk content hash (see embedding-cache)
 *
 * A build writes a new generation into a temp folder, fsyncs it, renames it into place and only then
 * points CURRENT at it, so a crash at any moment leaves the previous generation live and loadable.
 */

/** Bump when the meaning of any file in a generation changes (including the lexical analyser's output). */
export const INDEX_FORMAT_VERSION = 1;

const CURRENT_FILE = "CURRENT";
const GENERATIONS_DIR = "generations";
const EMBEDDINGS_DIR = "embeddings";
const MANIFEST_FILE = "manifest.json";
const LEXICAL_FILE = "lexical.json";
const BUILDING_PREFIX = ".building-";
const GENERATION_NAME = /^[0-9]{13}-[0-9a-f]{8}$/;
const DEFAULT_EMBED_BATCH_SIZE = 32;

export const indexManifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  createdAt: z.string(),
  /** sha256 over every chunk's id and content hash, in order. */
  corpusHash: z.string().regex(/^[0-9a-f]{64}$/),
  chunkCount: z.number().int().nonnegative(),
  meetingCount: z.number().int().nonnegative(),
  /** null when the generation was built without an embedder (lexical only). */
  embedder: z.object({ id: z.string().min(1), dimensions: z.number().int().positive() }).nullable(),
  /** Changes when the lexical analyser's output changes (stemming, compounds …), which chunk hashes do not show. */
  lexicalFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type IndexManifest = z.infer<typeof indexManifestSchema>;

export interface SearchIndexStats {
  chunks: number;
  /** Passages embedded in this call. */
  embedded: number;
  /** Chunks whose vector came from disk (the embedding cache or a loaded generation). */
  reusedEmbeddings: number;
  /** Whether a new generation was built in this call. */
  rebuilt: boolean;
}

export interface SearchIndex {
  chunks: Chunk[];
  lexical: LexicalIndex;
  dense: DenseSearcher | null;
  denseReason?: string;
  stats: SearchIndexStats;
}

export interface BuildSearchIndexOptions {
  meetings: Meeting[];
  /** e.g. data/index */
  indexDir: string;
  embedder: Embedder | null;
  /** Why there is no embedder, reported as `denseReason`. */
  embedderUnavailableReason?: string;
  logger: Logger;
  /** Passages per embedPassages call. */
  embedBatchSize?: number;
}

export type IndexState =
  | { state: "missing" }
  | { state: "invalid"; reason: string }
  | { state: "ready"; generation: string; manifest: IndexManifest };

/**
 * Loads the index for these meetings from `indexDir` when it is current, otherwise builds (and
 * persists) a new one, embedding only chunks the cache does not hold. Never throws for bad files on
 * disk: a corrupt or stale index is reported in the log and rebuilt. When embedding fails midway,
 * the result is lexical only (with the reason) and the previous generation stays live.
 */
export async function buildSearchIndex(options: BuildSearchIndexOptions): Promise<SearchIndex> {
  const started = performance.now();
  const { logger, embedder, indexDir } = options;
  const chunks = chunkMeetings(options.meetings);
  const corpusHash = hashCorpus(chunks);
  const noEmbedderReason = options.embedderUnavailableReason ?? "no embedder configured";

  const current = await readIndexState(indexDir);
  if (current.state === "invalid") {
    logger.warn(
      { indexDir, reason: current.reason },
      "search index on disk is invalid; rebuilding",
    );
  }
  if (current.state === "ready" && current.manifest.corpusHash === corpusHash) {
    const loaded = await loadGeneration(
      indexDir,
      current.generation,
      current.manifest,
      chunks,
      options,
    );
    if (loaded) {
      logger.info(
        {
          generation: current.generation,
          chunks: chunks.length,
          embedderId: embedder?.modelId ?? null,
          ms: elapsed(started),
        },
        "search index loaded",
      );
      return loaded;
    }
  }

  const lexical = createLexicalIndex();
  lexical.add(chunks);

  if (!embedder) {
    const generation = await persistGeneration(
      indexDir,
      { lexical, vectorIndex: null },
      manifestFor(chunks, corpusHash, options),
      logger,
    );
    logger.info(
      { generation, chunks: chunks.length, ms: elapsed(started) },
      "search index built (lexical only)",
    );
    return {
      chunks,
      lexical,
      dense: null,
      denseReason: noEmbedderReason,
      stats: { chunks: chunks.length, embedded: 0, reusedEmbeddings: 0, rebuilt: true },
    };
  }

  const cache = await openEmbeddingCache({
    directory: join(indexDir, EMBEDDINGS_DIR),
    embedderId: embedder.modelId,
    dimensions: embedder.dimensions,
    logger,
  });
  const embedding = await embedMissing(chunks, embedder, cache, options);
  const keep = new Set(chunks.map((chunk) => chunk.contentHash));
  try {
    await cache.save(keep);
  } catch (error) {
    logger.warn(
      { embedderId: embedder.modelId, error: describeError(error) },
      "embedding cache not saved",
    );
  }

  if (embedding.failure) {
    const denseReason = `embedding the minutes with ${embedder.modelId} failed: ${embedding.failure.message}`;
    logger.warn(
      {
        embedderId: embedder.modelId,
        code: embedding.failure.code,
        embedded: embedding.embedded,
        ms: elapsed(started),
      },
      "search index not persisted: embedding failed; retrieval: lexical only",
    );
    return {
      chunks,
      lexical,
      dense: null,
      denseReason,
      stats: {
        chunks: chunks.length,
        embedded: embedding.embedded,
        reusedEmbeddings: embedding.reused,
        rebuilt: false,
      },
    };
  }

  const vectorIndex = createVectorIndex(embedder.dimensions, chunks.length);
  for (const chunk of chunks) {
    const vector = cache.get(chunk.contentHash);
    if (vector) vectorIndex.add(chunk.id, vector);
  }
  const generation = await persistGeneration(
    indexDir,
    { lexical, vectorIndex },
    manifestFor(chunks, corpusHash, options),
    logger,
  );
  logger.info(
    {
      generation,
      chunks: chunks.length,
      embedderId: embedder.modelId,
      embedded: embedding.embedded,
      reusedEmbeddings: embedding.reused,
      ms: elapsed(started),
    },
    "search index built",
  );
  return {
    chunks,
    lexical,
    dense: createDenseSearcher(embedder, vectorIndex),
    stats: {
      chunks: chunks.length,
      embedded: embedding.embedded,
      reusedEmbeddings: embedding.reused,
      rebuilt: true,
    },
  };
}

/** What is on disk, for `referat doctor` and /healthz: the live generation's manifest or why there is none. */
export async function readIndexState(indexDir: string): Promise<IndexState> {
  let generation: string;
  try {
    generation = (await readFile(join(indexDir, CURRENT_FILE), "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    return { state: "invalid", reason: `${CURRENT_FILE} is unreadable: ${describeError(error)}` };
  }
  if (!GENERATION_NAME.test(generation)) {
    return { state: "invalid", reason: `${CURRENT_FILE} does not name a generation` };
  }
  const manifestPath = join(indexDir, GENERATIONS_DIR, generation, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (error) {
    return { state: "invalid", reason: `${manifestPath} is unreadable: ${describeError(error)}` };
  }
  const parsed = indexManifestSchema.safeParse(json);
  if (!parsed.success) {
    return {
      state: "invalid",
      reason: `${manifestPath} is invalid: ${z.prettifyError(parsed.error)}`,
    };
  }
  return { state: "ready", generation, manifest: parsed.data };
}

export function hashCorpus(chunks: Chunk[]): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(`${chunk.id}\t${chunk.contentHash}\n`);
  return hash.digest("hex");
}

/** Loads a generation whose corpus matches; null when it does not fit this embedder or its files are bad. */
async function loadGeneration(
  indexDir: string,
  generation: string,
  manifest: IndexManifest,
  chunks: Chunk[],
  options: BuildSearchIndexOptions,
): Promise<SearchIndex | null> {
  const { embedder, logger } = options;
  if (manifest.chunkCount !== chunks.length) return null;
  if (manifest.lexicalFingerprint !== lexicalFingerprint()) {
    logger.info({ generation }, "lexical analyser changed; rebuilding the index");
    return null;
  }
  const wantsDense = embedder !== null;
  if (wantsDense) {
    if (!manifest.embedder) return null;
    if (
      manifest.embedder.id !== embedder.modelId ||
      manifest.embedder.dimensions !== embedder.dimensions
    ) {
      logger.info(
        { from: manifest.embedder.id, to: embedder.modelId },
        "embedding model changed; rebuilding the vector index",
      );
      return null;
    }
  }
  const directory = join(indexDir, GENERATIONS_DIR, generation);
  try {
    const lexical = loadLexicalIndex(await readFile(join(directory, LEXICAL_FILE), "utf8"));
    if (!embedder) {
      // A generation with vectors serves lexical-only callers too: no need to write anything.
      return {
        chunks,
        lexical,
        dense: null,
        denseReason: options.embedderUnavailableReason ?? "no embedder configured",
        stats: { chunks: chunks.length, embedded: 0, reusedEmbeddings: 0, rebuilt: false },
      };
    }
    const vectorIndex = await loadVectorIndex(directory);
    const missing = chunks.find((chunk) => !vectorIndex.has(chunk.id));
    if (vectorIndex.size !== chunks.length || missing) {
      throw new AppError(
        "index_invalid",
        `vector index does not cover chunk ${missing?.id ?? "?"}`,
      );
    }
    return {
      chunks,
      lexical,
      dense: createDenseSearcher(embedder, vectorIndex),
      stats: {
        chunks: chunks.length,
        embedded: 0,
        reusedEmbeddings: chunks.length,
        rebuilt: false,
      },
    };
  } catch (error) {
    logger.warn(
      {
        generation,
        code: isAppError(error) ? error.code : "index_invalid",
        error: describeError(error),
      },
      "search index files are invalid; rebuilding",
    );
    return null;
  }
}

interface EmbeddingOutcome {
  embedded: number;
  reused: number;
  failure?: AppError;
}

async function embedMissing(
  chunks: Chunk[],
  embedder: Embedder,
  cache: EmbeddingCache,
  options: BuildSearchIndexOptions,
): Promise<EmbeddingOutcome> {
  const pending = new Map<string, string>();
  let reused = 0;
  for (const chunk of chunks) {
    if (cache.get(chunk.contentHash)) reused += 1;
    else pending.set(chunk.contentHash, chunk.indexedText);
  }
  const entries = [...pending.entries()];
  const batchSize = Math.max(1, options.embedBatchSize ?? DEFAULT_EMBED_BATCH_SIZE);
  let embedded = 0;
  for (let start = 0; start < entries.length; start += batchSize) {
    const batch = entries.slice(start, start + batchSize);
    try {
      const vectors = await embedder.embedPassages(batch.map(([, text]) => text));
      if (vectors.length !== batch.length) {
        throw new AppError(
          "embedder_failed",
          `returned ${vectors.length} vectors for ${batch.length} passages`,
        );
      }
      batch.forEach(([contentHash], position) => {
        const vector = vectors[position];
        if (!vector || vector.length !== embedder.dimensions) {
          throw new AppError(
            "embedder_failed",
            `returned a vector of ${vector?.length ?? 0} dimensions, expected ${embedder.dimensions}`,
          );
        }
        cache.set(contentHash, vector);
      });
      embedded += batch.length;
    } catch (error) {
      const failure = isAppError(error)
        ? error
        : new AppError("embedder_failed", describeError(error), { cause: error });
      return { embedded, reused, failure };
    }
  }
  return { embedded, reused };
}

function manifestFor(
  chunks: Chunk[],
  corpusHash: string,
  options: BuildSearchIndexOptions,
): IndexManifest {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    corpusHash,
    chunkCount: chunks.length,
    meetingCount: options.meetings.length,
    embedder: options.embedder
      ? { id: options.embedder.modelId, dimensions: options.embedder.dimensions }
      : null,
    lexicalFingerprint: lexicalFingerprint(),
  };
}

let cachedLexicalFingerprint: string | undefined;

/** The serialized lexical index of a fixed probe passage that exercises folding, stemming, compounds and numbers. */
export function lexicalFingerprint(): string {
  if (cachedLexicalFingerprint) return cachedLexicalFingerprint;
  const probe = createLexicalIndex();
  const text =
    "Seniorarbejdsgruppen drøftede fastholdelsessnakken; Udsatterådet besluttede 6.749.600 kr. efter §110 (sag 27.57.16-P20-2-18), 3,7 % færre ledige på Århus' værksteder.";
  probe.add([
    {
      id: "probe#1/beslutning/0",
      meetingId: "probe",
      body: "Udsatterådet",
      date: "2019-09-18",
      itemNumber: 1,
      itemTitle: "Arbejdsmiljø og trivsel",
      itemClosed: false,
      sectionHeading: "Beslutning",
      sectionKind: "beslutning",
      sectionSlug: "beslutning",
      start: 0,
      end: text.length,
      text,
      indexedText: text,
      contentHash: "probe",
    },
  ]);
  cachedLexicalFingerprint = createHash("sha256").update(probe.serialize()).digest("hex");
  return cachedLexicalFingerprint;
}

/**
 * Writes a generation and makes it live. Returns its name, or null when it could not be written
 * (the in-memory index still serves; the failure is logged and the previous generation stays live).
 */
async function persistGeneration(
  indexDir: string,
  contents: { lexical: LexicalIndex; vectorIndex: PersistentVectorIndex | null },
  manifest: IndexManifest,
  logger: Logger,
): Promise<string | null> {
  const generationsDir = join(indexDir, GENERATIONS_DIR);
  const name = `${Date.now()}-${randomBytes(4).toString("hex")}`;
  const building = join(generationsDir, `${BUILDING_PREFIX}${name}`);
  try {
    await mkdir(building, { recursive: true });
    await writeFileAtomic(join(building, LEXICAL_FILE), contents.lexical.serialize());
    if (contents.vectorIndex) {
      await contents.vectorIndex.save(building);
      await syncFile(join(building, VECTOR_INDEX_FILE));
      await syncFile(join(building, VECTOR_IDS_FILE));
    }
    await writeFileAtomic(join(building, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await rename(building, join(generationsDir, name));
    await syncDirectory(generationsDir);
    await writeFileAtomic(join(indexDir, CURRENT_FILE), `${name}\n`);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    logger.error(
      { indexDir, error: describeError(error) },
      "search index could not be written; serving it from memory",
    );
    return null;
  }
  await removeOldGenerations(generationsDir, name, logger);
  return name;
}

/** Keeps the new generation and the one before it (a reader may still be opening it); drops the rest and leftovers of crashed builds. */
async function removeOldGenerations(
  generationsDir: string,
  keep: string,
  logger: Logger,
): Promise<void> {
  const names = (await readdir(generationsDir)).sort();
  const finished = names.filter((name) => GENERATION_NAME.test(name) && name !== keep);
  const previous = finished.at(-1);
  const doomed = names.filter((name) => name !== keep && name !== previous);
  for (const name of doomed) {
    try {
      await rm(join(generationsDir, name), { recursive: true, force: true });
    } catch (error) {
      logger.warn(
        { generation: name, error: describeError(error) },
        "old index generation not removed",
      );
    }
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
