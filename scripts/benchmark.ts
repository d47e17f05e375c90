import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import {
  type CorpusFigures,
  corpusFiguresSchema,
  type WorkerRequest,
} from "./benchmark/figures.ts";
import { formatReport } from "./benchmark/report.ts";
import { writeSyntheticCorpus } from "./benchmark/synthetic-corpus.ts";

/**
 * `npm run bench -- [--scale N] [--requests 200] [--concurrency 4] [--http-seconds 15]
 *                   [--rounds 3] [--questions FILE] [--minutes DIR] [--json]`
 *
 * Speed and memory figures of ingest, index, retrieval, answers and the HTTP server on the bundled
 * minutes and, with --scale N > 1, on N distinct copies of them. Each corpus is measured in its own
 * worker process (scripts/benchmark/corpus-worker.ts) with its own temp DATA_DIR, so the checkout's
 * data/ is never touched and memory figures belong to one corpus. Loopback only; every step is
 * bounded in count and time.
 */

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const tsx = join(root, "node_modules/.bin/tsx");
const worker = join(import.meta.dirname, "benchmark/corpus-worker.ts");

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    requests: { type: "string", default: "200" },
    concurrency: { type: "string", default: "4" },
    "http-seconds": { type: "string", default: "15" },
    rounds: { type: "string", default: "3" },
    "timeout-seconds": { type: "string", default: "300" },
    questions: { type: "string", default: "../shared/eval/questions.jsonl" },
    minutes: { type: "string", default: "data/minutes" },
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

const scale = wholeNumber("scale", values.scale, 1);
const timeoutMs = wholeNumber("timeout-seconds", values["timeout-seconds"], 1) * 1000;
const load = {
  questionsFile: resolve(values.questions),
  rounds: wholeNumber("rounds", values.rounds, 1),
  requests: wholeNumber("requests", values.requests, 0),
  concurrency: wholeNumber("concurrency", values.concurrency, 1),
  httpSeconds: wholeNumber("http-seconds", values["http-seconds"], 1),
};
const minutesDir = resolve(values.minutes);

async function measure(request: WorkerRequest): Promise<CorpusFigures> {
  if (!values.json) console.error(`measuring ${request.name} …`);
  const { stdout } = await run(tsx, [worker, JSON.stringify(request)], {
    cwd: root,
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  return corpusFiguresSchema.parse(JSON.parse(stdout));
}

const corpora: CorpusFigures[] = [];
let syntheticDir: string | undefined;
try {
  corpora.push(await measure({ name: "bundled", minutesDir, ...load }));
  if (scale > 1) {
    syntheticDir = await mkdtemp(join(tmpdir(), "referat-bench-minutes-"));
    await writeSyntheticCorpus(minutesDir, syntheticDir, scale);
    corpora.push(await measure({ name: `×${scale} synthetic`, minutesDir: syntheticDir, ...load }));
  }
} catch (error) {
  const failed = error as { message?: string; stderr?: string };
  console.error(`benchmark failed: ${failed.message ?? String(error)}`);
  if (failed.stderr) console.error(failed.stderr);
  process.exitCode = 1;
} finally {
  if (syntheticDir) await rm(syntheticDir, { recursive: true, force: true });
}

if (process.exitCode !== 1) {
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ scale, corpora }, null, 2)}\n`);
  } else {
    console.log(formatReport(corpora));
  }
}
