import { execFile } from "node:child_process";
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDirectory } from "../../src/minutes/index.ts";

const run = promisify(execFile);
const SAMPLES = new URL("../../data/minutes/", import.meta.url);
const BIN = new URL("../../bin/referat.js", import.meta.url).pathname;

let directory: string;
let corpusFile: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "referat-ingest-"));
  corpusFile = join(directory, "data", "corpus.json");
  await writeFile(
    join(directory, "lom.txt"),
    await readFile(new URL("randers_lom-psykiatri-og-socialt-udsatte_2023-10-11.txt", SAMPLES)),
  );
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("ingestDirectory", () => {
  it("reports bad files by name with the reason and still ingests the rest", async () => {
    await writeFile(join(directory, "empty.txt"), "  \n\n");
    await writeFile(
      join(directory, "latin1.txt"),
      Buffer.from([0x50, 0x75, 0x6e, 0x6b, 0x74, 0x20, 0xf8, 0x0a]),
    );
    await writeFile(
      join(directory, "prose.md"),
      "Referat fra Udvalget den 1. maj 2024\n\nIngen punkter her, kun tekst.\n",
    );
    await writeFile(join(directory, "budget.xlsx"), "not minutes");

    const result = await ingestDirectory(directory, { corpusFile });

    expect(result.meetings.map((meeting) => meeting.sourceFile)).toEqual(["lom.txt"]);
    expect(result.failures).toEqual([
      {
        file: "budget.xlsx",
        code: "minutes_unsupported",
        message: "not a format Referat reads: a spreadsheet, not minutes",
      },
      { file: "empty.txt", code: "minutes_empty", message: "the file is empty" },
      { file: "latin1.txt", code: "minutes_not_utf8", message: "not UTF-8 text" },
      {
        file: "prose.md",
        code: "minutes_no_items",
        message: expect.stringContaining("no agenda items found"),
      },
    ]);
    expect(result.files.map((file) => [file.file, file.outcome])).toEqual([
      ["budget.xlsx", "unsupported"],
      ["empty.txt", "failed"],
      ["latin1.txt", "failed"],
      ["lom.txt", "meeting"],
      ["prose.md", "failed"],
    ]);
    const stored = JSON.parse(await readFile(corpusFile, "utf8"));
    expect(stored.files).toHaveLength(5);
  });

  it("does no work on unchanged files and re-reads only a changed one", async () => {
    const first = await ingestDirectory(directory, { corpusFile });
    expect(first).toMatchObject({ parsed: 1, reused: 0, written: true });
    const writtenAt = (await stat(corpusFile)).mtimeMs;

    const second = await ingestDirectory(directory, { corpusFile });
    expect(second).toMatchObject({ parsed: 0, reused: 1, written: false });
    expect(second.meetings).toEqual(first.meetings);
    expect((await stat(corpusFile)).mtimeMs).toBe(writtenAt);

    await copyFile(
      new URL("randers_udsatteraadet_2019-09-18.txt", SAMPLES),
      join(directory, "udsatte.txt"),
    );
    const third = await ingestDirectory(directory, { corpusFile });
    expect(third).toMatchObject({ parsed: 1, reused: 1, written: true });
    expect(third.meetings.map((meeting) => meeting.id)).toEqual([
      "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
      "udsatteraadet-2019-09-18",
    ]);
  });

  it("parses again what an older parser read", async () => {
    await ingestDirectory(directory, { corpusFile });
    const stored = JSON.parse(await readFile(corpusFile, "utf8"));
    const staleTitle = "Titel læst af en ældre parser";
    stored.parser = "an-older-parser";
    stored.files[0].meeting.items[0].title = staleTitle;
    await writeFile(corpusFile, JSON.stringify(stored));

    const result = await ingestDirectory(directory, { corpusFile });
    expect(result).toMatchObject({ parsed: 1, reused: 0, written: true });
    expect(result.meetings[0]?.items[0]?.title).not.toBe(staleTitle);
    expect(JSON.parse(await readFile(corpusFile, "utf8")).parser).not.toBe("an-older-parser");
  });

  it("parses again when the stored corpus is corrupt", async () => {
    await ingestDirectory(directory, { corpusFile });
    await writeFile(corpusFile, "{ not json");
    const result = await ingestDirectory(directory, { corpusFile });
    expect(result).toMatchObject({ parsed: 1, written: true });
  });

  it("keeps one meeting read from two copies, and says which copy was set aside", async () => {
    await copyFile(join(directory, "lom.txt"), join(directory, "lom-rettet.txt"));
    const result = await ingestDirectory(directory);
    expect(result.meetings.map((meeting) => meeting.id)).toEqual([
      "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
    ]);
    expect(result.files.find((file) => file.file === "lom.txt")).toMatchObject({
      outcome: "superseded",
      message: "the same meeting, read from a fuller copy (lom-rettet.txt)",
    });
  });

  it("keeps two different meetings of one body on one date apart, and joins pages of one meeting", async () => {
    const meeting = (items: string) => `Referat fra Handicaprådet den 3. maj 2024\n\n${items}`;
    await writeFile(
      join(directory, "formiddag.txt"),
      meeting(
        "Punkt 1: Budget\n\nBeslutning\nGodkendt.\n\nPunkt 2: Trafik\n\nBeslutning\nTaget til efterretning.\n",
      ),
    );
    await writeFile(
      join(directory, "eftermiddag.txt"),
      meeting("Punkt 1: Skoler\n\nBeslutning\nGodkendt.\n\nPunkt 2: Idræt\n\nBeslutning\nIntet.\n"),
    );
    const result = await ingestDirectory(directory);
    expect(result.meetings.map((found) => [found.id, found.sourceFile])).toEqual([
      ["handicapraadet-2024-05-03", "eftermiddag.txt"],
      ["handicapraadet-2024-05-03-2", "formiddag.txt"],
      ["lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", "lom.txt"],
    ]);

    await writeFile(
      join(directory, "punkt-7.txt"),
      "Referat fra Ældrerådet den 6. maj 2024\n\nPunkt 7: Madordning\n\nBeslutning\nGodkendt.\n",
    );
    await writeFile(
      join(directory, "punkt-8.txt"),
      "Referat fra Ældrerådet den 6. maj 2024\n\nPunkt 8: Besøgsvenner\n\nBeslutning\nTaget til efterretning.\n",
    );
    const joined = await ingestDirectory(directory);
    const elders = joined.meetings.find((found) => found.id === "aeldreraadet-2024-05-06");
    expect(elders?.items.map((item) => [item.number, item.sourceFile])).toEqual([
      [7, "punkt-7.txt"],
      [8, "punkt-8.txt"],
    ]);
    expect(joined.files.find((file) => file.file === "punkt-8.txt")?.outcome).toBe("joined");
  });
});

