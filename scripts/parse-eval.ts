import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SPLITS, type Split } from "./parse-eval/expected-schema.ts";
import { loadExpected } from "./parse-eval/load-expected.ts";
import { type EvaluationReport, formatMarkdown, groupFigures } from "./parse-eval/report.ts";
import { runIngest } from "./parse-eval/run-ingest.ts";
import { type FileScore, scoreFile } from "./parse-eval/score.ts";

/**
 * `npx tsx scripts/parse-eval.ts [--split dev|holdout|all] [--json] [--expected-dir DIR]…`
 *
 * Runs the real `referat ingest --json` on each document that has an expected parse (alone, in a
 * fresh folder, with a fresh DATA_DIR) and compares what it reads with what the document says:
 * items found (number + title), titles, date, body, document type, case numbers, closed flags
 * and this meeting's decisions; per file, per split and per format. See scripts/parse-eval/README.md.
 */

const repoRoot = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    split: { type: "string", default: "all" },
    json: { type: "boolean", default: false },
    "expected-dir": { type: "string", multiple: true },
  },
});

const split = values.split;
if (split !== "all" && !(SPLITS as readonly string[]).includes(split)) {
  console.error(`--split must be dev, holdout or all, not "${split}"`);
  process.exit(2);
}
const expectedDirs = (values["expected-dir"] ?? ["test/fixtures/expected-parses"]).map((dir) =>
  resolve(process.cwd(), dir),
);

const expectedFiles = await loadExpected(expectedDirs, repoRoot, split as Split | "all");
if (expectedFiles.length === 0) {
  console.error(`no expected parses for split "${split}" in ${expectedDirs.join(", ")}`);
  process.exit(2);
}

const files: FileScore[] = [];
for (const { expected, path, sourcePath } of expectedFiles) {
  const ingest = await runIngest(sourcePath, repoRoot);
  files.push(scoreFile(expected, path, ingest));
  if (!values.json) process.stderr.write(".");
}
if (!values.json) process.stderr.write("\n");

const report: EvaluationReport = {
  generatedAt: new Date().toISOString(),
  commit: currentCommit(),
  split,
  expectedDirs,
  groups: groupFigures(files),
  files,
};
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatMarkdown(report));

function currentCommit(): string {
  try {
    const git = (args: string[]) =>
      execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = git(["status", "--porcelain", "--untracked-files=no"]) !== "";
    return `${git(["rev-parse", "--short", "HEAD"])}${dirty ? " (with uncommitted changes)" : ""}`;
  } catch {
    return "unknown";
  }
}
