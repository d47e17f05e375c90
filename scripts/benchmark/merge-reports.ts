import type { BenchmarkReport, RunInfo } from "./figures.ts";

/**
 * Several runs' JSON reports as one (`npm run bench -- --from a.json --from b.json`): the scales
 * of all runs side by side, smallest first (a scale measured twice: the later run's), the machine
 * of the first run, and each run's start, command line, code and load average in `runs`.
 */
export function mergeReports(reports: readonly BenchmarkReport[]): BenchmarkReport {
  const [first] = reports;
  if (!first) throw new Error("nothing to merge");
  /** scale → the index of the (last) report whose figures the merged report shows. */
  const source = new Map<number, number>();
  reports.forEach((report, index) => {
    for (const figures of report.scales) source.set(figures.scale, index);
  });
  const scales = reports
    .flatMap((report, index) => report.scales.filter((f) => source.get(f.scale) === index))
    .sort((a, b) => a.scale - b.scale);
  const runs = reports.flatMap((report, index) =>
    runsOf(report).map((run) => ({
      ...run,
      scales: run.scales.filter((name) =>
        report.scales.some((f) => f.name === name && source.get(f.scale) === index),
      ),
    })),
  );
  return {
    ...first,
    scales,
    notes: [...new Set(reports.flatMap((report) => report.notes))],
    runs: runs.filter((run) => run.scales.length > 0),
  };
}

/** The runs a report is made of: its own, or those it was merged from. */
export function runsOf(report: BenchmarkReport): RunInfo[] {
  return (
    report.runs ?? [
      {
        startedAt: report.startedAt,
        commandLine: report.commandLine,
        code: report.code,
        loadAverage: report.machine.loadAverage,
        scales: report.scales.map((figures) => figures.name),
      },
    ]
  );
}
