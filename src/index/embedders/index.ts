import { describeError, isAppError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";
import type { Embedder } from "../types.ts";
import { type LocalEmbedderOptions, loadLocalEmbedder } from "./local-embedder.ts";
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from "./openai-embedder.ts";

export type { LocalEmbedder, LocalEmbedderOptions, LocalModelDtype } from "./local-embedder.ts";
export { loadLocalEmbedder } from "./local-embedder.ts";
export type { OpenAiEmbedderOptions } from "./openai-embedder.ts";
export { createOpenAiEmbedder } from "./openai-embedder.ts";

/** Shaped so that `{ ...config.embeddings, logger }` is a valid argument. */
export type EmbedderOptions =
  | { provider: "none"; logger: Logger }
  | ({ provider: "local" } & LocalEmbedderOptions)
  | ({ provider: "openai" } & OpenAiEmbedderOptions);

export type EmbedderResult = { embedder: Embedder } | { embedder: null; reason: string };

/**
 * Builds the configured embedder. Never throws for a model that cannot be loaded or reached: it
 * returns the reason instead, so the application runs with lexical retrieval only. The caller says
 * so once (app.ts warns at start-up, `referat doctor` prints it); here it is logged at debug only.
 */
export async function createEmbedder(options: EmbedderOptions): Promise<EmbedderResult> {
  const { logger } = options;
  if (options.provider === "none") {
    const reason = "embeddings are turned off (provider none)";
    logger.debug({ provider: "none" }, "embeddings turned off");
    return { embedder: null, reason };
  }
  try {
    const embedder =
      options.provider === "local"
        ? await loadLocalEmbedder(options)
        : await createOpenAiEmbedder(options);
    return { embedder };
  } catch (error) {
    const reason = isAppError(error) ? error.message : describeError(error);
    logger.debug(
      {
        provider: options.provider,
        model: options.model,
        code: isAppError(error) ? error.code : "unexpected",
      },
      "embedder unavailable",
    );
    return { embedder: null, reason };
  }
}
