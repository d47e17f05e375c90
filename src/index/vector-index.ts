import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import { z } from "zod";
import { AppError, describeError } from "../shared/errors.ts";
import type { ScoredChunk, VectorIndex } from "./types.ts";

/** The one module that imports hnswlib-node: an approximate nearest-neighbour index over chunk ids. */

export const VECTOR_INDEX_FILE = "vectors.hnsw";
export const VECTOR_IDS_FILE = "vector-ids.json";

const MIN_CAPACITY = 16;
/** Candidate list size at query time; larger is more exact and slower. Tiny at our corpus sizes. */
const SEARCH_EF = 100;

const idMapSchema = z.object({
  formatVersion: z.literal(1),
  space: z.literal("cosine"),
  dimensions: z.number().int().positive(),
  /** Chunk id per hnsw label: the label is the position in this list; null for a removed chunk. */
  ids: z.array(z.string().min(1).nullable()),
});

export interface PersistentVectorIndex extends VectorIndex {
  readonly dimensions: number;
  readonly capacity: number;
  has(id: string): boolean;
  /** Removes a chunk's vector (hnswlib marks it deleted; search no longer returns it). */
  remove(id: string): boolean;
  /** The chunk ids it holds. */
  ids(): string[];
}

/** An empty cosine-space index; `capacity` is a first size and grows as vectors are added. */
export function createVectorIndex(dimensions: number, capacity: number): PersistentVectorIndex {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new AppError(
      "index_invalid",
      `Vector dimensions must be a positive integer, not ${dimensions}`,
    );
  }
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  index.initIndex(Math.max(MIN_CAPACITY, Math.ceil(capacity)));
  return wrap(index, dimensions, []);
}

/** Loads an index saved by `save(directory)`; a missing or inconsistent file is an `index_invalid`. */
export async function loadVectorIndex(directory: string): Promise<PersistentVectorIndex> {
  const idsPath = join(directory, VECTOR_IDS_FILE);
  let idMap: z.infer<typeof idMapSchema>;
  try {
    idMap = idMapSchema.parse(JSON.parse(await readFile(idsPath, "utf8")));
  } catch (error) {
    throw new AppError(
      "index_invalid",
      `Vector id map ${idsPath} is unreadable or invalid: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  const liveIds = idMap.ids.filter((id) => id !== null);
  if (new Set(liveIds).size !== liveIds.length) {
    throw new AppError("index_invalid", `Vector id map ${idsPath} lists a chunk id twice`);
  }

  const index = new hnswlib.HierarchicalNSW("cosine", idMap.dimensions);
  const indexPath = join(directory, VECTOR_INDEX_FILE);
  try {
    await index.readIndex(indexPath);
  } catch (error) {
    throw new AppError(
      "index_invalid",
      `Vector index ${indexPath} is unreadable: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  if (
    index.getCurrentCount() !== idMap.ids.length ||
    index.getNumDimensions() !== idMap.dimensions
  ) {
    throw new AppError(
      "index_invalid",
      `Vector index ${indexPath} holds ${index.getCurrentCount()} vectors of ${index.getNumDimensions()} dimensions; its id map lists ${idMap.ids.length} of ${idMap.dimensions}`,
    );
  }
  return wrap(index, idMap.dimensions, idMap.ids);
}

function wrap(
  index: hnswlib.HierarchicalNSW,
  dimensions: number,
  initialIds: (string | null)[],
): PersistentVectorIndex {
  const ids = [...initialIds];
  const labels = new Map<string, number>();
  ids.forEach((id, label) => {
    if (id !== null) labels.set(id, label);
  });
  index.setEf(SEARCH_EF);

  const checkDimensions = (vector: Float32Array, what: string) => {
    if (vector.length !== dimensions) {
      throw new AppError(
        "index_invalid",
        `${what} has ${vector.length} dimensions; the index holds ${dimensions}`,
      );
    }
  };

  return {
    dimensions,
    get capacity() {
      return index.getMaxElements();
    },
    get size() {
      return labels.size;
    },
    has(id) {
      return labels.has(id);
    },
    ids() {
      return [...labels.keys()];
    },
    remove(id) {
      const label = labels.get(id);
      if (label === undefined) return false;
      index.markDelete(label);
      labels.delete(id);
      ids[label] = null;
      return true;
    },
    add(id, vector) {
      checkDimensions(vector, `Vector for ${id}`);
      const existing = labels.get(id);
      if (existing !== undefined) {
        // hnswlib updates the stored point when a label is added again.
        index.addPoint(Array.from(vector), existing);
        return;
      }
      const label = ids.length;
      if (label >= index.getMaxElements()) index.resizeIndex(Math.max(MIN_CAPACITY, label * 2));
      index.addPoint(Array.from(vector), label);
      ids.push(id);
      labels.set(id, label);
    },
    search(vector, k) {
      checkDimensions(vector, "Query vector");
      const limit = Math.min(Math.floor(k), labels.size);
      if (limit <= 0) return [];
      index.setEf(Math.max(SEARCH_EF, limit));
      const { neighbors, distances } = index.searchKnn(Array.from(vector), limit);
      const results: ScoredChunk[] = [];
      neighbors.forEach((label, position) => {
        const chunkId = ids[label];
        const distance = distances[position];
        // Cosine space reports 1 - cosine similarity.
        if (chunkId !== undefined && chunkId !== null && distance !== undefined)
          results.push({ chunkId, score: 1 - distance });
      });
      return results.sort((a, b) => b.score - a.score);
    },
    async save(directory) {
      await index.writeIndex(join(directory, VECTOR_INDEX_FILE));
      const idMap: z.infer<typeof idMapSchema> = {
        formatVersion: 1,
        space: "cosine",
        dimensions,
        ids,
      };
      await writeFile(join(directory, VECTOR_IDS_FILE), JSON.stringify(idMap));
    },
  };
}
