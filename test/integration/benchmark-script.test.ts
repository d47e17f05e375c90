import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusFiguresSchema } from "../../scripts/benchmark/figures.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

// The script's temp folders go here (TMPDIR), so the test can prove they are removed.
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "referat-bench-test-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function bench(args: string[]) {
  return run(tsx, [join(root, "scripts/benchmark.ts"), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: scratch },
    timeout: 90_000,
  });
}

/** The script's own leftovers (tsx keeps a cache of its own in TMPDIR). */
async function benchmarkLeftovers(): Promise<string[]> {
  return (await readdir(scratch)).filter((name) => name.startsWith("referat-"));
}

async function liveIndexOfCheckout(): Promise<string | null> {
  return readFile(join(root, "data/index/CURRENT"), "utf8").catch(() => null);
}

const tiny = ["--requests", "10", "--rounds", "1", "--http-seconds", "20"];

describe("npm run bench", () => {
  it("prints JSON figures for the bundled minutes and a synthetic ×2 corpus", async () => {
    const indexBefore = await liveIndexOfCheckout();
    const { stdout } = await bench([...tiny, "--scale", "2", "--json"]);
    const report = JSON.parse(stdout) as { scale: number; corpora: unknown[] };

    expect(report.scale).toBe(2);
    expect(report.corpora).toHaveLength(2);
    const [bundled, synthetic] = report.corpora.map((figures) =>
      corpusFiguresSchema.parse(figures),
    );
    if (!bundled || !synthetic) throw new Error("two corpora expected");

    expect(bundled.corpus.name).toBe("bundled");
    expect(bundled.ingest).toMatchObject({
      files: 5,
      failedFiles: 0,
      meetings: 5,
      secondRunParsed: 0,
    });
    expect(bundled.ingest.sections).toBeGreaterThan(bundled.ingest.items);
    expect(bundled.index.coldEmbedded).toBe(bundled.index.chunks);
    expect(bundled.index).toMatchObject({ warmEmbedded: 0, warmRebuilt: false });
    expect(bundled.index.embedder.note).toMatch(/not a real model/);
    expect(bundled.index.diskBytes.total).toBeGreaterThanOrEqual(
      bundled.index.diskBytes.generation + bundled.index.diskBytes.embeddingCache,
    );
    expect(bundled.retrieval.questions).toBeGreaterThan(0);
    for (const latency of [
      bundled.retrieval.lexical,
      bundled.retrieval.hybrid,
      bundled.answers.latency,
      bundled.http.latency,
    ]) {
      expect(latency.p50Ms).toBeLessThanOrEqual(latency.p95Ms);
      expect(latency.p95Ms).toBeLessThanOrEqual(latency.maxMs);
    }
    expect(bundled.answers.mode).toBe("extractive");
    expect(bundled.http).toMatchObject({ requests: 10, ok: 10, failed: 0, concurrency: 4 });
    expect(bundled.http.latency.samples).toBe(10);
    expect(bundled.memory.peakRssMb).toBeGreaterThanOrEqual(bundled.memory.afterLoadRssMb);

    // Two distinct copies of every file: twice the meetings, each with its own id.
    expect(synthetic.ingest).toMatchObject({ files: 10, failedFiles: 0, meetings: 10 });
    expect(synthetic.index.chunks).toBe(bundled.index.chunks * 2);

    expect(await benchmarkLeftovers()).toEqual([]);
    expect(await liveIndexOfCheckout()).toBe(indexBefore);
  });

  it("prints a table with every section and figure row", async () => {
    const { stdout } = await bench(tiny);
    for (const label of [
      "bundled",
      "ingest",
      "parse per file mean / max",
      "second run, unchanged (parsed)",
      "lexical index build",
      "cold build + hnswlib (embedded)",
      "warm reload (re-embedded)",
      "on disk: total",
      "lexical only",
      "hybrid",
      "answerQuestion",
      "HTTP POST /api/ask on 127.0.0.1",
      "throughput",
      "peak RSS (maxRSS)",
      "not a real model",
    ]) {
      expect(stdout).toContain(label);
    }
    expect(stdout).toMatch(/requests \(ok \/ failed\)\s+10 \(10 \/ 0\)/);
    expect(await benchmarkLeftovers()).toEqual([]);
  });

  it("rejects a bad flag value with a clear message", async () => {
    await expect(bench(["--scale", "zero"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--scale must be a whole number of at least 1"),
    });
  });
});
