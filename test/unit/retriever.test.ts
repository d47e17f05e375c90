import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fuseByItem, RRF_K } from "../../src/answer/fusion.ts";
import { createRetriever, MAX_PASSAGES_PER_ITEM } from "../../src/answer/retriever.ts";
import { createSynonymTable } from "../../src/answer/synonyms.ts";
import { chunkMeetings } from "../../src/index/chunking.ts";
import { createDenseSearcher } from "../../src/index/dense-searcher.ts";
import { createLexicalIndex } from "../../src/index/lexical-index.ts";
import type { Chunk } from "../../src/index/types.ts";
import { createVectorIndex } from "../../src/index/vector-index.ts";
import type { Meeting, Section } from "../../src/minutes/model.ts";
import { createLogger } from "../../src/shared/logger.ts";
import { createDeterministicEmbedder } from "../fakes/deterministic-embedder.ts";

function section(heading: string, text: string): Section {
  return { heading, kind: "other", slug: heading.toLowerCase(), text, lineStart: 1, lineEnd: 1 };
}

function meeting(
  id: string,
  body: string,
  date: string,
  items: { number: number; title: string; caseNumber?: string; sections: Section[] }[],
): Meeting {
  return {
    id,
    body,
    organisation: null,
    date,
    time: null,
    location: null,
    sourceFile: `${id}.txt`,
    documentType: "referat",
    format: "text",
    sourceUrl: null,
    visibility: "public",
    audiences: [],
    warnings: [],
    items: items.map((item) => ({
      number: item.number,
      title: item.title,
      caseNumber: item.caseNumber ?? null,
      closed: false,
      sections: item.sections,
      lineStart: 1,
      lineEnd: 2,
    })),
  };
}

const longBudgetText = Array.from(
  { length: 12 },
  (_, index) =>
    `Budgettet for afsnit ${index} blev gennemgået, og budgettet holder. ${"Udgifterne følges tæt hver måned i året. ".repeat(8)}`,
).join("\n\n");

const meetings: Meeting[] = [
  meeting("udsatteraadet-2019-09-18", "Udsatterådet", "2019-09-18", [
    {
      number: 32,
      title: "Medlem til styregruppen for ACT-indsatsen",
      caseNumber: "27.57.16-P20-2-18",
      sections: [section("Beslutning", "Udsatterådet peger på Henrik Juncher til styregruppen.")],
    },
    {
      number: 33,
      title: "Budget for udsatteområdet",
      sections: [section("Sagsfremstilling", longBudgetText)],
    },
  ]),
  meeting("udsatteraadet-2021-09-27", "Udsatterådet", "2021-09-27", [
    {
      number: 20,
      title: "Aftaler om stormødet",
      sections: [
        section(
          "Beslutning",
          "Budgettet for stormødet er 20.000 kr. Næstformanden styrer spørgsmål.",
        ),
      ],
    },
  ]),
  meeting("hmu-socialomraadet-2022-04-20", "HMU Socialområdet", "2022-04-20", [
    {
      number: 4,
      title: "Sygefraværsprojektet BIDI",
      sections: [
        section("Beslutning", "Projektet mindskede sygefraværet. Budgettet blev overholdt."),
      ],
    },
    {
      number: 9,
      title: "Fastholdelse af seniorer",
      sections: [
        section("Beslutning", "Fastholdelse af ældre medarbejdere drøftes på næste møde."),
      ],
    },
  ]),
];

const chunks = chunkMeetings(meetings, { maxTokens: 60, overlapTokens: 10 });
const synonyms = createSynonymTable({
  version: 1,
  synonyms: [],
  translations: [
    { en: ["sick leave"], da: ["sygefravær"] },
    { en: ["budget"], da: ["budget"] },
  ],
});

function lexicalIndex() {
  const index = createLexicalIndex();
  index.add(chunks);
  return index;
}

function lexicalRetriever(logger = createLogger({ level: "silent" })) {
  return createRetriever({
    chunks,
    lexical: lexicalIndex(),
    dense: null,
    denseReason: "embeddings are turned off (provider none)",
    synonyms,
    meetings,
    logger,
  });
}

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger({ level: "debug", destination }), lines };
}

