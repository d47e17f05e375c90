import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ingestDirectory } from "../../src/minutes/index.ts";
import { parseSidecar } from "../../src/minutes/sidecar.ts";
import {
  createFirstAgendaClient,
  parseSite,
  SYNC_USER_AGENT,
} from "../../src/sync/firstagenda-client.ts";
import { SYNC_STATE_FILE, syncFirstAgenda } from "../../src/sync/firstagenda-sync.ts";

/**
 * `referat sync firstagenda` against a loopback FirstAgenda Publication site: the committee list
 * reconstructed from the two recorded Greve meetings, and those meetings' recorded
 * `/api/agenda/dagsorden/{id}` responses served verbatim.
 */

const run = promisify(execFile);
const REAL_MINUTES = new URL("../../../shared/real-minutes/", import.meta.url).pathname;
const BIN = new URL("../../bin/referat.js", import.meta.url).pathname;
const BYRAAD_ID = "d027dca2-166a-4e61-9854-a4387923bbff";
const OEKONOMI_ID = "70fa93bc-8838-4a15-9e4a-dae392850bca";
const BYRAAD_FILE = `Byråd-2022-2025_2022-09-05_${BYRAAD_ID}.json`;
const OEKONOMI_FILE = `Økonomiudvalget_2022-10-24_${OEKONOMI_ID}.json`;

interface RecordedMeeting {
  Id: string;
  Udvalg: { Id: string; Navn: string };
  Moede: Record<string, unknown>;
}

let recorded: Map<string, Buffer>;
let site: FakeSite;
let targetDir: string;

beforeAll(async () => {
  recorded = new Map([
    [BYRAAD_ID, await readFile(join(REAL_MINUTES, "Greve_Byraad_2022-09-05.json"))],
    [OEKONOMI_ID, await readFile(join(REAL_MINUTES, "Greve_Oekonomiudvalget_2022-10-24.json"))],
  ]);
});

beforeEach(async () => {
  targetDir = await mkdtemp(join(tmpdir(), "referat-sync-"));
  site = await startFakeSite(recorded);
});

afterEach(async () => {
  await site.close();
  await rm(targetDir, { recursive: true, force: true });
});

function sync(options: Partial<Parameters<typeof syncFirstAgenda>[0]> = {}) {
  return syncFirstAgenda({
    client: createFirstAgendaClient({ site: parseSite(site.url), delayMs: 0, timeoutMs: 5000 }),
    targetDir,
    municipality: "Greve Kommune",
    ...options,
  });
}

