import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createVectorIndex,
  loadVectorIndex,
  VECTOR_IDS_FILE,
  VECTOR_INDEX_FILE,
} from "../../src/index/vector-index.ts";
import { isAppError } from "../../src/shared/errors.ts";
import { createDeterministicEmbedder } from "../fakes/deterministic-embedder.ts";

const embedder = createDeterministicEmbedder();
const passages: Record<string, string> = {
  "m#32/beslutning/0": "Udsatterådet udpegede et medlem til styregruppen for ACT-indsatsen",
  "m#33/beslutning/0": "Budgettet for beskæftigelse og ledighed blev godkendt",
  "m#34/beslutning/0": "Arbejdsmiljø og trivsel i seniorarbejdsgruppen blev drøftet",
  "m#35/beslutning/0": "Orientering om hjemløsestrategien og herbergerne",
};

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "referat-vector-index-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function filledIndex(capacity = 2) {
  const index = createVectorIndex(embedder.dimensions, capacity);
  for (const [id, text] of Object.entries(passages)) index.add(id, embedder.vectorOf(text));
  return index;
}

describe("vector index (hnswlib, cosine)", () => {
  it("finds the nearest passage first, scores as cosine similarity, best first", () => {
    const index = filledIndex();
    const results = index.search(embedder.vectorOf("styregruppen ACT"), 3);
    expect(results).toHaveLength(3);
    expect(results[0]?.chunkId).toBe("m#32/beslutning/0");
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const exact = index.search(embedder.vectorOf(passages["m#33/beslutning/0"] ?? ""), 1);
    expect(exact[0]?.chunkId).toBe("m#33/beslutning/0");
    expect(exact[0]?.score).toBeCloseTo(1, 5);
  });

  it("grows past its first capacity and caps k at its size", () => {
    const index = filledIndex(1);
    expect(index.size).toBe(4);
    expect(index.capacity).toBeGreaterThanOrEqual(4);
    for (let n = 0; n < 40; n += 1)
      index.add(`extra-${n}`, embedder.vectorOf(`ekstra tekst nummer ${n}`));
    expect(index.size).toBe(44);
    expect(index.capacity).toBeGreaterThanOrEqual(44);
    expect(index.search(embedder.vectorOf("ekstra tekst nummer 7"), 1)[0]?.chunkId).toBe("extra-7");
    expect(createVectorIndex(8, 4).search(new Float32Array(8).fill(0.5), 5)).toEqual([]);
    expect(filledIndex().search(embedder.vectorOf("ACT"), 100)).toHaveLength(4);
  });

  it("replaces the vector of an id added twice instead of duplicating it", () => {
    const index = filledIndex();
    index.add(
      "m#35/beslutning/0",
      embedder.vectorOf("styregruppen for ACT-indsatsen medlem udpeget"),
    );
    expect(index.size).toBe(4);
    const ids = index
      .search(embedder.vectorOf("hjemløsestrategien herbergerne"), 4)
      .map((r) => r.chunkId);
    expect(new Set(ids).size).toBe(4);
    expect(
      index.search(embedder.vectorOf("styregruppen for ACT-indsatsen medlem udpeget"), 1)[0]
        ?.chunkId,
    ).toBe("m#35/beslutning/0");
  });

  it("saves and loads with the same ids and the same results", async () => {
    const index = filledIndex();
    await index.save(directory);
    const loaded = await loadVectorIndex(directory);
    expect(loaded.size).toBe(4);
    expect(loaded.dimensions).toBe(embedder.dimensions);
    const query = embedder.vectorOf("ledighed og beskæftigelse");
    expect(loaded.search(query, 4)).toEqual(index.search(query, 4));
    loaded.add("new", embedder.vectorOf("helt ny passage"));
    expect(loaded.search(embedder.vectorOf("helt ny passage"), 1)[0]?.chunkId).toBe("new");
  });

  it("rejects vectors of the wrong dimension with index_invalid", () => {
    const index = filledIndex();
    expect(() => index.add("bad", new Float32Array(3))).toThrowError(/3 dimensions/);
    expect(() => index.search(new Float32Array(3), 1)).toThrowError(/3 dimensions/);
  });

  it("reports missing, corrupt or inconsistent files as index_invalid", async () => {
    await expect(loadVectorIndex(directory)).rejects.toSatisfy((error) =>
      isAppError(error, "index_invalid"),
    );

    const index = filledIndex();
    await index.save(directory);
    await writeFile(
      join(directory, VECTOR_IDS_FILE),
      JSON.stringify({ formatVersion: 1, space: "cosine", dimensions: 64, ids: ["only-one"] }),
    );
    await expect(loadVectorIndex(directory)).rejects.toThrowError(/holds 4 vectors/);

    await index.save(directory);
    await writeFile(join(directory, VECTOR_INDEX_FILE), "not an hnsw file");
    await expect(loadVectorIndex(directory)).rejects.toSatisfy((error) =>
      isAppError(error, "index_invalid"),
    );

    await writeFile(join(directory, VECTOR_IDS_FILE), "{ not json");
    await expect(loadVectorIndex(directory)).rejects.toThrowError(/unreadable or invalid/);
  });
});
