import type { Command } from "commander";
import type { RetrievedItem, SearchFilters } from "../answer/types.ts";
import { loadConfig } from "../config/index.ts";
import { createMeetingCatalog } from "../minutes/index.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import { createLogger } from "../shared/logger.ts";
import { loadRetriever } from "./load-retriever.ts";

/**
 * `referat search "<query>"`: the ranked agenda items retrieval finds, with scores and the legs
 * (lexical/dense) that found them. `--json` prints
 * `{ results: [{ meeting: { id, body, date }, item: { number, title }, section, score, legs }] }`.
 */

interface SearchCommandOptions {
  json?: boolean;
  body?: string;
  meeting?: string;
  from?: string;
  to?: string;
  limit: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LIMIT = 100;
const SNIPPET_LENGTH = 160;

export function registerSearchCommand(program: Command): void {
  program
    .command("search")
    .description("rank the agenda items that match a query (lexical and, when available, dense)")
    .argument("<query>", "what to look for, in Danish or English")
    .option("--json", "print the results as JSON")
    .option("--body <body>", "only meetings of this body (name or part of it)")
    .option("--meeting <meeting>", "only this meeting: its id, a date, or body and date")
    .option("--from <date>", "only meetings on or after this date (YYYY-MM-DD)")
    .option("--to <date>", "only meetings on or before this date (YYYY-MM-DD)")
    .option("--limit <n>", `how many items (1-${MAX_LIMIT})`, "10")
    .action(async (query: string, options: SearchCommandOptions) => {
      try {
        await runSearch(query, options);
      } catch (error) {
        const code = isAppError(error) ? error.code : "unexpected";
        process.stderr.write(
          `referat search: [${code}] ${isAppError(error) ? error.message : describeError(error)}\n`,
        );
        process.exitCode = 1;
      }
    });
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
  for (const [flag, value] of [
    ["--from", options.from],
    ["--to", options.to],
  ] as const) {
    if (value !== undefined && !ISO_DATE.test(value)) {
      throw new AppError(
        "bad_request",
        `${flag} must be a date written YYYY-MM-DD, not "${value}"`,
      );
    }
  }

  const config = loadConfig(process.env);
  // Progress lines would bury the results; warnings (no embedder, skipped files) still show.
  const logger = createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : "warn" });
  const loaded = await loadRetriever(config, logger);

  const filters: SearchFilters = {};
  if (options.body) filters.body = options.body;
  if (options.from) filters.from = options.from;
  if (options.to) filters.to = options.to;
  if (options.meeting) {
    const meeting = createMeetingCatalog(loaded.meetings).resolve(options.meeting);
    if (!meeting) {
      throw new AppError("meeting_not_found", `no meeting matches --meeting "${options.meeting}"`);
    }
    filters.meetingId = meeting.id;
  }

  const results = await loaded.retriever.retrieve(query, { filters, limit });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ results: results.map(toPublicResult) }, null, 2)}\n`);
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
    const [year, month, day] = meeting.date.split("-");
    const section = result.passages[0]?.sectionHeading;
    console.log(
      `${String(index + 1).padStart(2)}. ${result.score.toFixed(3)}  [${result.legs.join("+")}]  ${meeting.body} ${day}.${month}.${year} · Punkt ${item.number}: ${item.title}${section ? ` › ${section}` : ""}`,
    );
    const snippet = result.passages[0]?.text.replace(/\s+/gu, " ").trim();
    if (snippet) {
      console.log(
        `      ${snippet.length > SNIPPET_LENGTH ? `${snippet.slice(0, SNIPPET_LENGTH)}…` : snippet}`,
      );
    }
  });
}

/** The public JSON shape of a result: other tools read it, so extend it, never rename. */
export function toPublicResult(result: RetrievedItem) {
  return {
    meeting: { id: result.meeting.id, body: result.meeting.body, date: result.meeting.date },
    item: { number: result.item.number, title: result.item.title },
    section: result.passages[0]?.sectionHeading ?? "",
    score: result.score,
    legs: result.legs,
  };
}
