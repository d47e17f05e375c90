import { join } from "node:path";
import type { Command } from "commander";
import { type Config, loadConfig } from "../config/index.ts";
import { chunkMeetings } from "../index/chunking.ts";
import { createEmbedder } from "../index/embedders/index.ts";
import { hashCorpus, readIndexState } from "../index/store.ts";
import { type FileOutcome, type FileReport, ingestDirectory } from "../minutes/index.ts";
import { describeError } from "../shared/errors.ts";
import { createLogger } from "../shared/logger.ts";
import { countOutcomes, formatFileTable, outcomeCountsLine } from "./ingest-report.ts";

/**
 * `referat doctor`: what this installation would run with — configuration (no secrets), the minutes
 * it finds, the index on disk, whether the embedding model loads, and the LLM settings. Exit code 0
 * when Referat is usable (valid configuration and at least one meeting), 1 otherwise.
 */

export interface DoctorReport {
  usable: boolean;
  configuration: Record<string, string | number | boolean>;
  minutes: {
    directory: string;
    meetings: { id: string; date: string | null; body: string; items: number; file: string }[];
    failures: { file: string; code: string; message: string }[];
    /** Every file in the minutes folder and what it became. */
    files: FileReport[];
    /** How many files had each outcome. */
    outcomes: Record<FileOutcome, number>;
    error?: string;
  };
  index: {
    directory: string;
    state: "missing" | "invalid" | "current" | "stale";
    detail: string;
    generation?: string;
    chunks?: number;
    embedderId?: string | null;
    createdAt?: string;
  };
  embedder:
    | { status: "loaded"; id: string; dimensions: number; retrieval: "hybrid" }
    | { status: "unavailable"; reason: string; retrieval: "lexical only" };
  llm:
    | { enabled: false }
    | {
        enabled: true;
        model: string;
        baseUrlHost: string;
        queryRewrite: boolean;
        apiKey: "set" | "not set";
      };
}

export async function collectDoctorReport(config: Config): Promise<DoctorReport> {
  const minutes: DoctorReport["minutes"] = {
    directory: config.minutesDir,
    meetings: [],
    failures: [],
    files: [],
    outcomes: countOutcomes([]),
  };
  let chunksHash: string | undefined;
  try {
    const ingested = await ingestDirectory(config.minutesDir);
    minutes.meetings = ingested.meetings.map((meeting) => ({
      id: meeting.id,
      date: meeting.date,
      body: meeting.body,
      items: meeting.items.length,
      file: meeting.sourceFile,
    }));
    minutes.failures = ingested.failures.map(({ file, code, message }) => ({
      file,
      code,
      message,
    }));
    minutes.files = ingested.files;
    minutes.outcomes = countOutcomes(ingested.files);
    chunksHash = hashCorpus(chunkMeetings(ingested.meetings));
  } catch (error) {
    minutes.error = describeError(error);
  }

  const indexDirectory = join(config.dataDir, "index");
  const state = await readIndexState(indexDirectory);
  let index: DoctorReport["index"];
  if (state.state === "missing") {
    index = {
      directory: indexDirectory,
      state: "missing",
      detail: "no index yet; it is built at start",
    };
  } else if (state.state === "invalid") {
    index = {
      directory: indexDirectory,
      state: "invalid",
      detail: `${state.reason}; it is rebuilt at start`,
    };
  } else {
    const current = state.manifest.corpusHash === chunksHash;
    index = {
      directory: indexDirectory,
      state: current ? "current" : "stale",
      detail: current ? "matches the minutes" : "the minutes changed since; it is rebuilt at start",
      generation: state.generation,
      chunks: state.manifest.chunkCount,
      embedderId: state.manifest.embedder?.id ?? null,
      createdAt: state.manifest.createdAt,
    };
  }

  // Loading problems are reported in the report itself; keep the log quiet.
  const logger = createLogger({ level: "silent" });
  const created = await createEmbedder({ ...config.embeddings, logger });
  const embedder: DoctorReport["embedder"] = created.embedder
    ? {
        status: "loaded",
        id: created.embedder.modelId,
        dimensions: created.embedder.dimensions,
        retrieval: "hybrid",
      }
    : { status: "unavailable", reason: created.reason, retrieval: "lexical only" };
  if (
    created.embedder &&
    "dispose" in created.embedder &&
    typeof created.embedder.dispose === "function"
  ) {
    await created.embedder.dispose();
  }

  const llm: DoctorReport["llm"] = config.llm.enabled
    ? {
        enabled: true,
        model: config.llm.model,
        baseUrlHost: hostOf(config.llm.baseUrl) ?? "api.openai.com",
        queryRewrite: config.llm.queryRewrite,
        apiKey: config.llm.apiKey ? "set" : "not set",
      }
    : { enabled: false };

  return {
    usable: minutes.meetings.length > 0,
    configuration: configurationSummary(config),
    minutes,
    index,
    embedder,
    llm,
  };
}

