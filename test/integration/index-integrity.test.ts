import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Application, createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { buildSearchIndex, readIndexState } from "../../src/index/store.ts";
import { ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { createLogger, type Logger } from "../../src/shared/logger.ts";
import { readStoredIngest } from "../../src/workers/stored-ingest.ts";
import { createDeterministicEmbedder } from "../fakes/deterministic-embedder.ts";
import { collectInto } from "../support/log-lines.ts";

/**
 * Index files and the stored corpus carry sha256 checksums, verified on load: a file changed on
 * disk, even one that is still valid JSON (or a well-formed binary), is reported by name and
 * rebuilt from the minutes instead of served.
 */

const MINUTES_DIR = new URL("../../data/minutes/", import.meta.url).pathname;
const NAME = "Henrik Juncher";
const TAMPERED_NAME = "Henrik Junker";

let meetings: Meeting[];
let dir: string;
let logLines: { msg: string; level: number; error?: string; reason?: string; file?: string }[];
let logger: Logger;

beforeAll(async () => {
  meetings = (await ingestDirectory(MINUTES_DIR)).meetings;
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-integrity-"));
  logLines = [];
  logger = createLogger({ level: "debug", destination: collectInto(logLines) });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function generationDir(indexDir: string): Promise<string> {
  const state = await readIndexState(indexDir);
  if (state.state !== "ready") throw new Error(`index not ready: ${state.state}`);
  return join(indexDir, "generations", state.generation);
}

/** A log line at warn or above whose fields mention every one of `words`. */
function warned(...words: string[]): boolean {
  return logLines.some(
    (line) => line.level >= 40 && words.every((word) => JSON.stringify(line).includes(word)),
  );
}

type Tamper = (indexDir: string) => Promise<string>;

/** Swaps the first two chunk ids: still valid JSON, same ids, wrong vectors behind them. */
const swapVectorIds: Tamper = async (indexDir) => {
  const path = join(await generationDir(indexDir), "vector-ids.json");
  const map = JSON.parse(await readFile(path, "utf8"));
  [map.ids[0], map.ids[1]] = [map.ids[1], map.ids[0]];
  await writeFile(path, JSON.stringify(map));
  return "vector-ids.json";
};

/** Moves one chunk's end by one character: still valid JSON. */
const shiftChunkLayout: Tamper = async (indexDir) => {
  const path = join(await generationDir(indexDir), "chunks.json");
  const text = await readFile(path, "utf8");
  const tampered = text.replace(/(\d)(\D*)$/, (_, digit: string, rest: string) => {
    return `${(Number(digit) + 1) % 10}${rest}`;
  });
  expect(tampered).not.toBe(text);
  JSON.parse(tampered);
  await writeFile(path, tampered);
  return "chunks.json";
};

/** Flips one byte in the middle of the vectors (a float of some vector). */
const flipVectorByte: Tamper = async (indexDir) => {
  const path = join(await generationDir(indexDir), "vectors.hnsw");
  const bytes = await readFile(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x40;
  await writeFile(path, bytes);
  return "vectors.hnsw";
};

/** Flips one byte near the end of a lexical segment (its postings, not its header). */
const flipSegmentByte: Tamper = async (indexDir) => {
  const [segment] = (await readdir(join(indexDir, "segments"))).filter((name) =>
    name.endsWith(".seg"),
  );
  if (!segment) throw new Error("no segment");
  const path = join(indexDir, "segments", segment);
  const bytes = await readFile(path);
  const at = bytes.length - 64;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
  return segment;
};

describe("index files with checksums", () => {
  it.each([
    ["vector-ids.json", swapVectorIds],
    ["chunks.json", shiftChunkLayout],
    ["vectors.hnsw", flipVectorByte],
    ["a lexical segment", flipSegmentByte],
  ] as const)(
    "detects a tampered %s, names it and rebuilds from the minutes",
    async (_, tamper) => {
      const indexDir = join(dir, "index");
      await buildSearchIndex({
        meetings,
        indexDir,
        embedder: createDeterministicEmbedder(),
        logger,
      });
      const file = await tamper(indexDir);

      const embedder = createDeterministicEmbedder();
      const index = await buildSearchIndex({ meetings, indexDir, embedder, logger });
      expect(warned(file, "checksum")).toBe(true);
      expect(index.stats.rebuilt).toBe(true);
      expect(embedder.calls.passages).toBe(0); // the vectors come from the embedding cache

      // Served right: every chunk's own text finds that chunk, in both legs.
      for (const target of index.chunks.slice(0, 3)) {
        const [best] = (await index.dense?.search(target.indexedText, 1)) ?? [];
        expect(best?.chunkId).toBe(target.id);
      }
      const target = index.chunks[5];
      if (!target) throw new Error("too few chunks");
      expect(index.lexical.search(target.text, { limit: 5 }).map((hit) => hit.chunkId)).toContain(
        target.id,
      );

      // The rebuilt generation verifies: the next start loads it as it is.
      logLines = [];
      const again = await buildSearchIndex({ meetings, indexDir, embedder, logger });
      expect(again.stats.rebuilt).toBe(false);
      expect(warned("checksum")).toBe(false);
    },
  );

  it("rebuilds an index written without checksums once, saying why", async () => {
    const indexDir = join(dir, "index");
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const manifestPath = join(await generationDir(indexDir), "manifest.json");
    const { checksums: _checksums, ...manifest } = JSON.parse(await readFile(manifestPath, "utf8"));
    expect(_checksums).toBeDefined();
    await writeFile(manifestPath, JSON.stringify({ ...manifest, formatVersion: 2 }));

    const embedder = createDeterministicEmbedder();
    const rebuilt = await buildSearchIndex({ meetings, indexDir, embedder, logger });
    expect(rebuilt.stats.rebuilt).toBe(true);
    expect(
      logLines.some(
        (line) =>
          line.level === 30 &&
          line.msg.includes("older format") &&
          line.reason?.includes("index format 2, without file checksums"),
      ),
    ).toBe(true);
    const loaded = await buildSearchIndex({ meetings, indexDir, embedder, logger });
    expect(loaded.stats.rebuilt).toBe(false);
    expect(embedder.calls.passages).toBe(0);
  });
});

describe("the stored corpus with a checksum", () => {
  async function tamperCorpus(path: string): Promise<void> {
    const text = await readFile(path, "utf8");
    expect(text).toContain(NAME);
    const tampered = text.replaceAll(NAME, TAMPERED_NAME);
    JSON.parse(tampered);
    await writeFile(path, tampered);
  }

  it("is read again from the minutes when corpus.json was changed, and says so", async () => {
    const corpusFile = join(dir, "corpus.json");
    const first = await ingestDirectory(MINUTES_DIR, { corpusFile });
    await tamperCorpus(corpusFile);

    const again = await ingestDirectory(MINUTES_DIR, { corpusFile });
    expect(again.parsed).toBe(first.files.length);
    expect(again.storedCorpus).toEqual({
      state: "discarded",
      reason: expect.stringMatching(/checksum/),
    });
    const text = JSON.stringify(again.meetings);
    expect(text).toContain(NAME);
    expect(text).not.toContain(TAMPERED_NAME);
    // Rewritten with a checksum that holds: the next ingest reads nothing.
    const third = await ingestDirectory(MINUTES_DIR, { corpusFile });
    expect(third).toMatchObject({ parsed: 0, storedCorpus: { state: "used" } });
  });

  it("is read again once when it was written without a checksum (corpus format 2)", async () => {
    const corpusFile = join(dir, "corpus.json");
    const first = await ingestDirectory(MINUTES_DIR, { corpusFile });
    const { sha256: _sha256, ...corpus } = JSON.parse(await readFile(corpusFile, "utf8"));
    await writeFile(corpusFile, JSON.stringify({ ...corpus, version: 2 }));

    const again = await ingestDirectory(MINUTES_DIR, { corpusFile });
    expect(again.parsed).toBe(first.files.length);
    expect(again.storedCorpus).toEqual({
      state: "discarded",
      outdated: true,
      reason: expect.stringContaining("corpus format 2, without a checksum"),
    });
    expect(await ingestDirectory(MINUTES_DIR, { corpusFile })).toMatchObject({ parsed: 0 });
  });

  it("is refused by name when an answer worker's snapshot of it was changed", async () => {
    const corpusFile = join(dir, "corpus.json");
    await ingestDirectory(MINUTES_DIR, { corpusFile });
    const snapshot = join(dir, "corpus-1.json");
    await copyFile(corpusFile, snapshot);
    expect(JSON.stringify((await readStoredIngest(snapshot)).meetings)).toContain(NAME);
    await tamperCorpus(snapshot);
    await expect(readStoredIngest(snapshot)).rejects.toThrow(
      expect.objectContaining({
        code: "corpus_invalid",
        message: expect.stringMatching(/corpus-1\.json.*checksum/),
      }),
    );
  });

  it("does not reach answers: the service reads the minutes again and answers right", async () => {
    let application: Application | undefined;
    const start = async () => {
      const config = loadConfig({
        DATA_DIR: dir,
        MINUTES_DIR,
        PORT: "0",
        EMBEDDINGS_PROVIDER: "none",
        MINUTES_WATCH: "false",
        ANSWER_WORKERS: "0",
      });
      application = await createApplication(
        config,
        createLogger({ level: "info", destination: collectInto(logLines) }),
      );
      return (await application.start()).url;
    };
    try {
      await start();
      await application?.stop();
      await tamperCorpus(join(dir, "corpus.json"));
      await flipSegmentByte(join(dir, "index"));

      const url = await start();
      expect(warned("corpus.json", "checksum")).toBe(true);
      expect(warned(".seg", "checksum")).toBe(true);
      const response = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: "Hvem blev medlem af styregruppen for ACT-indsatsen?" }),
      });
      const answer = await response.json();
      expect(answer.text).toContain(NAME);
      expect(JSON.stringify(answer)).not.toContain(TAMPERED_NAME);
    } finally {
      await application?.stop();
    }
  }, 30_000);
});
