import { afterEach, describe, expect, it } from "vitest";
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
