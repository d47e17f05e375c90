import { join } from "node:path";
import type { Command } from "commander";
import { type Config, loadConfig } from "../config/index.ts";
import { type IngestResult, ingestDirectory, toPublicMeeting } from "../minutes/index.ts";
import { AppError, describeError } from "../shared/errors.ts";
import {
  compareCorpora,
  createCoalescingRunner,
  DEFAULT_DEBOUNCE_MS,
  fingerprintCorpus,
  watchMinutesFolder,
} from "../watch/index.ts";
import { reportingFailures } from "./command-support.ts";
import { formatChangeReport, formatFileTable, formatIngestReport } from "./ingest-report.ts";
import { createProgressBar } from "./progress-bar.ts";

interface IngestFlags {
  json?: boolean;
  verbose?: boolean;
  files?: boolean;
  watch?: boolean;
  debounceMs?: string;
}

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("read the minutes files in a folder and store the parsed corpus")
    .argument(
      "[dir]",
      "folder of minutes: PDF, HTML, DOCX, XML, JSON, .txt, .md (default: MINUTES_DIR or data/minutes)",
    )
    .option("--json", "print the parsed meetings as one JSON array")
    .option("--verbose", "print a table of every file and what it became")
    .option("--files", "the same as --verbose")
    .option("--watch", "keep watching the folder and re-ingest on every change (Ctrl-C stops)")
    .option(
      "--debounce-ms <ms>",
      "with --watch: how long the folder must be quiet before a re-ingest (files must stop growing for twice as long)",
      String(DEFAULT_DEBOUNCE_MS),
    )
    .action(
      reportingFailures("ingest", async (directory: string | undefined, flags: IngestFlags) => {
        if (flags.watch && flags.json) {
          throw new AppError("bad_request", "--watch cannot be combined with --json");
        }
        const debounceMs = Number(flags.debounceMs);
        if (!Number.isFinite(debounceMs) || debounceMs < 0) {
          throw new AppError(
            "bad_request",
            `--debounce-ms must be a number, not "${flags.debounceMs}"`,
          );
        }
        const config = loadConfig(process.env);
        const minutesDir = directory ?? config.minutesDir;
        const ingest = () => ingestWithProgress(minutesDir, config);
        const result = await ingest();
        printReport(result, flags);
        if (result.failures.length > 0) process.exitCode = 1;
        if (flags.watch) await watchAndReingest(minutesDir, config, result, ingest, debounceMs);
      }),
    );
}

/** Ingests with a progress bar on stderr when stderr is a terminal. */
async function ingestWithProgress(minutesDir: string, config: Config): Promise<IngestResult> {
  const bar = createProgressBar(process.stderr);
  try {
    return await ingestDirectory(minutesDir, {
      corpusFile: join(config.dataDir, "corpus.json"),
      onProgress: (progress) => bar.update(progress),
    });
  } finally {
    bar.finish();
  }
}

function printReport(result: IngestResult, flags: IngestFlags): void {
  const report = formatIngestReport(result);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(result.meetings.map(toPublicMeeting), null, 2)}\n`);
  } else {
    if (flags.verbose || flags.files)
      writeLines(process.stdout, [...formatFileTable(result.files), ""]);
    writeLines(process.stdout, report.stdout);
  }
  writeLines(process.stderr, report.stderr);
}

/**
 * `--watch`: after the first ingest, re-ingest on every change to the folder (debounced, one at a
 * time) and print a short report of what changed; SIGINT/SIGTERM stop cleanly with exit code 0.
 */
async function watchAndReingest(
  minutesDir: string,
  config: Config,
  first: IngestResult,
  ingest: () => Promise<IngestResult>,
  debounceMs: number,
): Promise<void> {
  let previous = { result: first, fingerprint: fingerprintCorpus(first) };
  const runner = createCoalescingRunner(
    async () => {
      const result = await ingest();
      const fingerprint = fingerprintCorpus(result);
      const changes = compareCorpora(previous.fingerprint, fingerprint, result);
      previous = { result, fingerprint };
      const report = formatChangeReport(result, changes, new Date());
      writeLines(process.stdout, report.stdout);
      writeLines(process.stderr, report.stderr);
    },
    {
      onError: (error) =>
        writeLines(process.stderr, [
          `error: re-ingesting ${minutesDir} failed: ${describeError(error)}`,
        ]),
    },
  );
  const watcher = await watchMinutesFolder({
    minutesDir,
    dataDir: config.dataDir,
    poll: config.minutesWatch.poll,
    debounceMs,
    writeFinishMs: debounceMs * 2,
    onChanges: () => runner.request(),
    onError: (error) =>
      writeLines(process.stderr, [`error: watching ${minutesDir}: ${describeError(error)}`]),
  });
  writeLines(process.stderr, [`watching ${minutesDir} for changes (Ctrl-C stops)`]);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await watcher.close();
  await runner.stop();
  writeLines(process.stderr, [`stopped watching (${signal})`]);
  process.exitCode = 0;
}

function writeLines(stream: NodeJS.WriteStream, lines: readonly string[]): void {
  if (lines.length > 0) stream.write(`${lines.join("\n")}\n`);
}
