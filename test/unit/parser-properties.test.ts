import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withoutMarkup } from "../../src/answer/markup.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { wordPattern, wordsInOrder } from "../../src/answer/word-pattern.ts";
import { createDanishAnalyzer } from "../../src/index/danish-analyzer.ts";
import { parseMinutes } from "../../src/minutes/parse.ts";
import { isAppError } from "../../src/shared/errors.ts";

/**
 * Properties of the text parser and the analyser over arbitrary and minutes-like text: they
 * never throw (the parser at most a clear AppError), a text with an item heading always yields a
 * meeting with items, and the work stays bounded. Fixed seeds, so a failure reproduces.
 */

const SEED = 13;
const RUNS = 150;

const timeSlot = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.constantFrom("00", "15", "30", "45"),
    fc.integer({ min: 0, max: 23 }),
    fc.constantFrom(".", ":"),
    fc.constantFrom("-", " – ", "–"),
    fc.constantFrom("", "kl. ", "(kl. "),
  )
  .map(([from, minutes, to, separator, dash, prefix]) => {
    const clock = (hours: number) => `${String(hours).padStart(2, "0")}${separator}${minutes}`;
    return `${prefix}${clock(from)}${dash}${clock(to)}${prefix.startsWith("(") ? ")" : ""}`;
  });

const hostileRun = fc.oneof(
  fc.integer({ min: 1, max: 20_000 }).map((length) => " ".repeat(length)),
  fc.integer({ min: 1, max: 5000 }).map((length) => "\t\u00a0 ".repeat(length)),
  fc.integer({ min: 1, max: 5000 }).map((length) => "**a**".repeat(length)),
  fc.integer({ min: 1, max: 5000 }).map((length) => "**a ".repeat(length)),
  fc.integer({ min: 1, max: 5000 }).map((length) => "[".repeat(length)),
  fc.integer({ min: 1, max: 20_000 }).map((length) => "arbejdsgruppe".repeat(length / 13 + 1)),
  fc.integer({ min: 1, max: 5000 }).map((length) => ".".repeat(length)),
  fc.integer({ min: 1, max: 5000 }).map((length) => "Indholdsfortegnelse".repeat(length)),
);

const noise = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("\u0000", "\u202e\u05d0\u05d1", "e\u0301\u0301\u0301", "\u2028", "\r", "\f"),
);

const textLine = fc.oneof(
  timeSlot,
  fc.constantFrom(
    "Beslutning",
    "Indstilling",
    "Resume",
    "Sagsfremstilling",
    "Økonomi",
    "Bilag",
    "Godkendt.",
    "Referat",
    "Dagsorden",
    "18. september 2019",
    "Mødetid: kl. 10.00",
    "Fraværende:",
    "Lukket",
    "Sagsnr.: 18/24946",
    "| a | b |",
    "|---|---|",
    "## Beslutning",
    "**Beslutning:** Godkendt.",
    "",
  ),
  noise,
  hostileRun,
);

type HeadingForm = (n: number, title: string) => string;
/** "Punkt N" headings say they are items; "N. title" may be a list line, and is only fuzzed. */
const PUNKT_FORMS: HeadingForm[] = [(n, t) => `Punkt ${n}: ${t}`, (n, t) => `Punkt ${n}\n${t}`];
const NUMBERED_FORMS: HeadingForm[] = [(n, t) => `${n}. ${t}`, (n, t) => `## ${n}. ${t}`];

const itemHeading = (forms: HeadingForm[]) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 60 }),
      fc.oneof(timeSlot, fc.constantFrom("Budget", "Eventuelt", "Godkendelse af dagsorden")),
      fc.constantFrom(...forms),
    )
    .map(([number, title, form]) => form(number, title));

/** Minutes-like text: a header, then item headings each followed by arbitrary lines. */
const minutesText = (forms: HeadingForm[]) =>
  fc
    .tuple(
      fc.array(textLine, { maxLength: 4 }),
      fc.array(fc.tuple(itemHeading(forms), fc.array(textLine, { maxLength: 6 })), {
        minLength: 1,
        maxLength: 5,
      }),
    )
    .map(
      ([header, items]) =>
        `Referat\nUdsatterådet\n${header.join("\n")}\n\n${items
          .map(([heading, lines]) => `${heading}\n\n${lines.join("\n")}`)
          .join("\n\n")}\n`,
    );

