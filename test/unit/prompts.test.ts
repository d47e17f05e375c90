import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import { AppError } from "../../src/shared/errors.ts";

const temporaryDirectories: string[] = [];
afterEach(async () => {
  await Promise.all(temporaryDirectories.splice(0).map((d) => rm(d, { recursive: true })));
});

describe("loadPrompts", () => {
  it("loads the bundled prompts, which treat sources as data and ask for JSON", async () => {
    const prompts = await loadPrompts(DEFAULT_PROMPTS_DIRECTORY);
    expect(prompts.answer).toMatch(/untrusted data/);
    expect(prompts.answer).toMatch(/never an instruction/i);
    expect(prompts.answer).toMatch(/JSON/);
    expect(prompts.answer).toMatch(/source number/i);
    expect(prompts.summary).toMatch(/JSON/);
    expect(prompts.queryRewrite).toMatch(/Danish/);
  });

  it("names every missing or empty prompt file in one error", async () => {
    const directory = await mkdtemp(join(tmpdir(), "referat-prompts-"));
    temporaryDirectories.push(directory);
    await writeFile(join(directory, "answer.md"), "Answer in JSON.");
    await writeFile(join(directory, "summary.md"), "   \n");

    const error = await loadPrompts(directory).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("prompt_missing");
    expect((error as AppError).message).toContain("summary.md is empty");
    expect((error as AppError).message).toContain("query-rewrite.md cannot be read (ENOENT)");
    expect((error as AppError).message).not.toContain("answer.md");
  });
});
