import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../shared/errors.ts";
import { packagePath } from "../shared/package-root.ts";

/** The system prompts, read once at start from prompts/*.md. */
export interface Prompts {
  answer: string;
  summary: string;
  queryRewrite: string;
}

/** The prompts/ folder of this checkout. */
export const DEFAULT_PROMPTS_DIRECTORY = packagePath("prompts");

const PROMPT_FILES: Record<keyof Prompts, string> = {
  answer: "answer.md",
  summary: "summary.md",
  queryRewrite: "query-rewrite.md",
};

/** Reads every prompt; throws AppError("prompt_missing") naming each missing or empty file. */
export async function loadPrompts(directory: string): Promise<Prompts> {
  const entries = Object.entries(PROMPT_FILES) as [keyof Prompts, string][];
  const problems: string[] = [];
  const loaded = await Promise.all(
    entries.map(async ([name, file]) => {
      const path = join(directory, file);
      try {
        const text = (await readFile(path, "utf8")).trim();
        if (text === "") problems.push(`${path} is empty`);
        return [name, text] as const;
      } catch (error) {
        problems.push(
          `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        );
        return [name, ""] as const;
      }
    }),
  );
  if (problems.length > 0) {
    throw new AppError("prompt_missing", `Prompt files are missing: ${problems.join("; ")}`);
  }
  return Object.fromEntries(loaded) as unknown as Prompts;
}
