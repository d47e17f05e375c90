import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSearchIndex } from "../../src/index/store.ts";
import { ingestDirectory } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { buildTinyOnnxModel } from "../support/tiny-onnx-model.ts";

/** `referat doctor` run as a user runs it: a real process with a real environment. */

const run = promisify(execFile);
const repository = new URL("../../", import.meta.url).pathname;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "referat-doctor-"));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function doctor(environment: Record<string, string>, ...args: string[]) {
  const baseEnvironment = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "doctor", ...args],
      { cwd: repository, env: { ...baseEnvironment, ...environment }, timeout: 30_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("referat doctor", () => {
  it("reports an unavailable model as lexical-only retrieval, hides secrets and exits 0", async () => {
    const { meetings } = await ingestDirectory(join(repository, "data/minutes"));
    await buildSearchIndex({
      meetings,
      indexDir: join(workDir, "data-a", "index"),
      embedder: null,
      logger: createSilentLogger(),
    });
    const result = await doctor({
      MINUTES_DIR: join(repository, "data/minutes"),
      DATA_DIR: join(workDir, "data-a"),
      EMBEDDINGS_PROVIDER: "local",
      EMBEDDINGS_ALLOW_DOWNLOAD: "false",
      LLM_MODEL: "llama3.1",
      LLM_BASE_URL: "http://127.0.0.1:11434/v1",
      LLM_API_KEY: "sk-very-secret",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("retrieval: lexical only");
    expect(result.stdout).toContain(
      "unavailable: Local embedding model Xenova/multilingual-e5-small is not on disk",
    );
    expect(result.stdout).toContain("on: model llama3.1 at 127.0.0.1:11434, api key set");
    expect(result.stdout).toMatch(/2019-09-18 {2}Udsatterådet {2}\d+ items/);
    expect(result.stdout).toContain("current: matches the minutes");
    expect(result.stdout).toMatch(
      /generation \d{13}-[0-9a-f]{8}, built .*, \d+ chunks, embedder none \(lexical only\)/,
    );
    expect(result.stdout).toContain("usable: yes");
    expect(result.stdout + result.stderr).not.toContain("sk-very-secret");
  });

  it("loads a local model folder and prints the report as JSON", async () => {
    const tiny = await buildTinyOnnxModel(join(workDir, "tiny-model"));
    const result = await doctor(
      {
        MINUTES_DIR: join(repository, "data/minutes"),
        DATA_DIR: join(workDir, "data-b"),
        EMBEDDINGS_MODEL: "test/tiny-e5",
        EMBEDDINGS_MODEL_DIR: tiny.modelDir,
        EMBEDDINGS_ALLOW_DOWNLOAD: "false",
      },
      "--json",
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.embedder).toEqual({
      status: "loaded",
      id: "local:test/tiny-e5@fp32",
      dimensions: 8,
      retrieval: "hybrid",
    });
    expect(report.llm).toEqual({ enabled: false });
    expect(report.minutes.meetings.length).toBeGreaterThanOrEqual(5);
    expect(report.index.state).toBe("missing");
    expect(report.usable).toBe(true);
  });

  it("exits 1 when no minutes can be read, and on invalid configuration", async () => {
    const noMinutes = await doctor({
      MINUTES_DIR: join(workDir, "no-such-folder"),
      DATA_DIR: join(workDir, "data-c"),
      EMBEDDINGS_PROVIDER: "none",
    });
    expect(noMinutes.code).toBe(1);
    expect(noMinutes.stdout).toContain("usable: no");
    expect(noMinutes.stdout).toContain("embeddings are turned off");

    const invalid = await doctor({ EMBEDDINGS_PROVIDER: "openai" });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("EMBEDDINGS_MODEL is required");
  });
});
