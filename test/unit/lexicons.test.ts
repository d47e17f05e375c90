import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildBilingualLexicon,
  MAX_TRANSLATIONS,
} from "../../src/answer/lexicons/bilingual-lexicon.ts";
import { decodeDictNumber, readFreeDict } from "../../src/answer/lexicons/freedict.ts";
import { type Lexicons, loadLexicons } from "../../src/answer/lexicons/index.ts";
import {
  createSynonymTable,
  DEFAULT_SYNONYMS_FILE,
  EMPTY_SYNONYM_FILE,
  loadSynonyms,
} from "../../src/answer/synonyms.ts";
import { createLogger, createSilentLogger } from "../../src/shared/logger.ts";

// The Debian packages dict-freedict-dan-eng and dict-freedict-eng-dan (.ci/run installs them).
const DICTD = "/usr/share/dictd";

describe("FreeDict dictionaries as Debian installs them", () => {
  it("decodes dictd's base-64 offsets", () => {
    expect(decodeDictNumber("B")).toBe(1);
    expect(decodeDictNumber("BA")).toBe(64);
    expect(decodeDictNumber("2mn")).toBe(54 * 64 * 64 + 38 * 64 + 39);
    expect(() => decodeDictNumber("a*")).toThrow(/not a dictd number/);
  });

  it("reads every headword with its senses, notes and pronunciation left out", async () => {
    const entries = await readFreeDict(
      join(DICTD, "freedict-dan-eng.index"),
      join(DICTD, "freedict-dan-eng.dict.dz"),
    );
    expect(entries.length).toBeGreaterThan(5_000);
    const byHeadword = new Map(entries.map((entry) => [entry.headword, entry.senses]));
    expect(byHeadword.get("bibliotek")).toEqual([["library"]]);
    expect(byHeadword.get("bydel")?.[0]).toContain("neighbourhood");
    // No database header entries, no IPA, no <n>/<v> tags.
    expect(entries.some((entry) => entry.headword.startsWith("00database"))).toBe(false);
    expect(
      entries.flatMap((entry) => entry.senses.flat()).some((t) => /[<>]|\/.*\//u.test(t)),
    ).toBe(false);
  });
});

describe("the bilingual lexicon", () => {
  let lexicons: Lexicons;
  beforeAll(async () => {
    lexicons = await loadLexicons({ freedictDir: DICTD, logger: createSilentLogger() });
  });

  it("inverts Danish–English and adds English–Danish, a few Danish words per English phrase", () => {
    expect(lexicons.missing).toEqual([]);
    expect(lexicons.sources).toEqual([
      expect.stringMatching(/^freedict-dan-eng \(\d+ headwords\)$/u),
      expect.stringMatching(/^freedict-eng-dan \(\d+ headwords\)$/u),
    ]);
    const byEnglish = new Map(lexicons.translations.map((t) => [t.en, t.da]));
    expect(byEnglish.get("library")).toEqual(["bibliotek"]);
    expect(byEnglish.get("kindergarten")).toContain("børnehave");
    expect(byEnglish.get("mayor")).toContain("borgmester");
    expect(
      lexicons.translations.every((t) => t.da.length >= 1 && t.da.length <= MAX_TRANSLATIONS),
    ).toBe(true);
    // Explanations and function-word phrases are not search keys.
    expect(byEnglish.has("part of a town or city")).toBe(false);
    expect(byEnglish.has("by no means")).toBe(false);
  });

  it("ranks a main sense above a later one", () => {
    const translations = buildBilingualLexicon({
      danishToEnglish: [
        { headword: "kvarter", senses: [["neighbourhood"], ["quarter"]] },
        { headword: "kvartal", senses: [["quarter", "three months"]] },
      ],
      englishToDanish: [],
    });
    expect(translations.find((t) => t.en === "quarter")?.da).toEqual(["kvartal", "kvarter"]);
  });

  it("translates English questions only, and the hand list wins where it translates a phrase", async () => {
    const table = await loadSynonyms(DEFAULT_SYNONYMS_FILE, lexicons.translations);
    expect(table.expand("What was decided about the library?")).toContain("bibliotek");
    // "land" is Danish too: a Danish question is not translated by the English dictionary.
    const english = table.expand("Who owns the land?");
    const danish = table.expand("Hvem ejer land og by?");
    expect(english.length).toBeGreaterThan(danish.length);
    const dictionaryOnly = createSynonymTable(EMPTY_SYNONYM_FILE, "test", lexicons.translations);
    expect(dictionaryOnly.expand("library", "en")).toEqual(["bibliotek"]);
    expect(dictionaryOnly.expand("library", "da")).toEqual([]);

    const handOnly = createSynonymTable(
      { version: 1, synonyms: [], translations: [{ en: ["library"], da: ["hovedbibliotek"] }] },
      "test",
      lexicons.translations,
    );
    expect(handOnly.expand("Where is the library?")).toEqual(["hovedbibliotek"]);
  });
});

describe("lexicons that are not installed", () => {
  let empty: string;
  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), "referat-no-lexicons-"));
  });
  afterAll(async () => {
    await rm(empty, { recursive: true, force: true });
  });

  it("are named once, with the package to install, and searching goes on without them", async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    });
    const lexicons = await loadLexicons({ freedictDir: empty, logger });
    expect(lexicons.translations).toEqual([]);
    expect(lexicons.missing).toEqual([
      expect.stringContaining("apt install dict-freedict-dan-eng"),
      expect.stringContaining("apt install dict-freedict-eng-dan"),
    ]);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 40, missing: lexicons.missing });

    // An answer worker loads them too, but leaves saying so to the main thread.
    const quiet = await loadLexicons({ freedictDir: empty, logger, reportMissing: false });
    expect(quiet.missing).toEqual(lexicons.missing);
    expect(lines).toHaveLength(1);
  });
});
