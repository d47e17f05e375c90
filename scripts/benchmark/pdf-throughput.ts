import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import PDFDocument from "pdfkit";
import { pdfReader } from "../../src/minutes/readers/pdf-reader.ts";
import type { SourceDocument } from "../../src/minutes/readers/types.ts";
import { megabytes, round, summariseLatencies } from "./stats.ts";

/**
 * `npx tsx scripts/benchmark/pdf-throughput.ts [--rounds 5] [--pages 40] [--pdf FILE …] [--json]`
 *
 * Throughput of the PDF reader (text layer, no OCR): reads the real Syddjurs referat and a
 * generated minutes document of --pages pages (pdfkit, one agenda item per page with a running
 * header, label/value rows, headings and wrapped paragraphs) --rounds times each after a first
 * read (reported on its own: it also loads pdf.js), and prints pages/s and files/s over the warm
 * reads, latency per file and peak RSS.
 */

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    pages: { type: "string", default: "40" },
    pdf: { type: "string", multiple: true, default: [] },
    json: { type: "boolean", default: false },
  },
});

function wholeNumber(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    console.error(`--${name} must be a whole number of at least ${minimum}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const rounds = wholeNumber("rounds", values.rounds, 1);
const generatedPages = wholeNumber("pages", values.pages, 1);
const SYDDJURS = "../shared/real-minutes/Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.pdf";

const PARAGRAPH =
  "Forvaltningen har udarbejdet et forslag til en samlet plan for området, som beskriver de " +
  "økonomiske rammer, de forventede aktiviteter og den tidsplan, der lægges op til. Planen har " +
  "været i høring hos de berørte parter, og høringssvarene er indarbejdet, hvor det har været " +
  "muligt. Udvalget orienteres om status og drøfter de næste skridt i arbejdet.";

function generatedMinutes(pages: number): Promise<Uint8Array> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({ size: "A4", margin: 72 });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => done(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", fail);
    for (let page = 1; page <= pages; page += 1) {
      if (page > 1) doc.addPage();
      doc.font("Helvetica").fontSize(9);
      doc.text("Referat – Teknik- og Miljøudvalget – 12. maj 2025", 72, 36, { lineBreak: false });
      doc.text(`Side ${page} af ${pages}`, 480, 800, { lineBreak: false });
      doc.font("Helvetica-Bold").fontSize(14).text(`${page}. Punkt om område ${page}`, 72, 72);
      doc.font("Helvetica-Bold").fontSize(10).text("Sagsnr.:", 72, 100, { lineBreak: false });
      doc.font("Helvetica").text(`25/${String(1000 + page * 7)}`, 200, 100, { lineBreak: false });
      let y = 130;
      for (const heading of ["Resumé", "Sagsfremstilling", "Indstilling", "Beslutning"]) {
        doc.font("Helvetica-Bold").fontSize(10).text(heading, 72, y, { lineBreak: false });
        doc
          .font("Helvetica")
          .fontSize(10)
          .text(PARAGRAPH, 72, y + 14, { width: 451 });
        y = doc.y + 16;
      }
    }
    doc.end();
  });
}

interface Measured {
  file: string;
  pages: number;
  blocks: number;
  furniture: number;
  /** The first read, which also loads pdf.js and its worker code (once per process). */
  firstReadMs: number;
  latency: ReturnType<typeof summariseLatencies>;
  totalMs: number;
}

const context = { siblings: async () => [] };

async function measure(file: SourceDocument): Promise<Measured> {
  const coldStart = performance.now();
  const first = await pdfReader.read(file, context);
  const firstReadMs = performance.now() - coldStart;
  if (first.kind !== "blocks") throw new Error(`${file.path}: expected blocks`);
  const pages = new Set(first.blocks.map((block) => block.page)).size;
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    await pdfReader.read(file, context);
    samples.push(performance.now() - started);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return {
    file: file.path,
    pages,
    blocks: first.blocks.length,
    furniture: first.blocks.filter((block) => block.role === "furniture").length,
    firstReadMs: round(firstReadMs),
    latency: summariseLatencies(samples),
    totalMs: samples.reduce((sum, sample) => sum + sample, 0),
  };
}

/** After the imports (pdf.js's main module included), before its worker code is loaded. */
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const files: SourceDocument[] = [
  { path: SYDDJURS, bytes: new Uint8Array(await readFile(SYDDJURS)) },
  { path: `generated-${generatedPages}-pages.pdf`, bytes: await generatedMinutes(generatedPages) },
  ...(await Promise.all(
    values.pdf.map(async (path) => ({
      path,
      bytes: new Uint8Array(await readFile(resolve(path))),
    })),
  )),
];

const results: Measured[] = [];
for (const file of files) results.push(await measure(file));

// Warm reads only: the first read of each file is reported on its own.
const seconds = results.reduce((sum, result) => sum + result.totalMs, 0) / 1000;
const totalPages = results.reduce((sum, result) => sum + result.pages * rounds, 0);
const totalFiles = results.length * rounds;
const summary = {
  rounds,
  files: results,
  pagesPerSecond: round(totalPages / seconds),
  filesPerSecond: round(totalFiles / seconds),
  startRssMb: megabytes(startRss),
  peakRssMb: megabytes(peakRss),
};

if (values.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  for (const result of results) {
    console.log(
      `${result.file}: ${result.pages} pages, ${result.blocks} blocks (${result.furniture} furniture), ` +
        `first read ${Math.round(result.firstReadMs)} ms, then p50 ${round(result.latency.p50Ms)} ms, ` +
        `max ${round(result.latency.maxMs)} ms per read`,
    );
  }
  console.log(
    `${summary.pagesPerSecond} pages/s, ${summary.filesPerSecond} files/s over ${totalFiles} warm reads; ` +
      `RSS ${summary.startRssMb} MB before the first read, peak ${summary.peakRssMb} MB`,
  );
}
