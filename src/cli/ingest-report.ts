import type { FileReport, IngestResult } from "../minutes/index.ts";
import { UNDATED } from "../minutes/index.ts";

/**
 * The per-file report of `referat ingest`: one line per meeting on stdout, and on stderr every
 * file that did not simply become a meeting (failed, unsupported, superseded, companion) and
 * every warning, each naming its file. Then one summary line with the counts.
 */
export function formatIngestReport(result: IngestResult): { stdout: string[]; stderr: string[] } {
  const stdout = result.meetings.map((meeting) => {
    const sections = meeting.items.reduce((sum, item) => sum + item.sections.length, 0);
    const kind = meeting.documentType ? `${meeting.documentType}, ` : "";
    return `${meeting.date ?? UNDATED}  ${meeting.body}  ${kind}${meeting.items.length} items, ${sections} sections  (${meeting.sourceFile}, ${meeting.format})`;
  });
  const stderr: string[] = [];
  if (result.storedCorpus?.state === "discarded") {
    stderr.push(`warning: ${result.storedCorpus.reason}; every file was read again`);
  }
  for (const report of result.files) {
    const line = describeFile(report);
    if (line) stderr.push(line);
    for (const warning of report.warnings) stderr.push(`warning: ${report.file}: ${warning}`);
  }
  stdout.push(summaryLine(result));
  return { stdout, stderr };
}

function describeFile(report: FileReport): string | undefined {
  switch (report.outcome) {
    case "failed":
      return `error: ${report.file}: ${report.message} [${report.code}]`;
    case "unsupported":
      return `unsupported: ${report.file}: ${report.message}`;
    case "superseded":
      return `superseded: ${report.file}: ${report.message}`;
    case "companion":
      return `companion: ${report.file}: ${report.message}`;
    default:
      return undefined;
  }
}

/** "7 files: 2 read, 5 unchanged, 1 failed, 1 unsupported → 4 meetings (1 superseded, 1 companion)" */
export function summaryLine(result: IngestResult): string {
  const count = (outcome: FileReport["outcome"]) =>
    result.files.filter((report) => report.outcome === outcome).length;
  const extras = [
    [count("superseded"), "superseded"],
    [count("joined"), "joined to another page"],
    [count("companion"), "companion"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, label]) => `${n} ${label}`);
  return [
    `${result.files.length} files: ${result.parsed} read, ${result.reused} unchanged, ${count("failed")} failed, ${count("unsupported")} unsupported`,
    ` → ${result.meetings.length} meetings`,
    extras.length > 0 ? ` (${extras.join(", ")})` : "",
    result.written ? "" : "; corpus unchanged",
  ].join("");
}

const OUTCOMES: FileReport["outcome"][] = [
  "meeting",
  "joined",
  "superseded",
  "companion",
  "failed",
  "unsupported",
];

/** How many files had each outcome, every outcome listed (zeros included), in a fixed order. */
export function countOutcomes(files: readonly FileReport[]): Record<FileReport["outcome"], number> {
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<
    FileReport["outcome"],
    number
  >;
  for (const file of files) counts[file.outcome] += 1;
  return counts;
}

/** "6 files: 4 meeting, 1 joined, 1 failed" (outcomes with none left out). */
export function outcomeCountsLine(files: readonly FileReport[]): string {
  const counts = countOutcomes(files);
  const parts = OUTCOMES.filter((outcome) => counts[outcome] > 0).map(
    (outcome) => `${counts[outcome]} ${outcome}`,
  );
  return `${files.length} files${parts.length > 0 ? `: ${parts.join(", ")}` : ""}`;
}

/**
 * One row per file, in path order: the file, whether it was read or taken unchanged, what it
 * became, the format it was read as, and the meeting it is part of or why not.
 */
export function formatFileTable(files: readonly FileReport[]): string[] {
  const header = ["file", "read", "outcome", "format", "meeting / reason"];
  const rows = files.map((report) => [
    report.file,
    report.cache,
    report.outcome,
    report.format ?? "-",
    describeOutcome(report),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function describeOutcome(report: FileReport): string {
  const warnings = report.warnings.length > 0 ? ` (${report.warnings.length} warnings)` : "";
  if (report.outcome === "meeting" || report.outcome === "joined") {
    return `${report.meetingId ?? "-"}${warnings}`;
  }
  const code = report.code ? ` [${report.code}]` : "";
  return `${report.message ?? "-"}${code}`;
}

/** What a re-ingest changed, as `referat ingest --watch` prints it after each change. */
export interface WatchReportChanges {
  meetingsAdded: string[];
  meetingsRemoved: string[];
  meetingsChanged: string[];
  filesRemoved: string[];
  filesRead: FileReport[];
}

/**
 * The short report after a change: a time-stamped summary line, then one line per meeting added
 * (+), changed (~) or removed (-) and per file removed; errors and warnings of the files read go
 * to stderr.
 */
export function formatChangeReport(
  result: IngestResult,
  changes: WatchReportChanges,
  at: Date,
): { stdout: string[]; stderr: string[] } {
  const time = at.toTimeString().slice(0, 8);
  const fileOf = new Map(result.meetings.map((meeting) => [meeting.id, meeting.sourceFile]));
  const stdout = [`[${time}] ${summaryLine(result)}`];
  for (const id of changes.meetingsAdded) stdout.push(`  + ${id}  (${fileOf.get(id) ?? "?"})`);
  for (const id of changes.meetingsChanged) stdout.push(`  ~ ${id}  (${fileOf.get(id) ?? "?"})`);
  for (const id of changes.meetingsRemoved) stdout.push(`  - ${id}`);
  for (const file of changes.filesRemoved) stdout.push(`  removed: ${file}`);
  const stderr: string[] = [];
  for (const report of changes.filesRead) {
    const line = describeFile(report);
    if (line) stderr.push(line);
    for (const warning of report.warnings) stderr.push(`warning: ${report.file}: ${warning}`);
  }
  return { stdout, stderr };
}
