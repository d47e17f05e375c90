import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Meeting } from "../minutes/model.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import {
  CHUNK_LAYOUT_FILE,
  type ChunkedCorpus,
  type ChunkLayout,
  chunkCorpus,
  readChunkLayout,
  serializeChunkLayout,
  sha256Of,
} from "./chunk-layout.ts";
import { createDenseSearcher } from "./dense-searcher.ts";
import {
  type EmbeddingCache,
  openEmbeddingCache,
  syncDirectory,
  writeFileAtomic,
} from "./embedders/embedding-cache.ts";
import {
  createLexicalIndex,
  type DanishLexicalIndex,
  isSegmentFile,
  LEXICAL_FORMAT_VERSION,
  type LexicalSnapshot,
  lexicalSnapshotSchema,
  loadLexicalIndex,
  segmentFilesOf,
} from "./lexical-index.ts";
import type { Chunk, DenseSearcher, Embedder } from "./types.ts";
import {
  createVectorIndex,
  loadVectorIndex,
  type PersistentVectorIndex,
  VECTOR_IDS_FILE,
  VECTOR_INDEX_FILE,
} from "./vector-index.ts";

/**
 * The search index on disk: the lexical engine's segments, the vectors of the chunks (when an
 * embedder is available) and a manifest per generation:
 *
 *   <indexDir>/CURRENT                      name of the live generation (replaced atomically)
 *   <indexDir>/generations/<name>/          manifest.json, chunks.json, vectors.hnsw, vector-ids.json
 *   <indexDir>/segments/<id>.seg            lexical segments, immutable, shared by generations
 *   <indexDir>/embeddings/<embedder>/       passage vectors by chunk content hash (see embedding-cache)
 *
 * The manifest lists the segments of its generation (with the documents deleted from them since)
 * and a hash per meeting, so a changed corpus is an incremental update: the chunks of removed and
 * changed meetings are deleted, those of added and changed meetings go into one new segment and
 * into the vector index, and the rest is left as it is. A build writes a new generation into a
 * temp folder, fsyncs it, renames it into place and only then points CURRENT at it, so a crash at
 * any moment leaves the previous generation live and loadable.
 */

/**
 * Bump when the meaning of any file in a generation changes (including the lexical analyser's
 * output). 3: the manifest holds the sha256 of every file it uses.
 */
export const INDEX_FORMAT_VERSION = 3;

const CURRENT_FILE = "CURRENT";
const GENERATIONS_DIR = "generations";
const SEGMENTS_DIR = "segments";
const EMBEDDINGS_DIR = "embeddings";
const MANIFEST_FILE = "manifest.json";
const BUILDING_PREFIX = ".building-";
const GENERATION_NAME = /^[0-9]{13}-[0-9a-f]{8}$/;
const DEFAULT_EMBED_BATCH_SIZE = 32;
const SHA256 = /^[0-9a-f]{64}$/;

export const indexManifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  createdAt: z.string(),
  /** sha256 over every chunk's id and content hash, in order. */
  corpusHash: z.string().regex(SHA256),
  chunkCount: z.number().int().nonnegative(),
  meetingCount: z.number().int().nonnegative(),
  /** null when the generation was built without an embedder (lexical only). */
  embedder: z.object({ id: z.string().min(1), dimensions: z.number().int().positive() }).nullable(),
  /** Changes when the lexical analyser's output changes (stemming, compounds …), which chunk hashes do not show. */
  lexicalFingerprint: z.string().regex(SHA256),
  lexical: lexicalSnapshotSchema,
  /** Per meeting id: sha256 over its chunks' ids and content hashes (what an update compares). */
  meetings: z.record(z.string(), z.string().regex(SHA256)),
  /**
   * sha256 of every file the generation is loaded from, verified before it is: the files in its
   * folder by name (chunks.json, where each meeting's chunks lie, among them: see
   * chunk-layout.ts), and the lexical segments by file name.
   */
  checksums: z.object({
    generation: z.record(z.string(), z.string().regex(SHA256)),
    segments: z.record(z.string(), z.string().regex(SHA256)),
  }),
});
type FileChecksums = IndexManifest["checksums"];
export type IndexManifest = z.infer<typeof indexManifestSchema>;

export interface SearchIndexStats {
  chunks: number;
  /** Passages embedded in this call. */
  embedded: number;
  /** Chunks whose vector came from disk (the embedding cache or a loaded generation). */
  reusedEmbeddings: number;
  /** Whether a new generation was built (or updated) in this call. */
  rebuilt: boolean;
}

