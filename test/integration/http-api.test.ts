import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/shared/errors.ts";
import { getJson, postJson, startTestServer, type TestServer } from "./http-test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Sends exactly these bytes, for bodies fetch would not send (broken JSON, lying lengths). */
function rawPost(path: string, headers: Record<string, string>, body: string | Buffer) {
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON responses
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("POST /api/ask", () => {
  it("returns the answerQuestion result with labelled citations and passes filters through", async () => {
    const { status, headers, body } = await postJson(`${server.url}/api/ask`, {
      question: "Hvem blev medlem af styregruppen for ACT-indsatsen?",
      filters: { body: "Udsatterådet", from: "2019-01-01", to: "2019-12-31" },
    });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.abstained).toBe(false);
    expect(body.mode).toBe("extractive");
    expect(body.citations[0]).toMatchObject({
      meetingId: "udsatteraadet-2019-09-18",
      number: 32,
      label: expect.stringMatching(/^Udsatterådet 18\.09\.2019 · Punkt 32/),
    });
    expect(body.citations[0].url).toContain("/meetings/udsatteraadet-2019-09-18#punkt-32-");
    const call = server.fakes.calls.answerQuestion.at(-1);
    expect(call?.question).toBe("Hvem blev medlem af styregruppen for ACT-indsatsen?");
    expect(call?.options?.filters).toEqual({
      body: "Udsatterådet",
      from: "2019-01-01",
      to: "2019-12-31",
    });
    expect(call?.options?.signal).toBeInstanceOf(AbortSignal);
  });

  it("names the missing field in a 400", async () => {
    const { status, body } = await postJson(`${server.url}/api/ask`, { filters: {} });
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain("question is required");
  });

  it("names a bad nested filter and rejects impossible dates and reversed ranges", async () => {
    const badDate = await postJson(`${server.url}/api/ask`, {
      question: "Hvad blev besluttet?",
      filters: { from: "18-09-2019" },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toBe("Invalid body: filters.from must be a date YYYY-MM-DD");

    const impossible = await postJson(`${server.url}/api/ask`, {
      question: "Hvad blev besluttet?",
      filters: { to: "2019-02-30" },
    });
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.message).toContain("filters.to");

    const reversed = await postJson(`${server.url}/api/ask`, {
      question: "Hvad blev besluttet?",
      filters: { from: "2020-01-01", to: "2019-01-01" },
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toContain("filters.to must not be before from");
  });

  it("rejects an empty or over-long question", async () => {
    const empty = await postJson(`${server.url}/api/ask`, { question: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("question must not be empty");
    const long = await postJson(`${server.url}/api/ask`, { question: "ord ".repeat(600) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain("question must be at most 2000 characters");
  });

  it("answers bad JSON with 400 invalid_json", async () => {
    const { status, body } = await rawPost(
      "/api/ask",
      { "content-type": "application/json" },
      '{"question": ',
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_json");
  });

  it("answers an empty JSON body and a JSON array with 400", async () => {
    const empty = await rawPost("/api/ask", { "content-type": "application/json" }, "");
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("invalid_json");
    const array = await rawPost("/api/ask", { "content-type": "application/json" }, "[1,2]");
    expect(array.status).toBe(400);
    expect(array.body.error.message).toContain("body must be a JSON object");
  });

  it("answers non-JSON bodies with 415", async () => {
    const text = await rawPost(
      "/api/ask",
      { "content-type": "text/plain" },
      "Hvad blev besluttet?",
    );
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe("unsupported_media_type");
    const form = await rawPost(
      "/api/ask",
      { "content-type": "application/x-www-form-urlencoded" },
      "question=hej",
    );
    expect(form.status).toBe(415);
  });

  it("answers a body over the limit with 413 and never calls answerQuestion", async () => {
    const before = server.fakes.calls.answerQuestion.length;
    const { status, body } = await postJson(`${server.url}/api/ask`, {
      question: "x".repeat(40_000),
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
    expect(server.fakes.calls.answerQuestion.length).toBe(before);
  });

  it("404s a meetingId filter that names no meeting", async () => {
    const { status, body } = await postJson(`${server.url}/api/ask`, {
      question: "Hvad blev besluttet?",
      filters: { meetingId: "no-such-meeting" },
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("meeting_not_found");
  });

  it("maps AppError codes to statuses and hides server-side detail", async () => {
    server.fakes.failNextAnswer(new AppError("llm_timeout", "LLM at http://10.0.0.1 timed out"));
    const timeout = await postJson(`${server.url}/api/ask`, { question: "Hvad blev besluttet?" });
    expect(timeout.status).toBe(504);
    expect(timeout.body.error.code).toBe("llm_timeout");
    expect(timeout.body.error.message).not.toContain("10.0.0.1");

    server.fakes.failNextAnswer(new AppError("llm_unavailable", "connection refused"));
    const unavailable = await postJson(`${server.url}/api/ask`, {
      question: "Hvad blev besluttet?",
    });
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.code).toBe("llm_unavailable");
  });

  it("turns an unexpected error into a generic 500, logged with its code but not the question", async () => {
    const secretQuestion = "Hvad er den hemmelige plan for Poverty Walk?";
    server.fakes.failNextAnswer(new TypeError("cannot read properties of undefined"));
    const { status, body } = await postJson(`${server.url}/api/ask`, { question: secretQuestion });
    expect(status).toBe(500);
    expect(body).toEqual({
      error: {
        code: "internal_error",
        message: "Something went wrong on our side; the error has been logged.",
      },
    });
    const failure = server.logLines.findLast((line) => line.msg === "request failed");
    expect(failure).toMatchObject({ level: 50, code: "internal_error", route: "/api/ask" });
    expect(String(failure?.error)).toContain("TypeError");
    expect(JSON.stringify(server.logLines)).not.toContain("hemmelige plan");
  });
});

describe("GET /api/search", () => {
  it("returns ranked items in the search --json shape, with filters and limit passed on", async () => {
    const { status, body } = await getJson(
      `${server.url}/api/search?q=${encodeURIComponent("styregruppen ACT-indsatsen")}&body=Udsatter%C3%A5det&limit=3`,
    );
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(3);
    expect(body.results[0]).toEqual({
      meeting: { id: "udsatteraadet-2019-09-18", body: "Udsatterådet", date: "2019-09-18" },
      item: { number: 32, title: "Medlem til styregruppen for ACT-indsatsen" },
      section: expect.any(String),
      score: expect.any(Number),
      legs: ["lexical"],
    });
    // Without a token, the search is for the public: only public minutes are ranked.
    expect(server.fakes.calls.retrieve.at(-1)?.options).toEqual({
      filters: { body: "Udsatterådet" },
      limit: 3,
      viewer: { audiences: [] },
    });
  });

  it("names a missing q and a bad limit", async () => {
    const missing = await getJson(`${server.url}/api/search`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("q is required");
    const badLimit = await getJson(`${server.url}/api/search?q=ACT&limit=500`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toContain("limit must be at most 50");
    const notNumber = await getJson(`${server.url}/api/search?q=ACT&limit=many`);
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.error.message).toContain("limit");
  });
});

describe("meetings", () => {
  it("lists meetings newest first, filtered by body", async () => {
    const all = await getJson(`${server.url}/api/meetings`);
    expect(all.status).toBe(200);
    const dates = all.body.meetings.map((meeting: { date: string }) => meeting.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.body.meetings).toHaveLength(server.meetings.length);
    expect(all.body.meetings[0]).toMatchObject({
      id: "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
      itemCount: 11,
      url: "http://localhost:3000/meetings/lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
    });

    const filtered = await getJson(`${server.url}/api/meetings?body=udsatter%C3%A5det`);
    expect(filtered.body.meetings.map((meeting: { id: string }) => meeting.id)).toEqual([
      "udsatteraadet-2021-09-27",
      "udsatteraadet-2019-09-18",
    ]);
  });

  it("returns one meeting with items, sections and source-page URLs", async () => {
    const { status, body } = await getJson(`${server.url}/api/meetings/udsatteraadet-2019-09-18`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      time: "16:00",
    });
    const item = body.items.find((candidate: { number: number }) => candidate.number === 32);
    expect(item.url).toBe("http://localhost:3000/meetings/udsatteraadet-2019-09-18#punkt-32");
    const decision = item.sections.find(
      (section: { slug: string }) => section.slug === "beslutning",
    );
    expect(decision.url).toBe(
      "http://localhost:3000/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning",
    );
    expect(decision.text).toContain("Henrik Juncher");
  });

  it("shows closed items as closed", async () => {
    const { body } = await getJson(`${server.url}/api/meetings/beskaeftigelsesudvalget-2020-01-14`);
    const closed = body.items.filter((item: { closed: boolean }) => item.closed);
    expect(closed.map((item: { number: number }) => item.number)).toEqual([5, 6]);
  });

  it("404s unknown meetings, for the meeting and its summary", async () => {
    const meeting = await getJson(`${server.url}/api/meetings/udsatteraadet-1999-01-01`);
    expect(meeting.status).toBe(404);
    expect(meeting.body.error).toEqual({
      code: "meeting_not_found",
      message: 'No meeting with id "udsatteraadet-1999-01-01"',
    });
    const summary = await getJson(`${server.url}/api/meetings/udsatteraadet-1999-01-01/summary`);
    expect(summary.status).toBe(404);
  });

  it("summarises a meeting in the language asked for", async () => {
    const { status, body } = await getJson(
      `${server.url}/api/meetings/udsatteraadet-2019-09-18/summary?language=en`,
    );
    expect(status).toBe(200);
    expect(body.meeting.id).toBe("udsatteraadet-2019-09-18");
    expect(body.language).toBe("en");
    expect(body.entries).toHaveLength(9);
    expect(body.entries[2].citations[0].label).toBe(
      "Udsatterådet 18.09.2019 · Item 32 › Beslutning (decision)",
    );
    expect(server.fakes.calls.summariseMeeting.at(-1)).toEqual({
      reference: "udsatteraadet-2019-09-18",
      language: "en",
    });
    const bad = await getJson(
      `${server.url}/api/meetings/udsatteraadet-2019-09-18/summary?language=de`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("language must be da or en");
  });
});

describe("routes and probes", () => {
  it("answers malformed URLs in the error shape", async () => {
    const rawBytes = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), "127.0.0.1", () => {
        socket.write(
          Buffer.from("GET /api/meetings?body=udsatterådet HTTP/1.1\r\nHost: x\r\n\r\n"),
        );
      });
      const chunks: Buffer[] = [];
      socket.on("data", (chunk) => chunks.push(chunk));
      socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      socket.on("error", reject);
    });
    expect(rawBytes).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(rawBytes.slice(rawBytes.indexOf("\r\n\r\n") + 4))).toEqual({
      error: {
        code: "bad_request",
        message: "Malformed HTTP request (percent-encode non-ASCII characters in URLs)",
      },
    });

    const badEscape = await getJson(`${server.url}/meetings/%E0%A4%A`);
    expect(badEscape.status).toBe(400);
    expect(badEscape.body.error.code).toBe("bad_request");
  });

  it("404s unknown routes as JSON", async () => {
    const { status, body } = await getJson(`${server.url}/api/nothing-here?q=secret`);
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "not_found", message: "No route GET /api/nothing-here" });
  });

  it("reports liveness and readiness with the legs that are on", async () => {
    const health = await getJson(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: "ok",
      retrieval: "lexical-only",
      denseReason: "no embedding model",
    });
    const ready = await getJson(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: "ready",
      indexLoaded: true,
      legs: { lexical: true, dense: false, llm: false },
      denseReason: "no embedding model",
      slack: "off",
    });
  });

  it("answers /readyz, questions and searches with 503 until the index is loaded", async () => {
    let loaded = false;
    const starting = await startTestServer({
      readiness: () => ({
        indexLoaded: loaded,
        lexical: loaded,
        dense: false,
        llm: true,
        slack: "http",
      }),
    });
    try {
      const before = await getJson(`${starting.url}/readyz`);
      expect(before.status).toBe(503);
      expect(before.body).toMatchObject({ status: "starting", indexLoaded: false });
      const ask = await postJson(`${starting.url}/api/ask`, { question: "Hvad blev besluttet?" });
      expect(ask.status).toBe(503);
      expect(ask.headers.get("retry-after")).toBe("5");
      expect(ask.body.error.code).toBe("not_ready");
      expect((await getJson(`${starting.url}/api/search?q=ACT`)).status).toBe(503);
      expect(starting.fakes.calls.answerQuestion).toHaveLength(0);
      expect((await getJson(`${starting.url}/api/meetings`)).status).toBe(200);

      loaded = true;
      expect(
        (await postJson(`${starting.url}/api/ask`, { question: "ACT-indsatsen" })).status,
      ).toBe(200);
      const after = await getJson(`${starting.url}/readyz`);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ status: "ready", legs: { llm: true }, slack: "http" });
    } finally {
      await starting.close();
    }
  });

  it("logs each request with route, status and timing but no query text", async () => {
    await getJson(`${server.url}/api/search?q=${encodeURIComponent("Poverty Walk hemmelig")}`);
    const line = server.logLines.findLast(
      (entry) => entry.msg === "request" && entry.route === "/api/search",
    );
    expect(line).toMatchObject({
      level: 30,
      method: "GET",
      status: 200,
      elapsedMs: expect.any(Number),
    });
    expect(JSON.stringify(server.logLines)).not.toContain("Poverty Walk hemmelig");
  });
});
