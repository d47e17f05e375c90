import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  chunkMeeting,
  chunkMeetings,
  contextHeader,
  countTokens,
} from "../../src/index/chunking.ts";
import type { Chunk } from "../../src/index/types.ts";
import { type Meeting, parseMinutes, type Section } from "../../src/minutes/index.ts";

function section(heading: string, text: string, kind: Section["kind"] = "other"): Section {
  return { heading, kind, slug: heading.toLowerCase(), text, lineStart: 1, lineEnd: 1 };
}

function meetingWith(items: Meeting["items"]): Meeting {
  return {
    id: "udsatteraadet-2019-09-18",
    body: "Udsatterådet",
    organisation: "Randers Kommune",
    date: "2019-09-18",
    time: "16:00",
    location: null,
    sourceFile: "udsatteraadet.txt",
    documentType: "referat",
    format: "text",
    sourceUrl: null,
    visibility: "public",
    audiences: [],
    warnings: [],
    items,
  };
}

function item(number: number, title: string, sections: Section[], closed = false) {
  return { number, title, caseNumber: null, closed, sections, lineStart: 1, lineEnd: 2 };
}

/** A paragraph of `sentences` sentences of ten words each. */
function paragraph(label: string, sentences: number): string {
  return Array.from(
    { length: sentences },
    (_, index) => `Sætning ${label}${index} har netop ti ord i sig her nu.`,
  ).join(" ");
}

