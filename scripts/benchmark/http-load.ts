import type { AskLoad } from "./figures.ts";
import { perSecond, round, summariseLatencies } from "./stats.ts";

/**
 * A bounded load of POST /api/ask requests against a server on loopback: at most `requests`
 * requests, `concurrency` at a time, and no new request after `timeLimitMs`. Questions are asked
 * in turn. A 503 (the server shedding load) is counted as rejected, apart from failures. Refuses
 * any URL that is not 127.0.0.1, so a benchmark can never load a real host.
 */

export interface HttpLoadOptions {
  baseUrl: string;
  questions: readonly string[];
  requests: number;
  concurrency: number;
  timeLimitMs: number;
  /** Per request; a request that takes longer counts as failed. */
  requestTimeoutMs?: number;
}

export function assertLoopback(url: URL): void {
  if (url.hostname !== "127.0.0.1") {
    throw new Error(`benchmark load is for 127.0.0.1 only, not ${url.hostname}`);
  }
}

/** One POST /api/ask; returns "ok", the status code of a failure, "timeout" or "error". */
export async function ask(
  baseUrl: string,
  question: string,
  requestTimeoutMs = 30_000,
): Promise<string> {
  const askUrl = new URL("/api/ask", baseUrl);
  assertLoopback(askUrl);
  try {
    const response = await fetch(askUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    await response.arrayBuffer();
    return response.ok ? "ok" : String(response.status);
  } catch (error) {
    return error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error";
  }
}

export async function runHttpLoad(options: HttpLoadOptions): Promise<AskLoad> {
  assertLoopback(new URL(options.baseUrl));
  if (options.questions.length === 0) throw new Error("benchmark load needs at least one question");
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  let rejected = 0;
  let stoppedByTimeLimit = false;
  const started = performance.now();

  const nextQuestion = (): string | undefined => {
    if (issued >= options.requests) return undefined;
    if (performance.now() - started >= options.timeLimitMs) {
      stoppedByTimeLimit = true;
      return undefined;
    }
    const question = options.questions[issued % options.questions.length];
    issued += 1;
    return question;
  };

  const client = async (): Promise<void> => {
    for (let question = nextQuestion(); question !== undefined; question = nextQuestion()) {
      const requestStarted = performance.now();
      const outcome = await ask(options.baseUrl, question, requestTimeoutMs);
      latencies.push(performance.now() - requestStarted);
      if (outcome === "ok") ok += 1;
      else if (outcome === "503") rejected += 1;
      else failures[outcome] = (failures[outcome] ?? 0) + 1;
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, client));
  const wallMs = performance.now() - started;
  return {
    concurrency: options.concurrency,
    requests: issued,
    ok,
    rejected,
    failed: issued - ok - rejected,
    failures,
    wallMs: round(wallMs),
    requestsPerSecond: perSecond(issued, wallMs),
    okPerSecond: perSecond(ok, wallMs),
    latency: summariseLatencies(latencies),
    stoppedByTimeLimit,
  };
}