/** A real hnswlib index over the deterministic embedder's vectors of every chunk. */
async function denseSearcher() {
  const embedder = createDeterministicEmbedder();
  const vectors = createVectorIndex(embedder.dimensions, chunks.length);
  const passages = await embedder.embedPassages(chunks.map((chunk) => chunk.indexedText));
  chunks.forEach((chunk, index) => {
    const vector = passages[index];
    if (vector) vectors.add(chunk.id, vector);
  });
  return createDenseSearcher(embedder, vectors);
}

/** Vectors of 32 dimensions searched with a 64-dimension query embedder: every search throws. */
function mismatchedDenseSearcher() {
  const small = createDeterministicEmbedder({ dimensions: 32 });
  const vectors = createVectorIndex(32, chunks.length);
  for (const chunk of chunks) vectors.add(chunk.id, small.vectorOf(chunk.indexedText));
  return createDenseSearcher(createDeterministicEmbedder(), vectors);
}

describe("lexical-only retrieval", () => {
  it("says it is lexical only, and why", () => {
    expect(lexicalRetriever().status()).toEqual({
      lexical: true,
      dense: false,
      denseReason: "embeddings are turned off (provider none)",
    });
  });

  it("returns one entry per item, its passages best first", async () => {
    const results = await lexicalRetriever().retrieve("budgettet");
    const keys = results.map((result) => `${result.meeting.id}#${result.item.number}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Item 33 has many budget chunks, yet the other budget items still make the list.
    expect(keys).toEqual(
      expect.arrayContaining([
        "udsatteraadet-2019-09-18#33",
        "udsatteraadet-2021-09-27#20",
        "hmu-socialomraadet-2022-04-20#4",
      ]),
    );
    const budget = results.find((result) => result.item.number === 33);
    expect(budget?.passages.length).toBeGreaterThan(1);
    expect(budget?.passages.length).toBeLessThanOrEqual(MAX_PASSAGES_PER_ITEM);
    const scores = budget?.passages.map((passage) => passage.score) ?? [];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(results.map((result) => result.score)).toEqual(
      [...results.map((result) => result.score)].sort((a, b) => b - a),
    );
    for (const result of results) expect(result.legs).toEqual(["lexical"]);
  });

  it("describes the item and the passage it found", async () => {
    const [first] = await lexicalRetriever().retrieve("Hvem kom i styregruppen for ACT?");
    expect(first).toMatchObject({
      meeting: { id: "udsatteraadet-2019-09-18", body: "Udsatterådet", date: "2019-09-18" },
      item: {
        number: 32,
        title: "Medlem til styregruppen for ACT-indsatsen",
        caseNumber: "27.57.16-P20-2-18",
        closed: false,
      },
      legs: ["lexical"],
    });
    expect(first?.score).toBeCloseTo(1, 5);
    expect(first?.passages[0]).toMatchObject({
      sectionHeading: "Beslutning",
      sectionSlug: "beslutning",
      text: "Udsatterådet peger på Henrik Juncher til styregruppen.",
      start: 0,
      end: 54,
    });
  });

  it("finds Danish items for English questions through the synonyms", async () => {
    const [first] = await lexicalRetriever().retrieve("How did the project affect sick leave?");
    expect(first?.item.title).toBe("Sygefraværsprojektet BIDI");
  });

  it("filters by body, meeting and date range", async () => {
    const retriever = lexicalRetriever();
    const byBody = await retriever.retrieve("budgettet", { filters: { body: "hmu" } });
    expect(byBody.map((result) => result.meeting.id)).toEqual(["hmu-socialomraadet-2022-04-20"]);
    const byMeeting = await retriever.retrieve("budgettet", {
      filters: { meetingId: "udsatteraadet-2021-09-27" },
    });
    expect(byMeeting.map((result) => result.item.number)).toEqual([20]);
    const byDates = await retriever.retrieve("budgettet", {
      filters: { from: "2020-01-01", to: "2021-12-31" },
    });
    expect(byDates.map((result) => result.meeting.date)).toEqual(["2021-09-27"]);
    const byBodyName = await retriever.retrieve("budgettet", { filters: { body: "Udsatterådet" } });
    expect(new Set(byBodyName.map((result) => result.meeting.body))).toEqual(
      new Set(["Udsatterådet"]),
    );
  });

  it("honours the limit", async () => {
    expect(await lexicalRetriever().retrieve("budgettet", { limit: 1 })).toHaveLength(1);
  });

  it("fuses extra queries in, below the question itself", async () => {
    const retriever = lexicalRetriever();
    expect(await retriever.retrieve("Who was appointed?")).toEqual([]);
    const results = await retriever.retrieve("Who was appointed?", {
      extraQueries: ["styregruppen ACT-indsatsen", "  "],
    });
    expect(results[0]?.item.number).toBe(32);
    // Found only by a rewrite, which weighs less than the question would have.
    expect(results[0]?.score).toBeLessThan(1);
  });

  it("logs counts and timings, never the question, at info level", async () => {
    const { logger, lines } = recordingLogger();
    await lexicalRetriever(logger).retrieve("Henrik Juncher styregruppen");
    const info = lines.filter((line) => line.level === 30);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ msg: "retrieved", queries: 1, legs: "lexical" });
    expect(JSON.stringify(info)).not.toContain("Juncher");
  });
});

describe("hybrid retrieval", () => {
  it("fuses the dense leg in and says which leg found each item", async () => {
    const retriever = createRetriever({
      chunks,
      lexical: lexicalIndex(),
      dense: await denseSearcher(),
      synonyms,
      meetings,
    });
    expect(retriever.status()).toEqual({
      lexical: true,
      dense: true,
      embedderId: "test/deterministic-64",
    });
    // A misspelling: no lexical match, but its character trigrams are close to "Fastholdelse".
    const misspelt = await retriever.retrieve("fasthodelse sennior");
    expect(misspelt[0]?.item.title).toBe("Fastholdelse af seniorer");
    expect(misspelt[0]?.legs).toEqual(["dense"]);

    const both = await retriever.retrieve("Fastholdelse af seniorer");
    expect(both[0]?.item.title).toBe("Fastholdelse af seniorer");
    expect(both[0]?.legs).toEqual(["lexical", "dense"]);
    expect(both[0]?.score).toBeCloseTo(1, 5);
  });

  it("answers from the lexical leg when the dense leg fails", async () => {
    const { logger, lines } = recordingLogger();
    const broken = mismatchedDenseSearcher();
    const retriever = createRetriever({
      chunks,
      lexical: lexicalIndex(),
      dense: broken,
      synonyms,
      logger,
    });
    const results = await retriever.retrieve("Fastholdelse af seniorer");
    expect(results[0]?.item.title).toBe("Fastholdelse af seniorer");
    expect(results[0]?.legs).toEqual(["lexical"]);
    expect(
      lines.some((line) => line.level === 40 && String(line.msg).includes("dense search failed")),
    ).toBe(true);
  });
});

describe("fuseByItem", () => {
  const itemOf = (chunkId: string) => chunkId.split("/")[0];

  it("ranks items by reciprocal rank over the lists, an item counted at its best chunk", () => {
    const fused = fuseByItem(
      [
        { leg: "lexical", weight: 1, chunkIds: ["a/1", "a/2", "b/1", "c/1"] },
        { leg: "dense", weight: 1, chunkIds: ["b/1", "c/1", "a/2"] },
      ],
      itemOf,
    );
    const maximum = 2 / (RRF_K + 1);
    // b: ranks 2 and 1; a: ranks 1 and 3; c: ranks 3 and 2.
    expect(fused.map((item) => item.itemKey)).toEqual(["b", "a", "c"]);
    expect(fused[0]?.score).toBeCloseTo((1 / (RRF_K + 2) + 1 / (RRF_K + 1)) / maximum, 10);
    expect(fused[1]?.score).toBeCloseTo((1 / (RRF_K + 1) + 1 / (RRF_K + 3)) / maximum, 10);
    // a/2 is in both lists, a/1 only in one.
    expect(fused[1]?.chunks.map((chunk) => chunk.chunkId)).toEqual(["a/2", "a/1"]);
    expect(fused.every((item) => item.legs.join() === "lexical,dense")).toBe(true);
  });

  it("ignores chunks it cannot place and lists that are empty", () => {
    expect(fuseByItem([], itemOf)).toEqual([]);
    const fused = fuseByItem(
      [{ leg: "lexical", weight: 1, chunkIds: ["gone", "a/1"] }],
      (chunkId) => (chunkId === "gone" ? undefined : itemOf(chunkId)),
    );
    expect(fused).toHaveLength(1);
    expect(fused[0]?.score).toBe(1);
  });
});

describe("chunks of the test corpus", () => {
  it("include several chunks for the long item", () => {
    const budgetChunks = chunks.filter((chunk: Chunk) => chunk.itemNumber === 33);
    expect(budgetChunks.length).toBeGreaterThan(MAX_PASSAGES_PER_ITEM);
  });
});
