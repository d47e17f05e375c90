import type { Command } from "commander";
import { toPublicSearchResult } from "../answer/public-search-result.ts";
import { loadRetriever } from "../app.ts";
import { loadConfig } from "../config/index.ts";
import { formatDanishDate } from "../minutes/dates.ts";
import { createMeetingCatalog } from "../minutes/index.ts";
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
 * `referat search "<query>"`: the ranked agenda items retrieval finds, with scores and the legs
 * (lexical/dense) that found them. `--json` prints
 * `{ results: [{ meeting: { id, body, date }, item: { number, title }, section, score, legs }] }`.
 */

interface SearchCommandOptions extends FilterFlags {
  json?: boolean;
  limit: string;
}

const MAX_LIMIT = 100;
const SNIPPET_LENGTH = 160;

export function registerSearchCommand(program: Command): void {
  addFilterOptions(
    program
      .command("search")
      .description("rank the agenda items that match a query (lexical and, when available, dense)")
      .argument("<query>", "what to look for, in Danish or English")
      .option("--json", "print the results as JSON"),
  )
    .option("--limit <n>", `how many items (1-${MAX_LIMIT})`, "10")
    .action(reportingFailures("search", runSearch));
}

async function runSearch(query: string, options: SearchCommandOptions): Promise<void> {
  if (query.trim() === "") throw new AppError("bad_request", "the query is empty");
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new AppError(
      "bad_request",
      `--limit must be a whole number from 1 to ${MAX_LIMIT}, not "${options.limit}"`,
    );
  }
  checkFilterDates(options);

  const config = loadConfig(process.env);
  const loaded = await loadRetriever(config, cliLogger(config));
  const filters = readFilters(options, createMeetingCatalog(loaded.meetings));

  const results = await loaded.retriever.retrieve(query, {
    filters,
    limit,
    viewer: UNRESTRICTED_VIEWER,
  });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ results: results.map(toPublicSearchResult) }, null, 2)}\n`,
    );
    return;
  }
  const status = loaded.retriever.status();
  console.log(
    status.dense
      ? `retrieval: hybrid (lexical + dense, ${status.embedderId})`
      : `retrieval: lexical only (dense off: ${status.denseReason})`,
  );
  if (results.length === 0) {
    console.log("No matching agenda items.");
    return;
  }
  results.forEach((result, index) => {
    const { meeting, item } = result;
    const section = result.passages[0]?.sectionHeading;
    console.log(
      `${String(index + 1).padStart(2)}. ${result.score.toFixed(3)}  [${result.legs.join("+")}]  ${meeting.body} ${formatDanishDate(meeting.date)} · Punkt ${item.number}: ${item.title}${section ? ` › ${section}` : ""}`,
    );
    const snippet = result.passages[0]?.text.replace(/\s+/gu, " ").trim();
    if (snippet) {
      console.log(
        `      ${snippet.length > SNIPPET_LENGTH ? `${snippet.slice(0, SNIPPET_LENGTH)}…` : snippet}`,
      );
    }
  });
}
