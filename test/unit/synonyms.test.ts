import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSynonymTable,
  loadSynonyms,
  loadSynonymsOrNone,
  type SynonymTable,
} from "../../src/answer/synonyms.ts";
import { isAppError } from "../../src/shared/errors.ts";
import { createLogger } from "../../src/shared/logger.ts";

async function expectIndexInvalid(action: () => Promise<unknown> | unknown, mentions: RegExp) {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(isAppError(caught, "index_invalid")).toBe(true);
  expect((caught as Error).message).toMatch(mentions);
}

describe("the bundled data/synonyms.json", () => {
  let table: SynonymTable;
  beforeAll(async () => {
    table = await loadSynonyms();
  });

  it("is valid and broad", () => {
    expect(table.size).toBeGreaterThan(500);
  });

  it("translates English municipal vocabulary into Danish", () => {
    const expansions = table.expand("What was decided about the working group?");
    expect(expansions).toEqual(
      expect.arrayContaining(["besluttet", "beslutning", "arbejdsgruppe"]),
    );
    expect(table.expand("unemployment figures")).toContain("ledighed");
    expect(table.expand("Which supplier?")).toContain("leverandør");
    expect(table.expand("the steering group")).toContain("styregruppe");
  });

  it("matches phrases only as phrases", () => {
    expect(table.expand("How much sick leave was there?")).toContain("sygefravær");
    expect(table.expand("a sick colleague on leave")).not.toContain("sygefravær");
  });

  it("matches inflected forms through their stems", () => {
    expect(table.expand("she decides")).toContain("besluttet");
    expect(table.expand("arbejdsløsheden steg")).toContain("ledighed");
  });

  it("leaves out what the query already says", () => {
    const expansions = table.expand("ledighed");
    expect(expansions).not.toContain("ledighed");
    expect(expansions).toContain("arbejdsløshed");
    expect(table.expand("")).toEqual([]);
  });
});

describe("createSynonymTable", () => {
  it("expands Danish groups both ways and translations one way", () => {
    const table = createSynonymTable({
      version: 1,
      synonyms: [["ansatte", "medarbejdere"]],
      translations: [{ en: ["staff", "sick leave"], da: ["personale", "sygefravær"] }],
    });
    expect(table.size).toBe(4);
    expect(table.expand("ansatte")).toEqual(["medarbejdere"]);
    expect(table.expand("medarbejderne")).toEqual(["ansatte"]);
    expect(table.expand("staff on sick leave")).toEqual(["personale", "sygefravær"]);
    expect(table.expand("sygefravær")).toEqual([]);
  });

  it("rejects malformed tables with the problem named", async () => {
    await expectIndexInvalid(
      () => createSynonymTable({ version: 1, synonyms: [["alene"]], translations: [] }),
      /at least two/,
    );
    await expectIndexInvalid(
      () =>
        createSynonymTable({ version: 1, synonyms: [], translations: [{ en: ["x"], dk: ["y"] }] }),
      /translations/,
    );
    await expectIndexInvalid(() => createSynonymTable({ synonyms: [] }), /version/);
  });
});

describe("loadSynonyms", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "referat-synonyms-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("reads an edited file", async () => {
    const file = join(directory, "synonyms.json");
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        synonyms: [],
        translations: [{ en: ["pool"], da: ["svømmehal"] }],
      }),
    );
    expect((await loadSynonyms(file)).expand("the new pool")).toEqual(["svømmehal"]);
  });

  it("reports a missing file and a file that is not JSON", async () => {
    await expectIndexInvalid(() => loadSynonyms(join(directory, "missing.json")), /unreadable/);
    const broken = join(directory, "broken.json");
    await writeFile(broken, "{ not json");
    await expectIndexInvalid(() => loadSynonyms(broken), /not JSON/);
  });

  it("for the service, logs a broken file as an error and goes on without synonyms", async () => {
    const broken = join(directory, "typo.json");
    await writeFile(broken, JSON.stringify({ version: 1, synonyms: [["ene"]], translations: [] }));
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const table = await loadSynonymsOrNone(broken, createLogger({ destination }));
    expect(table.size).toBe(0);
    expect(table.expand("working group")).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      level: 50,
      code: "index_invalid",
      file: broken,
    });
    expect(
      (await loadSynonymsOrNone(undefined, createLogger({ destination }))).size,
    ).toBeGreaterThan(500);
  });
});
