import { AppError, describeError, isAppError } from "../shared/errors.ts";
import type { DenseSearcher, Embedder, ScoredChunk, VectorIndex } from "./types.ts";

/** The dense leg of retrieval: embeds the query as a query (not a passage) and asks the vector index. */
export function createDenseSearcher(embedder: Embedder, vectorIndex: VectorIndex): DenseSearcher {
  return {
    embedderId: embedder.modelId,
    async search(query: string, k: number): Promise<ScoredChunk[]> {
      if (query.trim() === "" || k <= 0 || vectorIndex.size === 0) return [];
      let vector: Float32Array;
      try {
        vector = await embedder.embedQuery(query);
      } catch (error) {
        if (isAppError(error)) throw error;
        throw new AppError(
          "embedder_failed",
          `Embedding the query failed: ${describeError(error)}`,
          {
            cause: error,
          },
        );
      }
      return vectorIndex.search(vector, k);
    },
  };
}
