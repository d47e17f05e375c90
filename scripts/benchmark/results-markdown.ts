import type { BenchmarkReport } from "./figures.ts";
import { runsOf } from "./merge-reports.ts";
import { cellText, failureLines, visibleSections } from "./report.ts";

/** bench/results.md: when, where and how the run was made, the figures per scale, and "before". */

/** The figures issue 11 was filed with (wrk and the old `npm run bench`, lexical path). */
const BEFORE = `## Before (issue 11, as filed)

Measured with the benchmark of that time and wrk, lexical path, on this 2-core machine. The
generator then lost half its files past ~180 copies (years past 2200 fell back to the file name's
date and ingest merged the copies as one meeting), so "1000×" was really ≈ 413×.

| scale (× samples) | chunks | retrieval p95 | answer p95 | \`/api/ask\` req/s (c=4) | start with index | RSS after load |
|---|---|---|---|---|---|---|
| 1 | 226 | 4–5 ms | 45–49 ms | 31 | 0.1 s | 165 MB |
| 100 | 22,600 | 89–97 ms | 143–183 ms | 13.6 | 1.5 s (+3.8 s first question) | 317 MB (peak 1.05 GB) |
| ≈ 413 | 93,347 | 601–1,007 ms | 1.4–2.0 s | — (10 s time-outs) | 21.5 s (+10 s first question) | 772 MB (cold build peak 3.96 GB, heap limit 4.1 GB) |

SQLite FTS5 over the same 22,600 chunks answered BM25 queries with a p50 4–6× lower than
Referat's lexical leg; plain minisearch was as slow as Referat's.`;

const escapeCell = (text: string) => text.replaceAll("|", "\\|");

export function formatMarkdown(report: BenchmarkReport): string {
  const { machine } = report;
  const runs = runsOf(report);
  const lines = [
    "# Benchmark results",
    "",
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node} ` +
      `(${machine.platform}). The 1-minute load average at a run's start and end shows other work ` +
      "on the machine.",
    "",
    "| scales | started | load average | code |",
    "|---|---|---|---|",
    ...runs.map(
      (run) =>
        `| ${run.scales.join(", ")} | ${run.startedAt} | ${run.loadAverage.start} → ${run.loadAverage.end} | ${escapeCell(run.code)} |`,
    ),
    "",
    "```sh",
    ...runs.map((run) => run.commandLine),
    ...(report.runs
      ? [`npm run bench -- ${runs.map(() => "--from RUN.json").join(" ")} --out bench/results.md`]
      : []),
    "```",
    "",
    "Each stage of each scale runs in a process of its own; every load is on 127.0.0.1, bounded in " +
      "count and time; `npm run bench -- --help` lists the flags. Latencies are p50 / p95 / p99 in " +
      "ms with the number of samples.",
    "",
  ];
  for (const section of visibleSections(report)) {
    lines.push(`## ${section.title}`, "");
    lines.push(`| figure | ${report.scales.map((figures) => figures.name).join(" | ")} |`);
    lines.push(`|---|${report.scales.map(() => "---").join("|")}|`);
    for (const row of section.rows) {
      const cells = report.scales.map((figures) => escapeCell(cellText(row, figures)));
      const label = row.label.startsWith("  ") ? `↳ ${row.label.trim()}` : row.label;
      lines.push(`| ${escapeCell(label)} | ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  const failures = failureLines(report);
  if (failures.length > 0) {
    lines.push("## Failed or skipped", "", ...failures.map((line) => `- ${line}`), "");
  }
  if (report.notes.length > 0) {
    lines.push("## Notes", "", ...report.notes.map((note) => `- ${note}`), "");
  }
  lines.push(BEFORE, "");
  return lines.join("\n");
}
