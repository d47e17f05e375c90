import type { Command } from "commander";
import type { SearchFilters } from "../answer/types.ts";
import type { Config } from "../config/index.ts";
import type { MeetingCatalog } from "../minutes/index.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import { createLogger, type Logger } from "../shared/logger.ts";

/** What the `search` and `ask` commands share: filter flags, quiet logging, failure reports. */

export interface FilterFlags {
  body?: string;
  meeting?: string;
  from?: string;
  to?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function addFilterOptions(command: Command): Command {
  return command
    .option("--body <body>", "only meetings of this body (name or part of it)")
    .option("--meeting <meeting>", "only this meeting: its id, a date, or body and date")
    .option("--from <date>", "only meetings on or after this date (YYYY-MM-DD)")
    .option("--to <date>", "only meetings on or before this date (YYYY-MM-DD)");
}

/** Checks the date flags before anything is loaded, so a typo fails at once. */
export function checkFilterDates(flags: FilterFlags): void {
  for (const [flag, value] of [
    ["--from", flags.from],
    ["--to", flags.to],
  ] as const) {
    if (value !== undefined && !ISO_DATE.test(value)) {
      throw new AppError(
        "bad_request",
        `${flag} must be a date written YYYY-MM-DD, not "${value}"`,
      );
    }
  }
}

export function readFilters(flags: FilterFlags, catalog: MeetingCatalog): SearchFilters {
  const filters: SearchFilters = {};
  if (flags.body) filters.body = flags.body;
  if (flags.from) filters.from = flags.from;
  if (flags.to) filters.to = flags.to;
  if (flags.meeting) {
    const meeting = catalog.resolve(flags.meeting);
    if (!meeting) {
      throw new AppError("meeting_not_found", `no meeting matches --meeting "${flags.meeting}"`);
    }
    filters.meetingId = meeting.id;
  }
  return filters;
}

/** Progress lines would bury the output; warnings (no embedder, skipped files) still show. */
export function cliLogger(config: Config): Logger {
  return createLogger({ level: process.env.LOG_LEVEL ? config.logLevel : "warn" });
}

/** Runs a command's action; a failure prints `referat <command>: [code] message` and exits 1. */
export function reportingFailures<Arguments extends unknown[]>(
  command: string,
  action: (...args: Arguments) => Promise<void>,
): (...args: Arguments) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      const code = isAppError(error) ? error.code : "unexpected";
      const message = isAppError(error) ? error.message : describeError(error);
      process.stderr.write(`referat ${command}: [${code}] ${message}\n`);
      process.exitCode = 1;
    }
  };
}
