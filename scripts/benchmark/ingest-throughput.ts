import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ingestDirectory, readSource } from "../../src/minutes/index.ts";
import { pdfReader } from "../../src/minutes/readers/pdf-reader.ts";
import type { SourceDocument } from "../../src/minutes/readers/types.ts";
import { megabytes, round } from "./stats.ts";

/**
 * `npx tsx scripts/benchmark/ingest-throughput.ts [--rounds 5] [--json]`
 *
 * Ingest throughput through the whole pipeline (reader → segmenter → finalised meeting) on the
 * real documents in ../shared/real-minutes and the bundled samples: files/s per format over warm
 * reads (each file read --rounds times after a first read), PDF pages/s, and one whole-folder
 * ingest cold (nothing stored) and again with every file unchanged.
 */

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    json: { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds must be a whole number of at least 1, got "${values.rounds}"`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, "../..");
const folders = [resolve(root, "../shared/real-minutes"), join(root, "data/minutes")];

interface FormatFigures {
  files: number;
  reads: number;
  seconds: number;
  pages: number;
}

const folder = await mkdtemp(join(tmpdir(), "referat-ingest-bench-"));
let whole: {
  files: number;
  meetings: number;
  coldSeconds: number;
  unchangedSeconds: number;
  reused: number;
};
try {
  for (const source of folders) {
    await cp(source, join(folder, source.replace(/[\\/]+/gu, "_")), { recursive: true });
  }
  const corpusFile = join(folder, ".data", "corpus.json");
  const coldStart = process.hrtime.bigint();
  const cold = await ingestDirectory(folder, { corpusFile });
  const coldSeconds = Number(process.hrtime.bigint() - coldStart) / 1e9;
  const warmStart = process.hrtime.bigint();
  const unchanged = await ingestDirectory(folder, { corpusFile });
  const unchangedSeconds = Number(process.hrtime.bigint() - warmStart) / 1e9;
  whole = {
    files: cold.files.length,
    meetings: cold.meetings.length,
    coldSeconds,
    unchangedSeconds,
    reused: unchanged.reused,
  };
} finally {
  await rm(folder, { recursive: true, force: true });
}

const byFormat = new Map<string, FormatFigures>();
const context = { siblings: async () => [] };
let peakRss = process.memoryUsage().rss;

for (const folder of folders) {
  for (const name of (await readdir(folder)).sort()) {
    if (name === "README.md") continue;
    const file = { path: name, bytes: await readFile(join(folder, name)) };
    const first = await readSource(file, {}, context);
    const format = first.format;
    const pages = format === "pdf" ? await pageCount(file) : 0;
    const started = process.hrtime.bigint();
    for (let round = 0; round < rounds; round++) await readSource(file, {}, context);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const figures = byFormat.get(format) ?? { files: 0, reads: 0, seconds: 0, pages: 0 };
    figures.files += 1;
    figures.reads += rounds;
    figures.seconds += seconds;
    if (format === "pdf") figures.pages += pages * rounds;
    byFormat.set(format, figures);
  }
}

const formats = [...byFormat.entries()].map(([format, figures]) => ({
  format,
  files: figures.files,
  filesPerSecond: round(figures.reads / figures.seconds),
  msPerFile: round((figures.seconds / figures.reads) * 1000),
  ...(format === "pdf" ? { pagesPerSecond: round(figures.pages / figures.seconds) } : {}),
}));
const report = {
  rounds,
  formats,
  folder: {
    files: whole.files,
    meetings: whole.meetings,
    coldSeconds: round(whole.coldSeconds),
    coldFilesPerSecond: round(whole.files / whole.coldSeconds),
    unchangedSeconds: round(whole.unchangedSeconds),
    unchangedReused: whole.reused,
  },
  peakRssMb: megabytes(peakRss),
};
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(
    `Whole folder, cold (the first PDF read loads pdf.js): ${report.folder.files} files → ${report.folder.meetings} meetings in ${report.folder.coldSeconds} s (${report.folder.coldFilesPerSecond} files/s); unchanged re-run ${report.folder.unchangedSeconds} s (${report.folder.unchangedReused} reused)`,
  );
  console.log(`Per format, warm reads (${rounds} rounds per file):`);
  for (const entry of formats) {
    const pages = "pagesPerSecond" in entry ? `, ${entry.pagesPerSecond} pages/s` : "";
    console.log(
      `  ${entry.format.padEnd(17)} ${String(entry.files).padStart(2)} files  ${String(entry.filesPerSecond).padStart(7)} files/s  ${String(entry.msPerFile).padStart(6)} ms/file${pages}`,
    );
  }
  console.log(`Peak RSS: ${report.peakRssMb} MB`);
}

async function pageCount(file: SourceDocument): Promise<number> {
  const result = await pdfReader.read(file, context);
  if (result.kind !== "blocks") return 0;
  return Math.max(1, ...result.blocks.flatMap((block) => (block.page ? [block.page] : [])));
}
