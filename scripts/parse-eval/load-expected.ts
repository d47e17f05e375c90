import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { type ExpectedParse, expectedParseSchema, type Split } from "./expected-schema.ts";

export interface ExpectedFile {
  /** The expected file's own path. */
  path: string;
  expected: ExpectedParse;
  /** The source document, resolved against the repository root. */
  sourcePath: string;
}

const SUFFIX = ".expected.json";

/** Every `*.expected.json` in the folders, validated; a file that does not fit the schema is an error. */
export async function loadExpected(
  directories: string[],
  repoRoot: string,
  split: Split | "all",
): Promise<ExpectedFile[]> {
  const files: ExpectedFile[] = [];
  for (const directory of directories) {
    const names = (await readdir(directory)).filter((name) => name.endsWith(SUFFIX)).sort();
    for (const name of names) {
      const path = join(directory, name);
      const result = expectedParseSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
      if (!result.success) {
        throw new Error(`${path} does not fit the expected-parse schema: ${result.error.message}`);
      }
      const expected = result.data;
      if (split !== "all" && expected.split !== split) continue;
      const sourcePath = isAbsolute(expected.source)
        ? expected.source
        : resolve(repoRoot, expected.source);
      files.push({ path, expected, sourcePath });
    }
  }
  return files;
}
