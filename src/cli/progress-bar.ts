import { posix } from "node:path";
import type { IngestProgress } from "../minutes/index.ts";

/**
 * A one-line progress bar for long ingests, redrawn in place with `\r` on a terminal and never
 * written anywhere else (CI logs, pipes and tests stay clean). It appears only once an ingest has
 * run for `delayMs`, redraws at most every `intervalMs`, and erases itself when done.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  update(progress: IngestProgress): void;
  /** Erases the bar (if drawn); call before printing the report. */
  finish(): void;
}

export interface ProgressBarOptions {
  label?: string;
  /** Draw nothing for ingests shorter than this. Default 300 ms. */
  delayMs?: number;
  /** Redraw at most this often. Default 100 ms. */
  intervalMs?: number;
  now?: () => number;
}

const BAR_WIDTH = 24;
const ERASE_LINE = "\r\u001b[2K";

export function createProgressBar(
  stream: ProgressStream,
  options: ProgressBarOptions = {},
): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const now = options.now ?? (() => performance.now());
  const label = options.label ?? "Reading minutes";
  const delayMs = options.delayMs ?? 300;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let lastDrawn: number | null = null;
  let drawn = false;

  return {
    update(progress) {
      const time = now();
      if (time - started < delayMs) return;
      const last = progress.done >= progress.total;
      if (!last && lastDrawn !== null && time - lastDrawn < intervalMs) return;
      lastDrawn = time;
      drawn = true;
      stream.write(`${ERASE_LINE}${renderProgressLine(progress, label, stream.columns || 80)}`);
    },
    finish() {
      if (drawn) stream.write(ERASE_LINE);
      drawn = false;
    },
  };
}

/** "Reading minutes [██████······]  12/40  30%  greve/byraad.json", cut to the terminal width. */
export function renderProgressLine(
  progress: IngestProgress,
  label: string,
  columns: number,
): string {
  const total = Math.max(progress.total, 1);
  const fraction = Math.min(1, Math.max(0, progress.done / total));
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${"█".repeat(filled)}${"·".repeat(BAR_WIDTH - filled)}`;
  const counts = `${progress.done}/${progress.total}`;
  const percent = `${Math.round(fraction * 100)}%`.padStart(4);
  const line = `${label} [${bar}] ${counts} ${percent}  ${posix.basename(progress.file)}`;
  const width = Math.max(20, columns - 1);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
