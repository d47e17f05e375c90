import { beforeAll, describe, expect, it } from "vitest";
import { type TermIndex, termIndexOf } from "../../src/answer/term-evidence.ts";
import {
  bagMatches,
  itemText,
  type TokenBag,
  tokenBag,
  WORD,
} from "../../src/answer/term-matching.ts";
import { buildTermStatistics } from "../../src/answer/term-statistics.ts";
import { indexVocabularyByGrams } from "../../src/answer/vocabulary-grams.ts";
import { createDanishAnalyzer, type TextAnalyzer } from "../../src/index/danish-analyzer.ts";
import { ingestDirectory, type Meeting, type Section } from "../../src/minutes/index.ts";

/**
 * The term statistics count items the way the answer stage matches terms, without keeping a bag
 * of tokens per item: checked against the first implementation, which matched every term against
 * every item's bag, on the bundled minutes and on items written to trip the phrase rules.
 */

/** The term index as it was first built: every item's bag kept, each term counted by a scan. */
function scanningTermIndex(meetings: readonly Meeting[], analyzer: TextAnalyzer): TermIndex {
  const bags: TokenBag[] = meetings.flatMap((meeting) =>
    meeting.items.map((item) => tokenBag(itemText(item, meeting.body), analyzer)),
  );
  const frequencies = new Map<string, number>();
  const frequency = (term: string) => {
    let found = frequencies.get(term);
    if (found === undefined) {
      found = bags.filter((bag) => bagMatches(bag, term)).length;
      frequencies.set(term, found);
    }
    return found;
  };
  const itemCount = Math.max(bags.length, 1);
  return {
    itemCount,
    weight: (term) => Math.log(1 + itemCount / (frequency(term) + 0.5)),
    occurs: (term) => frequency(term) > 0,
    isDistinctive: (term) => {
      const found = frequency(term);
      return found > 0 && found <= Math.max(1, itemCount * 0.2);
    },
  };
}

function learnedAnalyzer(meetings: readonly Meeting[]): TextAnalyzer {
  const analyzer = createDanishAnalyzer();
  analyzer.learn(
    meetings.flatMap((meeting) => meeting.items.map((item) => itemText(item, meeting.body))),
  );
  return analyzer;
}

/** Checks every term; returns how many of them occur. */
function expectSameIndex(actual: TermIndex, expected: TermIndex, terms: Iterable<string>): number {
  expect(actual.itemCount).toBe(expected.itemCount);
  const judge = (index: TermIndex, term: string) => ({
    term,
    weight: index.weight(term),
    occurs: index.occurs(term),
    distinctive: index.isDistinctive(term),
  });
  const differing: unknown[] = [];
  let found = 0;
  for (const term of terms) {
    const wanted = judge(expected, term);
    const got = judge(actual, term);
    if (JSON.stringify(got) !== JSON.stringify(wanted)) differing.push({ got, wanted });
    if (wanted.occurs) found += 1;
  }
  expect(differing).toEqual([]);
  return found;
}

describe("term statistics on the bundled minutes", () => {
  let meetings: Meeting[];
  let analyzer: TextAnalyzer;
  let expected: TermIndex;
  let vocabulary: string[];
  let texts: string[];

  beforeAll(async () => {
    meetings = (await ingestDirectory(new URL("../../data/minutes", import.meta.url).pathname))
      .meetings;
    analyzer = learnedAnalyzer(meetings);
    expected = scanningTermIndex(meetings, analyzer);
    texts = meetings.flatMap((meeting) =>
      meeting.items.map((item) => itemText(item, meeting.body)),
    );
    vocabulary = [...new Set(texts.flatMap((text) => analyzer.indexTerms(text)))].sort();
  });

  it("weighs terms, longer terms containing them and past tenses as a scan of every item does", () => {
    const actual = termIndexOf(buildTermStatistics(meetings, analyzer));
    const terms = new Set<string>(["kosted", "beslutted", "plan", "a", "xyzzy", "zzzzzzzz"]);
    vocabulary.forEach((term, position) => {
      if (position % 3 !== 0) return;
      terms.add(term);
      // Past tenses Snowball leaves whole, of the term and of others.
      terms.add(`${term}ede`);
      terms.add(`${term}te`);
      // Parts of longer terms: found by the contained-term rule from five letters on.
      if (term.length > 6) {
        terms.add(term.slice(0, 5));
        terms.add(term.slice(1, 6));
        terms.add(term.slice(2));
      }
    });
    const occurring = expectSameIndex(actual, expected, terms);
    expect(occurring).toBeGreaterThan(500);
    expect(occurring).toBeLessThan(terms.size);
  });

  it("counts quoted phrases as a scan of every item does, present or not", () => {
    const actual = termIndexOf(buildTermStatistics(meetings, analyzer));
    const phrases = new Set<string>([
      '"flere skal med"',
      '"i s infra"',
      '"hus and the"',
      '"og i at"',
      '"i og"',
      '"Flere skal med"',
      '"a.b c"',
      '"x--y z"',
      '""',
    ]);
    texts.forEach((text, position) => {
      const words = text.toLowerCase().match(WORD) ?? [];
      for (let start = position % 7; start + 3 <= words.length; start += 37) {
        const [first, second, third] = words.slice(start, start + 3);
        phrases.add(`"${first} ${second} ${third}"`);
        // The same words out of order, and a pair.
        phrases.add(`"${second} ${first} ${third}"`);
        phrases.add(`"${first} ${second}"`);
      }
    });
    const occurring = expectSameIndex(actual, expected, phrases);
    expect(occurring).toBeGreaterThan(300);
    expect(occurring).toBeLessThan(phrases.size);
  });

  it("keeps counts right when its cache holds a single term", () => {
    const actual = termIndexOf(buildTermStatistics(meetings, analyzer, { cachedTerms: 1 }));
    const terms = ['"flere skal med"', "beslut", "kommun", '"flere skal med"', "beslut"];
    expectSameIndex(actual, expected, [...terms, ...terms]);
  });
});

