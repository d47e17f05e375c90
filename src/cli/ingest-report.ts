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
