import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { documentCases, questionCases } from "./hostile-inputs/cases.ts";
import type { CaseFigures, Group } from "./hostile-inputs/measure.ts";

const USAGE = `npx tsx scripts/hostile-inputs.ts [flags]

How long the analysis of worst-case input takes: questions of up to 2,000 characters (one
2,000-letter word, 2,000 one-letter words, repeated compounds, random Unicode, digit runs, …)
through the query analyser, the question's intent and concepts and the whole extractive answer;
and minutes files holding a 200,000-character word, space run or markup run through the parser,
chunking, the index analyser and markup stripping. Each group runs in a process of its own; a
case that takes longer than the time-out is reported as such and the next case goes on.

  --timeout-seconds 60     per case
  --question-length 2000   characters of each question
  --document-length 200000 characters of each hostile run in a minutes file
  --only question|document one group
  --json                   print the figures as JSON
`;

const { values } = parseArgs({
  options: {
    "timeout-seconds": { type: "string", default: "60" },
    "question-length": { type: "string", default: "2000" },
    "document-length": { type: "string", default: "200000" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const MEASURE = join(import.meta.dirname, "hostile-inputs", "measure.ts");
const timeoutMs = Number(values["timeout-seconds"]) * 1000;
const lengths: Record<Group, number> = {
  question: Number(values["question-length"]),
  document: Number(values["document-length"]),
};

interface Row {
  group: Group;
  name: string;
  length: number;
  ms: Record<string, number>;
  outcome: string;
}

/** Runs the group's cases from `from` on in a child; resolves with the figures and where it stopped. */
function runFrom(group: Group, from: number): Promise<{ rows: Row[]; stoppedAt?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--stack-size=984", MEASURE, group, String(from), String(lengths[group])],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const rows: Row[] = [];
    let current: string | undefined;
    let buffered = "";
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs + 30_000);
    };
    arm();
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (data: string) => {
      buffered += data;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        const message = JSON.parse(line) as { starting?: string; figures?: CaseFigures };
        if (message.starting !== undefined) {
          current = message.starting;
          clearTimeout(timer);
          timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        }
        if (message.figures) {
          rows.push(message.figures);
          current = undefined;
          arm();
        }
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (current !== undefined) resolve({ rows, stoppedAt: current });
      else if (code === 0) resolve({ rows });
      else reject(new Error(`${group} measurement stopped (${signal ?? code}) between cases`));
    });
  });
}

async function measure(group: Group): Promise<Row[]> {
  const names = (group === "question" ? questionCases : documentCases)(lengths[group]).map(
    (entry) => entry.name,
  );
  const rows: Row[] = [];
  let from = 0;
  while (from < names.length) {
    const run = await runFrom(group, from);
    rows.push(...run.rows);
    from += run.rows.length;
    if (run.stoppedAt === undefined) break;
    const name = run.stoppedAt;
    const cases = (group === "question" ? questionCases : documentCases)(lengths[group]);
    const length = cases.find((entry) => entry.name === name)?.text.length ?? 0;
    rows.push({
      group,
      name,
      length,
      ms: {},
      outcome: `timed out or crashed (> ${timeoutMs / 1000} s)`,
    });
    from += 1;
  }
  return rows;
}

function table(rows: Row[], stages: string[]): string {
  const header = ["case", "chars", ...stages.map((stage) => `${stage} ms`), "outcome"];
  const body = rows.map((row) => [
    row.name,
    String(row.length),
    ...stages.map((stage) => (row.ms[stage] === undefined ? "–" : String(row.ms[stage]))),
    row.outcome,
  ]);
  return [header, header.map(() => "---"), ...body]
    .map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
}

const groups: Group[] = values.only ? [values.only as Group] : ["question", "document"];
const results: Row[] = [];
for (const group of groups) results.push(...(await measure(group)));

if (values.json) console.log(JSON.stringify(results, null, 2));
else {
  const questions = results.filter((row) => row.group === "question");
  const documents = results.filter((row) => row.group === "document");
  if (questions.length > 0) {
    console.log(
      `## Questions of ${lengths.question} characters (analysis = queryTerms + intent + concepts)\n`,
    );
    console.log(table(questions, ["queryTerms", "intent", "concepts", "analysis", "answer"]));
    const worst = Math.max(...questions.map((row) => row.ms.analysis ?? Number.POSITIVE_INFINITY));
    console.log(`\nworst analysis: ${worst} ms\n`);
  }
  if (documents.length > 0) {
    console.log(`## Minutes files with a hostile run of ${lengths.document} characters\n`);
    console.log(table(documents, ["parse", "chunk", "learn", "indexTerms", "markup"]));
  }
}
