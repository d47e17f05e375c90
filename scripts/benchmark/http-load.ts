import { otherOutcomes, runBoundedLoad } from "./bounded-load.ts";
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
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const { issued, latencies, outcomes, wallMs, stoppedByTimeLimit } = await runBoundedLoad({
    questions: options.questions,
    count: options.requests,
    concurrency: options.concurrency,
    timeLimitMs: options.timeLimitMs,
    call: (question) => ask(options.baseUrl, question, requestTimeoutMs),
  });
  const ok = outcomes.ok ?? 0;
  const rejected = outcomes["503"] ?? 0;
  const failures = otherOutcomes(outcomes, ["ok", "503"]);
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
