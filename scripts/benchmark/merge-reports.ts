import type { BenchmarkReport } from "./figures.ts";

/**
 * Several runs' JSON reports as one (`npm run bench -- --from a.json --from b.json`): the scales
 * of all runs side by side, smallest first (a scale measured twice: the later run's), each run's
 * command line and start, the machine of the first run with the lowest and highest load average.
 */
export function mergeReports(reports: readonly BenchmarkReport[]): BenchmarkReport {
  const [first, ...rest] = reports;
  if (!first) throw new Error("nothing to merge");
  if (rest.length === 0) return first;
  const byScale = new Map(reports.flatMap((report) => report.scales.map((s) => [s.scale, s])));
  const loads = reports.flatMap((report) => [
    report.machine.loadAverage.start,
    report.machine.loadAverage.end,
  ]);
  return {
    ...first,
    startedAt: reports.map((report) => report.startedAt).join(", "),
    commandLine: reports.map((report) => report.commandLine).join("\n"),
    code: [...new Set(reports.map((report) => report.code))].join(" and "),
    machine: {
      ...first.machine,
      loadAverage: { start: Math.min(...loads), end: Math.max(...loads) },
    },
    scales: [...byScale.values()].sort((a, b) => a.scale - b.scale),
    notes: [...new Set(reports.flatMap((report) => report.notes))],
  };
}
