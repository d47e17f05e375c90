import { maxHeaderSize } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_QUESTION_LENGTH } from "../../src/http/request-schemas.ts";
import { sendRaw } from "../support/url-spellings.ts";
import { getJson, postJson, startTestServer, type TestServer } from "./http-test-server.ts";

/** Every text the API takes has a length cap, and going over it says which field and why. */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const letters = (count: number) => "a".repeat(count);
/** A meeting reference in Danish that is `count` characters long before percent-encoding. */
const danishReference = (count: number) => "seneste byrådsmøde ".repeat(count).slice(0, count);

describe("length caps on every text input of the API", () => {
  it("refuses an over-long query parameter with the field and its cap", async () => {
    const cases: [string, string][] = [
      [`/api/search?q=${letters(MAX_QUESTION_LENGTH + 1)}`, "q must be at most 2000 characters"],
      [`/api/search?q=ACT&body=${letters(201)}`, "body must be at most 200 characters"],
      [`/api/search?q=ACT&meetingId=${letters(201)}`, "meetingId must be at most 200 characters"],
      [`/api/meetings?body=${letters(201)}`, "body must be at most 200 characters"],
    ];
    for (const [path, reason] of cases) {
      const { status, body } = await getJson(`${server.url}${path}`);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toContain(reason);
    }
    expect(server.fakes.calls.retrieve).toHaveLength(0);
  });

  it("refuses over-long filters in a question's body", async () => {
    for (const field of ["body", "meetingId"]) {
      const { status, body } = await postJson(`${server.url}/api/ask`, {
        question: "Hvad blev besluttet?",
        filters: { [field]: letters(201) },
      });
      expect(status, field).toBe(400);
      expect(body.error.message).toContain(`filters.${field} must be at most 200 characters`);
    }
    expect(server.fakes.calls.answerQuestion).toHaveLength(0);
  });

  it("refuses an over-long meeting id or summary reference in the path, saying so", async () => {
    for (const path of [
      `/api/meetings/${letters(201)}`,
      `/api/meetings/${letters(201)}/summary`,
      `/api/meetings/${encodeURIComponent(danishReference(201))}/summary`,
    ]) {
      const { status, body } = await getJson(`${server.url}${path}`);
      expect(status, path).toBe(400);
      expect(body.error.code).toBe("bad_request");
      expect(body.error.message, path).toContain("id must be at most 200 characters");
    }
    // Far longer than any reference could be encoded: the router refuses it, saying why.
    const huge = await getJson(`${server.url}/api/meetings/${letters(5000)}/summary`);
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toContain("too long");
    expect(server.fakes.calls.summariseMeeting).toHaveLength(0);
  });

  it("takes a reference within the cap however long its percent-encoding", async () => {
    // 150 Danish characters are over 200 once percent-encoded; the cap counts characters.
    const reference = encodeURIComponent(danishReference(150));
    expect(reference.length).toBeGreaterThan(200);
    const { status, body } = await getJson(`${server.url}/api/meetings/${reference}/summary`);
    expect(status).toBe(404);
    expect(body.error.code).toBe("meeting_not_found");
  });

  it("answers a request line longer than the server reads with 431 and the reason", async () => {
    const answer = await sendRaw(server.url, {
      method: "GET",
      target: `/api/search?q=${letters(maxHeaderSize + 1)}`,
    });
    expect(answer.status).toBe(431);
    const { error } = JSON.parse(answer.body);
    expect(error.code).toBe("request_too_large");
    expect(error.message).toContain(`${Math.floor(maxHeaderSize / 1024)} KB`);
    expect(error.message).toContain("POST /api/ask");
  });
});
