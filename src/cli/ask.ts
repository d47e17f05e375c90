import type { Command } from "commander";
import { formatCitationLabel } from "../answer/citations.ts";
import type { Answer, Citation } from "../answer/types.ts";
import { createAnsweringPipeline } from "../app.ts";
import { loadConfig } from "../config/index.ts";
import { UNRESTRICTED_VIEWER } from "../minutes/visibility.ts";
import { AppError } from "../shared/errors.ts";
import {
  addFilterOptions,
  checkFilterDates,
  cliLogger,
  type FilterFlags,
  readFilters,
  reportingFailures,
} from "./command-support.ts";

/**
 * `referat ask "<question>"`: the answer with its citations. `--json` prints
 * `{ text, mode, abstained, citations: [{ meetingId, body, date, number, title, section, quote,
 * url, label, closed }], language, related, note? }`.
 */

interface AskCommandOptions extends FilterFlags {
  json?: boolean;
}

export function registerAskCommand(program: Command): void {
  addFilterOptions(
    program
      .command("ask")
      .description("answer a question from the minutes, citing the agenda items")
      .argument("<question>", "the question, in Danish or English")
      .option("--json", "print the answer as JSON"),
  ).action(reportingFailures("ask", runAsk));
}

async function runAsk(question: string, options: AskCommandOptions): Promise<void> {
  if (question.trim() === "") throw new AppError("bad_request", "the question is empty");
  checkFilterDates(options);
  const config = loadConfig(process.env);
  const pipeline = await createAnsweringPipeline(config, cliLogger(config));
  const answer = await pipeline.answerQuestion(question, {
    filters: readFilters(options, pipeline.catalog),
    // The operator at the command line reads DATA_DIR anyway: every meeting, internal ones too.
    viewer: UNRESTRICTED_VIEWER,
  });
  process.stdout.write(
    options.json ? `${JSON.stringify(toPublicAnswer(answer), null, 2)}\n` : formatAnswer(answer),
  );
}

/** The public JSON shape of an answer: other tools read it, so extend it, never rename. */
export function toPublicAnswer(answer: Answer) {
  return {
    text: answer.text,
    mode: answer.mode,
    abstained: answer.abstained,
    citations: answer.citations.map((citation) => toPublicCitation(citation, answer)),
    language: answer.language,
    related: answer.related.map((citation) => toPublicCitation(citation, answer)),
    ...(answer.note === undefined ? {} : { note: answer.note }),
  };
}

export function toPublicCitation(citation: Citation, context: { language: Answer["language"] }) {
  return {
    meetingId: citation.meetingId,
    body: citation.body,
    date: citation.date,
    number: citation.number,
    title: citation.title,
    section: citation.section,
    quote: citation.quote,
    url: citation.url,
    label: formatCitationLabel(citation, context.language),
    closed: citation.closed,
  };
}

function formatAnswer(answer: Answer): string {
  const english = answer.language === "en";
  const lines: string[] = [];
  if (answer.note) lines.push(`(${answer.note})`, "");
  lines.push(answer.text, "");
  if (answer.citations.length > 0) {
    lines.push(english ? "Sources:" : "Kilder:");
    answer.citations.forEach((citation, index) => {
      lines.push(...formatCitation(citation, `[${index + 1}]`, answer.language));
    });
  }
  if (answer.related.length > 0) {
    lines.push(english ? "Maybe related:" : "Måske relateret:");
    for (const citation of answer.related)
      lines.push(...formatCitation(citation, "-", answer.language));
  }
  return `${lines.join("\n")}\n`;
}

function formatCitation(
  citation: Citation,
  marker: string,
  language: Answer["language"],
): string[] {
  const lines = [`${marker} ${formatCitationLabel(citation, language)}`, `    ${citation.url}`];
  if (citation.quote) lines.push(`    «${citation.quote}»`);
  return lines;
}
