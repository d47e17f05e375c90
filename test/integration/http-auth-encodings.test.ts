import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../../src/http/index.ts";
import {
  type RequestToSpell,
  type SpelledAnswer,
  sendEverySpelling,
  sendRaw,
} from "../support/url-spellings.ts";
import { startTestServer, type TestServer } from "./http-test-server.ts";

/**
 * With HTTP_API_TOKEN set, no spelling of any /api route answers without the token. The routes
 * come from the server itself, so a route added later is swept too.
 */

const TOKEN = "s3cret-token-for-encoding-tests";
const AUTHORIZED = { authorization: `Bearer ${TOKEN}` };

/** What a route needs to answer 2xx with the token; routes not listed get no query and `{}`. */
const SAMPLE_INPUT: Record<string, { query?: string; body?: unknown }> = {
  "POST /api/ask": { body: { question: "Hvem blev medlem af styregruppen for ACT-indsatsen?" } },
  "GET /api/search": { query: "q=ACT" },
  "HEAD /api/search": { query: "q=ACT" },
};

/** Paths under /api that no route serves: they must not answer either. */
const UNROUTED_API_PATHS = ["/api", "/api/", "/api/nothing-here"];

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    apiToken: TOKEN,
    askRateLimitPerMinute: 1_000_000,
    rateLimitPerMinute: 1_000_000,
  });
});

afterAll(async () => {
  await server.close();
});

const isProtected = (route: RegisteredRoute) =>
  route.url === "/api" || route.url.startsWith("/api/");

function requestsFor(routes: RegisteredRoute[], meetingId: string): RequestToSpell[] {
  const requests: RequestToSpell[] = routes.map((route) => {
    const sample = SAMPLE_INPUT[`${route.method} ${route.url}`] ?? {};
    const body = sample.body ?? (route.method === "POST" ? {} : undefined);
    return {
      method: route.method,
      path: route.url.replace(/:\w+/g, meetingId),
      ...(sample.query === undefined ? {} : { query: sample.query }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
  });
  const paths = [...new Set([...requests.map((request) => request.path), ...UNROUTED_API_PATHS])];
  for (const path of paths) {
    requests.push({ method: "OPTIONS", path });
    if (UNROUTED_API_PATHS.includes(path)) requests.push({ method: "GET", path });
  }
  return requests;
}

const answered = (answer: SpelledAnswer) => answer.status >= 200 && answer.status < 400;
const describeAnswer = (answer: SpelledAnswer) =>
  `${answer.method} ${JSON.stringify(answer.target)} (${answer.label}) -> ${answer.status}`;

describe("HTTP_API_TOKEN against every spelling of every /api route", () => {
  it("finds the API routes among the server's routes", () => {
    const keys = server.routes.filter(isProtected).map((route) => `${route.method} ${route.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "POST /api/ask",
        "GET /api/search",
        "HEAD /api/search",
        "GET /api/meetings",
        "GET /api/meetings/:id",
        "GET /api/meetings/:id/summary",
      ]),
    );
  });

  it("answers none of them without the token, and reaches nothing behind them", async () => {
    const meetingId = server.meetings[0]?.id ?? "";
    const requests = requestsFor(server.routes.filter(isProtected), meetingId);

    const anonymous = await sendEverySpelling(server.url, requests);
    expect(anonymous.filter(answered).map(describeAnswer)).toEqual([]);
    expect(server.fakes.calls.answerQuestion).toHaveLength(0);
    expect(server.fakes.calls.retrieve).toHaveLength(0);
    expect(server.fakes.calls.summariseMeeting).toHaveLength(0);

    const wrongToken = await sendEverySpelling(server.url, requests, {
      authorization: `Bearer ${TOKEN}-not`,
    });
    expect(wrongToken.filter(answered).map(describeAnswer)).toEqual([]);

    // The sweep means something only if the inputs are good and the router does decode: with
    // the token, every route answers as registered, and some other spellings reach it too.
    const authorized = await sendEverySpelling(server.url, requests, AUTHORIZED);
    const reached = authorized.filter(answered);
    const routed = requests.filter((request) => request.method !== "OPTIONS");
    for (const request of routed.filter((r) => !UNROUTED_API_PATHS.includes(r.path))) {
      expect(
        reached.some(
          (answer) =>
            answer.method === request.method &&
            answer.path === request.path &&
            answer.label === "as registered",
        ),
        `${request.method} ${request.path} with the token`,
      ).toBe(true);
    }
    expect(reached.map((answer) => answer.label)).toEqual(
      expect.arrayContaining(["segment 1: first letter %-encoded", "absolute-form"]),
    );
  }, 120_000);

  it("answers 401 with the usual error body to a decoded spelling", async () => {
    const meetingId = server.meetings[0]?.id ?? "";
    const questionsBefore = server.fakes.calls.answerQuestion.length;
    for (const target of [`/%61pi/meetings/${meetingId}`, "/%61pi/search?q=ACT"]) {
      const answer = await sendRaw(server.url, { method: "GET", target });
      expect(answer.status, target).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe('Bearer realm="referat"');
      expect(JSON.parse(answer.body).error.code).toBe("unauthorized");
    }
    const ask = await sendRaw(server.url, {
      method: "POST",
      target: "/%61pi/ask",
      body: JSON.stringify({ question: "Hvad blev besluttet?" }),
    });
    expect(ask.status).toBe(401);
    expect(server.fakes.calls.answerQuestion).toHaveLength(questionsBefore);
  });

  it("answers 401, not 404, under /api where no route is: which routes exist is not told", async () => {
    for (const target of [...UNROUTED_API_PATHS, "/%61pi/nothing", "http://localhost/api"]) {
      const anonymous = await sendRaw(server.url, { method: "GET", target });
      expect(anonymous.status, target).toBe(401);
      expect(anonymous.body, target).not.toContain("nothing");
    }
    const authorized = await sendRaw(server.url, {
      method: "GET",
      target: "/api/nothing-here",
      headers: AUTHORIZED,
    });
    expect(authorized.status).toBe(404);
    expect(JSON.parse(authorized.body).error.code).toBe("not_found");
  });
});
