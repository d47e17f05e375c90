import { join } from "node:path";
import type { Command } from "commander";
import { formatCitationLabel } from "../answer/citations.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../answer/prompts.ts";
import { createSummariseMeeting } from "../answer/summarise-meeting.ts";
import type { Language, MeetingSummary } from "../answer/types.ts";
import { loadConfig } from "../config/index.ts";
import { createMeetingCatalog, ingestDirectory } from "../minutes/index.ts";
import { AppError } from "../shared/errors.ts";
import { chatModelFrom, cliLogger, reportFailure, toPublicCitation } from "./ask.ts";

/**
 * `referat summary <meeting>`: the meeting item by item, each entry cited. `--json` prints
 * `{ meeting: { id, body, date, location }, entries: [{ number, title, text, closed, citations }],
 * mode, language, note? }`.
 */

interface SummaryCommandOptions {
  json?: boolean;
  lang: string;
}

export function registerSummaryCommand(program: Command): void {
  program
    .command("summary")
    .description("summarise a meeting item by item, citing each item")
    .argument("<meeting>", 'a meeting id, "latest", a date, or body and date')
    .option("--json", "print the summary as JSON")
    .option("--lang <language>", "da or en", "da")
    .action(async (reference: string, options: SummaryCommandOptions) => {
      try {
        await runSummary(reference, options);
      } catch (error) {
        reportFailure("summary", error);
      }
    });
}

async function runSummary(reference: string, options: SummaryCommandOptions): Promise<void> {
  if (options.lang !== "da" && options.lang !== "en") {
    throw new AppError("bad_request", `--lang must be da or en, not "${options.lang}"`);
  }
  const language: Language = options.lang;
  const config = loadConfig(process.env);
  const logger = cliLogger(config);
  const [ingested, prompts] = await Promise.all([
    ingestDirectory(config.minutesDir, { corpusFile: join(config.dataDir, "corpus.json") }),
    loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
  ]);
  for (const failure of ingested.failures) {
    logger.warn(
      { file: failure.file, code: failure.code },
      `minutes file skipped: ${failure.message}`,
    );
  }
  const summariseMeeting = createSummariseMeeting({
    catalog: createMeetingCatalog(ingested.meetings),
    chatModel: chatModelFrom(config, logger),
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
  });
  const summary = await summariseMeeting(reference, { language });
  process.stdout.write(
    options.json
      ? `${JSON.stringify(toPublicSummary(summary), null, 2)}\n`
      : formatSummary(summary),
  );
}

/** The public JSON shape of a summary: other tools read it, so extend it, never rename. */
export function toPublicSummary(summary: MeetingSummary) {
  return {
    meeting: summary.meeting,
    entries: summary.entries.map((entry) => ({
      number: entry.number,
      title: entry.title,
      text: entry.text,
      closed: entry.closed,
      citations: entry.citations.map((citation) => toPublicCitation(citation, summary)),
    })),
    mode: summary.mode,
    language: summary.language,
    ...(summary.note === undefined ? {} : { note: summary.note }),
  };
}

function formatSummary(summary: MeetingSummary): string {
  const english = summary.language === "en";
  const { meeting } = summary;
  const [year, month, day] = meeting.date.split("-");
  const lines = [
    `${meeting.body} ${day}.${month}.${year}${meeting.location ? ` · ${meeting.location}` : ""}`,
  ];
  if (summary.note) lines.push(`(${summary.note})`);
  lines.push("");
  for (const entry of summary.entries) {
    lines.push(`${english ? "Item" : "Punkt"} ${entry.number}: ${entry.title}`);
    if (entry.text) lines.push(`  ${entry.text.replace(/\n/g, "\n  ")}`);
    for (const citation of entry.citations) {
      lines.push(`  ${formatCitationLabel(citation, summary.language)} — ${citation.url}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}
