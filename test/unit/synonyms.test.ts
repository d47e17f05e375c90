import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSynonymTable,
  DEFAULT_SYNONYMS_FILE,
  loadSynonyms,
  loadSynonymsOrNone,
  type SynonymFile,
  type SynonymTable,
  synonymFileSchema,
} from "../../src/answer/synonyms.ts";
import { foldDanishLetters, lowerCaseAndStripAccents } from "../../src/index/analyzer-normalize.ts";
import { createDanishStemmer, createEnglishStemmer } from "../../src/index/analyzer-stemmer.ts";
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

/**
 * The table as it was first written: every entry scanned for every query. The indexed table must
 * find the same expansions, in the same order.
 */
function scanningTable(file: SynonymFile): (query: string) => string[] {
  const englishStem = createEnglishStemmer();
  const danishStem = createDanishStemmer();
  const formsOf = (text: string) =>
    foldDanishLetters(lowerCaseAndStripAccents(text))
      .split(/[^\p{L}\p{N}§]+/u)
      .filter((word) => word.length > 0)
      .map((word) => ({ english: englishStem(word), danish: danishStem(word) }));
  const entries = [
    ...file.synonyms.flatMap((group) =>
      group.map((member) => ({
        words: formsOf(member),
        expansions: group.filter((other) => other !== member),
      })),
    ),
    ...file.translations.flatMap((translation) =>
      translation.en.map((english) => ({ words: formsOf(english), expansions: translation.da })),
    ),
  ].filter((entry) => entry.words.length > 0);
  return (query) => {
    const queryWords = formsOf(query);
    const found = new Set<string>();
    for (const entry of entries) {
      const occurs = queryWords.some((_, start) =>
        entry.words.every((word, offset) => {
          const queryWord = queryWords[start + offset];
          return (
            queryWord !== undefined &&
            (word.english === queryWord.english || word.danish === queryWord.danish)
          );
        }),
      );
      if (occurs) for (const expansion of entry.expansions) found.add(expansion);
    }
    const own = new Set(queryWords.map((word) => word.danish));
    return [...found].filter(
      (expansion) => !formsOf(expansion).every((word) => own.has(word.danish)),
    );
  };
}

describe("the indexed table", () => {
  it("finds what a scan of every entry finds, in the same order, for the bundled file", async () => {
    const file = synonymFileSchema.parse(JSON.parse(await readFile(DEFAULT_SYNONYMS_FILE, "utf8")));
    const table = createSynonymTable(file);
    const scan = scanningTable(file);
    const phrases = [
      ...file.synonyms.flat(),
      ...file.translations.flatMap((translation) => [...translation.en, ...translation.da]),
    ];
    const queries = [
      ...phrases,
      // Inflected, in context, and several phrases in one query.
      ...phrases.map((phrase) => `What about the ${phrase}s and ${phrase}ed?`),
      ...phrases.map((phrase, index) => `${phrase} ${phrases[(index * 7) % phrases.length]}`),
      "What was decided about the working group?",
      "Hvem blev udpeget til arbejdsgruppen om sygefravær og ledighed?",
      "How much sick leave was there among the staff on leave?",
      "",
      "§ 17 stk. 4",
    ];
    let withExpansions = 0;
    for (const query of queries) {
      const expected = scan(query);
      expect(table.expand(query), query).toEqual(expected);
      if (expected.length > 0) withExpansions += 1;
    }
    expect(withExpansions).toBeGreaterThan(phrases.length);
  });
});
