import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalQuestion } from "../../scripts/eval/questions.ts";
import type { Evaluation, PartFigures } from "../../scripts/eval/summary.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

/** Answerable from the bundled minutes (data/minutes), one of them in English, and one not. */
const DEV: EvalQuestion[] = [
  {
    id: "act",
    lang: "da",
    q: "Hvem udpegede Udsatterådet til styregruppen for ACT-indsatsen?",
    expect: [{ date: "2019-09-18", title: "ACT" }],
    must: ["Henrik Juncher"],
    kind: "who",
  },
  {
    id: "sosu",
    lang: "en",
    q: "How much did the SoSu pre-course cost?",
    expect: [{ date: "2020-01-14", title: "SoSu" }],
    must: ["392.000"],
    kind: "amount",
  },
  {
    id: "ice-rink",
    lang: "da",
    q: "Hvad blev der besluttet om en ny skøjtehal ved stadion?",
    expect: [],
    must: [],
    kind: "unanswerable",
  },
];

/** One easy question, and one whose expected item no minutes hold: the eval must count it a miss. */
const HELD: EvalQuestion[] = [
  {
    id: "vote",
    lang: "en",
    q: "Who voted against the briefing on unemployment in January 2020?",
    expect: [{ date: "2020-01-14", title: "Ledighed" }],
    must: ["Nick Zimmermann"],
    kind: "vote",
  },
  {
    id: "phantom",
    lang: "da",
    q: "Hvem blev medlem af styregruppen for ACT-indsatsen?",
    expect: [{ date: "2019-09-18", title: "Kunstgræsbane" }],
    must: ["Henrik Juncher"],
    kind: "who",
  },
];

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "referat-eval-test-"));
  await writeFile(join(scratch, "dev.jsonl"), jsonLines(DEV));
  await writeFile(join(scratch, "held.jsonl"), jsonLines(HELD));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function jsonLines(questions: EvalQuestion[]): string {
  return `${questions.map((question) => JSON.stringify(question)).join("\n")}\n`;
}

async function writeSuites(name: string, questions: { file: string; part: string }[]) {
  const path = join(scratch, name);
  const suites = { suites: [{ name: "samples", minutes: "data/minutes", questions }] };
  await writeFile(path, JSON.stringify(suites));
  return path;
}

/** The script as `npm run eval -- --json --suites FILE` runs it, lexical only, in a fresh DATA_DIR. */
async function evaluate(suitesFile: string) {
  return run(tsx, [join(root, "scripts/eval.ts"), "--json", "--suites", suitesFile], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TMPDIR: scratch,
      EMBEDDINGS_PROVIDER: "none",
      LEXICONS: "false",
      DATA_DIR: await mkdtemp(join(scratch, "data-")),
    },
    timeout: 60_000,
  });
}

/** How the script failed (exit code, stderr); undefined when it succeeded. */
async function failureOf(suitesFile: string) {
  return evaluate(suitesFile).then(
    () => undefined,
    (error: { code?: number; stderr?: string }) => error,
  );
}

function partOf(evaluation: Evaluation, part: PartFigures["part"]): PartFigures {
  const found = evaluation.parts.find((candidate) => candidate.part === part);
  if (!found) throw new Error(`no part ${part}`);
  return found;
}

function pipeline<T extends { pipeline: string }>(rows: T[], name: string): T {
  const found = rows.find((row) => row.pipeline === name);
  if (!found) throw new Error(`no pipeline ${name}`);
  return found;
}

