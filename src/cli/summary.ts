import type { Command } from "commander";
import { formatCitationLabel } from "../answer/citations.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../answer/prompts.ts";
import { createSummariseMeeting } from "../answer/summarise-meeting.ts";
import type { Language, MeetingSummary } from "../answer/types.ts";
import { createChatModel, ingestMinutes } from "../app.ts";
import { loadConfig } from "../config/index.ts";
import { formatDanishDate } from "../minutes/dates.ts";
import { createMeetingCatalog } from "../minutes/index.ts";
import { UNRESTRICTED_VIEWER } from "../minutes/visibility.ts";
import { AppError } from "../shared/errors.ts";
import { toPublicCitation } from "./ask.ts";
import { cliLogger, reportingFailures } from "./command-support.ts";

/**
 * `referat summary <meeting>`: the meeting item by item, each entry cited. `--json` prints
 * `{ meeting: { id, body, date, location }, entries: [{ number, title, text, closed, citations,
 * parts? }], mode, language, note?, quotesNote? }`; `parts` are the quotes an extractive entry is
 * made of, `[{ kind: "decision" | "gist", label, text }]`, `parts[i]` from `citations[i]`.
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
    .action(reportingFailures("summary", runSummary));
}

async function runSummary(reference: string, options: SummaryCommandOptions): Promise<void> {
  if (options.lang !== "da" && options.lang !== "en") {
    throw new AppError("bad_request", `--lang must be da or en, not "${options.lang}"`);
  }
  const language: Language = options.lang;
  const config = loadConfig(process.env);
  const logger = cliLogger(config);
  // A summary needs the meetings, not the search index: skip building it.
  const [{ meetings }, prompts] = await Promise.all([
    ingestMinutes(config, logger),
    loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
  ]);
  const summariseMeeting = createSummariseMeeting({
    catalog: createMeetingCatalog(meetings),
    chatModel: createChatModel(config, logger),
    prompts,
    publicBaseUrl: config.http.publicBaseUrl,
    logger,
  });
  const summary = await summariseMeeting(reference, {
    language,
    viewer: UNRESTRICTED_VIEWER,
  });
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
      ...(entry.parts === undefined ? {} : { parts: entry.parts }),
    })),
    mode: summary.mode,
    language: summary.language,
    ...(summary.note === undefined ? {} : { note: summary.note }),
    ...(summary.quotesNote === undefined ? {} : { quotesNote: summary.quotesNote }),
  };
}

function formatSummary(summary: MeetingSummary): string {
  const english = summary.language === "en";
  const { meeting } = summary;
  const lines = [
    `${meeting.body} ${formatDanishDate(meeting.date)}${meeting.location ? ` · ${meeting.location}` : ""}`,
  ];
  if (summary.quotesNote) lines.push(summary.quotesNote);
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
