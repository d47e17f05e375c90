import type { FaultMode } from "./chat-server.ts";
import type { RouteFigures } from "./load.ts";

/** The figures of a load-and-fault run as a markdown table, ready for README. */

export interface ModeFigures {
  mode: FaultMode;
  /** From process start to listening, corpus and index on disk already. */
  startMs: number;
  maxRssMb: number;
  /** Chat completions the loopback LLM received. */
  chatRequests: number;
  routes: RouteFigures[];
}

const MODE_LABELS: Record<FaultMode, string> = {
  none: "no LLM",
  slow: "LLM slow",
  failing: "LLM failing (500)",
  down: "LLM down",
};

export function formatMarkdownTable(
  modes: ModeFigures[],
  run: { seconds: number; connections: number; slowMs: number; budgetMs: string | undefined },
): string {
  const lines = [
    `Load: ${run.seconds} s per mode, ${run.connections} connections (ask / search / healthz: ${connectionsOf(modes)}); LLM slow = ${run.slowMs} ms per call; answer budget ${run.budgetMs ?? "8000 (default)"} ms.`,
    "",
    "| mode | route | served | errors by status | p50 | p99 | max | max RSS |",
    "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |",
  ];
  for (const mode of modes) {
    for (const route of mode.routes) {
      const answers = route.answers
        ? ` (${route.answers.llm} LLM, ${route.answers.extractive} extractive of which ${route.answers.withNote} with the fallback note, ${route.answers.abstained} abstained)`
        : "";
      lines.push(
        `| ${MODE_LABELS[mode.mode]} | ${path(route.route)} | ${route.served}${answers} | ${errors(route)} | ${route.p50Ms} ms | ${route.p99Ms} ms | ${route.maxMs} ms | ${mode.maxRssMb} MB |`,
      );
    }
  }
  return lines.join("\n");
}

function connectionsOf(modes: ModeFigures[]): string {
  return (modes[0]?.routes ?? []).map((route) => route.connections).join(" / ");
}

function path(route: RouteFigures["route"]): string {
  return route === "ask"
    ? "POST /api/ask"
    : route === "search"
      ? "GET /api/search"
      : "GET /healthz";
}

function errors(route: RouteFigures): string {
  const parts = Object.entries(route.statuses).map(([status, count]) => `${status}: ${count}`);
  if (route.errors > 0) parts.push(`no response: ${route.errors} (${route.timeouts} timed out)`);
  return parts.length > 0 ? parts.join(", ") : "none";
}
