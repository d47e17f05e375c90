import autocannon from "autocannon";
import { assertLoopback } from "../benchmark/http-load.ts";

/**
 * One bounded load on a server on 127.0.0.1: POST /api/ask, GET /api/search and GET /healthz at
 * once, each route with connections of its own (autocannon), for a fixed time. Questions are
 * asked in turn. Per route: responses by status, connection errors and time-outs, latency
 * percentiles; for /api/ask also how the answers were made (LLM, extractive, with a fallback note).
 */

export const ROUTES = ["ask", "search", "healthz"] as const;
export type Route = (typeof ROUTES)[number];

export interface RouteFigures {
  route: Route;
  connections: number;
  /** 2xx responses. */
  served: number;
  /** Non-2xx responses per status code. */
  statuses: Record<string, number>;
  /** Requests that got no response: connection errors, of which `timeouts` timed out. */
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * /api/ask only: answers by how they were made (abstentions apart: with an LLM configured they
   * say "llm" without calling it), and the extractive ones that carry the fallback note.
   */
  answers?: { llm: number; extractive: number; abstained: number; withNote: number };
}

export interface LoadOptions {
  baseUrl: string;
  questions: readonly string[];
  seconds: number;
  connections: number;
  /** autocannon's per-request time-out. */
  requestTimeoutSeconds: number;
}

/** Six in ten connections ask, three search, one checks health (each route at least one). */
export function splitConnections(total: number): Record<Route, number> {
  const healthz = 1;
  const search = Math.max(1, Math.round((total - healthz) / 3));
  const ask = Math.max(1, total - healthz - search);
  return { ask, search, healthz };
}

export async function runLoad(options: LoadOptions): Promise<RouteFigures[]> {
  assertLoopback(new URL(options.baseUrl));
  if (options.questions.length === 0) throw new Error("the load needs at least one question");
  const split = splitConnections(options.connections);
  return Promise.all(ROUTES.map((route) => loadRoute(route, split[route], options)));
}

async function loadRoute(
  route: Route,
  connections: number,
  options: LoadOptions,
): Promise<RouteFigures> {
  let turn = 0;
  const nextQuestion = () => options.questions[turn++ % options.questions.length] as string;
  const answers = { llm: 0, extractive: 0, abstained: 0, withNote: 0 };
  const request: autocannon.Request =
    route === "ask"
      ? {
          method: "POST",
          path: "/api/ask",
          headers: { "content-type": "application/json" },
          setupRequest: (current) => ({
            ...current,
            body: JSON.stringify({ question: nextQuestion() }),
          }),
          onResponse: (status, body) => {
            if (status !== 200) return;
            const answer = parseAnswer(body);
            if (answer?.abstained === true) answers.abstained += 1;
            else if (answer?.mode === "llm") answers.llm += 1;
            else if (answer?.mode === "extractive") answers.extractive += 1;
            if (answer?.note !== undefined) answers.withNote += 1;
          },
        }
      : route === "search"
        ? {
            method: "GET",
            setupRequest: (current) => ({
              ...current,
              path: `/api/search?q=${encodeURIComponent(nextQuestion())}`,
            }),
          }
        : { method: "GET", path: "/healthz" };

  const result = await autocannon({
    url: options.baseUrl,
    connections,
    duration: options.seconds,
    timeout: options.requestTimeoutSeconds,
    requests: [request],
  });
  const statuses: Record<string, number> = {};
  let served = 0;
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
    const count = stats?.count ?? 0;
    if (status.startsWith("2")) served += count;
    else statuses[status] = count;
  }
  return {
    route,
    connections,
    served,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ...(route === "ask" ? { answers } : {}),
  };
}

interface AnswerShape {
  mode?: string;
  abstained?: boolean;
  note?: string;
}

function parseAnswer(body: string): AnswerShape | undefined {
  try {
    return JSON.parse(body) as AnswerShape;
  } catch {
    return undefined;
  }
}