function section(heading: string, text: string): Section {
  return { heading, kind: "other", slug: heading.toLowerCase(), text, lineStart: 1, lineEnd: 1 };
}

function meetingWith(id: string, body: string, items: [string, Section[]][]): Meeting {
  return {
    id,
    body,
    organisation: null,
    date: "2024-01-01",
    time: null,
    location: null,
    sourceFile: `${id}.txt`,
    documentType: "referat",
    format: "text",
    sourceUrl: null,
    visibility: "public",
    audiences: [],
    warnings: [],
    items: items.map(([title, sections], index) => ({
      number: index + 1,
      title,
      caseNumber: null,
      closed: false,
      sections,
      lineStart: 1,
      lineEnd: 2,
    })),
  };
}

describe("phrases in text written to trip the rules", () => {
  // Words joined by hyphens or apostrophes are one word; "§" keeps the next word as written;
  // digits group ("2.500") and keep letters they touch whole ("budget2024"); phrases run on
  // across the title and the sections.
  const meetings = [
    meetingWith("a", "Udvalget for Flere", [
      ["Flere skal med", [section("Sagen", "Projekt-flere skal med-os. Hansen i sit svar.")]],
      [
        "Skal med",
        [section("Beslutning", "§ Hansen i sit brev. 2.500 i s infra. Flere’ skal med.")],
      ],
      ["Hansen i", [section("Sit", "I/S Infra Service og i s-infra. Godkendt 2 i s.")]],
      ["Tom", []],
    ]),
    meetingWith("b", "Rådet", [
      ["Andet", [section("Tekst", "flere - skal - med; hansen's i sit. act-indsatsen og i.")]],
      ["Mere", [section("Tekst", "FLERE SKAL MED 2. Det vi gør. det vi gør, og det vi gør")]],
      [
        "Joined",
        [section("Tekst", "Flere-skal med er et projekt. Hansen’i sit. Budget2024 og i.")],
      ],
    ]),
  ];
  const analyzer = learnedAnalyzer(meetings);
  const expected = scanningTermIndex(meetings, analyzer);

  it("counts every run of words as a scan of every item does", () => {
    const actual = termIndexOf(buildTermStatistics(meetings, analyzer));
    const phrases = new Set<string>();
    const texts = meetings.flatMap((meeting) =>
      meeting.items.map((item) => itemText(item, meeting.body)),
    );
    for (const text of texts) {
      const words = text.toLowerCase().match(WORD) ?? [];
      for (let size = 1; size <= 4; size += 1) {
        for (let start = 0; start + size <= words.length; start += 1) {
          phrases.add(`"${words.slice(start, start + size).join(" ")}"`);
        }
      }
      for (const word of words) phrases.add(`"${word}-x i"`);
    }
    for (const phrase of ['"hansen i sit"', '"flere skal med"', '"i s infra"', '"det vi gør"']) {
      expect(expected.occurs(phrase)).toBe(true);
    }
    const occurring = expectSameIndex(actual, expected, phrases);
    expect(occurring).toBeGreaterThan(50);
    expect(occurring).toBeLessThan(phrases.size);
  });
});

describe("indexVocabularyByGrams", () => {
  it("finds the terms containing a string as a scan of the vocabulary does", () => {
    const terms = [
      "beslutning",
      "beslut",
      "udvalgsbeslutning",
      "aaaaaa",
      "aaa",
      "ældreråd",
      "rådet",
      "§17",
      "27.57.16-p20",
    ];
    // Deterministic filler: every term of up to three letters from a small alphabet, and longer.
    const alphabet = "abeæøå";
    for (const first of alphabet) {
      for (const second of alphabet) {
        terms.push(`${first}${second}`, `${first}${second}${first}`, `x${first}${second}yz`);
      }
    }
    const grams = indexVocabularyByGrams(terms);
    const parts = ["beslut", "aaaa", "aaa", "rådet", "ældre", "udvalg", "§17", "16-p2", "zzz", "x"];
    for (const term of terms) if (term.length >= 3) parts.push(term, term.slice(1));
    for (const part of parts.filter((candidate) => candidate.length >= 3)) {
      const expected = terms.flatMap((term, id) => (term.includes(part) ? [id] : []));
      expect({ part, found: grams.containing(part) }).toEqual({ part, found: expected });
    }
    expect(() => grams.containing("ab")).toThrow(RangeError);
  });
});
