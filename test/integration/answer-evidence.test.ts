import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadQuestions } from "../../scripts/eval/questions.ts";
import { createAnsweringPipeline } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";

const root = join(import.meta.dirname, "../..");
let dataDir: string;
let questions: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "referat-evidence-"));
  questions = (await loadQuestions(join(root, "../shared/eval/questions.jsonl"))).map((q) => q.q);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const pipeline = () =>
  createAnsweringPipeline(
    loadConfig({
      DATA_DIR: dataDir,
      MINUTES_DIR: join(root, "data/minutes"),
      LOG_LEVEL: "silent",
      EMBEDDINGS_PROVIDER: "none",
    }),
    createSilentLogger(),
  );

async function answersOf(built: Awaited<ReturnType<typeof pipeline>>) {
  const answers = [];
  for (const question of questions) answers.push(await built.answerQuestion(question));
  return answers;
}

describe("the answer stage's evidence saved beside the index", () => {
  it("is counted once, saved, and read back at the next start with the same answers", async () => {
    const first = await answersOf(await pipeline());
    const folder = join(dataDir, "index", "answer-evidence");
    const [file, ...others] = await readdir(folder);
    expect(others).toEqual([]);
    expect(file).toMatch(/\.bin$/u);

    const second = await answersOf(await pipeline());
    expect(second).toEqual(first);

    // A damaged file is not used: the stage is counted again, with the same answers.
    const path = join(folder, file ?? "");
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 7));
    const third = await answersOf(await pipeline());
    expect(third).toEqual(first);
    expect((await readFile(path)).length).toBe(bytes.length);
  }, 120_000);
});
