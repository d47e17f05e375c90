import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import { createSummariseMeeting } from "../../src/answer/summarise-meeting.ts";
import { createMeetingCatalog, ingestDirectory } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { getJson, startTestServer, type TestServer } from "./http-test-server.ts";

/**
 * GET /api/meetings/:reference/summary on a real server on 127.0.0.1:0 over the real minutes of
 * ../shared/real-minutes, with the real summariser: the references `referat summary` takes
 * (latest/seneste, a body, a date), answered exactly as the CLI answers them.
 */

const ROOT = new URL("../..", import.meta.url).pathname;
const REAL_MINUTES = join(ROOT, "../shared/real-minutes");
const PUBLIC_BASE_URL = "https://referat.example.dk";
const run = promisify(execFile);

let server: TestServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "referat-http-summary-"));
  const { meetings } = await ingestDirectory(REAL_MINUTES);
  const summariseMeeting = createSummariseMeeting({
    catalog: createMeetingCatalog(meetings),
    prompts: await loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
    publicBaseUrl: PUBLIC_BASE_URL,
    logger: createSilentLogger(),
  });
  server = await startTestServer({ meetings, summariseMeeting, publicBaseUrl: PUBLIC_BASE_URL });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

function summaryUrl(reference: string, query = ""): string {
  return `${server.url}/api/meetings/${encodeURIComponent(reference)}/summary${query}`;
}

async function cliSummary(reference: string, language: string) {
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, "bin/referat.js"), "summary", reference, "--json", "--lang", language],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        MINUTES_DIR: REAL_MINUTES,
        EMBEDDINGS_PROVIDER: "none",
        PUBLIC_BASE_URL,
      },
    },
  );
  return JSON.parse(stdout);
}

/** What both surfaces promise about a summary: the meeting, and each entry's words and links. */
// biome-ignore lint/suspicious/noExplicitAny: compares arbitrary JSON responses
function comparable(summary: any) {
  return {
    meeting: summary.meeting,
    mode: summary.mode,
    language: summary.language,
    quotesNote: summary.quotesNote,
    // biome-ignore lint/suspicious/noExplicitAny: compares arbitrary JSON responses
    entries: summary.entries.map((entry: any) => ({
      number: entry.number,
      title: entry.title,
      text: entry.text,
      closed: entry.closed,
      parts: entry.parts,
      // biome-ignore lint/suspicious/noExplicitAny: compares arbitrary JSON responses
      citations: entry.citations.map((citation: any) => [citation.url, citation.label]),
    })),
  };
}

describe("GET /api/meetings/:reference/summary", () => {
  it.each([
    ["latest", "byraadet-2023-06-19"],
    ["seneste", "byraadet-2023-06-19"],
    ["seneste byrådsmøde", "byraadet-2023-06-19"],
    ["latest økonomiudvalget", "oekonomiudvalget-2022-10-24"],
    ["byrådsmødet 05.09.2022", "byraad-2022-09-05"],
    ["Frederiksberg kommunalbestyrelsen 20. april 2015", "kommunalbestyrelsen-2015-04-20"],
    ["udsættelse", undefined],
  ])("resolves %s as the catalogue does", async (reference, id) => {
    const { status, body } = await getJson(summaryUrl(reference));
    if (id === undefined) {
      expect(status).toBe(404);
      return;
    }
    expect(status).toBe(200);
    expect(body.meeting.id).toBe(id);
  });

  it("answers seneste byrådsmøde and latest økonomiudvalget exactly as `referat summary` does", async () => {
    for (const [reference, language] of [
      ["seneste byrådsmøde", "da"],
      ["latest økonomiudvalget", "en"],
    ] as const) {
      const [http, cli] = await Promise.all([
        getJson(summaryUrl(reference, `?language=${language}`)),
        cliSummary(reference, language),
      ]);
      expect(http.status).toBe(200);
      expect(comparable(http.body)).toEqual(comparable(cli));
    }
  });

  it("gives each entry its decision and gist, closed items by title only", async () => {
    const { body } = await getJson(summaryUrl("byraad-2022-09-05", "?language=en"));
    expect(body.quotesNote).toBe("The quotes are in Danish, the language of the minutes.");
    const signing = body.entries.find((entry: { number: number }) => entry.number === 5);
    expect(signing.parts.map((part: { label: string }) => part.label)).toEqual([
      "Decision",
      "Summary",
    ]);
    expect(signing.citations.map((citation: { label: string }) => citation.label)).toEqual([
      "Byråd 05.09.2022 · Item 5 › Beslutning (decision)",
      "Byråd 05.09.2022 · Item 5 › Resume (summary)",
    ]);
    const closed = body.entries.find((entry: { number: number }) => entry.number === 31);
    expect(closed).toMatchObject({ closed: true, text: "Closed item.", title: "Orientering" });
    expect(closed.parts).toBeUndefined();
  });

  it("404s a reference that matches nothing, saying where the meetings are listed", async () => {
    const { status, body } = await getJson(summaryUrl("seneste svømmeklubben"));
    expect(status).toBe(404);
    expect(body.error).toEqual({
      code: "meeting_not_found",
      message:
        'No meeting matches "seneste svømmeklubben"; GET /api/meetings lists the meetings there are',
    });
    expect((await getJson(summaryUrl("byrådet 2030-01-01"))).status).toBe(404);
  });

  it("400s a reference that cannot name a meeting", async () => {
    const impossible = await getJson(summaryUrl("byrådet 2022-02-30"));
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.code).toBe("bad_request");
    expect(impossible.body.error.message).toBe(
      '"byrådet 2022-02-30" is not a meeting reference: "2022-02-30" is not a calendar date. Give a meeting id, "latest", a date, a body, or a body and a date',
    );
    const symbols = await getJson(summaryUrl("!!!"));
    expect(symbols.status).toBe(400);
    expect(symbols.body.error.message).toContain("it holds no letters or digits");
    const long = await getJson(summaryUrl("x".repeat(201)));
    expect(long.status).toBe(400);
    const badLanguage = await getJson(summaryUrl("latest", "?language=de"));
    expect(badLanguage.status).toBe(400);
  });
});