function expectExactSpans(chunks: Chunk[], meeting: Meeting) {
  for (const chunk of chunks) {
    const source = meeting.items
      .find((candidate) => candidate.number === chunk.itemNumber)
      ?.sections.find((candidate) => candidate.slug === chunk.sectionSlug);
    if (chunk.sectionSlug === "") {
      expect(chunk.text).toBe("");
      continue;
    }
    expect(source, chunk.id).toBeDefined();
    expect(source?.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    expect(chunk.indexedText.endsWith(`\n${chunk.text}`)).toBe(true);
    expect(chunk.contentHash).toBe(createHash("sha256").update(chunk.indexedText).digest("hex"));
  }
}

describe("chunkMeeting", () => {
  it("keeps a short section whole, with the context header in front", () => {
    const text = "\n  Udsatterådet peger på Henrik Juncher som medlem.  \n";
    const meeting = meetingWith([
      item(32, "Medlem til styregruppen for ACT-indsatsen", [
        section("Beslutning", text, "beslutning"),
      ]),
    ]);
    const [chunk, ...rest] = chunkMeeting(meeting);
    expect(rest).toEqual([]);
    expect(chunk).toMatchObject({
      id: "udsatteraadet-2019-09-18#32/beslutning/0",
      meetingId: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      date: "2019-09-18",
      itemNumber: 32,
      itemTitle: "Medlem til styregruppen for ACT-indsatsen",
      itemClosed: false,
      sectionHeading: "Beslutning",
      sectionKind: "beslutning",
      sectionSlug: "beslutning",
      text: "Udsatterådet peger på Henrik Juncher som medlem.",
    });
    expect(chunk?.indexedText).toBe(
      "Udsatterådet 18.09.2019 · Punkt 32: Medlem til styregruppen for ACT-indsatsen · Beslutning\nUdsatterådet peger på Henrik Juncher som medlem.",
    );
    expect(text.slice(chunk?.start, chunk?.end)).toBe(chunk?.text);
  });

  it("splits a long section at paragraph ends, within the budget, with a little overlap", () => {
    // Six paragraphs of 50 words: a 120-word budget holds two paragraphs per chunk.
    const text = ["a", "b", "c", "d", "e", "f"].map((label) => paragraph(label, 5)).join("\n\n");
    const meeting = meetingWith([item(33, "Handicapplaner", [section("Sagsfremstilling", text)])]);
    const chunks = chunkMeeting(meeting, { maxTokens: 120, overlapTokens: 20 });

    expect(chunks.length).toBeGreaterThan(2);
    expectExactSpans(chunks, meeting);
    for (const chunk of chunks) expect(countTokens(chunk.text)).toBeLessThanOrEqual(120);
    // Every chunk but the last ends where a paragraph ends.
    for (const chunk of chunks.slice(0, -1))
      expect(text.slice(chunk.end, chunk.end + 2)).toBe("\n\n");
    // Consecutive chunks overlap by whole sentences of at most 20 words, and nothing is lost.
    for (let index = 1; index < chunks.length; index += 1) {
      const previous = chunks[index - 1] as Chunk;
      const current = chunks[index] as Chunk;
      expect(current.start).toBeLessThan(previous.end);
      expect(countTokens(text.slice(current.start, previous.end))).toBeLessThanOrEqual(20);
    }
    expect(chunks[0]?.start).toBe(0);
    expect(chunks.at(-1)?.end).toBe(text.length);
    expect(chunks.map((chunk) => chunk.id)).toEqual(
      chunks.map((_, ordinal) => `udsatteraadet-2019-09-18#33/sagsfremstilling/${ordinal}`),
    );
  });

  it("splits one giant paragraph at sentence ends", () => {
    const text = paragraph("x", 30);
    const meeting = meetingWith([item(34, "Psykiatriplan", [section("Sagsfremstilling", text)])]);
    const chunks = chunkMeeting(meeting, { maxTokens: 100, overlapTokens: 10 });
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expectExactSpans(chunks, meeting);
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(100);
      expect(chunk.text.endsWith(".")).toBe(true);
      expect(chunk.text).toMatch(/^Sætning/);
    }
  });

  it("cuts a sentence longer than the budget into word runs", () => {
    const text = Array.from({ length: 250 }, (_, index) => `ord${index}`).join(" ");
    const meeting = meetingWith([item(35, "Tabel", [section("Bilag", text)])]);
    const chunks = chunkMeeting(meeting, { maxTokens: 100, overlapTokens: 0 });
    expect(chunks.map((chunk) => countTokens(chunk.text))).toEqual([100, 100, 50]);
    expectExactSpans(chunks, meeting);
  });

  it("never crosses items or sections, and skips empty sections", () => {
    const meeting = meetingWith([
      item(30, "Godkendelse af dagsorden", [
        section("Beslutning", "Godkendt"),
        section("Økonomi", "   "),
        section("Sagsfremstilling", "Tidsplan for mødet."),
      ]),
      item(31, "Kvalitetsstandarder", [section("Resume", "Udkast sendt i høring.")]),
    ]);
    const chunks = chunkMeeting(meeting);
    expect(chunks.map((chunk) => [chunk.itemNumber, chunk.sectionHeading, chunk.text])).toEqual([
      [30, "Beslutning", "Godkendt"],
      [30, "Sagsfremstilling", "Tidsplan for mødet."],
      [31, "Resume", "Udkast sendt i høring."],
    ]);
  });

  it("gives a closed item one chunk of its title and nothing of its content", () => {
    const meeting = meetingWith([
      item(5, "Lukket", [section("Beslutning", "fortroligt indhold")], true),
    ]);
    const chunks = chunkMeeting(meeting);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({
      id: "udsatteraadet-2019-09-18#5//0",
      itemClosed: true,
      text: "",
      sectionSlug: "",
      indexedText: "Udsatterådet 18.09.2019 · Punkt 5: Lukket",
    });
    expect(chunks[0]?.indexedText).not.toContain("fortroligt");
  });

  it("formats the header with the Danish date", () => {
    const meeting = meetingWith([item(1, "Titel", [])]);
    expect(contextHeader(meeting, meeting.items[0] as Meeting["items"][number], "Resume")).toBe(
      "Udsatterådet 18.09.2019 · Punkt 1: Titel · Resume",
    );
  });
});

describe("chunkMeetings on the bundled minutes", () => {
  it("keeps every span exact, every id unique and every chunk within the budget", async () => {
    const directory = join(import.meta.dirname, "../../data/minutes");
    const files = (await readdir(directory)).filter((file) => file.endsWith(".txt"));
    const meetings = await Promise.all(
      files.map(async (file) => parseMinutes(await readFile(join(directory, file), "utf8"), file)),
    );
    const chunks = chunkMeetings(meetings);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(chunks.length);
    for (const meeting of meetings) {
      const own = chunks.filter((chunk) => chunk.meetingId === meeting.id);
      expectExactSpans(own, meeting);
      // Every item is represented, open or closed.
      expect(new Set(own.map((chunk) => chunk.itemNumber)).size).toBe(meeting.items.length);
    }
    for (const chunk of chunks) expect(countTokens(chunk.text)).toBeLessThanOrEqual(200);
  });
});
