import { describe, expect, it } from "vitest";
import { withoutMarkup } from "../../src/answer/markup.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { MAX_COMPOUND_LENGTH } from "../../src/index/analyzer-compounds.ts";
import { createDanishAnalyzer } from "../../src/index/danish-analyzer.ts";
import { toLines } from "../../src/minutes/lines.ts";
import { parseMinutes } from "../../src/minutes/parse.ts";

/**
 * Input an attacker (or a broken export) sends: each used to hold the event loop for seconds, or
 * to overflow the stack. The time bounds are generous (the old code took 10–100 times longer);
 * the figures are in scripts/hostile-inputs.ts.
 */

function elapsedMs(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const minutesAround = (middle: string) =>
  `Referat\nUdsatterådet\n18. september 2019\n\nPunkt 1: Budget\n\nBeslutning\n${middle}\n\nPunkt 2: Eventuelt\n\nBeslutning\nIntet.\n`;

describe("the compound splitter", () => {
  const analyzer = createDanishAnalyzer();
  analyzer.learn(["budget arbejds gruppe arbejdsgruppe senior informationssikkerhed koordinator"]);

  it("still splits long real compounds", () => {
    const terms = analyzer.queryTerms("seniorarbejdsgruppen").map((term) => term.term);
    expect(terms).toContain("senior");
  });

  it("does not split a word longer than any Danish compound", () => {
    const word = "budget".repeat(Math.ceil((MAX_COMPOUND_LENGTH + 1) / 6));
    expect(analyzer.queryTerms(word)).toHaveLength(1);
  });

  it("analyses a 3,000-letter word of known parts quickly", () => {
    const word = "arbejdsgruppe".repeat(231);
    expect(elapsedMs(() => analyzer.queryTerms(word))).toBeLessThan(2000);
    expect(elapsedMs(() => analyzer.indexTerms(`x${word}`))).toBeLessThan(2000);
  });
});

describe("the question's intent", () => {
  it("reads a long question of repeated question words in linear time", () => {
    const question = "hvad mente hvad ".repeat(1250);
    expect(elapsedMs(() => answerKindOf(question))).toBeLessThan(1000);
  });

  it("still finds a body's view and a vote across the question", () => {
    expect(answerKindOf("Hvad mente økonomiudvalget om budgettet?")).toBe("decision");
    expect(answerKindOf("Hvad sagde udvalget?")).toBe("decision");
    expect(answerKindOf("what did the council say about it")).toBe("decision");
    expect(answerKindOf("Hvem stemte imod forslaget?")).toBe("vote");
    expect(answerKindOf("who was against the plan")).toBe("vote");
    expect(answerKindOf("Hvad mente\nudvalget?")).not.toBe("decision");
  });
});

describe("the line model", () => {
  it("trims a line of 200,000 spaces quickly and keeps the spaces inside a line", () => {
    const content = `a${" ".repeat(200_000)}b\nc${" ".repeat(200_000)}`;
    let lines: ReturnType<typeof toLines> = [];
    expect(elapsedMs(() => (lines = toLines(content)))).toBeLessThan(2000);
    expect(lines.map((line) => line.raw.length)).toEqual([200_002, 1]);
  });

  it("parses minutes with a 200,000-character space run quickly", () => {
    const content = minutesAround(`a${" \t\u00a0".repeat(70_000)}b`);
    let items = 0;
    expect(elapsedMs(() => (items = parseMinutes(content, "x.txt").items.length))).toBeLessThan(
      5000,
    );
    expect(items).toBe(2);
  });

  it("splits a line of 40,000 glued bold spans without overflowing the stack", () => {
    const lines = toLines(`Tekst${"**a**".repeat(40_000)}`);
    expect(lines).toHaveLength(40_001);
    expect(parseMinutes(minutesAround("**a** ".repeat(40_000)), "x.txt").items).toHaveLength(2);
  });

  it("still splits headings glued to their neighbours", () => {
    expect(toLines("(kl. 14.25-14.30)**Det indstilles, at HMU**").map((l) => l.raw)).toEqual([
      "(kl. 14.25-14.30)",
      "Det indstilles, at HMU",
    ]);
    expect(toLines("Indholdsfortegnelse1. Fraværende").map((l) => l.raw)).toEqual([
      "Indholdsfortegnelse",
      "1. Fraværende",
    ]);
    expect(toLines("**Beslutning:** Godkendt.").map((l) => l.raw)).toEqual([
      "Beslutning:",
      "Godkendt.",
    ]);
  });
});

describe("markup stripping", () => {
  it("strips 100,000 characters of unclosed bold marks quickly", () => {
    const text = "**a ".repeat(25_000);
    expect(elapsedMs(() => withoutMarkup(text))).toBeLessThan(1000);
  });

  it("strips 100,000 nested brackets quickly", () => {
    const text = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    expect(elapsedMs(() => withoutMarkup(text))).toBeLessThan(1000);
  });

  it("strips a space run that ends in no line break quickly", () => {
    const text = `**a** b${" ".repeat(100_000)}c`;
    expect(elapsedMs(() => withoutMarkup(text))).toBeLessThan(1000);
  });

  it("takes out the innermost link, as CommonMark reads brackets", () => {
    expect(withoutMarkup("[a [b](https://x.dk) c")).toBe("[a b c");
  });
});

describe("an item whose title is only a time slot", () => {
  it("keeps the item under its number, says so, and keeps the meeting", () => {
    const meeting = parseMinutes(
      "Referat\nUdsatterådet\n18. september 2019\n\nPunkt 1: Budget\n\nBeslutning\nGodkendt.\n\nPunkt 3\n10.00-10.30\n\nBeslutning\nTaget til efterretning.\n",
      "x.txt",
    );
    expect(meeting.items.map((item) => item.title)).toEqual(["Budget", "Punkt 3"]);
    expect(meeting.warnings).toContainEqual(expect.stringMatching(/^item 3 has no title/u));
  });

  it("reads a numbered heading that is a time slot", () => {
    const meeting = parseMinutes(
      "Referat\n\n1. 10:00 – 10:30\n\nBeslutning\nGodkendt.\n\n2. Budget\n\nBeslutning\nOk\n",
      "udvalg_2020-01-01.txt",
    );
    expect(meeting.items.map((item) => item.title)).toEqual(["Punkt 1", "Budget"]);
  });
});
