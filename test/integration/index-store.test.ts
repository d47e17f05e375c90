import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chunkMeetings } from "../../src/index/chunking.ts";
import { buildSearchIndex, hashCorpus, readIndexState } from "../../src/index/store.ts";
import { VECTOR_INDEX_FILE } from "../../src/index/vector-index.ts";
import { ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { createLogger, type Logger } from "../../src/shared/logger.ts";
import { createDeterministicEmbedder } from "../fakes/deterministic-embedder.ts";

let meetings: Meeting[];
let indexDir: string;
let logLines: { msg: string; level: number }[];
let logger: Logger;

beforeAll(async () => {
  const ingested = await ingestDirectory(new URL("../../data/minutes/", import.meta.url).pathname);
  meetings = ingested.meetings;
  expect(meetings.length).toBeGreaterThanOrEqual(5);
});

beforeEach(async () => {
  indexDir = await mkdtemp(join(tmpdir(), "referat-index-store-"));
  logLines = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line));
      callback();
    },
  });
  logger = createLogger({ level: "debug", destination });
});

afterEach(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

const uniqueHashes = (ms: Meeting[]) =>
  new Set(chunkMeetings(ms).map((chunk) => chunk.contentHash)).size;

/** The same corpus with the first section of `count` items reworded (a different item each). */
function withSectionsChanged(source: Meeting[], count = 1): Meeting[] {
  const copy = structuredClone(source);
  const sections = copy
    .flatMap((meeting) => meeting.items)
    .filter((item) => !item.closed && item.sections.length > 0)
    .slice(0, count)
    .map((item) => item.sections[0]);
  if (sections.length < count) throw new Error("sample has too few sections");
  for (const section of sections) {
    if (section) section.text = `${section.text}\n\nTilføjet efter mødet: punktet blev genoptaget.`;
  }
  return copy;
}

/** Content hashes of `after` that `before` does not have: what a rebuild must embed. */
function newContentHashes(before: Meeting[], after: Meeting[]): Set<string> {
  const known = new Set(chunkMeetings(before).map((chunk) => chunk.contentHash));
  return new Set(
    chunkMeetings(after)
      .map((chunk) => chunk.contentHash)
      .filter((hash) => !known.has(hash)),
  );
}

async function currentGeneration(): Promise<string> {
  const state = await readIndexState(indexDir);
  if (state.state !== "ready") throw new Error(`index not ready: ${state.state}`);
  return state.generation;
}

describe("buildSearchIndex", () => {
  it("builds lexical and dense indexes from the sample minutes and persists a valid manifest", async () => {
    const embedder = createDeterministicEmbedder();
    const index = await buildSearchIndex({ meetings, indexDir, embedder, logger });

    const chunks = chunkMeetings(meetings);
    expect(index.chunks.map((chunk) => chunk.id)).toEqual(chunks.map((chunk) => chunk.id));
    expect(index.corpusHash).toBe(hashCorpus(chunks));
    expect(index.stats).toEqual({
      chunks: chunks.length,
      embedded: uniqueHashes(meetings),
      reusedEmbeddings: chunks.length - uniqueHashes(meetings),
      rebuilt: true,
    });
    expect(embedder.calls.passages).toBe(uniqueHashes(meetings));
    expect(index.dense?.embedderId).toBe("test/deterministic-64");
    expect(index.denseReason).toBeUndefined();

    const target = chunks[Math.floor(chunks.length / 2)];
    if (!target) throw new Error("no chunks");
    const [best] = (await index.dense?.search(target.indexedText, 3)) ?? [];
    expect(best?.chunkId).toBe(target.id);
    expect(best?.score).toBeCloseTo(1, 4);
    expect(
      index.lexical.search(target.itemTitle, { limit: 20 }).map((hit) => hit.chunkId),
    ).toContain(target.id);

    const state = await readIndexState(indexDir);
    expect(state).toMatchObject({
      state: "ready",
      manifest: {
        formatVersion: 3,
        corpusHash: hashCorpus(chunks),
        chunkCount: chunks.length,
        meetingCount: meetings.length,
        embedder: { id: "test/deterministic-64", dimensions: 64 },
      },
    });
  });

  it("loads an unchanged corpus with the same embedder without embedding anything", async () => {
    const first = await buildSearchIndex({
      meetings,
      indexDir,
      embedder: createDeterministicEmbedder(),
      logger,
    });
    const generation = await currentGeneration();

    const embedder = createDeterministicEmbedder();
    const second = await buildSearchIndex({ meetings, indexDir, embedder, logger });
    expect(embedder.calls.passages).toBe(0);
    expect(second.stats).toEqual({
      chunks: first.stats.chunks,
      embedded: 0,
      reusedEmbeddings: first.stats.chunks,
      rebuilt: false,
    });
    expect(await currentGeneration()).toBe(generation);
    const query = "styregruppen for ACT-indsatsen";
    expect(await second.dense?.search(query, 5)).toEqual(await first.dense?.search(query, 5));
    expect(second.lexical.search(query)).toEqual(first.lexical.search(query));
    expect(embedder.calls.queries).toBe(1);
  });

  it("re-embeds only the chunks of a changed section", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const changed = withSectionsChanged(meetings);
    const newHashes = newContentHashes(meetings, changed);
    expect(newHashes.size).toBeGreaterThan(0);

    const embedder = createDeterministicEmbedder();
    const index = await buildSearchIndex({ meetings: changed, indexDir, embedder, logger });
    expect(index.stats.rebuilt).toBe(true);
    expect(index.stats.embedded).toBe(newHashes.size);
    expect(embedder.calls.passages).toBe(newHashes.size);
    expect(index.stats.embedded).toBeLessThan(index.stats.chunks / 4);

    const changedChunk = index.chunks.find((chunk) => newHashes.has(chunk.contentHash));
    const [best] = (await index.dense?.search(changedChunk?.indexedText ?? "", 1)) ?? [];
    expect(best?.chunkId).toBe(changedChunk?.id);
  });

  it("updates meeting by meeting: a removed meeting leaves both legs, a changed one is re-added, the rest stays", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const [removed, ...kept] = meetings;
    if (!removed) throw new Error("no meetings");
    const changed = withSectionsChanged(kept);
    const embedder = createDeterministicEmbedder();
    const index = await buildSearchIndex({ meetings: changed, indexDir, embedder, logger });

    const update = logLines.find((line) => line.msg.includes("updating the meetings that changed"));
    expect(update).toMatchObject({ meetingsRemoved: 1, meetingsChanged: 1, meetingsAdded: 0 });
    const changedMeeting = changed.find((meeting) =>
      meeting.items.some((item) =>
        item.sections.some((section) => section.text.includes("genoptaget")),
      ),
    );
    expect((update as unknown as { chunksAdded: number }).chunksAdded).toBe(
      chunkMeetings(changedMeeting ? [changedMeeting] : []).length,
    );
    expect(embedder.calls.passages).toBe(newContentHashes(meetings, changed).size);
    expect(index.lexical.size).toBe(chunkMeetings(changed).length);
    expect(index.lexical.stats().segments).toBe(2);

    const removedChunks = new Set(chunkMeetings([removed]).map((chunk) => chunk.id));
    const lexicalHits = index.lexical.search(removed.items[0]?.title ?? "", { limit: 1000 });
    expect(lexicalHits.some((hit) => removedChunks.has(hit.chunkId))).toBe(false);
    const denseHits =
      (await index.dense?.search(chunkMeetings([removed])[0]?.indexedText ?? "", 50)) ?? [];
    expect(denseHits.length).toBeGreaterThan(0);
    expect(denseHits.some((hit) => removedChunks.has(hit.chunkId))).toBe(false);
    expect(index.lexical.search("genoptaget").length).toBeGreaterThan(0);

    // Reloaded from disk, the updated generation serves the same results without rebuilding.
    const reloaded = await buildSearchIndex({
      meetings: changed,
      indexDir,
      embedder: createDeterministicEmbedder(),
      logger,
    });
    expect(reloaded.stats.rebuilt).toBe(false);
    expect(reloaded.lexical.search("genoptaget")).toEqual(index.lexical.search("genoptaget"));
  });

  it("rebuilds the vectors when the embedding model changes, and keeps each model's cache", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });

    const other = createDeterministicEmbedder({ modelId: "test/deterministic-32", dimensions: 32 });
    const switched = await buildSearchIndex({ meetings, indexDir, embedder: other, logger });
    expect(switched.stats.rebuilt).toBe(true);
    expect(switched.stats.embedded).toBe(uniqueHashes(meetings));
    expect(switched.dense?.embedderId).toBe("test/deterministic-32");
    expect(await readIndexState(indexDir)).toMatchObject({
      manifest: { embedder: { id: "test/deterministic-32", dimensions: 32 } },
    });
    expect(logLines.some((line) => line.msg.includes("embedding model changed"))).toBe(true);

    const back = createDeterministicEmbedder();
    const restored = await buildSearchIndex({ meetings, indexDir, embedder: back, logger });
    expect(restored.stats).toMatchObject({ rebuilt: true, embedded: 0 });
    expect(back.calls.passages).toBe(0);
  });

  it("reports a corrupt manifest and rebuilds instead of crashing", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const generation = await currentGeneration();
    await writeFile(
      join(indexDir, "generations", generation, "manifest.json"),
      '{"formatVersion": 99',
    );
    expect((await readIndexState(indexDir)).state).toBe("invalid");

    const embedder = createDeterministicEmbedder();
    const index = await buildSearchIndex({ meetings, indexDir, embedder, logger });
    expect(index.stats.rebuilt).toBe(true);
    expect(embedder.calls.passages).toBe(0); // vectors come from the embedding cache
    expect(await currentGeneration()).not.toBe(generation);
    expect(
      logLines.some((line) => line.level === 40 && line.msg.includes("invalid; rebuilding")),
    ).toBe(true);

    await writeFile(join(indexDir, "CURRENT"), "../../etc\n");
    expect(await readIndexState(indexDir)).toMatchObject({ state: "invalid" });
    const again = await buildSearchIndex({ meetings, indexDir, embedder, logger });
    expect(again.stats.rebuilt).toBe(true);
    expect((await readIndexState(indexDir)).state).toBe("ready");
  });

  it("rebuilds when a file of the generation is damaged although the manifest is fine", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    await writeFile(
      join(indexDir, "generations", await currentGeneration(), VECTOR_INDEX_FILE),
      "garbage",
    );
    const index = await buildSearchIndex({
      meetings,
      indexDir,
      embedder: createDeterministicEmbedder(),
      logger,
    });
    expect(index.stats).toMatchObject({ rebuilt: true, embedded: 0 });
    expect(await index.dense?.search("ledighed", 3)).toHaveLength(3);
  });

  it("leaves the previous index live when embedding fails midway, and keeps what was embedded", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const generation = await currentGeneration();
    // A crashed build of another process left a half-written generation behind.
    await mkdir(join(indexDir, "generations", ".building-1700000000000-deadbeef"), {
      recursive: true,
    });
    await writeFile(
      join(indexDir, "generations", ".building-1700000000000-deadbeef", "manifest.json"),
      "{",
    );

    const changed = withSectionsChanged(meetings, 2);
    const newHashes = newContentHashes(meetings, changed);
    expect(newHashes.size).toBeGreaterThanOrEqual(2);
    const failing = createDeterministicEmbedder({ failAfterPassages: 1 });
    const partial = await buildSearchIndex({
      meetings: changed,
      indexDir,
      embedder: failing,
      logger,
      embedBatchSize: 1,
    });
    expect(partial.dense).toBeNull();
    expect(partial.denseReason).toMatch(
      /embedding the minutes with test\/deterministic-64 failed: .*simulated failure/,
    );
    expect(partial.stats).toMatchObject({ rebuilt: false, embedded: 1 });
    expect(partial.lexical.search("genoptaget").length).toBeGreaterThan(0);
    expect(await currentGeneration()).toBe(generation);

    const reloaded = createDeterministicEmbedder();
    const previous = await buildSearchIndex({ meetings, indexDir, embedder: reloaded, logger });
    expect(previous.stats).toMatchObject({ rebuilt: false, embedded: 0 });
    expect(reloaded.calls.passages).toBe(0);

    const completing = createDeterministicEmbedder();
    const completed = await buildSearchIndex({
      meetings: changed,
      indexDir,
      embedder: completing,
      logger,
    });
    expect(completed.stats.rebuilt).toBe(true);
    // The one passage embedded before the failure was cached and is not embedded again.
    expect(completed.stats.embedded).toBe(newHashes.size - 1);
    expect(completing.calls.passages).toBe(newHashes.size - 1);
    const leftovers = (await readdir(join(indexDir, "generations"))).filter((name) =>
      name.startsWith("."),
    );
    expect(leftovers).toEqual([]);
  });

  it("serves lexical retrieval with the reason when there is no embedder", async () => {
    const reason = "Local embedding model Xenova/multilingual-e5-small is not on disk";
    const index = await buildSearchIndex({
      meetings,
      indexDir,
      embedder: null,
      embedderUnavailableReason: reason,
      logger,
    });
    expect(index.dense).toBeNull();
    expect(index.denseReason).toBe(reason);
    expect(index.stats).toMatchObject({ embedded: 0, rebuilt: true });
    expect(index.lexical.search("styregruppen").length).toBeGreaterThan(0);
    expect(await readIndexState(indexDir)).toMatchObject({ manifest: { embedder: null } });

    const noReason = await buildSearchIndex({ meetings, indexDir, embedder: null, logger });
    expect(noReason.stats.rebuilt).toBe(false);
    expect(noReason.denseReason).toBe("no embedder configured");
  });

  it("serves a dense generation to a caller without embedder without rewriting it", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const generation = await currentGeneration();
    const index = await buildSearchIndex({
      meetings,
      indexDir,
      embedder: null,
      embedderUnavailableReason: "offline",
      logger,
    });
    expect(index.stats.rebuilt).toBe(false);
    expect(index.denseReason).toBe("offline");
    expect(await currentGeneration()).toBe(generation);
  });

  it("discards a torn embedding cache and re-embeds rather than serving wrong vectors", async () => {
    await buildSearchIndex({ meetings, indexDir, embedder: createDeterministicEmbedder(), logger });
    const [cacheFolder] = await readdir(join(indexDir, "embeddings"));
    const vectorsPath = join(indexDir, "embeddings", cacheFolder ?? "", "vectors.f32");
    const bytes = await readFile(vectorsPath);
    bytes.reverse();
    await writeFile(vectorsPath, bytes);
    await rm(join(indexDir, "CURRENT"));

    const embedder = createDeterministicEmbedder();
    const index = await buildSearchIndex({ meetings, indexDir, embedder, logger });
    expect(embedder.calls.passages).toBe(uniqueHashes(meetings));
    expect(logLines.some((line) => line.msg.includes("embedding cache unreadable"))).toBe(true);
    const target = index.chunks[3];
    expect((await index.dense?.search(target?.indexedText ?? "", 1))?.[0]?.chunkId).toBe(
      target?.id,
    );
  });
});
