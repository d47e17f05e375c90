import { afterEach, describe, expect, it } from "vitest";
import { sendRaw } from "../support/url-spellings.ts";
import { getJson, postJson, startTestServer, type TestServer } from "./http-test-server.ts";

const TOKEN = "s3cret-token-for-tests";
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("bearer token for /api/*", () => {
  it("requires the token on every /api route, with WWW-Authenticate", async () => {
    server = await startTestServer({ apiToken: TOKEN });
    for (const path of [
      "/api/meetings",
      "/api/search?q=ACT",
      "/api/meetings/udsatteraadet-2019-09-18",
    ]) {
      const { status, headers, body } = await getJson(`${server.url}${path}`);
      expect(status, path).toBe(401);
      expect(headers.get("www-authenticate")).toBe('Bearer realm="referat"');
      expect(body.error.code).toBe("unauthorized");
    }
    const ask = await postJson(`${server.url}/api/ask`, { question: "Hvad blev besluttet?" });
    expect(ask.status).toBe(401);
    expect(server.fakes.calls.answerQuestion).toHaveLength(0);
  });

  it("rejects a wrong token and accepts the right one", async () => {
    server = await startTestServer({ apiToken: TOKEN });
    const wrong = await getJson(`${server.url}/api/meetings`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const basic = await getJson(`${server.url}/api/meetings`, {
      headers: { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString("base64")}` },
    });
    expect(basic.status).toBe(401);

    const right = await getJson(`${server.url}/api/meetings`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(right.body.meetings.length).toBeGreaterThan(0);

    const ask = await postJson(
      `${server.url}/api/ask`,
      { question: "Hvem blev medlem af styregruppen for ACT-indsatsen?" },
      { authorization: `bearer ${TOKEN}` },
    );
    expect(ask.status).toBe(200);
    expect(ask.body.citations.length).toBeGreaterThan(0);
  });

  it("leaves pages and probes open, and never logs the token", async () => {
    server = await startTestServer({ apiToken: TOKEN });
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/meetings/udsatteraadet-2019-09-18`)).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await getJson(`${server.url}/api/meetings`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(JSON.stringify(server.logLines)).not.toContain(TOKEN);
  });

  it("is off when no token is configured", async () => {
    server = await startTestServer();
    expect((await getJson(`${server.url}/api/meetings`)).status).toBe(200);
  });
});

describe("rate limit on /api/ask", () => {
  it("answers 429 with Retry-After once a client exceeds its questions per minute", async () => {
    server = await startTestServer({ askRateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push(
        (await postJson(`${server.url}/api/ask`, { question: "Hvad blev besluttet?" })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200]);

    const limited = await postJson(`${server.url}/api/ask`, { question: "Hvad blev besluttet?" });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(limited.body.error.message).toContain("at most 3 a minute");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(server.fakes.calls.answerQuestion).toHaveLength(3);

    // Only /api/ask is limited.
    expect((await getJson(`${server.url}/api/meetings`)).status).toBe(200);
  });
});

describe("rate limits on every route that runs retrieval or answering", () => {
  const search = (url: string, init?: RequestInit) => getJson(`${url}/api/search?q=ACT`, init);

  it("answers the search after the limit 429 with a JSON error and Retry-After", async () => {
    server = await startTestServer({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await search(server.url)).status);
    expect(statuses).toEqual([200, 200, 200]);

    const limited = await search(server.url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toContain("application/json");
    expect(limited.body.error.code).toBe("rate_limited");
    expect(limited.body.error.message).toContain("Too many searches: at most 3 a minute");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(server.fakes.calls.retrieve).toHaveLength(3);

    // Listings and meetings are cheap and stay open; questions have their own budget.
    expect((await getJson(`${server.url}/api/meetings`)).status).toBe(200);
    expect((await postJson(`${server.url}/api/ask`, { question: "Hvad skete?" })).status).toBe(200);
  });

  it("counts HEAD requests in the same budget as GET", async () => {
    server = await startTestServer({ rateLimitPerMinute: 2 });
    const head = () => fetch(`${server?.url}/api/search?q=ACT`, { method: "HEAD" });
    expect((await head()).status).toBe(200);
    expect((await search(server.url)).status).toBe(200);
    expect((await head()).status).toBe(429);
    expect((await search(server.url)).status).toBe(429);
  });

  it("limits summaries, which may call the language model", async () => {
    server = await startTestServer({ rateLimitPerMinute: 2 });
    const summary = `${server.url}/api/meetings/${server.meetings[0]?.id}/summary`;
    expect((await getJson(summary)).status).toBe(200);
    expect((await getJson(summary)).status).toBe(200);
    const limited = await getJson(summary);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toContain("Too many summaries: at most 2 a minute");
    expect(server.fakes.calls.summariseMeeting).toHaveLength(2);
  });

  it("keeps a budget per client address", async () => {
    server = await startTestServer({ rateLimitPerMinute: 1 });
    const from = (localAddress: string) =>
      sendRaw(server?.url ?? "", { method: "GET", target: "/api/search?q=ACT", localAddress });
    expect((await from("127.0.0.1")).status).toBe(200);
    expect((await from("127.0.0.1")).status).toBe(429);
    expect((await from("127.0.0.2")).status).toBe(200);
    expect((await from("127.0.0.2")).status).toBe(429);
  });

  it("checks the token first: requests without it get 401 and use up nobody's budget", async () => {
    server = await startTestServer({ apiToken: TOKEN, rateLimitPerMinute: 2 });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await search(server.url)).status).toBe(401);
    }
    const authorized = { headers: { authorization: `Bearer ${TOKEN}` } };
    expect((await search(server.url, authorized)).status).toBe(200);
    expect((await search(server.url, authorized)).status).toBe(200);
    expect((await search(server.url, authorized)).status).toBe(429);
    expect(JSON.stringify(server.logLines)).not.toContain(TOKEN);
  });
});

describe("what the open probes say when a token is set", () => {
  const failedIngest = () => ({
    generation: 2,
    ingestedAt: "2024-05-01T10:00:00.000Z",
    meetings: 3,
    files: 4,
    failedFiles: 1,
    watching: true,
    lastCheck: {
      at: "2024-05-01T10:05:00.000Z",
      outcome: "failed" as const,
      error: "Error: ENOENT: no such file or directory, open 'minutes/MED-udvalg 2024-04-30.pdf'",
    },
  });

  it("leaves the error text of a failed re-ingest (file names of minutes) out of /healthz", async () => {
    server = await startTestServer({ apiToken: TOKEN, corpusStatus: failedIngest });
    const { status, body } = await getJson(`${server.url}/healthz`);
    expect(status).toBe(200);
    expect(body.corpus).toMatchObject({ generation: 2, meetings: 3, failedFiles: 1 });
    expect(body.corpus.lastCheck).toEqual({ at: "2024-05-01T10:05:00.000Z", outcome: "failed" });
    expect(JSON.stringify(body)).not.toContain("MED-udvalg");
  });

  it("shows it when the API is open anyway", async () => {
    server = await startTestServer({ corpusStatus: failedIngest });
    const { body } = await getJson(`${server.url}/healthz`);
    expect(body.corpus.lastCheck.error).toContain("MED-udvalg");
  });
});
