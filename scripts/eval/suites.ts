import { readFile } from "node:fs/promises";
import { z } from "zod";
import { type EvalQuestion, loadQuestions } from "./questions.ts";

/**
 * The evaluation as a whole (test/fixtures/eval/suites.json): each suite is a minutes folder
 * (null: the configured MINUTES_DIR, the bundled samples) and the question files asked of it,
 * each file in a part: `dev`, the questions tuned with, or `held`, the ones kept aside to measure
 * on. Paths are relative to the working directory, as `npm run eval` runs from the checkout.
 */

export const DEFAULT_SUITES_FILE = "test/fixtures/eval/suites.json";

export const evalPartSchema = z.enum(["dev", "held"]);
export type EvalPart = z.infer<typeof evalPartSchema>;

const suitesFileSchema = z.object({
  suites: z.array(
    z.object({
      name: z.string().min(1),
      minutes: z.string().min(1).nullable(),
      questions: z.array(z.object({ file: z.string().min(1), part: evalPartSchema })).min(1),
    }),
  ),
});

export interface PartQuestion extends EvalQuestion {
  part: EvalPart;
}

export interface EvalSuite {
  name: string;
  /** undefined: the configured minutes folder. */
  minutesDir: string | undefined;
  questions: PartQuestion[];
}

export async function loadSuites(path: string = DEFAULT_SUITES_FILE): Promise<EvalSuite[]> {
  const parsed = suitesFileSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  const suites: EvalSuite[] = [];
  const seen = new Set<string>();
  for (const suite of parsed.data.suites) {
    const questions: PartQuestion[] = [];
    for (const { file, part } of suite.questions) {
      for (const question of await loadQuestions(file)) {
        const key = `${suite.name}/${question.id}`;
        if (seen.has(key)) throw new Error(`${file}: question id ${question.id} is used twice`);
        seen.add(key);
        questions.push({ ...question, part });
      }
    }
    suites.push({ name: suite.name, minutesDir: suite.minutes ?? undefined, questions });
  }
  return suites;
}
