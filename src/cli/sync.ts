import { join } from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../config/index.ts";
import { AppError } from "../shared/errors.ts";
import { createFirstAgendaClient, parseSite } from "../sync/firstagenda-client.ts";
import { type SyncedMeeting, type SyncReport, syncFirstAgenda } from "../sync/firstagenda-sync.ts";
import { siteFolderName } from "../sync/safe-file-name.ts";
import { checkFilterDates, reportingFailures } from "./command-support.ts";

interface SyncFlags {
  out?: string;
  since?: string;
  committee?: string[];
  municipality?: string;
  dryRun?: boolean;
  delayMs?: string;
  timeoutMs?: string;
  json?: boolean;
}

export function registerSyncCommand(program: Command): void {
  const sync = program
    .command("sync")
    .description("pull published minutes from an agenda system into the minutes folder");
  sync
    .command("firstagenda")
    .description(
      "pull new and changed meetings of a FirstAgenda Publication site (its public JSON), one file per meeting",
    )
    .argument("<site>", "the site, e.g. dagsordener.greve.dk or https://dagsordener.greve.dk")
    .option("--out <dir>", "target folder (default: MINUTES_DIR/firstagenda/<site host>)")
    .option("--since <date>", "only meetings on or after this date (YYYY-MM-DD)")
    .option(
      "--committee <name>",
      "only this committee (name or part of it, or its id); repeat for several",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--municipality <name>", 'written into each sidecar, e.g. "Greve Kommune"')
    .option("--dry-run", "list what would be fetched; fetch and write nothing")
    .option("--delay-ms <ms>", "pause between requests", "500")
    .option("--timeout-ms <ms>", "time-out per request", "30000")
    .option("--json", "print the report as JSON")
    .action(
      reportingFailures("sync", async (siteArgument: string, flags: SyncFlags) => {
        checkFilterDates({ ...(flags.since === undefined ? {} : { from: flags.since }) });
        const config = loadConfig(process.env);
        const site = parseSite(siteArgument);
        const targetDir = flags.out ?? join(config.minutesDir, "firstagenda", siteFolderName(site));
        const client = createFirstAgendaClient({
          site,
          delayMs: nonNegativeNumber("--delay-ms", flags.delayMs),
          timeoutMs: nonNegativeNumber("--timeout-ms", flags.timeoutMs),
        });
        const report = await syncFirstAgenda({
          client,
          targetDir,
          ...(flags.since === undefined ? {} : { since: flags.since }),
          ...(flags.committee === undefined ? {} : { committees: flags.committee }),
          ...(flags.municipality === undefined ? {} : { municipality: flags.municipality }),
          dryRun: flags.dryRun ?? false,
          ...(flags.json ? {} : { onMeeting: printMeeting }),
        });
        if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else printSummary(report);
        if (report.meetings.some((meeting) => meeting.status === "failed")) {
          process.exitCode = 1;
        }
      }),
    );
}

function printMeeting(meeting: SyncedMeeting): void {
  const line = `${meeting.status.padEnd(11)} ${meeting.date ?? "udateret  "}  ${meeting.committee}  ${meeting.file}`;
  if (meeting.status === "failed") {
    process.stderr.write(`error: ${meeting.message ?? meeting.id} [sync_failed]\n`);
  } else {
    process.stdout.write(`${line}\n`);
  }
}

/** "dagsordener.greve.dk: 120 meetings listed, 12 selected: 2 new, 1 updated, 8 unchanged, 1 failed → <dir>" */
export function syncSummaryLine(report: SyncReport): string {
  const count = (status: SyncedMeeting["status"]) =>
    report.meetings.filter((meeting) => meeting.status === status).length;
  const counts = report.dryRun
    ? `${count("would-fetch")} to fetch, ${count("unchanged")} unchanged (dry run: nothing written)`
    : `${count("new")} new, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("failed")} failed`;
  return `${report.site}: ${report.listed} meetings listed, ${report.selected} selected: ${counts} → ${report.targetDir}`;
}

function printSummary(report: SyncReport): void {
  for (const problem of report.problems) process.stderr.write(`warning: ${problem}\n`);
  process.stdout.write(`${syncSummaryLine(report)}\n`);
}

function nonNegativeNumber(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number) || number < 0) {
    throw new AppError("bad_request", `${flag} must be a number of milliseconds, not "${value}"`);
  }
  return number;
}
