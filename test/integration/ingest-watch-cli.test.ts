import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/**
 * `referat ingest` as a user runs it, through the real bin: the per-file table, `--watch` in a
 * child process that re-ingests on changes until it is stopped, the progress bar on a terminal
 * (a pseudo-terminal from util-linux `script`) and its absence on a pipe, and `referat doctor`'s
 * per-file outcomes.
 */

const run = promisify(execFile);
const BIN = new URL("../../bin/referat.js", import.meta.url).pathname;
const SAMPLES = new URL("../../data/minutes/", import.meta.url).pathname;
const UDSATTERAADET = "randers_udsatteraadet_2019-09-18.txt";
const HMU = "region-midtjylland_hmu-socialomraadet_2022-04-20.txt";

let root: string;
let minutesDir: string;
let child: ChildProcess | undefined;

const environment = () => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  DATA_DIR: join(root, "data"),
  MINUTES_DIR: minutesDir,
  LOG_LEVEL: "silent",
  EMBEDDINGS_PROVIDER: "none",
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "referat-ingest-cli-"));
  minutesDir = join(root, "minutes");
  await mkdir(minutesDir);
  await copyFile(join(SAMPLES, UDSATTERAADET), join(minutesDir, UDSATTERAADET));
});

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
  await rm(root, { recursive: true, force: true });
});

/** Collects a stream's text and resolves waits for a pattern in it (bounded). */
function collect(stream: NodeJS.ReadableStream) {
  let text = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    text: () => text,
    waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
      if (pattern.test(text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern} in:\n${text}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

describe("referat ingest --watch", () => {
  it("re-ingests on every change, prints what changed, and stops cleanly on SIGTERM", async () => {
    child = spawn(process.execPath, [BIN, "ingest", "--watch", "--debounce-ms", "50"], {
      env: environment(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout = collect(child.stdout as NodeJS.ReadableStream);
    const stderr = collect(child.stderr as NodeJS.ReadableStream);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child?.on("exit", (code, signal) => resolve({ code, signal })),
    );

    await stderr.waitFor(/watching .* for changes \(Ctrl-C stops\)/u);
    expect(stdout.text()).toContain(
      "1 files: 1 read, 0 unchanged, 0 failed, 0 unsupported → 1 meetings",
    );

    await copyFile(join(SAMPLES, HMU), join(minutesDir, HMU));
    await stdout.waitFor(/\+ hmu-socialomraadet-2022-04-20 {2}\(region-midtjylland_hmu/u);
    expect(stdout.text()).toMatch(
      /\[\d\d:\d\d:\d\d\] 2 files: 1 read, 1 unchanged, 0 failed, 0 unsupported → 2 meetings/u,
    );

    await writeFile(join(minutesDir, "tom.txt"), "");
    await stderr.waitFor(/error: tom\.txt: the file is empty \[minutes_empty\]/u);

    await rm(join(minutesDir, UDSATTERAADET));
    await stdout.waitFor(/- udsatteraadet-2019-09-18/u);
    expect(stdout.text()).toContain(`removed: ${UDSATTERAADET}`);

    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stderr.text()).toContain("stopped watching (SIGTERM)");
  });

  it("refuses --watch with --json", async () => {
    const failure = await run(process.execPath, [BIN, "ingest", "--watch", "--json"], {
      env: environment(),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect(failure.stderr).toContain(
      "referat ingest: [bad_request] --watch cannot be combined with --json",
    );
  });
});

describe("referat ingest --verbose and the progress bar", () => {
  it("prints a table of every file and what it became", async () => {
    await writeFile(join(minutesDir, "notes.json"), "{}");
    await writeFile(join(minutesDir, "tom.txt"), "");
    const failure = await run(process.execPath, [BIN, "ingest", "--files"], {
      env: environment(),
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const lines = failure.stdout.split("\n");
    expect(lines[0]).toMatch(/^file +read +outcome +format +meeting \/ reason$/u);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^notes\.json +read +unsupported +- +not a format Referat reads.*\[minutes_unsupported\]$/u,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^randers_udsatteraadet_2019-09-18\.txt +read +meeting +text +udsatteraadet-2019-09-18$/u,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^tom\.txt +read +failed +- +the file is empty \[minutes_empty\]$/u),
    );
    // Progress bars never reach a pipe.
    expect(failure.stderr).not.toContain("\r");
    expect(failure.stderr).not.toContain("Reading minutes");
  });

  it("draws a progress bar on a terminal and erases it before the report", async () => {
    for (let copy = 1; copy <= 120; copy++) {
      await copyFile(join(SAMPLES, UDSATTERAADET), join(minutesDir, `kopi-${copy}.txt`));
    }
    // `script` runs the command on a pseudo-terminal and copies what it prints.
    const { stdout } = await run(
      "script",
      ["-qec", `"${process.execPath}" "${BIN}" ingest`, "/dev/null"],
      { env: { ...environment(), COLUMNS: "100" }, timeout: 60_000 },
    );
    const shown = stdout.replaceAll("\u001b", "<ESC>");
    expect(shown).toMatch(/\r<ESC>\[2KReading minutes \[[█·]{24}\] \d+\/121 +\d+%/u);
    // The bar is erased and the report starts on the cleared line.
    expect(shown).toMatch(/\r<ESC>\[2K2019-09-18 {2}Udsatterådet/u);
    expect(stdout).toContain("121 files: 121 read, 0 unchanged");
  });
});

describe("referat doctor", () => {
  it("reports every file's outcome and the counts", async () => {
    await writeFile(join(minutesDir, "tom.txt"), "");
    const result = await run(process.execPath, [BIN, "doctor", "--json"], {
      env: environment(),
    }).catch((error: { code: number; stdout: string }) => error);
    const report = JSON.parse(result.stdout);
    expect(report.minutes.outcomes).toEqual({
      meeting: 1,
      joined: 0,
      superseded: 0,
      companion: 0,
      failed: 1,
      unsupported: 0,
    });
    expect(
      report.minutes.files.map((file: { file: string; outcome: string }) => [
        file.file,
        file.outcome,
      ]),
    ).toEqual([
      [UDSATTERAADET, "meeting"],
      ["tom.txt", "failed"],
    ]);

    const text = await run(process.execPath, [BIN, "doctor"], { env: environment() }).catch(
      (error: { stdout: string }) => error,
    );
    expect(text.stdout).toContain("files (2 files: 1 meeting, 1 failed)");
    expect(text.stdout).toMatch(
      / {2}tom\.txt +read +failed +- +the file is empty \[minutes_empty\]/u,
    );
  });
});
