import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** `referat ask` and `referat summary` as a person runs them: the JSON contracts and exit codes. */

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "referat-answer-cli-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function referat(...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    MINUTES_DIR: join(ROOT, "data/minutes"),
    EMBEDDINGS_PROVIDER: "none",
    PUBLIC_BASE_URL: "https://referat.example.dk",
  };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(ROOT, "bin/referat.js"), ...args],
      {
        cwd: ROOT,
        env,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("referat ask", () => {
  it("prints the answer and its citations as JSON", async () => {
    const result = await referat(
      "ask",
      "Hvem stemte imod orienteringen om ledighed og indsats januar 2020?",
      "--json",
    );
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({ mode: "extractive", abstained: false });
    expect(answer.text).toContain("Imod stemte Nick Zimmermann.");
    expect(answer.citations[0]).toEqual({
      meetingId: "beskaeftigelsesudvalget-2020-01-14",
      body: "Beskæftigelsesudvalget",
      date: "2020-01-14",
      number: 3,
      title: "Ledighed og indsats januar 2020",
      section: "Beslutning",
      quote: expect.stringContaining("Imod stemte Nick Zimmermann."),
      url: "https://referat.example.dk/meetings/beskaeftigelsesudvalget-2020-01-14#punkt-3-beslutning",
      label: "Beskæftigelsesudvalget 14.01.2020 · Punkt 3 › Beslutning",
      closed: false,
    });
  });

  it("rejects a malformed date filter with a coded error", async () => {
    const result = await referat("ask", "Hvad blev besluttet?", "--from", "18.09.2019");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "referat ask: [bad_request] --from must be a date written YYYY-MM-DD",
    );
  });
});

describe("referat summary", () => {
  it("prints one cited entry per item as JSON", async () => {
    const result = await referat("summary", "udsatterådet 27.09.2021", "--json");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.meeting).toMatchObject({
      id: "udsatteraadet-2021-09-27",
      body: "Udsatterådet",
      date: "2021-09-27",
    });
    expect(summary.entries.map((entry: { number: number }) => entry.number)).toEqual([
      17, 18, 19, 20, 21, 22, 23, 24,
    ]);
    for (const entry of summary.entries) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining(["number", "title", "text", "citations"]),
      );
      expect(entry.citations[0].url).toMatch(
        /^https:\/\/referat\.example\.dk\/meetings\/udsatteraadet-2021-09-27#punkt-/,
      );
    }
  });

  it("names an unknown meeting", async () => {
    const result = await referat("summary", "1999-01-01");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'referat summary: [meeting_not_found] No meeting matches "1999-01-01"',
    );
  });
});
