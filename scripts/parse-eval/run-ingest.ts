import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { ingestOutputSchema, type ParsedMeeting } from "./parsed-meeting.ts";

const run = promisify(execFile);

export interface IngestRun {
  meetings: ParsedMeeting[];
  /** Why the file gave no (or a partial) result: the CLI's own error lines, or what went wrong running it. */
  error: string | null;
  /** The CLI's warnings about the file ("warning: …" on stderr). */
  warnings: string[];
  durationMs: number;
}

interface ProcessFailure {
  stdout?: string;
  stderr?: string;
  code?: number | string;
  killed?: boolean;
  message: string;
}

/**
 * Runs the real CLI on one document, alone in a fresh folder, with a fresh DATA_DIR, exactly as
 * a user would: `node --import tsx src/cli.ts ingest <dir> --json`.
 */
export async function runIngest(sourcePath: string, repoRoot: string): Promise<IngestRun> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const exists = await stat(sourcePath).then(
    (found) => found.isFile(),
    () => false,
  );
  if (!exists)
    return { meetings: [], error: `source not found: ${sourcePath}`, warnings: [], durationMs: 0 };

  const minutesDir = await mkdtemp(join(tmpdir(), "referat-parse-eval-minutes-"));
  const dataDir = await mkdtemp(join(tmpdir(), "referat-parse-eval-data-"));
  try {
    await copyFile(sourcePath, join(minutesDir, basename(sourcePath)));
    let stdout: string;
    let stderr: string;
    let exitFailure: string | null = null;
    try {
      ({ stdout, stderr } = await run(
        process.execPath,
        ["--import", "tsx", "src/cli.ts", "ingest", minutesDir, "--json"],
        {
          cwd: repoRoot,
          env: { ...process.env, DATA_DIR: dataDir },
          timeout: 180_000,
          maxBuffer: 256 * 1024 * 1024,
        },
      ));
    } catch (caught) {
      const failure = caught as ProcessFailure;
      stdout = failure.stdout ?? "";
      stderr = failure.stderr ?? "";
      exitFailure = failure.killed
        ? "ingest timed out"
        : `ingest exited with code ${String(failure.code ?? "?")}`;
    }
    // The lines name the file; it is the one file in the folder, so the name is dropped.
    const stderrLines = stderr
      .split("\n")
      .map((line) =>
        line.replaceAll(`${minutesDir}/`, "").replace(`${basename(sourcePath)}: `, ""),
      );
    // "error:" (failed) and "unsupported:" (no reader took the file) both mean no meeting from it.
    const cliErrors = stderrLines
      .filter((line) => /^(?:error|unsupported): /u.test(line))
      .map((line) => line.replace(/^error: /u, ""));
    const warnings = stderrLines
      .filter((line) => line.startsWith("warning: "))
      .map((line) => line.slice("warning: ".length));
    const meetings = parseOutput(stdout);
    if (meetings === null) {
      const lastLine = stderr.trim().split("\n").pop() ?? "";
      return {
        meetings: [],
        error: [
          exitFailure ?? "ingest printed no JSON",
          ...cliErrors,
          cliErrors.length ? "" : lastLine,
        ]
          .filter(Boolean)
          .join("; "),
        warnings,
        durationMs: elapsed(),
      };
    }
    const error = cliErrors.length > 0 ? cliErrors.join("; ") : exitFailure;
    return { meetings, error, warnings, durationMs: elapsed() };
  } finally {
    await rm(minutesDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}

function parseOutput(stdout: string): ParsedMeeting[] | null {
  try {
    const parsed = ingestOutputSchema.safeParse(JSON.parse(stdout));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
