import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AutoTokenizer } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/index/embedders/index.ts";
import type { Embedder } from "../../src/index/types.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { buildTinyOnnxModel, type TinyOnnxModel } from "../support/tiny-onnx-model.ts";

/**
 * The production loading path (createEmbedder → transformers.js → ONNX Runtime) against a tiny
 * BERT-shaped model built here, with the real multilingual-e5 tokenizer, offline.
 */

const logger = createSilentLogger();
let workDir: string;
let tiny: TinyOnnxModel;
let embedder: Embedder;

const cosine = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
const norm = (a: Float32Array) => Math.sqrt(cosine(a, a));

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "referat-local-embedder-"));
  tiny = await buildTinyOnnxModel(join(workDir, "tiny-e5"));
  const result = await createEmbedder({
    provider: "local",
    model: "test/tiny-e5",
    modelDir: tiny.modelDir,
    cacheDir: join(workDir, "cache"),
    allowDownload: false,
    batchSize: 2,
    logger,
  });
  if (!result.embedder) throw new Error(`tiny model did not load: ${result.reason}`);
  embedder = result.embedder;
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("local embedder on a tiny ONNX model", () => {
  it("reports the model's width and an id naming provider, model and dtype", () => {
    expect(embedder.dimensions).toBe(tiny.hiddenSize);
    expect(embedder.modelId).toBe("local:test/tiny-e5@fp32");
  });

  it("returns L2-normalised vectors, identical for identical texts", async () => {
    const first = await embedder.embedQuery("Hvem blev valgt til styregruppen?");
    const second = await embedder.embedQuery("Hvem blev valgt til styregruppen?");
    expect(first).toHaveLength(tiny.hiddenSize);
    expect(norm(first)).toBeCloseTo(1, 5);
    expect(Array.from(second)).toEqual(Array.from(first));
    const [passage] = await embedder.embedPassages(["Udsatterådet valgte et medlem."]);
    expect(norm(passage ?? new Float32Array())).toBeCloseTo(1, 5);
  });

  it("computes the normalised mean of the token vectors of the prefixed text", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(tiny.modelDir, {
      local_files_only: true,
    });
    const text = "Beslutning: godkendt";
    const ids = tokenizer.encode(`passage: ${text}`);
    const expected = new Float32Array(tiny.hiddenSize);
    for (const id of ids) {
      tiny.tokenVector(id).forEach((value, dimension) => {
        expected[dimension] = (expected[dimension] ?? 0) + value / ids.length;
      });
    }
    const length = norm(expected);
    const [actual] = await embedder.embedPassages([text]);
    Array.from(actual ?? []).forEach((value, dimension) => {
      expect(value).toBeCloseTo((expected[dimension] ?? 0) / length, 5);
    });
  });

  it("embeds queries and passages with different prefixes", async () => {
    const text = "ACT-indsatsen";
    const query = await embedder.embedQuery(text);
    const [passage] = await embedder.embedPassages([text]);
    expect(cosine(query, passage ?? new Float32Array())).toBeLessThan(0.9999);
  });

  it("puts texts that share tokens nearer than unrelated texts", async () => {
    const [anchor, sharing, unrelated] = await embedder.embedPassages([
      "styregruppen for ACT-indsatsen i Randers Kommune",
      "ny styregruppen for ACT-indsatsen",
      "budget 2020 ledighed beskæftigelse",
    ]);
    if (!anchor || !sharing || !unrelated) throw new Error("missing vectors");
    expect(cosine(anchor, sharing)).toBeGreaterThan(cosine(anchor, unrelated));
  });

  it("gives the same vectors in batches (with padding) as one at a time", async () => {
    const texts = [
      "kort",
      "en noget længere passage om seniorarbejdsgruppen og fastholdelsessnakken",
      "tredje tekst",
      "§110 og 6.749.600 kr.",
      "femte",
    ];
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [index, text] of texts.entries()) {
      const [single] = await embedder.embedPassages([text]);
      Array.from(single ?? []).forEach((value, dimension) => {
        expect(batched[index]?.[dimension]).toBeCloseTo(value, 5);
      });
    }
    expect(await embedder.embedPassages([])).toEqual([]);
  });
});

