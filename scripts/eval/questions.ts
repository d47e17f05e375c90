import { readFile } from "node:fs/promises";
import { z } from "zod";

/** The evaluation set: one JSON object a line (see ../shared/eval/README.md). */

export const evalQuestionSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(["da", "en"]),
  q: z.string().min(1),
  expect: z.array(
    z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), title: z.string().min(1) }),
  ),
  must: z.array(z.string()),
  /** What the question asks for, for per-kind figures; optional. */
  kind: z
    .enum(["decision", "amount", "count", "who", "when", "vote", "closed", "fact", "unanswerable"])
    .optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Reads and validates a questions file; a bad line is reported with its number. */
export async function loadQuestions(path: string): Promise<EvalQuestion[]> {
  const text = await readFile(path, "utf8");
  const questions: EvalQuestion[] = [];
  text.split(/\r?\n/u).forEach((line, index) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = evalQuestionSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${path}:${index + 1}: ${z.prettifyError(parsed.error)}`);
    }
    questions.push(parsed.data);
  });
  return questions;
}