export interface SearchIndex {
  chunks: Chunk[];
  /** sha256 over every chunk's id and content hash (what the manifest's `corpusHash` holds). */
  corpusHash: string;
  lexical: DanishLexicalIndex;
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
  /**
   * Never write to `indexDir` (answer workers: the main thread owns the index on disk). A
   * generation that does not fit is updated or built in memory only.
   */
  readOnly?: boolean;
}

export type IndexState =
  | { state: "missing" }
  /** `outdated`: written by an earlier Referat in an older format (rebuilt once, not an error). */
  | { state: "invalid"; reason: string; outdated?: boolean }
  | { state: "ready"; generation: string; manifest: IndexManifest };

/** What a generation on disk holds once opened. */
interface OpenedGeneration {
  manifest: IndexManifest;
  lexical: DanishLexicalIndex;
  /** Null when the caller has no embedder or the generation's vectors are of another model. */
  vectors: PersistentVectorIndex | null;
}

/**
 * Loads the index for these meetings from `indexDir` when it is current, updates it when only
 * some meetings changed, otherwise builds (and persists) a new one, embedding only chunks the
 * cache does not hold. Never throws for bad files on disk: a corrupt or stale index is reported in
 * the log and rebuilt. When embedding fails midway, the result is lexical only (with the reason)
 * and the previous generation stays live.
 */
export async function buildSearchIndex(options: BuildSearchIndexOptions): Promise<SearchIndex> {
  const current = await readIndexState(options.indexDir);
  const savedLayout =
    current.state === "ready"
      ? await readChunkLayout(
          join(options.indexDir, GENERATIONS_DIR, current.generation, CHUNK_LAYOUT_FILE),
          current.manifest.checksums.generation[CHUNK_LAYOUT_FILE] ?? "",
        )
      : null;
  const chunked = chunkCorpus(options.meetings, savedLayout);
  const hashes = hashChunks(chunked.chunks);
  const index = await indexChunks(options, current, chunked, hashes);
  return { ...index, corpusHash: hashes.corpus };
}

