import type { SectionKind } from "../minutes/model.ts";

/**
 * Contracts of the index layer. The retriever in answer/ composes these; each vendor SDK lives
 * behind exactly one of them (hnswlib-node → VectorIndex, transformers.js/openai → Embedder).
 */

/** A section-aware piece of one section of one item; never spans items. */
export interface Chunk {
  /** Stable id: `<meetingId>#<itemNumber>/<sectionSlug>/<ordinal>`. */
  id: string;
  meetingId: string;
  body: string;
  date: string | null;
  itemNumber: number;
  itemTitle: string;
  itemClosed: boolean;
  sectionHeading: string;
  sectionKind: SectionKind;
  sectionSlug: string;
  /** Character span [start, end) of `text` within the section text. */
  start: number;
  end: number;
  /** The verbatim passage. */
  text: string;
  /** What is embedded and lexically indexed: a context header line, then the passage. */
  indexedText: string;
  /** sha256 of indexedText: the embedding cache key. */
  contentHash: string;
}

export interface ScoredChunk {
  chunkId: string;
  score: number;
}

export interface Embedder {
  /** Identifies model and provider; a change triggers a rebuild of the vector index. */
  readonly modelId: string;
  readonly dimensions: number;
  embedQuery(text: string): Promise<Float32Array>;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}

export interface VectorIndex {
  add(id: string, vector: Float32Array): void;
  search(vector: Float32Array, k: number): ScoredChunk[];
  save(directory: string): Promise<void>;
  readonly size: number;
}

export interface LexicalSearchOptions {
  limit?: number;
  /** Query-time expansions (synonyms, translations), weighted below the query's own words. */
  expansions?: string[];
  /** Only chunks this accepts are ranked (filters by body, meeting, date; visibility). */
  accept?: (chunkId: string) => boolean;
}

export interface LexicalIndex {
  /** Adds chunks; a chunk whose id is already indexed replaces the old one. */
  add(chunks: Chunk[]): void;
  search(query: string, options?: LexicalSearchOptions): ScoredChunk[];
}

/** The dense leg of retrieval: embeds the query and searches the vector index. */
export interface DenseSearcher {
  readonly embedderId: string;
  search(query: string, k: number): Promise<ScoredChunk[]>;
}