describe("an agenda and the minutes of the same meeting", () => {
  it("keeps the minutes, and reports the agenda as superseded by them", async () => {
    const items = (decisions: boolean) =>
      [
        "Punkt 1: Godkendelse af dagsorden",
        "",
        ...(decisions
          ? ["Beslutning", "Godkendt.", ""]
          : ["Indstilling", "Direktøren indstiller godkendelse.", ""]),
        "Punkt 2: Budget 2025",
        "",
        ...(decisions
          ? ["Beslutning", "Vedtaget.", ""]
          : ["Indstilling", "Direktøren indstiller vedtagelse.", ""]),
      ].join("\n");
    await writeFile(
      join(directory, "a-dagsorden.txt"),
      `Dagsorden for Ældrerådet den 6. maj 2024\n\n${items(false)}`,
    );
    await writeFile(
      join(directory, "b-referat.txt"),
      `Referat fra Ældrerådet den 6. maj 2024\n\n${items(true)}`,
    );
    const result = await ingestDirectory(directory);
    const elders = result.meetings.filter((meeting) => meeting.body === "Ældrerådet");
    expect(elders.map((meeting) => [meeting.sourceFile, meeting.documentType])).toEqual([
      ["b-referat.txt", "referat"],
    ]);
    expect(result.files.find((file) => file.file === "a-dagsorden.txt")).toMatchObject({
      outcome: "superseded",
      message: "the agenda of a meeting whose minutes are here too (b-referat.txt)",
    });
  });
});