describe("referat sync firstagenda", () => {
  it("writes one file per meeting as the site sent it, with a sidecar, and nothing again when unchanged", async () => {
    const first = await sync();
    expect(first.listed).toBe(2);
    expect(first.meetings.map((meeting) => [meeting.file, meeting.status])).toEqual([
      [BYRAAD_FILE, "new"],
      [OEKONOMI_FILE, "new"],
    ]);
    expect((await readdir(targetDir)).sort()).toEqual(
      [
        BYRAAD_FILE,
        `${BYRAAD_FILE}.meta.json`,
        OEKONOMI_FILE,
        `${OEKONOMI_FILE}.meta.json`,
        SYNC_STATE_FILE,
      ].sort(),
    );
    expect(
      (await readFile(join(targetDir, BYRAAD_FILE))).equals(recorded.get(BYRAAD_ID) as Buffer),
    ).toBe(true);
    expect(
      (await readFile(join(targetDir, OEKONOMI_FILE))).equals(recorded.get(OEKONOMI_ID) as Buffer),
    ).toBe(true);
    const sidecarPath = `${OEKONOMI_FILE}.meta.json`;
    const sidecar = parseSidecar(sidecarPath, await readFile(join(targetDir, sidecarPath), "utf8"));
    expect(sidecar).toEqual({
      sourceUrl: `${site.url}/vis?id=${OEKONOMI_ID}`,
      municipality: "Greve Kommune",
    });
    // Polite: every request names Referat.
    expect(site.requests.every((request) => request.userAgent === SYNC_USER_AGENT)).toBe(true);

    const modified = (await stat(join(targetDir, BYRAAD_FILE))).mtimeMs;
    site.requests.length = 0;
    const second = await sync();
    expect(second.meetings.map((meeting) => meeting.status)).toEqual(["unchanged", "unchanged"]);
    expect(site.requests.map((request) => request.path)).toEqual(["/api/agenda/udvalgsliste"]);
    expect((await stat(join(targetDir, BYRAAD_FILE))).mtimeMs).toBe(modified);

    // The listing says the meeting changed, its content did not: fetched, not rewritten.
    site.touchListing(BYRAAD_ID);
    const third = await sync();
    expect(third.meetings.find((meeting) => meeting.id === BYRAAD_ID)?.status).toBe("unchanged");
    expect(site.requests.map((request) => request.path)).toContain(
      `/api/agenda/dagsorden/${BYRAAD_ID}`,
    );
    expect((await stat(join(targetDir, BYRAAD_FILE))).mtimeMs).toBe(modified);
  });

  it("reports a meeting the site fails on and writes the others; the next run fetches it", async () => {
    site.failing.add(BYRAAD_ID);
    const report = await sync();
    const failed = report.meetings.find((meeting) => meeting.id === BYRAAD_ID);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed?.message).toBe(`${new URL(site.url).host}: meeting ${BYRAAD_ID}: HTTP 500`);
    expect(report.meetings.find((meeting) => meeting.id === OEKONOMI_ID)?.status).toBe("new");
    expect(await readdir(targetDir)).not.toContain(BYRAAD_FILE);

    site.failing.clear();
    const retried = await sync();
    expect(retried.meetings.map((meeting) => [meeting.id, meeting.status])).toEqual([
      [BYRAAD_ID, "new"],
      [OEKONOMI_ID, "unchanged"],
    ]);
  });

  it("filters by date and committee, and a dry run fetches and writes nothing", async () => {
    const since = await sync({ since: "2022-10-01" });
    expect(since.meetings.map((meeting) => meeting.id)).toEqual([OEKONOMI_ID]);
    await rm(targetDir, { recursive: true, force: true });

    const committee = await sync({ committees: ["byråd"] });
    expect(committee.meetings.map((meeting) => meeting.id)).toEqual([BYRAAD_ID]);
    await rm(targetDir, { recursive: true, force: true });

    site.requests.length = 0;
    const dryRun = await sync({ dryRun: true });
    expect(dryRun.meetings.map((meeting) => meeting.status)).toEqual([
      "would-fetch",
      "would-fetch",
    ]);
    expect(site.requests.map((request) => request.path)).toEqual(["/api/agenda/udvalgsliste"]);
    await expect(readdir(targetDir)).rejects.toThrow();
  });

  it("signs in anonymously when the site requires its session cookie", async () => {
    site.requireCookie = true;
    const report = await sync();
    expect(report.meetings.map((meeting) => meeting.status)).toEqual(["new", "new"]);
    expect(site.requests.map((request) => request.path).slice(0, 3)).toEqual([
      "/api/agenda/udvalgsliste",
      "/Home/AnonymousAuthentication",
      "/api/agenda/udvalgsliste",
    ]);
  });

  it("leaves a folder that ingests without failures other than unsupported or reader errors", async () => {
    await sync();
    const result = await ingestDirectory(targetDir);
    // Sidecars and the sync state are not minutes files.
    expect(result.files.map((file) => file.file).sort()).toEqual(
      [BYRAAD_FILE, OEKONOMI_FILE].sort(),
    );
    for (const failure of result.failures) {
      expect(failure.code, `${failure.file}: ${failure.message}`).toMatch(/^minutes_/u);
      expect(failure.code).not.toBe("minutes_bad_sidecar");
    }
  });

  it("runs from the command line, naming failures and exiting 1", async () => {
    site.failing.add(OEKONOMI_ID);
    const environment = { ...process.env, MINUTES_DIR: targetDir, LOG_LEVEL: "silent" };
    const failure = await run(
      process.execPath,
      [BIN, "sync", "firstagenda", site.url, "--delay-ms", "0", "--municipality", "Greve Kommune"],
      { env: environment },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const host = new URL(site.url).host;
    expect(failure.stdout).toContain(`new         2022-09-05  Byråd 2022-2025  ${BYRAAD_FILE}`);
    expect(failure.stdout).toContain(
      `${host}: 2 meetings listed, 2 selected: 1 new, 0 updated, 0 unchanged, 1 failed → ${join(targetDir, "firstagenda", host.replace(":", "_"))}`,
    );
    expect(failure.stderr).toContain(
      `error: ${host}: meeting ${OEKONOMI_ID}: HTTP 500 [sync_failed]`,
    );
  });
});

interface FakeSite {
  url: string;
  requests: { path: string; userAgent: string | undefined }[];
  failing: Set<string>;
  requireCookie: boolean;
  touchListing(id: string): void;
  close(): Promise<void>;
}

/**
 * The listing FirstAgenda serves at /api/agenda/udvalgsliste (committees, each with its meetings
 * inline), reconstructed from what the recorded meetings say about themselves.
 */
function listingFor(meetings: Map<string, Buffer>, released: Map<string, string>) {
  const committees = [...meetings.values()].map((bytes) => {
    const meeting = JSON.parse(bytes.toString("utf8")) as RecordedMeeting;
    return {
      Id: meeting.Udvalg.Id,
      Navn: meeting.Udvalg.Navn,
      Moeder: [
        {
          ...meeting.Moede,
          Id: meeting.Id,
          Moededeltagere: null,
          ReleasedDate: released.get(meeting.Id) ?? null,
        },
      ],
    };
  });
  return { Udvalg: { "Udvalg 2022-2025": committees } };
}

async function startFakeSite(meetings: Map<string, Buffer>): Promise<FakeSite> {
  const released = new Map<string, string>();
  const state: Omit<FakeSite, "url" | "close"> = {
    requests: [],
    failing: new Set(),
    requireCookie: false,
    touchListing(id) {
      released.set(id, new Date().toISOString());
    },
  };
  const hasCookie = (request: IncomingMessage) =>
    (request.headers.cookie ?? "").includes("FirstAgendaAnonymous=yes");
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    state.requests.push({ path: url.pathname, userAgent: request.headers["user-agent"] });
    if (url.pathname === "/Home/AnonymousAuthentication") {
      response.writeHead(302, {
        location: url.searchParams.get("callback") ?? "/",
        "set-cookie": "FirstAgendaAnonymous=yes; Path=/; HttpOnly",
      });
      response.end();
      return;
    }
    if (state.requireCookie && !hasCookie(request)) {
      response.writeHead(401, { "content-type": "text/plain" });
      response.end("unauthorised");
      return;
    }
    if (url.pathname === "/api/agenda/udvalgsliste") {
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(listingFor(meetings, released)));
      return;
    }
    const id = /^\/api\/agenda\/dagsorden\/([0-9a-f-]+)$/u.exec(url.pathname)?.[1];
    const body = id === undefined ? undefined : meetings.get(id);
    if (id !== undefined && state.failing.has(id)) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end("internal error");
    } else if (body) {
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      response.end(body);
    } else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
