import { AppError } from "../../shared/errors.ts";
import type { Embedder } from "../types.ts";

/** Which side of a search a text is on: e5-style models embed the two differently. */
export type EmbeddingSide = "query" | "passage";

export interface PrefixedBatchesOptions {
  /** Embeds one batch of already-prefixed texts, one vector per text, in order. */
  embedBatch: (texts: string[], side: EmbeddingSide) => Promise<Float32Array[]>;
  queryPrefix: string;
  passagePrefix: string;
  batchSize: number;
  /** Names the model in the error when a batch comes back empty. */
  modelName: string;
}

/**
 * The query/passage half of an Embedder over any batch function: e5-style prefixes ("query: ",
 * "passage: ") and passages sent in batches of a bounded size.
 */
export function prefixedBatches(
  options: PrefixedBatchesOptions,
): Pick<Embedder, "embedQuery" | "embedPassages"> {
  const { embedBatch, queryPrefix, passagePrefix, batchSize } = options;
  return {
    async embedQuery(text) {
      const [vector] = await embedBatch([`${queryPrefix}${text}`], "query");
      if (!vector) {
        throw new AppError(
          "embedder_failed",
          `Embedding model ${options.modelName} returned nothing`,
        );
      }
      return vector;
    },
    async embedPassages(texts) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts
          .slice(start, start + batchSize)
          .map((text) => `${passagePrefix}${text}`);
        vectors.push(...(await embedBatch(batch, "passage")));
      }
      return vectors;
    },
  };
}
