import { type LatencySummary, round, summariseLatencies } from "./stats.ts";

/**
 * A bounded load of POST /api/ask requests against a server on loopback: at most `requests`
 * requests, `concurrency` at a time, and no new request after `timeLimitMs`. Questions are asked
 * in turn. Refuses any URL that is not 127.0.0.1, so a benchmark can never load a real host.
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

export interface HttpLoadFigures {
  requests: number;
  ok: number;
  failed: number;
  /** Status codes of failed responses ("timeout"/"error" when there was none), with counts. */
  failures: Record<string, number>;
  concurrency: number;
  wallMs: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  stoppedByTimeLimit: boolean;
}

export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadFigures> {
  const askUrl = new URL("/api/ask", options.baseUrl);
  if (askUrl.hostname !== "127.0.0.1") {
    throw new Error(`benchmark load is for 127.0.0.1 only, not ${askUrl.hostname}`);
  }
  if (options.questions.length === 0) throw new Error("benchmark load needs at least one question");
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
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

  const worker = async (): Promise<void> => {
    for (let question = nextQuestion(); question !== undefined; question = nextQuestion()) {
      const requestStarted = performance.now();
      let outcome: string;
      try {
        const response = await fetch(askUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question }),
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        await response.arrayBuffer();
        outcome = response.ok ? "ok" : String(response.status);
      } catch (error) {
        outcome = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error";
      }
      latencies.push(performance.now() - requestStarted);
      if (outcome === "ok") ok += 1;
      else failures[outcome] = (failures[outcome] ?? 0) + 1;
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const wallMs = performance.now() - started;
  return {
    requests: issued,
    ok,
    failed: issued - ok,
    failures,
    concurrency: options.concurrency,
    wallMs: round(wallMs),
    requestsPerSecond: round(wallMs > 0 ? (issued / wallMs) * 1000 : 0),
    latency: summariseLatencies(latencies),
    stoppedByTimeLimit,
  };
}
