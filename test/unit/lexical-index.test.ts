import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chunkMeeting } from "../../src/index/chunking.ts";
import {
  createLexicalIndex,
  createPlainBm25Index,
  LEXICAL_FORMAT_VERSION,
  loadLexicalIndex,
} from "../../src/index/lexical-index.ts";
import type { Chunk } from "../../src/index/types.ts";
import type { Meeting, Section } from "../../src/minutes/model.ts";

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

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "referat-lexical-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("scores", () => {
  it("are BM25+ per field with the field boosts, times the weight of the terms matched", () => {
    // Plain analysis keeps the arithmetic visible: every word is a term as written.
    const plain = createPlainBm25Index();
    const doc = (id: string, title: string, text: string): Chunk => ({
      ...(chunks[0] as Chunk),
      id: `m#${id}/s/0`,
      meetingId: "m",
      itemTitle: title,
      body: "b",
      date: null,
      itemNumber: 1,
      sectionHeading: "",
      text,
    });
    plain.add([
      doc("1", "alfa", "alfa beta beta"),
      doc("2", "gamma", "beta"),
      doc("3", "gamma", "delta"),
    ]);
    const [k, b, d] = [1.2, 0.7, 0.5];
    const idf = (matching: number, total: number) =>
      Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
    const bm25 = (tf: number, length: number, average: number, matching: number) =>
      idf(matching, 3) * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / average)));
    // Document 1: "alfa" in the title (boost 2; title lengths 1, 1, 1) and the text (distinct
    // terms 2, 1, 1: average 4/3); "beta" twice in the text (matching in 2 documents).
    const alfa = 2 * bm25(1, 1, 1, 1) + bm25(1, 2, 4 / 3, 1);
    const beta = bm25(2, 2, 4 / 3, 2);
    const [first, second] = plain.search("alfa beta");
    expect(first?.chunkId).toBe("m#1/s/0");
    expect(first?.score).toBeCloseTo((alfa + beta) * 2, 10);
    expect(second?.chunkId).toBe("m#2/s/0");
    expect(second?.score).toBeCloseTo(bm25(1, 1, 4 / 3, 2) * 1, 10);
  });
});

describe("save / loadLexicalIndex", () => {
  it("round-trips: the loaded index ranks exactly as the built one, compounds included", async () => {
    const built = builtIndex();
    const loaded = loadLexicalIndex(directory, await built.save(directory));
    expect(loaded.size).toBe(built.size);
    for (const query of ["seniorer i arbejdsgruppen", "fastholdelse", "6749600", "Tine Horn"]) {
      expect(loaded.search(query)).toEqual(built.search(query));
    }
    // The learned vocabulary came along: a new query compound still splits.
    expect(itemsOf(loaded.search("seniorarbejdsgruppens"))[0]).toBe(1);
    loaded.close();
  });

  it("rejects a foreign, outdated or inconsistent manifest and damaged segments as index_invalid", async () => {
    const snapshot = await builtIndex().save(directory);
    const [file] = await readdir(directory);
    const first = snapshot.segments[0];
    if (!file || !first) throw new Error("no segment written");
    const attempts: [string, unknown][] = [
      ["not an object", "not json"],
      ["foreign", { hello: "world" }],
      ["outdated", { ...snapshot, formatVersion: LEXICAL_FORMAT_VERSION + 1 }],
      ["missing file", { ...snapshot, segments: [{ ...first, file: "0123456789abcdef.seg" }] }],
      ["wrong count", { ...snapshot, segments: [{ ...first, documents: first.documents + 1 }] }],
      ["deleted beyond", { ...snapshot, segments: [{ ...first, deleted: [first.documents] }] }],
    ];
    for (const [what, attempt] of attempts) {
      expect(() => loadLexicalIndex(directory, attempt), what).toThrowError(
        expect.objectContaining({ code: "index_invalid" }),
      );
    }
    await writeFile(join(directory, file), "RFTSEG01 garbage");
    expect(() => loadLexicalIndex(directory, snapshot)).toThrowError(
      expect.objectContaining({ code: "index_invalid" }),
    );
  });
});

describe("incremental updates", () => {
  it("removes a meeting and adds it back, ranking as a fresh build does", async () => {
    const fresh = builtIndex();
    const index = builtIndex();
    expect(index.removeMeeting(meeting.id)).toBe(chunks.length);
    expect(index.size).toBe(0);
    expect(index.search("fastholdelse")).toEqual([]);
    index.add(chunks);
    expect(index.size).toBe(chunks.length);
    expect(index.stats()).toMatchObject({ segments: 2, deleted: chunks.length });
    for (const query of ["seniorer i arbejdsgruppen", "fastholdelse", "6749600"]) {
      expect(itemsOf(index.search(query))).toEqual(itemsOf(fresh.search(query)));
    }
    // Saving merges away the deleted documents: one segment, nothing deleted, same ranking.
    const loaded = loadLexicalIndex(directory, await index.save(directory));
    expect(loaded.stats()).toMatchObject({ segments: 1, deleted: 0, documents: chunks.length });
    expect(loaded.search("fastholdelse")).toEqual(fresh.search("fastholdelse"));
  });

  it("keeps deletions across a save and load without rewriting the segment", async () => {
    const copy = (day: number): Meeting => ({
      ...meeting,
      id: `lom-2023-11-${day}`,
      date: `2023-11-${day}`,
    });
    const index = createLexicalIndex();
    index.add([meeting, copy(10), copy(11), copy(12)].flatMap((each) => chunkMeeting(each)));
    await index.save(directory);
    index.add(chunkMeeting(copy(13)));
    index.removeMeeting(meeting.id);
    // A quarter deleted and two segments: below the merge thresholds, so both are kept.
    const snapshot = await index.save(directory);
    expect(snapshot.segments).toHaveLength(2);
    expect(snapshot.segments[0]?.deleted).toHaveLength(chunks.length);
    expect(await readdir(directory)).toHaveLength(2);
    const loaded = loadLexicalIndex(directory, snapshot);
    expect(loaded.size).toBe(chunks.length * 4);
    expect(
      loaded.search("fastholdelse").some((hit) => hit.chunkId.startsWith(`${meeting.id}#`)),
    ).toBe(false);
    expect(
      loaded.search("fastholdelse").some((hit) => hit.chunkId.startsWith("lom-2023-11-13#")),
    ).toBe(true);
  });

  it("ranks only what the filter accepts", () => {
    const hits = builtIndex().search("fastholdelse", {
      accept: (chunkId) => chunkId.includes("#4/"),
    });
    expect(itemsOf(hits)).toEqual([4]);
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
    expect(plain.search("tine").length).toBeGreaterThan(0);
  });
});