/** The search index of these chunks: the current generation, updated, or built anew. */
async function indexChunks(
  options: BuildSearchIndexOptions,
  current: IndexState,
  { chunks, layout, reused }: ChunkedCorpus,
  hashes: ChunkHashes,
): Promise<Omit<SearchIndex, "corpusHash">> {
  const started = performance.now();
  const { logger, embedder, indexDir } = options;
  const noEmbedderReason = options.embedderUnavailableReason ?? "no embedder configured";
  // A layout that had to be redone (a new chunker, or none saved) is saved with a new generation.
  const layoutCurrent = reused === options.meetings.length;
  const corpusHash = hashes.corpus;
  const meetingHashes = hashes.meetings;

  if (current.state === "invalid" && current.outdated) {
    logger.info(
      { indexDir, reason: current.reason },
      "search index on disk is of an older format; rebuilding it once",
    );
  } else if (current.state === "invalid") {
    logger.warn(
      { indexDir, reason: current.reason },
      "search index on disk is invalid; rebuilding",
    );
  }
  const opened =
    current.state === "ready"
      ? await openGeneration(indexDir, current.generation, current.manifest, options)
      : null;

  if (
    opened &&
    current.state === "ready" &&
    opened.manifest.corpusHash === corpusHash &&
    layoutCurrent
  ) {
    const loaded = servedAsIs(opened, chunks, options);
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

  const update = opened ? applyChanges(opened, chunks, meetingHashes) : null;
  if (opened && !update) opened.lexical.close();
  const lexical = update?.lexical ?? buildLexical(chunks);
  if (update) {
    logger.info(
      { generation: current.state === "ready" ? current.generation : null, ...update.counts },
      "search index: updating the meetings that changed",
    );
  }
  const manifest = (lexicalSnapshot: LexicalSnapshot, checksums: FileChecksums): IndexManifest => ({
    formatVersion: INDEX_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    corpusHash,
    chunkCount: chunks.length,
    meetingCount: options.meetings.length,
    embedder: embedder ? { id: embedder.modelId, dimensions: embedder.dimensions } : null,
    lexicalFingerprint: lexicalFingerprint(),
    lexical: lexicalSnapshot,
    meetings: Object.fromEntries(meetingHashes),
    checksums,
  });
  // Segments the opened generation verified need not be read again to be checksummed.
  const knownSegments = opened?.manifest.checksums.segments ?? {};

  if (!embedder) {
    const generation = options.readOnly
      ? null
      : await persistGeneration(
          indexDir,
          { lexical, vectorIndex: null, layout, knownSegments },
          manifest,
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
    if (!options.readOnly) await cache.save(keep);
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

  const vectorIndex = updateVectors(update?.vectors ?? null, chunks, cache, embedder.dimensions);
  const generation = options.readOnly
    ? null
    : await persistGeneration(
        indexDir,
        { lexical, vectorIndex, layout, knownSegments },
        manifest,
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

function buildLexical(chunks: Chunk[]): DanishLexicalIndex {
  const lexical = createLexicalIndex();
  lexical.add(chunks);
  return lexical;
}

/** The opened generation as the index of this very corpus, or null when it does not fit the caller. */
function servedAsIs(
  opened: OpenedGeneration,
  chunks: Chunk[],
  options: BuildSearchIndexOptions,
): Omit<SearchIndex, "corpusHash"> | null {
  const { embedder } = options;
  if (!coversExactly(opened.lexical, chunks)) return null;
  if (!embedder) {
    // A generation with vectors serves lexical-only callers too: no need to write anything.
    return {
      chunks,
      lexical: opened.lexical,
      dense: null,
      denseReason: options.embedderUnavailableReason ?? "no embedder configured",
      stats: { chunks: chunks.length, embedded: 0, reusedEmbeddings: 0, rebuilt: false },
    };
  }
  const { vectors } = opened;
  if (
    !vectors ||
    vectors.size !== chunks.length ||
    chunks.some((chunk) => !vectors.has(chunk.id))
  ) {
    return null;
  }
  return {
    chunks,
    lexical: opened.lexical,
    dense: createDenseSearcher(embedder, vectors),
    stats: { chunks: chunks.length, embedded: 0, reusedEmbeddings: chunks.length, rebuilt: false },
  };
}

function coversExactly(lexical: DanishLexicalIndex, chunks: Chunk[]): boolean {
  return lexical.size === chunks.length && chunks.every((chunk) => lexical.has(chunk.id));
}

interface AppliedChanges {
  lexical: DanishLexicalIndex;
  vectors: PersistentVectorIndex | null;
  counts: {
    meetingsAdded: number;
    meetingsChanged: number;
    meetingsRemoved: number;
    chunksAdded: number;
  };
}

/**
 * The opened generation brought up to this corpus, meeting by meeting; null when the result would
 * not hold exactly these chunks (then everything is built anew).
 */
function applyChanges(
  opened: OpenedGeneration,
  chunks: Chunk[],
  meetingHashes: Map<string, string>,
): AppliedChanges | null {
  const before = opened.manifest.meetings;
  const stale = Object.keys(before).filter((id) => meetingHashes.get(id) !== before[id]);
  const fresh = new Set(
    [...meetingHashes.keys()].filter((id) => before[id] !== meetingHashes.get(id)),
  );
  const { lexical, vectors } = opened;
  for (const meetingId of stale) lexical.removeMeeting(meetingId);
  const added = chunks.filter((chunk) => fresh.has(chunk.meetingId));
  lexical.add(added);
  if (!coversExactly(lexical, chunks)) return null;
  if (vectors) {
    const wanted = new Set(chunks.map((chunk) => chunk.id));
    for (const chunk of added) vectors.remove(chunk.id);
    for (const id of vectorIdsOutside(vectors, wanted)) vectors.remove(id);
  }
  return {
    lexical,
    vectors,
    counts: {
      meetingsAdded: [...fresh].filter((id) => before[id] === undefined).length,
      meetingsChanged: stale.filter((id) => meetingHashes.has(id)).length,
      meetingsRemoved: stale.filter((id) => !meetingHashes.has(id)).length,
      chunksAdded: added.length,
    },
  };
}

/** Ids the vector index holds that the corpus no longer has (the removed meetings' chunks). */
function vectorIdsOutside(vectors: PersistentVectorIndex, wanted: Set<string>): string[] {
  return vectors.ids().filter((id) => !wanted.has(id));
}

/** The vector index for these chunks: the updated one of the previous generation, or a new one. */
function updateVectors(
  previous: PersistentVectorIndex | null,
  chunks: Chunk[],
  cache: EmbeddingCache,
  dimensions: number,
): PersistentVectorIndex {
  const vectorIndex = previous ?? createVectorIndex(dimensions, chunks.length);
  for (const chunk of chunks) {
    if (vectorIndex.has(chunk.id)) continue;
    const vector = cache.get(chunk.contentHash);
    if (vector) vectorIndex.add(chunk.id, vector);
  }
  return vectorIndex;
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
  const formatVersion = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof formatVersion === "number" && formatVersion < INDEX_FORMAT_VERSION) {
    return {
      state: "invalid",
      outdated: true,
      reason: `${manifestPath} is of index format ${formatVersion}, without file checksums; this Referat writes format ${INDEX_FORMAT_VERSION}`,
    };
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
  return hashChunks(chunks).corpus;
}

interface ChunkHashes {
  /** sha256 over every chunk's id and content hash, in order. */
  corpus: string;
  /** The same per meeting id, over its chunks. */
  meetings: Map<string, string>;
}

/** The corpus hash and every meeting's, in one pass over the chunks. */
function hashChunks(chunks: Chunk[]): ChunkHashes {
  const corpus = createHash("sha256");
  const meetings = new Map<string, ReturnType<typeof createHash>>();
  for (const chunk of chunks) {
    const line = `${chunk.id}\t${chunk.contentHash}\n`;
    corpus.update(line);
    let meeting = meetings.get(chunk.meetingId);
    if (!meeting) {
      meeting = createHash("sha256");
      meetings.set(chunk.meetingId, meeting);
    }
    meeting.update(line);
  }
  return {
    corpus: corpus.digest("hex"),
    meetings: new Map([...meetings].map(([id, hash]) => [id, hash.digest("hex")])),
  };
}

/**
 * Opens a generation: its lexical segments and, when the caller's embedder made its vectors, the
 * vector index. Null when the generation cannot serve (analyser changed, files bad: logged).
 */
async function openGeneration(
  indexDir: string,
  generation: string,
  manifest: IndexManifest,
  options: BuildSearchIndexOptions,
): Promise<OpenedGeneration | null> {
  const { embedder, logger } = options;
  if (manifest.lexicalFingerprint !== lexicalFingerprint()) {
    logger.info({ generation }, "lexical analyser changed; rebuilding the index");
    return null;
  }
  const generationDir = join(indexDir, GENERATIONS_DIR, generation);
  let lexical: DanishLexicalIndex;
  try {
    await verifyChecksums(generationDir, manifest.checksums.generation, [CHUNK_LAYOUT_FILE]);
    await verifyChecksums(
      join(indexDir, SEGMENTS_DIR),
      manifest.checksums.segments,
      segmentFilesOf(manifest.lexical),
    );
    lexical = loadLexicalIndex(join(indexDir, SEGMENTS_DIR), manifest.lexical);
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
  if (!embedder || !manifest.embedder) return { manifest, lexical, vectors: null };
  if (
    manifest.embedder.id !== embedder.modelId ||
    manifest.embedder.dimensions !== embedder.dimensions
  ) {
    logger.info(
      { from: manifest.embedder.id, to: embedder.modelId },
      "embedding model changed; rebuilding the vector index",
    );
    return { manifest, lexical, vectors: null };
  }
  try {
    await verifyChecksums(generationDir, manifest.checksums.generation, [
      VECTOR_INDEX_FILE,
      VECTOR_IDS_FILE,
    ]);
    const vectors = await loadVectorIndex(generationDir);
    return { manifest, lexical, vectors };
  } catch (error) {
    logger.warn(
      {
        generation,
        code: isAppError(error) ? error.code : "index_invalid",
        error: describeError(error),
      },
      "search index files are invalid; rebuilding the vectors",
    );
    return { manifest, lexical, vectors: null };
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

let cachedLexicalFingerprint: string | undefined;

/**
 * The lexical engine's format and its analysis of a fixed probe passage that exercises folding,
 * stemming, compounds and numbers: changes whenever either does.
 */
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
  const analysis = [text, "Seniorarbejdsgruppens fastholdelse", "Udsatteraadet"].map((query) =>
    probe.analyzer.queryTerms(query),
  );
  cachedLexicalFingerprint = createHash("sha256")
    .update(
      JSON.stringify({
        format: LEXICAL_FORMAT_VERSION,
        analysis,
        terms: probe.analyzer.indexTerms(text),
      }),
    )
    .digest("hex");
  return cachedLexicalFingerprint;
}

/**
 * Writes a generation and makes it live: new lexical segments first, then the vectors and the
 * manifest into a temp folder renamed into place, then CURRENT. Returns its name, or null when it
 * could not be written (the in-memory index still serves; the failure is logged and the previous
 * generation stays live).
 */
async function persistGeneration(
  indexDir: string,
  contents: {
    lexical: DanishLexicalIndex;
    vectorIndex: PersistentVectorIndex | null;
    layout: ChunkLayout;
    /** Checksums of segments already verified, by file name. */
    knownSegments: Record<string, string>;
  },
  manifestFor: (lexical: LexicalSnapshot, checksums: FileChecksums) => IndexManifest,
  logger: Logger,
): Promise<string | null> {
  const generationsDir = join(indexDir, GENERATIONS_DIR);
  const segmentsDir = join(indexDir, SEGMENTS_DIR);
  const name = `${Date.now()}-${randomBytes(4).toString("hex")}`;
  const building = join(generationsDir, `${BUILDING_PREFIX}${name}`);
  try {
    await mkdir(building, { recursive: true });
    await mkdir(segmentsDir, { recursive: true });
    const snapshot = await contents.lexical.save(segmentsDir);
    await syncDirectory(segmentsDir);
    const checksums: FileChecksums = { generation: {}, segments: {} };
    for (const file of segmentFilesOf(snapshot)) {
      checksums.segments[file] =
        contents.knownSegments[file] ?? (await sha256OfFile(join(segmentsDir, file)));
    }
    if (contents.vectorIndex) {
      await contents.vectorIndex.save(building);
      for (const file of [VECTOR_INDEX_FILE, VECTOR_IDS_FILE]) {
        await syncFile(join(building, file));
        checksums.generation[file] = await sha256OfFile(join(building, file));
      }
    }
    const layout = serializeChunkLayout(contents.layout);
    await writeFileAtomic(join(building, CHUNK_LAYOUT_FILE), layout);
    checksums.generation[CHUNK_LAYOUT_FILE] = sha256Of(layout);
    await writeFileAtomic(
      join(building, MANIFEST_FILE),
      JSON.stringify(manifestFor(snapshot, checksums)),
    );
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
  const kept = await removeOldGenerations(generationsDir, name, logger);
  await removeUnusedSegments(indexDir, kept, logger);
  return name;
}

/**
 * Keeps the new generation and the one before it (a reader may still be opening it); drops the
 * rest and leftovers of crashed builds. Returns the generations kept.
 */
async function removeOldGenerations(
  generationsDir: string,
  keep: string,
  logger: Logger,
): Promise<string[]> {
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
  return previous ? [keep, previous] : [keep];
}

/** Segment files no kept generation uses (merged away, or left by a crashed build). */
async function removeUnusedSegments(
  indexDir: string,
  generations: string[],
  logger: Logger,
): Promise<void> {
  const used = new Set<string>();
  for (const generation of generations) {
    try {
      const manifest = indexManifestSchema.parse(
        JSON.parse(
          await readFile(join(indexDir, GENERATIONS_DIR, generation, MANIFEST_FILE), "utf8"),
        ),
      );
      for (const file of segmentFilesOf(manifest.lexical)) used.add(file);
    } catch {
      // An unreadable previous generation cannot be loaded anyway; its segments may go.
    }
  }
  const segmentsDir = join(indexDir, SEGMENTS_DIR);
  for (const name of await readdir(segmentsDir)) {
    if (used.has(name) || !(isSegmentFile(name) || name.includes(".tmp"))) continue;
    try {
      await rm(join(segmentsDir, name), { force: true });
    } catch (error) {
      logger.warn(
        { segment: name, error: describeError(error) },
        "unused index segment not removed",
      );
    }
  }
}

/**
 * Throws index_invalid naming the first of `files` (in `directory`) that the manifest has no
 * checksum for or whose content no longer matches it.
 */
async function verifyChecksums(
  directory: string,
  checksums: Record<string, string>,
  files: string[],
): Promise<void> {
  for (const file of files) {
    const path = join(directory, file);
    const expected = checksums[file];
    if (expected === undefined) {
      throw new AppError("index_invalid", `${path} has no checksum in the index manifest`);
    }
    let actual: string;
    try {
      actual = await sha256OfFile(path);
    } catch (error) {
      throw new AppError("index_invalid", `${path} is unreadable: ${describeError(error)}`, {
        cause: error,
      });
    }
    if (actual !== expected) {
      throw new AppError(
        "index_invalid",
        `${path} does not match its checksum in the index manifest (changed on disk)`,
      );
    }
  }
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
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
