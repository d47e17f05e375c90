import { access } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { FeatureExtractionPipeline } from "@huggingface/transformers";
import { AppError, describeError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";
import type { Embedder } from "../types.ts";
import { prefixedBatches } from "./prefixed-batches.ts";

/**
 * The one module that imports @huggingface/transformers: sentence embeddings computed in-process
 * with ONNX Runtime. e5-style models want `query: ` and `passage: ` prefixes, mean pooling and
 * L2 normalisation; all three are applied here.
 */

export const DEFAULT_HUB_HOST = "https://huggingface.co/";
const DEFAULT_BATCH_SIZE = 16;
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** Which ONNX file a dtype loads, as transformers.js names them. */
const MODEL_FILE_BY_DTYPE = {
  fp32: "model.onnx",
  fp16: "model_fp16.onnx",
  q8: "model_quantized.onnx",
  int8: "model_int8.onnx",
  uint8: "model_uint8.onnx",
  q4: "model_q4.onnx",
} as const;
export type LocalModelDtype = keyof typeof MODEL_FILE_BY_DTYPE;

const REQUIRED_MODEL_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"] as const;

export interface LocalEmbedderOptions {
  /** Hugging Face model id, e.g. `Xenova/multilingual-e5-small`. Part of the embedder id. */
  model: string;
  /** A folder laid out like the hub repository (config.json, tokenizer*.json, onnx/*.onnx). */
  modelDir?: string | undefined;
  /** Where downloaded models are cached (as `<cacheDir>/<model>/…`); also searched first. */
  cacheDir?: string | undefined;
  /** Whether the model may be fetched from the hub when it is not on disk. */
  allowDownload: boolean;
  /** Which ONNX file to load; by default whichever exists (model.onnx, then model_quantized.onnx), q8 for downloads. */
  dtype?: LocalModelDtype | undefined;
  batchSize?: number;
  queryPrefix?: string;
  passagePrefix?: string;
  /** The hub to download from; tests point it at a loopback server. */
  hubHost?: string;
  /** How long a download request may wait for response headers before it is abandoned. */
  connectTimeoutMs?: number;
  logger: Logger;
}

export interface LocalEmbedder extends Embedder {
  dispose(): Promise<void>;
}

interface ResolvedSource {
  /** What transformers.js is asked to load: an absolute folder path or a hub id. */
  modelPath: string;
  dtype: LocalModelDtype;
  download: boolean;
  description: string;
}

/** transformers.js keeps its settings in one global `env`; loads are serialised so they cannot interleave. */
let loadQueue: Promise<unknown> = Promise.resolve();

/**
 * Loads the model and embeds a probe text to learn the dimensions and prove the model runs.
 * Throws `embedder_unavailable` (never hangs) when the model is not on disk and may not or cannot
 * be downloaded, or when the files do not load.
 */
export async function loadLocalEmbedder(options: LocalEmbedderOptions): Promise<LocalEmbedder> {
  const run = loadQueue.then(() => load(options));
  loadQueue = run.catch(() => undefined);
  return run;
}

async function load(options: LocalEmbedderOptions): Promise<LocalEmbedder> {
  const started = performance.now();
  const source = await resolveSource(options);
  const cacheDir = resolve(options.cacheDir ?? "data/cache/models");
  // Imported on first use: ONNX Runtime is heavy, and commands or providers that embed nothing skip it.
  const { env, LogLevel, pipeline } = await import("@huggingface/transformers");

  env.logLevel = LogLevel.ERROR;
  env.allowLocalModels = true;
  env.localModelPath = cacheDir;
  env.cacheDir = cacheDir;
  env.useFSCache = true;
  env.allowRemoteModels = source.download;
  env.remoteHost = options.hubHost ?? DEFAULT_HUB_HOST;
  env.fetch = fetchWithConnectTimeout(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline("feature-extraction", source.modelPath, {
      dtype: source.dtype,
      local_files_only: !source.download,
      device: "cpu",
    });
  } catch (error) {
    throw new AppError(
      "embedder_unavailable",
      `Local embedding model ${options.model} could not be loaded from ${source.description}: ${describeWithCause(error)}`,
      { cause: error },
    );
  }

  const queryPrefix = options.queryPrefix ?? "query: ";
  const passagePrefix = options.passagePrefix ?? "passage: ";
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);

  const embedBatch = async (texts: string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    try {
      const output = await extractor(texts, { pooling: "mean", normalize: true });
      const [rows, width] = output.dims as [number, number];
      const data = output.data as Float32Array;
      return Array.from({ length: rows }, (_, row) => data.slice(row * width, (row + 1) * width));
    } catch (error) {
      throw new AppError(
        "embedder_failed",
        `Local embedding model ${options.model} failed: ${describeError(error)}`,
        { cause: error },
      );
    }
  };

  let probe: Float32Array[];
  try {
    probe = await embedBatch([`${passagePrefix}probe`]);
  } catch (error) {
    await extractor.dispose();
    throw new AppError(
      "embedder_unavailable",
      `Local embedding model ${options.model} loaded but cannot embed: ${describeError(error)}`,
      { cause: error },
    );
  }
  const dimensions = probe[0]?.length ?? 0;
  const modelId = `local:${options.model}@${source.dtype}`;
  options.logger.info(
    {
      modelId,
      dimensions,
      source: source.download ? "hub" : "disk",
      ms: Math.round(performance.now() - started),
    },
    "local embedding model loaded",
  );

  return {
    modelId,
    dimensions,
    ...prefixedBatches({
      embedBatch,
      queryPrefix,
      passagePrefix,
      batchSize,
      modelName: options.model,
    }),
    async dispose() {
      await extractor.dispose();
    },
  };
}