describe("scripts/eval.ts", () => {
  it("scores a suite of the bundled minutes per part, pipeline and language", async () => {
    const suitesFile = await writeSuites("suites.json", [
      { file: join(scratch, "dev.jsonl"), part: "dev" },
      { file: join(scratch, "held.jsonl"), part: "held" },
    ]);

    const { stdout } = await evaluate(suitesFile);
    const evaluation = JSON.parse(stdout) as Evaluation;

    expect(evaluation.suites).toEqual([
      {
        suite: "samples",
        meetings: 5,
        chunks: expect.any(Number),
        dense: { off: expect.stringContaining("none") },
      },
    ]);
    expect(evaluation.parts.map((part) => part.part)).toEqual(["dev", "held"]);

    const dev = partOf(evaluation, "dev");
    expect(dev).toMatchObject({ questions: 3, english: 1, unanswerable: 1, misses: [] });
    // No embedder: no hybrid pipeline, and the baseline beside the lexical one.
    expect(dev.retrieval.map((row) => row.pipeline)).toEqual(["lexical", "plain-bm25"]);
    expect(dev.answers.map((row) => row.pipeline)).toEqual(["lexical"]);
    const easy = { questions: 1, recallAt1: 1, recallAt5: 1, mrr: 1 };
    expect(pipeline(dev.retrieval, "lexical").scores).toEqual({
      da: easy,
      en: easy,
      overall: { ...easy, questions: 2 },
    });
    expect(pipeline(dev.retrieval, "plain-bm25").scores.overall).toMatchObject({
      questions: 2,
      recallAt5: 1,
    });
    const answers = pipeline(dev.answers, "lexical").scores;
    expect(answers.da).toEqual({
      answerable: 1,
      unanswerable: 1,
      mustHitRate: 1,
      citations: 1,
      citationPrecision: 1,
      abstentionRate: 1,
      falseAbstentions: 0,
      answeredRate: 1,
    });
    expect(answers.en).toMatchObject({
      answerable: 1,
      unanswerable: 0,
      mustHitRate: 1,
      citationPrecision: 1,
      falseAbstentions: 0,
      answeredRate: 1,
    });
    expect(answers.overall).toMatchObject({
      answerable: 2,
      unanswerable: 1,
      mustHitRate: 1,
      abstentionRate: 1,
      falseAbstentions: 0,
      answeredRate: 1,
      citationPrecision: 1,
    });

    // The question whose expected item does not exist is a miss for every retriever.
    const held = partOf(evaluation, "held");
    expect(held).toMatchObject({ questions: 2, english: 1, unanswerable: 0 });
    for (const name of ["lexical", "plain-bm25"]) {
      const { scores } = pipeline(held.retrieval, name);
      expect(scores.da).toEqual({ questions: 1, recallAt1: 0, recallAt5: 0, mrr: 0 });
      expect(scores.en).toEqual(easy);
      expect(scores.overall).toMatchObject({ questions: 2, recallAt5: 0.5 });
      expect(held.misses).toContainEqual(
        expect.stringMatching(new RegExp(`^retrieval ${name} samples/phantom \\(da\\): rank —`)),
      );
    }
    const heldAnswers = pipeline(held.answers, "lexical").scores;
    expect(heldAnswers.da.citationPrecision).toBe(0);
    expect(heldAnswers.en).toMatchObject({ mustHitRate: 1, citationPrecision: 1 });
    expect(held.misses).toContainEqual(
      expect.stringMatching(/^answer lexical samples\/phantom \(da, who\): .*citations off/),
    );
    expect(held.misses.filter((miss) => miss.includes("samples/vote"))).toEqual([]);

    const lexical = evaluation.results[0]?.retrieval.find((report) => report.name === "lexical");
    expect(lexical?.questions.find((row) => row.id === "phantom")?.rank).toBeNull();
  }, 60_000);

  it("refuses a suites file with an unknown part, naming the file", async () => {
    const suitesFile = await writeSuites("bad-part.json", [
      { file: join(scratch, "dev.jsonl"), part: "tuning" },
    ]);

    const failure = await failureOf(suitesFile);

    expect(failure?.code).not.toBe(0);
    expect(failure?.code).toBeDefined();
    expect(failure?.stderr).toContain(`${suitesFile}:`);
    expect(failure?.stderr).toMatch(/questions\[0\]\.part/);
  });

  it("refuses a question id used twice in a suite, naming the questions file", async () => {
    const questionsFile = join(scratch, "dev.jsonl");
    const suitesFile = await writeSuites("duplicate-id.json", [
      { file: questionsFile, part: "dev" },
      { file: questionsFile, part: "held" },
    ]);

    const failure = await failureOf(suitesFile);

    expect(failure?.code).toBeDefined();
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain(`${questionsFile}: question id act is used twice`);
  });
});
