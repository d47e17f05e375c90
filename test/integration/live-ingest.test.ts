import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Application, createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/shared/logger.ts";

/**
 * The running server keeps up with its minutes folder: the real application (createApplication,
 * no keys, lexical retrieval) on a temp folder, files added, changed, deleted and broken while it
 * serves on 127.0.0.1:0. Short watcher timings keep it fast; every wait is a bounded poll.
 */

const SAMPLES = new URL("../../data/minutes/", import.meta.url).pathname;
const UDSATTERAADET = "randers_udsatteraadet_2019-09-18.txt";
const HMU = "region-midtjylland_hmu-socialomraadet_2022-04-20.txt";
const ACT_QUESTION = "Hvem blev udpeget til ACT-styregruppen?";
const REAL_MINUTES = new URL("../../../shared/real-minutes/", import.meta.url).pathname;
const SYDDJURS_PDF = "Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.pdf";
const FAST_WATCH = { debounceMs: 50, writeFinishMs: 100 };

let root: string;
let minutesDir: string;
let dataDir: string;
let application: Application | undefined;
let url: string;
let logLines: Record<string, unknown>[];

function capturingLogger() {
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() !== "") logLines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  return createLogger({ level: "info", destination: stream });
}

async function start(environment: Record<string, string> = {}) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    MINUTES_DIR: minutesDir,
    PORT: "0",
    EMBEDDINGS_PROVIDER: "none",
    ...environment,
  });
  application = await createApplication(config, capturingLogger(), { watch: FAST_WATCH });
  ({ url } = await application.start());
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON responses
async function getJson(path: string): Promise<any> {
  const response = await fetch(`${url}${path}`);
  return response.json();
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON responses
async function ask(question: string): Promise<any> {
  const response = await fetch(`${url}/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function meetingIds(): Promise<string[]> {
  const { meetings } = await getJson("/api/meetings");
  return (meetings as { id: string }[]).map((meeting) => meeting.id).sort();
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function messages(): string[] {
  return logLines.map((line) => String(line.msg));
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "referat-live-"));
  minutesDir = join(root, "minutes");
  dataDir = join(root, "data");
  await mkdir(minutesDir);
  await copyFile(join(SAMPLES, UDSATTERAADET), join(minutesDir, UDSATTERAADET));
  logLines = [];
});

afterEach(async () => {
  await application?.stop();
  application = undefined;
  await rm(root, { recursive: true, force: true });
});

describe("the running server watches the minutes folder", () => {
  it("takes in a new file, a changed file and a deleted file without a restart", async () => {
    await start();
    expect(await meetingIds()).toEqual(["udsatteraadet-2019-09-18"]);
    const before = await getJson("/healthz");
    expect(before.corpus).toMatchObject({ generation: 1, meetings: 1, files: 1, watching: true });

    // A new file: listed, searchable and answerable, and the corpus generation moves on.
    await copyFile(join(SAMPLES, HMU), join(minutesDir, HMU));
    await waitFor("the new meeting to be listed", async () =>
      (await meetingIds()).includes("hmu-socialomraadet-2022-04-20"),
    );
    const search = await getJson("/api/search?q=dagsorden&meetingId=hmu-socialomraadet-2022-04-20");
    expect(search.results.length).toBeGreaterThan(0);
    expect(
      search.results.every(
        (result: { meeting: { id: string } }) =>
          result.meeting.id === "hmu-socialomraadet-2022-04-20",
      ),
    ).toBe(true);
    const page = await fetch(`${url}/meetings/hmu-socialomraadet-2022-04-20`);
    expect(page.status).toBe(200);
    const after = await getJson("/healthz");
    expect(after.corpus).toMatchObject({ generation: 2, meetings: 2, files: 2 });
    expect(after.corpus.lastCheck).toMatchObject({ outcome: "updated" });
    expect(Date.parse(after.corpus.ingestedAt)).toBeGreaterThanOrEqual(
      Date.parse(before.corpus.ingestedAt),
    );

    // A changed file: the new text answers.
    expect((await ask(ACT_QUESTION)).text).toContain("Henrik Juncher");
    const original = await readFile(join(minutesDir, UDSATTERAADET), "utf8");
    await writeFile(
      join(minutesDir, UDSATTERAADET),
      original.replaceAll("Henrik Juncher", "Hanne Testesen"),
    );
    await waitFor("the changed decision", async () => {
      const meeting = await getJson("/api/meetings/udsatteraadet-2019-09-18");
      return JSON.stringify(meeting).includes("Hanne Testesen");
    });
    const changed = await ask(ACT_QUESTION);
    expect(changed.text).toContain("Hanne Testesen");
    expect(changed.text).not.toContain("Henrik Juncher");

    // A deleted file: its meeting goes, from the list, the pages and the answers.
    await rm(join(minutesDir, UDSATTERAADET));
    await waitFor("the deleted meeting to go", async () => {
      const ids = await meetingIds();
      return ids.length === 1 && ids[0] === "hmu-socialomraadet-2022-04-20";
    });
    expect((await fetch(`${url}/meetings/udsatteraadet-2019-09-18`)).status).toBe(404);
    const gone = await ask(ACT_QUESTION);
    expect(gone.text).not.toContain("Hanne Testesen");
    expect(
      gone.citations.map((citation: { meetingId: string }) => citation.meetingId),
    ).not.toContain("udsatteraadet-2019-09-18");

    // What changed is logged at info: counts and meeting ids, never minutes text.
    const updates = logLines.filter(
      (line) => line.msg === "minutes re-ingested: answering from the new corpus",
    );
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(
      updates.some((line) =>
        (line.meetingsAdded as string[]).includes("hmu-socialomraadet-2022-04-20"),
      ),
    ).toBe(true);
    expect(
      updates.some((line) =>
        (line.meetingsChanged as string[]).includes("udsatteraadet-2019-09-18"),
      ),
    ).toBe(true);
    expect(
      updates.some((line) =>
        (line.meetingsRemoved as string[]).includes("udsatteraadet-2019-09-18"),
      ),
    ).toBe(true);
    const log = JSON.stringify(logLines);
    expect(log).not.toContain("Hanne Testesen");
    expect(log).not.toContain("Henrik Juncher");
  });

  it("takes in a real PDF dropped into the folder, with its items, sections and page links", async () => {
    await start();
    await copyFile(join(REAL_MINUTES, SYDDJURS_PDF), join(minutesDir, SYDDJURS_PDF));
    const id = "udvalget-for-plan-udvikling-og-kultur-puk-2013-06-20";
    const meeting = await waitFor("the PDF's meeting to be listed", async () => {
      const response = await fetch(`${url}/api/meetings/${id}`);
      return response.status === 200 ? response.json() : undefined;
    });
    expect(
      meeting.items.map((item: { number: number; title: string }) => [item.number, item.title]),
    ).toEqual([[715, "Kulturkommune 2017. Politiske fokusområder"]]);
    const search = await getJson(`/api/search?q=kulturkommune&meetingId=${id}`);
    expect(search.results[0]?.item.number).toBe(715);
    const page = await (await fetch(`${url}/meetings/${id}`)).text();
    expect(page).toContain("original#page=3");
    const original = await fetch(`${url}/meetings/${id}/original`);
    expect(original.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await original.arrayBuffer())).toEqual(
      await readFile(join(REAL_MINUTES, SYDDJURS_PDF)),
    );
  });

  it("reports a file it cannot read while the other minutes keep serving", async () => {
    await start();
    await writeFile(join(minutesDir, "ødelagt.txt"), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]));
    const health = await waitFor("the broken file to be reported", async () => {
      const state = await getJson("/healthz");
      return state.corpus.failedFiles === 1 ? state : undefined;
    });
    expect(health.corpus).toMatchObject({ generation: 1, files: 2, meetings: 1 });
    expect(health.corpus.lastCheck.outcome).toBe("unchanged");
    const warning = logLines.find((line) => line.msg === "minutes file not read: not UTF-8 text");
    expect(warning).toMatchObject({ file: "ødelagt.txt", code: "minutes_not_utf8" });
    expect(await meetingIds()).toEqual(["udsatteraadet-2019-09-18"]);
    expect((await ask(ACT_QUESTION)).text).toContain("Henrik Juncher");
  });

  it("keeps the old corpus serving when a re-ingest fails, and says so", async () => {
    await start();
    // The whole folder goes: the re-ingest cannot list it.
    await rm(minutesDir, { recursive: true });
    const health = await waitFor("the failed re-ingest", async () => {
      const state = await getJson("/healthz");
      return state.corpus.lastCheck?.outcome === "failed" ? state : undefined;
    });
    expect(health.corpus.generation).toBe(1);
    expect(health.corpus.lastCheck.error).toContain("ENOENT");
    expect(await meetingIds()).toEqual(["udsatteraadet-2019-09-18"]);
    expect((await ask(ACT_QUESTION)).text).toContain("Henrik Juncher");
    const failure = logLines.find(
      (line) => line.msg === "re-ingesting the minutes failed; the previous corpus keeps serving",
    );
    expect(failure?.level).toBe(50);
    expect(JSON.stringify(logLines)).not.toContain("Henrik Juncher");
  });

  it("ignores dot files, temporary files and its own data folder inside the minutes folder", async () => {
    // DATA_DIR inside the minutes folder: the ingest at start writes the corpus and index there.
    dataDir = join(minutesDir, "referat-data");
    await start();
    await writeFile(join(minutesDir, ".DS_Store"), "finder");
    await writeFile(join(minutesDir, "~$referat.docx"), "word lock file");
    await writeFile(join(minutesDir, "download.pdf.crdownload"), "half a pdf");
    await copyFile(join(SAMPLES, HMU), join(minutesDir, HMU));
    await waitFor("the new meeting", async () =>
      (await meetingIds()).includes("hmu-socialomraadet-2022-04-20"),
    );
    const batches = logLines.filter((line) => line.msg === "minutes folder changed; re-ingesting");
    // One batch, holding the one new minutes file: not the ignored files, not our own writes.
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ added: 1, changed: 0, removed: 0 });
  });

  it("does not watch when MINUTES_WATCH=false", async () => {
    await start({ MINUTES_WATCH: "false" });
    expect((await getJson("/healthz")).corpus.watching).toBe(false);
    expect(messages()).not.toContain("watching the minutes folder for changes");
  });
});

describe("answers during a swap", () => {
  it("finishes a request in flight on the old corpus and answers the next from the new one", async () => {
    const llm = await startHeldChatServer();
    try {
      await start({
        LLM_BASE_URL: llm.baseUrl,
        LLM_MODEL: "held-model",
        LLM_QUERY_REWRITE: "false",
      });
      // A question whose LLM call is held open: retrieval already ran on the corpus at start.
      const inFlight = ask(ACT_QUESTION);
      await waitFor("the held LLM call", async () => llm.held() > 0);

      const original = await readFile(join(minutesDir, UDSATTERAADET), "utf8");
      await writeFile(
        join(minutesDir, UDSATTERAADET),
        original.replaceAll("Henrik Juncher", "Hanne Testesen"),
      );
      await waitFor("the new corpus to be swapped in", async () => {
        const meeting = await getJson("/api/meetings/udsatteraadet-2019-09-18");
        return JSON.stringify(meeting).includes("Hanne Testesen");
      });
      // Pages and listings already read the new corpus while the old request is still open.
      expect(llm.held()).toBeGreaterThan(0);

      // The LLM fails; the answer falls back to the extractive one over what it retrieved.
      llm.release();
      const oldAnswer = await inFlight;
      expect(oldAnswer.mode).toBe("extractive");
      expect(oldAnswer.text).toContain("Henrik Juncher");

      const newAnswer = await ask(ACT_QUESTION);
      expect(newAnswer.text).toContain("Hanne Testesen");
      expect(newAnswer.text).not.toContain("Henrik Juncher");
    } finally {
      await application?.stop();
      application = undefined;
      await llm.close();
    }
  });
});

/**
 * A loopback chat endpoint that holds every request until `release()`, then answers 503 (and
 * answers 503 at once from then on), so a test can keep a question in flight across a swap.
 */
async function startHeldChatServer() {
  const waiting: ServerResponse[] = [];
  let released = false;
  const fail = (response: ServerResponse) => {
    response.writeHead(503, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { message: "held and failed on purpose" } }));
  };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (released) fail(response);
      else waiting.push(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    held: () => waiting.length,
    release() {
      released = true;
      for (const response of waiting.splice(0)) fail(response);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