/**
 * Decides where the model comes from before transformers.js is asked, so that a missing model with
 * downloads off fails at once with a message naming the folder that was searched.
 */
async function resolveSource(options: LocalEmbedderOptions): Promise<ResolvedSource> {
  if (options.modelDir) {
    const folder = resolve(options.modelDir);
    const dtype = options.dtype ?? (await detectDtype(folder));
    await requireModelFiles(folder, dtype, options.model);
    // An absolute path is not a hub id, so transformers.js reads it as a folder and never fetches.
    return { modelPath: folder, dtype, download: false, description: `the folder ${folder}` };
  }

  const cachedFolder = join(resolve(options.cacheDir ?? "data/cache/models"), options.model);
  const cachedDtype = options.dtype ?? (await detectDtype(cachedFolder, null));
  if (cachedDtype && (await hasModelFiles(cachedFolder, cachedDtype))) {
    return {
      modelPath: options.model,
      dtype: cachedDtype,
      download: false,
      description: `the cache folder ${cachedFolder}`,
    };
  }
  if (!options.allowDownload) {
    throw new AppError(
      "embedder_unavailable",
      `Local embedding model ${options.model} is not on disk (searched ${cachedFolder}) and downloads are off; set a model folder or allow downloads`,
    );
  }
  const hubHost = options.hubHost ?? DEFAULT_HUB_HOST;
  return {
    modelPath: options.model,
    dtype: options.dtype ?? "q8",
    download: true,
    description: `${hubHost} (caching into ${cachedFolder})`,
  };
}

async function detectDtype(folder: string): Promise<LocalModelDtype>;
async function detectDtype(folder: string, fallback: null): Promise<LocalModelDtype | null>;
async function detectDtype(folder: string, fallback: LocalModelDtype | null = "fp32") {
  for (const dtype of ["fp32", "q8"] as const) {
    if (await exists(join(folder, "onnx", MODEL_FILE_BY_DTYPE[dtype]))) return dtype;
  }
  return fallback;
}

async function requireModelFiles(
  folder: string,
  dtype: LocalModelDtype,
  model: string,
): Promise<void> {
  const missing: string[] = [];
  for (const file of [...REQUIRED_MODEL_FILES, join("onnx", MODEL_FILE_BY_DTYPE[dtype])]) {
    if (!(await exists(join(folder, file)))) missing.push(file);
  }
  if (missing.length > 0) {
    throw new AppError(
      "embedder_unavailable",
      `Local embedding model ${model}: the folder ${folder} lacks ${missing.join(", ")}`,
    );
  }
}

async function hasModelFiles(folder: string, dtype: LocalModelDtype): Promise<boolean> {
  for (const file of [...REQUIRED_MODEL_FILES, join("onnx", MODEL_FILE_BY_DTYPE[dtype])]) {
    if (!(await exists(join(folder, file)))) return false;
  }
  return true;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** fetch failures hide the useful part ("getaddrinfo ENOTFOUND huggingface.co") in `cause`. */
function describeWithCause(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error
    ? `${describeError(error)} (${cause.message})`
    : describeError(error);
}

/**
 * A fetch that gives up when the server has not started answering within `timeoutMs`, so an
 * unreachable hub fails fast; once headers arrive the (large) body may take as long as it needs.
 */
function fetchWithConnectTimeout(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };
}
