import { describe, expect, it } from "vitest";
import { chunkMeeting } from "../../src/index/chunking.ts";
import {
  createLexicalIndex,
  createPlainBm25Index,
  LEXICAL_FORMAT_VERSION,
  loadLexicalIndex,
} from "../../src/index/lexical-index.ts";
import type { Chunk } from "../../src/index/types.ts";
import type { Meeting, Section } from "../../src/minutes/model.ts";
import { isAppError } from "../../src/shared/errors.ts";

function section(heading: string, text: string): Section {
  return { heading, kind: "other", slug: heading.toLowerCase(), text, lineStart: 1, lineEnd: 1 };
}

const meeting: Meeting = {
  id: "lom-2023-10-11",
  body: "LOM i Center for Psykiatri og Socialt Udsatte",
  organisation: null,
  date: "2023-10-11",
  time: null,
  location: null,
  sourceFile: "lom.txt",
  documentType: "referat",
  format: "text",
  sourceUrl: null,
  visibility: "public",
  audiences: [],
  warnings: [],
  items: [
    {
      number: 1,
      title: "Notat vedr. seniorer",
      caseNumber: null,
      closed: false,
      lineStart: 1,
      lineEnd: 2,
      sections: [
        section(
          "Tekst",
          "Fastholdelsessnakken er vigtig. Der nedsættes en seniorarbejdsgruppe med Per Thuesen og Tina Arent.",
        ),
      ],
    },
    {
      number: 2,
      title: "Økonomistatus",
      caseNumber: "1-13-3-131-21",
      closed: false,
      lineStart: 3,
      lineEnd: 4,
      sections: [
        section("Beslutning", "Budgettet på 6.749.600 kr. blev godkendt. Overskud på 3,7 mio."),
        section(
          "Sagsfremstilling",
          "Refusion for borgere på §110 området bortfalder efter 120 dage.",
        ),
      ],
    },
    {
      number: 3,
      title: "Arbejdsgruppe om kønsneutrale stillingsopslag",
      caseNumber: null,
      closed: false,
      lineStart: 5,
      lineEnd: 6,
      sections: [
        section("Tekst", "Carsten Jensen og Tine Horn laver et forslag. Gruppen mødes i november."),
      ],
    },
    {
      number: 4,
      title: "Orientering fra Udsatterådet",
      caseNumber: null,
      closed: false,
      lineStart: 7,
      lineEnd: 8,
      sections: [section("Tekst", "Fastholdelse af medarbejdere og en snak om trivsel.")],
    },
  ],
};

const chunks = chunkMeeting(meeting);

function builtIndex() {
  const index = createLexicalIndex();
  index.add(chunks);
  return index;
}

function itemsOf(hits: { chunkId: string }[]): number[] {
  const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  return hits.map((hit) => byId.get(hit.chunkId)?.itemNumber ?? -1);
}

describe("createLexicalIndex", () => {
  it("finds a chunk through a compound part the query names", () => {
    // Only "seniorarbejdsgruppe" is in item 1; the query's "arbejdsgruppen" matches its part.
    const hits = builtIndex().search("seniorer i arbejdsgruppen");
    expect(itemsOf(hits)[0]).toBe(1);
  });

  it("finds the first part of a compound in the text", () => {
    expect(itemsOf(builtIndex().search("fastholdelse"))).toEqual(expect.arrayContaining([1, 4]));
  });

  it("matches the Danish letters and their ASCII spellings", () => {
    const index = builtIndex();
    expect(itemsOf(index.search("oekonomistatus"))[0]).toBe(2);
    expect(itemsOf(index.search("udsatteraadet"))[0]).toBe(4);
  });

  it("finds amounts, decimals and paragraphs as written", () => {
    const index = builtIndex();
    expect(itemsOf(index.search("6.749.600"))[0]).toBe(2);
    expect(itemsOf(index.search("6749600"))[0]).toBe(2);
    expect(itemsOf(index.search("3,7"))[0]).toBe(2);
    expect(itemsOf(index.search("§ 110"))[0]).toBe(2);
  });

  it("weighs the title above the same word deep in a passage", () => {
    // "arbejdsgruppe" is the title of item 3 and part of a word in item 1's text.
    expect(itemsOf(builtIndex().search("arbejdsgruppe"))[0]).toBe(3);
  });

  it("searches expansions, weighted below the asker's own words", () => {
    const index = builtIndex();
    expect(index.search("working group")).toEqual([]);
    const expanded = index.search("working group", { expansions: ["arbejdsgruppe"] });
    expect(itemsOf(expanded)[0]).toBe(3);
    const direct = index.search("arbejdsgruppe");
    expect(expanded[0]?.score).toBeLessThan(direct[0]?.score ?? 0);
  });

  it("returns nothing for a query of stop words only, and honours the limit", () => {
    const index = builtIndex();
    expect(index.search("og det at")).toEqual([]);
    expect(index.search("og", { limit: 1 })).toEqual([]);
    expect(index.search("fastholdelse tine carsten", { limit: 1 })).toHaveLength(1);
  });

  it("replaces a chunk added again under the same id", () => {
    const index = builtIndex();
    const changed: Chunk = { ...(chunks[0] as Chunk), text: "Nu handler det om parkering." };
    index.add([changed]);
    expect(index.size).toBe(chunks.length);
    expect(itemsOf(index.search("parkering"))).toEqual([1]);
  });
});

describe("serialize / loadLexicalIndex", () => {
  it("round-trips: the loaded index ranks exactly as the built one, compounds included", () => {
    const built = builtIndex();
    const loaded = loadLexicalIndex(built.serialize());
    expect(loaded.size).toBe(built.size);
    for (const query of ["seniorer i arbejdsgruppen", "fastholdelse", "6749600", "Tine Horn"]) {
      expect(loaded.search(query)).toEqual(built.search(query));
    }
    // The learned vocabulary came along: a new query compound still splits.
    expect(itemsOf(loaded.search("seniorarbejdsgruppens"))[0]).toBe(1);
  });

  it("rejects unreadable, foreign or outdated data as index_invalid", () => {
    const valid = JSON.parse(builtIndex().serialize()) as Record<string, unknown>;
    const attempts = [
      "not json",
      JSON.stringify({ hello: "world" }),
      JSON.stringify({ ...valid, formatVersion: LEXICAL_FORMAT_VERSION + 1 }),
      JSON.stringify({ ...valid, index: { serializationVersion: 99 } }),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        loadLexicalIndex(attempt);
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught, "index_invalid"), attempt.slice(0, 40)).toBe(true);
    }
  });
});

describe("plain BM25 (the baseline)", () => {
  it("matches words only as written", () => {
    const plain = createPlainBm25Index();
    plain.add(chunks);
    expect(plain.analysis).toBe("plain");
    expect(plain.search("arbejdsgruppen")).toEqual([]);
    expect(itemsOf(plain.search("arbejdsgruppe"))[0]).toBe(3);
    expect(plain.search("oekonomistatus")).toEqual([]);
    expect(loadLexicalIndex(plain.serialize()).search("tine")).toEqual(plain.search("tine"));
  });
});
