import type { Embedder } from "../../src/index/types.ts";

/**
 * A deterministic Embedder for tests: a hashed bag of character trigrams of the words (lower-cased,
 * æ/ø/å folded) in 64 dimensions, L2-normalised. Texts sharing words or word parts are near, so a
 * real vector index over these vectors behaves like one over a real model, only cruder.
 * Query and passage embeddings are the same function (no prefixes), unlike e5.
 */
export const DETERMINISTIC_EMBEDDER_ID = "test/deterministic-64";
export const DETERMINISTIC_EMBEDDER_DIMENSIONS = 64;

export interface DeterministicEmbedderOptions {
  modelId?: string;
  dimensions?: number;
  /** Throw an Error once this many passages have been embedded in total (simulates a crash). */
  failAfterPassages?: number;
}

export interface DeterministicEmbedder extends Embedder {
  /** Texts embedded so far, per method: lets tests prove that nothing was re-embedded. */
  readonly calls: { queries: number; passages: number; passageBatches: number };
  /** The raw vector function, to compute expected vectors in tests. */
  vectorOf(text: string): Float32Array;
}

export function createDeterministicEmbedder(
  options: DeterministicEmbedderOptions = {},
): DeterministicEmbedder {
  const dimensions = options.dimensions ?? DETERMINISTIC_EMBEDDER_DIMENSIONS;
  const modelId = options.modelId ?? DETERMINISTIC_EMBEDDER_ID;
  const calls = { queries: 0, passages: 0, passageBatches: 0 };

  const vectorOf = (text: string): Float32Array => embedText(text, dimensions);

  return {
    modelId,
    dimensions,
    calls,
    vectorOf,
    async embedQuery(text) {
      calls.queries += 1;
      return vectorOf(text);
    },
    async embedPassages(texts) {
      calls.passageBatches += 1;
      const vectors: Float32Array[] = [];
      for (const text of texts) {
        if (
          options.failAfterPassages !== undefined &&
          calls.passages >= options.failAfterPassages
        ) {
          throw new Error(
            `deterministic embedder: simulated failure after ${calls.passages} passages`,
          );
        }
        calls.passages += 1;
        vectors.push(vectorOf(text));
      }
      return vectors;
    },
  };
}

function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const word of wordsOf(text)) {
    const padded = `#${word}#`;
    for (let index = 0; index + 3 <= padded.length; index += 1) {
      const trigram = padded.slice(index, index + 3);
      const hash = fnv1a(trigram);
      const slot = hash % dimensions;
      const sign = hash & 0x80000000 ? 1 : -1;
      vector[slot] = (vector[slot] ?? 0) + sign;
    }
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm === 0) {
    // An empty text still gets a valid unit vector, so indexes never see zeros.
    vector[0] = 1;
    return vector;
  }
  for (let index = 0; index < dimensions; index += 1) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

/** 32-bit FNV-1a: fast and well spread, which is all a test embedding needs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replaceAll("æ", "ae")
    .replaceAll("ø", "oe")
    .replaceAll("å", "aa")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
