import type { CorpusFigures } from "./figures.ts";
import type { LatencySummary } from "./stats.ts";

/** The human-readable table: one row per figure, one column per corpus. */

type Row = [label: string, value: (figures: CorpusFigures) => string];

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (value: number) => `${value.toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const latency = (summary: LatencySummary) =>
  `${summary.p50Ms.toFixed(1)} / ${summary.p95Ms.toFixed(1)} / ${summary.maxMs.toFixed(1)}`;

const SECTIONS: [title: string, rows: Row[]][] = [
  [
    "ingest",
    [
      ["files (failed)", (f) => `${f.ingest.files} (${f.ingest.failedFiles})`],
      ["input", (f) => kb(f.ingest.inputBytes)],
      [
        "meetings / items / sections",
        (f) => `${f.ingest.meetings} / ${f.ingest.items} / ${f.ingest.sections}`,
      ],
      ["first ingest run", (f) => ms(f.ingest.firstRunMs)],
      ["parse total", (f) => ms(f.ingest.parseTotalMs)],
      [
        "parse per file mean / max",
        (f) => `${ms(f.ingest.parsePerFileMeanMs)} / ${ms(f.ingest.parsePerFileMaxMs)}`,
      ],
      [
        "second run, unchanged (parsed)",
        (f) => `${ms(f.ingest.secondRunMs)} (${f.ingest.secondRunParsed})`,
      ],
    ],
  ],
  [
    "index",
    [
      ["chunks", (f) => String(f.index.chunks)],
      ["chunking", (f) => ms(f.index.chunkingMs)],
      ["lexical index build", (f) => ms(f.index.lexicalBuildMs)],
      [
        "cold build + hnswlib (embedded)",
        (f) => `${ms(f.index.coldBuildMs)} (${f.index.coldEmbedded})`,
      ],
      ["warm reload (re-embedded)", (f) => `${ms(f.index.warmReloadMs)} (${f.index.warmEmbedded})`],
      ["on disk: total", (f) => kb(f.index.diskBytes.total)],
      [
        "  live generation / embedding cache",
        (f) => `${kb(f.index.diskBytes.generation)} / ${kb(f.index.diskBytes.embeddingCache)}`,
      ],
    ],
  ],
  [
    "retrieval (ms p50 / p95 / max)",
    [
      [
        "samples (questions × rounds)",
        (f) => `${f.retrieval.lexical.samples} (${f.retrieval.questions} × ${f.retrieval.rounds})`,
      ],
      ["lexical only", (f) => latency(f.retrieval.lexical)],
      ["hybrid", (f) => latency(f.retrieval.hybrid)],
    ],
  ],
  [
    "answers (ms p50 / p95 / max)",
    [
      ["answerQuestion", (f) => latency(f.answers.latency)],
      ["mode, retrieval", (f) => `${f.answers.mode}, ${f.answers.retrieval}`],
      ["abstained", (f) => `${f.answers.abstained} of ${f.answers.latency.samples}`],
    ],
  ],
  [
    "service",
    [
      ["pipeline load (index on disk)", (f) => ms(f.service.pipelineLoadMs)],
      ["server start", (f) => ms(f.service.serverStartMs)],
    ],
  ],
  [
    "HTTP POST /api/ask on 127.0.0.1",
    [
      [
        "requests (ok / failed)",
        (f) =>
          `${f.http.requests} (${f.http.ok} / ${f.http.failed})${f.http.stoppedByTimeLimit ? " time limit" : ""}`,
      ],
      ["concurrency", (f) => String(f.http.concurrency)],
      ["throughput", (f) => `${f.http.requestsPerSecond.toFixed(1)} req/s`],
      ["latency ms p50 / p95 / max", (f) => latency(f.http.latency)],
    ],
  ],
  [
    "memory",
    [
      ["RSS after imports", (f) => mb(f.memory.baselineRssMb)],
      [
        "RSS / heap used after load",
        (f) => `${mb(f.memory.afterLoadRssMb)} / ${mb(f.memory.afterLoadHeapUsedMb)}`,
      ],
      ["peak RSS (maxRSS)", (f) => mb(f.memory.peakRssMb)],
    ],
  ],
];

export function formatReport(corpora: readonly CorpusFigures[]): string {
  const header = ["", ...corpora.map((figures) => figures.corpus.name)];
  const lines: string[][] = [];
  for (const [title, rows] of SECTIONS) {
    lines.push([title, ...corpora.map(() => "")]);
    for (const [label, value] of rows) lines.push([`  ${label}`, ...corpora.map(value)]);
  }
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((line) => (line[column] ?? "").length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("   ")
      .trimEnd();
  const notes = corpora[0]
    ? [
        "",
        `Embedder: ${corpora[0].index.embedder.id} (${corpora[0].index.embedder.dimensions} dimensions), ${corpora[0].index.embedder.note}.`,
        "Answers and HTTP run the real pipeline (createAnsweringPipeline / createApplication) with no embedder, no LLM and no Slack; the ask rate limit is lifted for the run.",
      ]
    : [];
  return [render(header), ...lines.map(render), ...notes].join("\n");
}