describe("local embedder when the model is not available", () => {
  it("returns a reason naming the model, quickly, when it is missing and downloads are off", async () => {
    const started = performance.now();
    const result = await createEmbedder({
      provider: "local",
      model: "Xenova/multilingual-e5-small",
      modelDir: undefined,
      cacheDir: join(workDir, "empty-cache"),
      allowDownload: false,
      logger,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toContain("Xenova/multilingual-e5-small");
    expect(result.reason).toContain("downloads are off");
  });

  it("names the missing files of an incomplete model folder", async () => {
    const result = await createEmbedder({
      provider: "local",
      model: "test/tiny-e5",
      modelDir: join(workDir, "nowhere"),
      allowDownload: false,
      logger,
    });
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toContain("test/tiny-e5");
    expect(result.reason).toContain("onnx/model.onnx");
    expect(result.reason).toContain("tokenizer.json");
  });

  it("reports a model file that is not ONNX as unavailable instead of crashing", async () => {
    const broken = await buildTinyOnnxModel(join(workDir, "broken"));
    await writeFile(join(broken.modelDir, "onnx", "model.onnx"), "this is not a model");
    const result = await createEmbedder({
      provider: "local",
      model: "test/broken",
      modelDir: broken.modelDir,
      allowDownload: false,
      logger,
    });
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toMatch(/test\/broken could not be loaded from the folder/);
  });
});

describe("local embedder downloading from a hub", () => {
  let hub: Server;
  let hubUrl: string;
  let hubModel: TinyOnnxModel;
  const requested: string[] = [];
  let mode: "serve" | "fail" | "stall" = "serve";

  beforeAll(async () => {
    hubModel = await buildTinyOnnxModel(join(workDir, "hub-files"), {
      fileName: "model_quantized.onnx",
      seed: 7,
    });
    hub = createServer((request, response) => {
      const path = decodeURIComponent(request.url ?? "");
      requested.push(path);
      if (mode === "stall") return; // never answers
      const match = /^\/test\/hub-e5\/resolve\/main\/(.+)$/.exec(path);
      if (mode === "fail" || !match?.[1]) {
        response.writeHead(mode === "fail" ? 503 : 404).end();
        return;
      }
      readFile(join(hubModel.modelDir, match[1])).then(
        (body) => response.writeHead(200, { "content-length": body.length }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
    hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    hub.closeAllConnections();
    await new Promise((resolve) => hub.close(resolve));
  });

  it("downloads into the cache once, then loads from the cache with downloads off", async () => {
    const cacheDir = join(workDir, "download-cache");
    mode = "serve";
    const downloaded = await createEmbedder({
      provider: "local",
      model: "test/hub-e5",
      cacheDir,
      allowDownload: true,
      hubHost: hubUrl,
      logger,
    });
    if (!downloaded.embedder) throw new Error(downloaded.reason);
    expect(downloaded.embedder.modelId).toBe("local:test/hub-e5@q8");
    expect(requested).toContain("/test/hub-e5/resolve/main/onnx/model_quantized.onnx");
    expect(
      (await stat(join(cacheDir, "test/hub-e5/onnx/model_quantized.onnx"))).size,
    ).toBeGreaterThan(hubModel.vocabSize * hubModel.hiddenSize * 4);

    const requestsBefore = requested.length;
    const cached = await createEmbedder({
      provider: "local",
      model: "test/hub-e5",
      cacheDir,
      allowDownload: false,
      logger,
    });
    if (!cached.embedder) throw new Error(cached.reason);
    expect(requested).toHaveLength(requestsBefore);
    const text = "Punkt 32 Beslutning";
    expect(Array.from(await cached.embedder.embedQuery(text))).toEqual(
      Array.from(await downloaded.embedder.embedQuery(text)),
    );
  });

  it("fails with a reason when the hub answers with an error", async () => {
    mode = "fail";
    const result = await createEmbedder({
      provider: "local",
      model: "test/hub-e5",
      cacheDir: join(workDir, "failing-cache"),
      allowDownload: true,
      hubHost: hubUrl,
      logger,
    });
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toContain("test/hub-e5");
    expect(result.reason).toContain(hubUrl);
  });

  it("gives up quickly on a hub that does not answer", async () => {
    mode = "stall";
    const started = performance.now();
    const result = await createEmbedder({
      provider: "local",
      model: "test/hub-e5",
      cacheDir: join(workDir, "stalled-cache"),
      allowDownload: true,
      hubHost: hubUrl,
      connectTimeoutMs: 300,
      logger,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toMatch(/no response within 300 ms|abort/i);
  });
});
