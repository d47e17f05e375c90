import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExpectedMeeting } from "../../scripts/parse-eval/expected-schema.ts";
import type { EvaluationReport } from "../../scripts/parse-eval/report.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const expectedParses = join(root, "test/fixtures/expected-parses");
const SAMPLES = [
  "randers_udsatteraadet_2019-09-18.txt.expected.json",
  "region-midtjylland_hmu-socialomraadet_2022-04-20.txt.expected.json",
];

// The script's temp folders go here (TMPDIR), so the test can prove they are removed.
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "referat-parse-eval-test-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function evaluate(expectedDir: string): Promise<EvaluationReport> {
  const { stdout } = await run(
    tsx,
    [join(root, "scripts/parse-eval.ts"), "--json", "--expected-dir", expectedDir],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: scratch },
      timeout: 120_000,
    },
  );
  return JSON.parse(stdout) as EvaluationReport;
}

async function folder(name: string): Promise<string> {
  const path = join(scratch, name);
  await mkdir(path);
  return path;
}

async function readExpected(name: string): Promise<ExpectedMeeting> {
  return JSON.parse(await readFile(join(expectedParses, name), "utf8")) as ExpectedMeeting;
}

function group(report: EvaluationReport, name: string) {
  const found = report.groups.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no group ${name}`);
  return found;
}

describe("scripts/parse-eval.ts", () => {
  it("reports recall and precision 1.0 for bundled samples whose expected parse is right", async () => {
    const dir = await folder("right");
    for (const name of SAMPLES) await copyFile(join(expectedParses, name), join(dir, name));

    const report = await evaluate(dir);

    expect(report.files.map((file) => file.file)).toEqual([
      "randers_udsatteraadet_2019-09-18.txt",
      "region-midtjylland_hmu-socialomraadet_2022-04-20.txt",
    ]);
    const all = group(report, "all");
    expect(all.counts.expectedItems).toBe(9 + 14);
    expect(all.recall).toBe(1);
    expect(all.precision).toBe(1);
    expect(all.counts.decision).toEqual({ scored: 23, correct: 23 });
    expect(all.counts.body).toEqual({ scored: 2, correct: 2 });
    expect(all.counts.date).toEqual({ scored: 2, correct: 2 });
    expect(group(report, "dev / txt").recall).toBe(1);
    for (const file of report.files) {
      expect(file.error).toBeNull();
      expect(file.meetings).toBe(1);
      expect(file.counts.matched).toBe(file.counts.expectedItems);
    }
    const leftovers = (await readdir(scratch)).filter((name) =>
      name.startsWith("referat-parse-eval-"),
    );
    expect(leftovers).toEqual([]);
  }, 180_000);

  it("reports lower figures for a wrong expected parse, and an ingest failure as zero items", async () => {
    const dir = await folder("wrong");
    const expected = await readExpected(SAMPLES[0] ?? "");
    const wrong = structuredClone(expected);
    const byNumber = (number: number) => {
      const item = wrong.items.find((candidate) => candidate.number === number);
      if (!item) throw new Error(`no item ${number}`);
      return item;
    };
    byNumber(31).title = "Høring af et helt andet udkast";
    byNumber(32).number = 99;
    byNumber(33).decision = "Forkastet";
    await writeFile(join(dir, "wrong.expected.json"), JSON.stringify(wrong));

    // An empty file: no reader can make a meeting of it, whatever the pipeline.
    const unreadable = join(scratch, "empty.txt");
    await writeFile(unreadable, "");
    const failing: ExpectedMeeting = {
      source: unreadable,
      split: "holdout",
      complete: true,
      meeting: { date: "2020-01-01", body: ["Udvalget"], documentType: "referat", itemCount: 1 },
      items: [{ number: 1, title: "Et punkt", caseNumber: null, closed: false, decision: null }],
      notes: "written by the test: a file the parser cannot read",
    };
    await writeFile(join(dir, "failing.expected.json"), JSON.stringify(failing));

    const report = await evaluate(dir);

    const wrongFile = report.files.find((file) =>
      file.expectedPath.endsWith("wrong.expected.json"),
    );
    expect(wrongFile?.counts).toMatchObject({
      expectedItems: 9,
      parsedItems: 9,
      matched: 7,
      numberMatched: 8,
      numberOnly: 1,
      decision: { scored: 7, correct: 6 },
    });
    expect(wrongFile?.items.find((item) => item.number === 99)?.match).toBe("missing");
    expect(wrongFile?.extraItems).toEqual([
      { number: 32, title: "Medlem til styregruppen for ACT-indsatsen" },
    ]);

    const failingFile = report.files.find((file) =>
      file.expectedPath.endsWith("failing.expected.json"),
    );
    expect(failingFile?.error).toEqual(expect.any(String));
    expect(failingFile?.meetings).toBe(0);
    expect(failingFile?.counts).toMatchObject({ parsedItems: 0, matched: 0 });
    expect(failingFile?.counts.meetingsFound).toEqual({ scored: 1, correct: 0 });

    expect(group(report, "dev").recall).toBeCloseTo(7 / 9, 3);
    expect(group(report, "holdout").recall).toBe(0);
    expect(group(report, "all").recall).toBeLessThan(1);
  }, 180_000);
});