/** Everything an operator needs to check the set-up, and nothing secret: keys and tokens only as set/not set. */
function configurationSummary(config: Config): Record<string, string | number | boolean> {
  const summary: Record<string, string | number | boolean> = {
    "data dir": config.dataDir,
    "minutes dir": config.minutesDir,
    http: `${config.http.host}:${config.http.port}`,
    "public base url": config.http.publicBaseUrl,
    "http api token": config.http.apiToken ? "set" : "not set",
    "embeddings provider": config.embeddings.provider,
  };
  const embeddings = config.embeddings;
  if (embeddings.provider === "local") {
    summary["embeddings model"] = embeddings.model;
    summary["embeddings model dir"] = embeddings.modelDir ?? "(none)";
    summary["embeddings cache dir"] = embeddings.cacheDir;
    summary["embeddings downloads"] = embeddings.allowDownload ? "allowed" : "off";
  } else if (embeddings.provider === "openai") {
    summary["embeddings model"] = embeddings.model;
    summary["embeddings base url host"] = hostOf(embeddings.baseUrl) ?? "api.openai.com";
    summary["embeddings api key"] = embeddings.apiKey ? "set" : "not set";
  }
  summary.slack = config.slack.enabled
    ? `on (${config.slack.mode} mode)`
    : `off: ${config.slack.reason}`;
  return summary;
}

export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = ["configuration"];
  for (const [key, value] of Object.entries(report.configuration)) lines.push(`  ${key}: ${value}`);

  lines.push("", `minutes (${report.minutes.directory})`);
  if (report.minutes.error) lines.push(`  error: ${report.minutes.error}`);
  for (const meeting of report.minutes.meetings) {
    lines.push(`  ${meeting.date}  ${meeting.body}  ${meeting.items} items  (${meeting.file})`);
  }
  for (const failure of report.minutes.failures) {
    lines.push(`  error: ${failure.file}: ${failure.message} [${failure.code}]`);
  }
  lines.push(
    `  ${report.minutes.meetings.length} meetings, ${report.minutes.failures.length} files failed`,
  );
  if (report.minutes.files.length > 0) {
    lines.push("", `files (${outcomeCountsLine(report.minutes.files)})`);
    for (const row of formatFileTable(report.minutes.files)) lines.push(`  ${row}`);
  }

  const index = report.index;
  lines.push("", `index (${index.directory})`, `  ${index.state}: ${index.detail}`);
  if (index.generation) {
    lines.push(
      `  generation ${index.generation}, built ${index.createdAt}, ${index.chunks} chunks, embedder ${index.embedderId ?? "none (lexical only)"}`,
    );
  }

  lines.push("", "embedder");
  if (report.embedder.status === "loaded") {
    lines.push(
      `  loaded: ${report.embedder.id}, ${report.embedder.dimensions} dimensions`,
      "  retrieval: hybrid (lexical + dense)",
    );
  } else {
    lines.push(`  unavailable: ${report.embedder.reason}`, "  retrieval: lexical only");
  }

  lines.push("", "llm");
  if (report.llm.enabled) {
    lines.push(
      `  on: model ${report.llm.model} at ${report.llm.baseUrlHost}, api key ${report.llm.apiKey}, query rewrite ${report.llm.queryRewrite ? "on" : "off"}`,
    );
  } else {
    lines.push("  off (set LLM_MODEL to turn it on); answers are extractive");
  }

  lines.push("", report.usable ? "usable: yes" : "usable: no (no minutes could be read)");
  return lines.join("\n");
}

function hostOf(url: string | undefined): string | undefined {
  return url ? new URL(url).host : undefined;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("check the configuration, minutes, index, embedding model and LLM settings")
    .option("--json", "print the report as JSON")
    .action(async (options: { json?: boolean }) => {
      let config: Config;
      try {
        config = loadConfig(process.env);
      } catch (error) {
        console.error(describeError(error));
        process.exitCode = 1;
        return;
      }
      const report = await collectDoctorReport(config);
      console.log(options.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
      if (!report.usable) process.exitCode = 1;
    });
}