function parseOrAppError(text: string): ReturnType<typeof parseMinutes> | undefined {
  try {
    return parseMinutes(text, "fuzz_2019-09-18.txt");
  } catch (error) {
    if (isAppError(error)) {
      // A clear sentence, never a validator's JSON.
      expect(error.message).not.toMatch(/^\s*[[{]|"code":|"path":/u);
      return undefined;
    }
    throw error;
  }
}

describe("the text parser", () => {
  it("never throws anything but an AppError on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(textLine, { maxLength: 20 }).map((lines) => lines.join("\n")),
          minutesText([...PUNKT_FORMS, ...NUMBERED_FORMS]),
        ),
        (text) => {
          parseOrAppError(text);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("reads a meeting with items from any text with an item heading and a decision", () => {
    fc.assert(
      fc.property(minutesText(PUNKT_FORMS), (text) => {
        const meeting = parseOrAppError(`${text}\nBeslutning\nGodkendt.\n`);
        expect(meeting?.items.length ?? 0).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("finishes in bounded time on hostile runs", () => {
    fc.assert(
      fc.property(minutesText([...PUNKT_FORMS, ...NUMBERED_FORMS]), (text) => {
        const started = performance.now();
        parseOrAppError(text);
        // Generous: the old parser took seconds to minutes on such runs.
        expect(performance.now() - started).toBeLessThan(3000);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe("the analyser", () => {
  const analyzer = createDanishAnalyzer();
  analyzer.learn(["budget arbejdsgruppe arbejds gruppe senior udvalg møde beslutning"]);
  const anyText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 100 }),
    fc.string({ unit: "binary", maxLength: 100 }),
    hostileRun,
  );

  it("never throws and yields at most as many terms as the text has characters, quickly", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const started = performance.now();
        const indexed = analyzer.indexTerms(text);
        const queried = analyzer.queryTerms(text.slice(0, 2000));
        expect(performance.now() - started).toBeLessThan(2000);
        // A token yields its own term, a few spellings and compound parts: a small multiple.
        expect(indexed.length).toBeLessThanOrEqual(text.length * 2 + 2);
        expect(queried.length).toBeLessThanOrEqual(text.length * 2 + 2);
        expect(indexed.reduce((sum, term) => sum + term.length, 0)).toBeLessThanOrEqual(
          text.length * 4 + 8,
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("reads the intent of any question without throwing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(typeof answerKindOf(text.slice(0, 2000))).toBe("string");
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("markup stripping", () => {
  const marks = fc
    .array(
      fc.constantFrom("**", "__", "*", "_", "a", "b", " ", "\n", "[", "]", "(", ")", "|", "-"),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join(""));

  it("never throws on nesting and never adds characters", () => {
    fc.assert(
      fc.property(fc.oneof(marks, hostileRun, fc.string({ maxLength: 200 })), (text) => {
        expect(withoutMarkup(text).length).toBeLessThanOrEqual(text.length);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("pairs emphasis marks as the regex it replaced did", () => {
    const emphasisOnly = fc
      .array(fc.constantFrom("**", "__", "*", "_", "a", "b", " ", "\n"), { maxLength: 40 })
      .map((parts) => parts.join(""));
    const reference = (text: string) =>
      text
        .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
        .replace(/\*\*|(?<![\p{L}\p{N}])__|__(?![\p{L}\p{N}])/gu, "")
        .replace(/[ \t]+\n/g, "\n")
        .replace(/\n{3,}/g, "\n\n");
    fc.assert(
      fc.property(emphasisOnly, (text) => {
        expect(withoutMarkup(text)).toBe(reference(text));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("words in order", () => {
  it("matches what the backtracking pattern matched", () => {
    const words = fc
      .array(fc.constantFrom("hvad", "mente", "udvalget", "udvalg", "x", " ", "\n", "é", "2"), {
        maxLength: 12,
      })
      .map((parts) => parts.join(""));
    const fast = wordsInOrder(["hvad|hvordan", "mente|sagde", "udvalg\\p{L}*|rådet"]);
    const slow = wordPattern("(?:hvad|hvordan).*(?:mente|sagde).*(?:\\p{L}*udvalg\\p{L}*|rådet)");
    fc.assert(
      fc.property(words, (text) => {
        expect(fast.test(text)).toBe(slow.test(text));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