describe("sidecar metadata and subfolders", () => {
  it("reads subfolders and applies folder and file sidecars, nearest first", async () => {
    await mkdir(join(directory, "med", "2023"), { recursive: true });
    await rename(join(directory, "lom.txt"), join(directory, "med", "2023", "lom.txt"));
    await writeFile(
      join(directory, "folder.meta.json"),
      JSON.stringify({ municipality: "Randers Kommune", visibility: "public" }),
    );
    await writeFile(
      join(directory, "med", "folder.meta.json"),
      JSON.stringify({ visibility: "internal", audiences: ["C0MED"] }),
    );
    await writeFile(
      join(directory, "med", "2023", "lom.txt.meta.json"),
      JSON.stringify({ sourceUrl: "https://randers.dk/lom-2023-10-11.pdf", body: "LOM Psykiatri" }),
    );
    const result = await ingestDirectory(directory);
    expect(result.files.map((file) => file.file)).toEqual(["med/2023/lom.txt"]);
    expect(result.meetings[0]).toMatchObject({
      id: "lom-psykiatri-2023-10-11",
      body: "LOM Psykiatri",
      organisation: "Randers Kommune",
      sourceFile: "med/2023/lom.txt",
      sourceUrl: "https://randers.dk/lom-2023-10-11.pdf",
      visibility: "internal",
      audiences: ["C0MED"],
    });
  });

  it("fails the files a broken sidecar covers, naming the sidecar, rather than reading them without it", async () => {
    await writeFile(join(directory, "lom.txt.meta.json"), JSON.stringify({ visibility: "secret" }));
    const result = await ingestDirectory(directory);
    expect(result.meetings).toEqual([]);
    expect(result.failures).toEqual([
      {
        file: "lom.txt",
        code: "minutes_bad_sidecar",
        message: expect.stringContaining("lom.txt.meta.json"),
      },
    ]);
  });

  it("re-reads a file when only its sidecar changed", async () => {
    const corpus = join(directory, "data", "corpus.json");
    await ingestDirectory(directory, { corpusFile: corpus });
    await writeFile(join(directory, "lom.txt.meta.json"), JSON.stringify({ body: "LOM" }));
    const result = await ingestDirectory(directory, { corpusFile: corpus });
    expect(result).toMatchObject({ parsed: 1, reused: 0 });
    expect(result.meetings[0]?.body).toBe("LOM");
  });

  it("warns, and still ingests, when no date is given anywhere", async () => {
    await writeFile(
      join(directory, "uden-dato.txt"),
      "Referat fra Ældrerådet\n\nPunkt 1: Madordning\n\nBeslutning\nGodkendt.\n",
    );
    const result = await ingestDirectory(directory);
    const undated = result.meetings.find((meeting) => meeting.sourceFile === "uden-dato.txt");
    expect(undated).toMatchObject({ date: null, body: "Ældrerådet" });
    expect(undated?.id).toMatch(/^aeldreraadet-udateret-[0-9a-f]{8}$/u);
    expect(undated?.warnings).toEqual(["no meeting date found in the document or its file name"]);
  });
});

describe("referat ingest (command line)", () => {
  const environment = () => ({
    ...process.env,
    DATA_DIR: join(directory, "data"),
    LOG_LEVEL: "silent",
  });

  it("prints one JSON array of meetings in the public shape", async () => {
    const { stdout } = await run(process.execPath, [BIN, "ingest", SAMPLES.pathname, "--json"], {
      env: environment(),
    });
    const meetings = JSON.parse(stdout);
    expect(meetings).toHaveLength(5);
    const udsatte = meetings.find(
      (meeting: { id: string }) => meeting.id === "udsatteraadet-2019-09-18",
    );
    expect(Object.keys(udsatte)).toEqual(
      expect.arrayContaining([
        "id",
        "body",
        "organisation",
        "date",
        "time",
        "location",
        "sourceFile",
        "items",
      ]),
    );
    expect(udsatte.items[2]).toMatchObject({
      number: 32,
      title: "Medlem til styregruppen for ACT-indsatsen",
      caseNumber: "27.57.16-P20-2-18",
      closed: false,
    });
    expect(udsatte.items[2].sections[1]).toMatchObject({
      heading: "Beslutning",
      text: "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
    });
    expect(await readdir(join(directory, "data"))).toContain("corpus.json");
  });

  it("prints a line per meeting, names bad files and exits non-zero", async () => {
    await writeFile(join(directory, "empty.txt"), "");
    const failure = await run(process.execPath, [BIN, "ingest", directory], {
      env: environment(),
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect(failure.stdout).toContain(
      "2023-10-11  LOM i Center for Psykiatri og Socialt Udsatte  referat, 11 items, 11 sections  (lom.txt, text)",
    );
    expect(failure.stderr).toContain("empty.txt: the file is empty [minutes_empty]");
  });
});
