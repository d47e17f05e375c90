import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getJson,
  postJson,
  type RealPipelineServer,
  startRealPipelineServer,
} from "./http-test-server.ts";

/** The API over the real answering pipeline on the bundled minutes (lexical, no LLM). */

let server: RealPipelineServer;

beforeAll(async () => {
  server = await startRealPipelineServer();
});
afterAll(() => server.close());

describe("the API over the real pipeline", () => {
  it("is ready with the lexical leg on and says why dense is off", async () => {
    const { status, body } = await getJson(`${server.url}/readyz`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: "ready",
      indexLoaded: true,
      legs: { lexical: true, dense: false, llm: false },
      denseReason: expect.any(String),
    });
  });

  it("answers a Danish question citing the item, with a link to this server's source page", async () => {
    const { status, body } = await postJson(`${server.url}/api/ask`, {
      question: "Hvem blev medlem af styregruppen for ACT-indsatsen?",
    });
    expect(status).toBe(200);
    expect(body.abstained).toBe(false);
    expect(body.text).toContain("Henrik Juncher");
    const citation = body.citations.find(
      (candidate: { meetingId: string; number: number }) =>
        candidate.meetingId === "udsatteraadet-2019-09-18" && candidate.number === 32,
    );
    expect(citation.url).toMatch(
      new RegExp(`^${server.url}/meetings/udsatteraadet-2019-09-18#punkt-32-[a-z-]+$`),
    );
    expect(citation.label).toMatch(/^Udsatterådet 18\.09\.2019 · Punkt 32 › /);

    const page = await fetch(citation.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`id="${new URL(citation.url).hash.slice(1)}"`);
  });

  it("answers an English question with English labels", async () => {
    const { body } = await postJson(`${server.url}/api/ask`, {
      question: "What was decided about the seniors working group?",
    });
    expect(body.language).toBe("en");
    expect(body.text).toContain("Carsten Jensen");
    expect(body.citations[0]).toMatchObject({
      meetingId: "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
      label: expect.stringMatching(
        /^LOM i Center for Psykiatri og Socialt Udsatte 11\.10\.2023 · Item \d+/,
      ),
    });
  });

  it("abstains on a question the minutes do not answer, offering labelled related items", async () => {
    const { status, body } = await postJson(`${server.url}/api/ask`, {
      question: "Hvad koster en ny svømmehal i Aarhus?",
    });
    expect(status).toBe(200);
    expect(body.abstained).toBe(true);
    expect(body.citations).toEqual([]);
    for (const related of body.related) expect(related.label).toContain(" · Punkt ");
  });

  it("honours filters", async () => {
    const { body } = await postJson(`${server.url}/api/ask`, {
      question: "Hvem blev medlem af styregruppen for ACT-indsatsen?",
      filters: { meetingId: "udsatteraadet-2021-09-27" },
    });
    for (const citation of [...body.citations, ...body.related]) {
      expect(citation.meetingId).toBe("udsatteraadet-2021-09-27");
    }
  });

  it("searches and summarises", async () => {
    const search = await getJson(`${server.url}/api/search?q=styregruppen%20ACT-indsatsen&limit=3`);
    expect(search.body.results[0]).toMatchObject({
      meeting: { id: "udsatteraadet-2019-09-18" },
      item: { number: 32 },
      legs: ["lexical"],
    });
    const summary = await getJson(`${server.url}/api/meetings/udsatteraadet-2019-09-18/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.entries.map((entry: { number: number }) => entry.number)).toEqual([
      30, 31, 32, 33, 34, 35, 36, 37, 38,
    ]);
  });
});
