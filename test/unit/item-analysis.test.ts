import { beforeAll, describe, expect, it } from "vitest";
import { analyseItem, createItemAnalyses } from "../../src/answer/item-analysis.ts";
import { createLruCache } from "../../src/answer/lru-cache.ts";
import { splitIntoUnits } from "../../src/answer/sentences.ts";
import { itemText, normalisePhraseText } from "../../src/answer/term-matching.ts";
import { holdsAnswerKind } from "../../src/answer/unit-facts.ts";
import { createDanishAnalyzer, type TextAnalyzer } from "../../src/index/danish-analyzer.ts";
import { type Item, ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import type { Section } from "../../src/minutes/model.ts";

let meetings: Meeting[];
let analyzer: TextAnalyzer;

beforeAll(async () => {
  meetings = (await ingestDirectory(new URL("../../data/minutes", import.meta.url).pathname))
    .meetings;
  analyzer = createDanishAnalyzer();
  analyzer.learn(
    meetings.flatMap((meeting) => meeting.items.map((item) => itemText(item, meeting.body))),
  );
});

function everyItem(): { meeting: Meeting; item: Item }[] {
  return meetings.flatMap((meeting) => meeting.items.map((item) => ({ meeting, item })));
}

describe("analyseItem", () => {
  it("finds the item's tokens from its parts, in the order analysing the whole text gives", () => {
    for (const { meeting, item } of everyItem()) {
      const text = itemText(item, meeting.body);
      const analysis = analyseItem(item, meeting.body, analyzer);
      expect([...analysis.bag.tokens]).toEqual([...new Set(analyzer.indexTerms(text))]);
      expect(analysis.bag.text).toBe(normalisePhraseText(text));
      expect(analysis.bag.joined).toBe(` ${[...new Set(analyzer.indexTerms(text))].join(" ")} `);
    }
  });

  it("splits each section into its sentence units, each with its own tokens", () => {
    const { meeting, item } = everyItem().find(({ item }) => item.sections.length > 2) ?? {};
    if (!meeting || !item) throw new Error("no item with sections");
    const analysis = analyseItem(item, meeting.body, analyzer);
    expect(analysis.sections.map((analysed) => analysed.section)).toEqual(item.sections);
    analysis.sections.forEach(({ section, units }) => {
      expect(units.map((analysed) => analysed.unit)).toEqual(splitIntoUnits(section.text));
      for (const { unit, bag } of units) {
        expect([...bag.tokens]).toEqual([...new Set(analyzer.indexTerms(unit.text))]);
      }
    });
  });

  it("records a decision made in running text when there is no Beslutning section", () => {
    const unheaded = meetings
      .find((meeting) => meeting.id === "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11")
      ?.items.find((item) => item.number === 9);
    const headed = meetings
      .find((meeting) => meeting.id === "udsatteraadet-2019-09-18")
      ?.items.find((item) => item.number === 32);
    if (!unheaded || !headed) throw new Error("sample items missing");
    const running = analyseItem(unheaded, "LOM", analyzer);
    expect(running.decisionInText).toBe(true);
    const decision = running.sections
      .flatMap((analysed) => analysed.units)
      .find((analysed) => analysed.text.startsWith("Det besluttes at nedsætte"));
    expect(decision?.facts.recordsDecision).toBe(true);
    expect(analyseItem(headed, "Udsatterådet", analyzer).decisionInText).toBe(false);
  });
});

describe("unit facts", () => {
  function unitOf(text: string) {
    const item: Item = {
      number: 1,
      title: "Punkt",
      caseNumber: null,
      closed: false,
      sections: [
        { heading: "Tekst", kind: "other", slug: "tekst", text, lineStart: 1, lineEnd: 1 },
      ],
      lineStart: 1,
      lineEnd: 1,
    };
    const unit = analyseItem(item, "Rådet", analyzer).sections[0]?.units[0];
    if (!unit) throw new Error("no unit");
    return unit;
  }

  it("holds a name for a who-question unless the question names it itself", () => {
    const unit = unitOf("Udvalget udpeger Henrik Juncher som formand.");
    expect(holdsAnswerKind(unit, "person", new Set(), analyzer)).toBe(true);
    const named = new Set(["Henrik", "Juncher", "formand"].flatMap((w) => analyzer.indexTerms(w)));
    expect(holdsAnswerKind(unit, "person", named, analyzer)).toBe(false);
    // Once found, the names stay with the unit for the next question.
    expect(unit.people).toHaveLength(2);
  });

  it("tells amounts, counts, dates, decisions, questions and agenda notes", () => {
    expect(unitOf("Det koster 392.000 kr. i alt.").facts.namesMoneyOrShare).toBe(true);
    expect(unitOf("I alt 65 deltog i møderne.").facts.namesCount).toBe(true);
    expect(unitOf("Det skete i 2019 og ikke siden.").facts.namesCount).toBe(false);
    expect(unitOf("Mødet holdes den 5. maj i Randers.").facts.namesDate).toBe(true);
    expect(unitOf("Indstillingen blev godkendt.").facts.recordsDecision).toBe(true);
    expect(unitOf("Er der nogle, som vil være med?").facts.asksQuestion).toBe(true);
    expect(unitOf("(orientering – 5 min.):").facts.isAgendaNote).toBe(true);
    expect(unitOf("Tre ord her").facts.wordCount).toBe(3);
  });
});

describe("the item analysis cache", () => {
  it("hands back the same analysis for the same item, and a new one for a re-read item", () => {
    const analyses = createItemAnalyses(analyzer);
    const [first] = everyItem();
    if (!first) throw new Error("no items");
    const { meeting, item } = first;
    const analysis = analyses.of(meeting.id, item, meeting.body);
    expect(analyses.of(meeting.id, item, meeting.body)).toBe(analysis);

    // The meeting re-ingested with changed text: same id and number, a new item object.
    const reread: Item = {
      ...item,
      sections: [{ ...(item.sections[0] as Section), text: "Helt ny tekst om budgettet." }],
    };
    const fresh = analyses.of(meeting.id, reread, meeting.body);
    expect(fresh).not.toBe(analysis);
    expect(fresh.bag.tokens.has(analyzer.indexTerms("budgettet")[0] ?? "")).toBe(true);
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const analyses = createItemAnalyses(analyzer, { capacity: 3 });
    const items = everyItem().slice(0, 6);
    const kept = items.map(({ meeting, item }) => analyses.of(meeting.id, item, meeting.body));
    expect(analyses.size).toBe(3);
    expect(analyses.capacity).toBe(3);
    const last = items[5];
    const oldest = items[0];
    if (!last || !oldest) throw new Error("too few items");
    expect(analyses.of(last.meeting.id, last.item, last.meeting.body)).toBe(kept[5]);
    expect(analyses.of(oldest.meeting.id, oldest.item, oldest.meeting.body)).not.toBe(kept[0]);
    expect(analyses.size).toBe(3);
  });
});

describe("createLruCache", () => {
  it("drops the least recently used entry past its capacity", () => {
    const cache = createLruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
    cache.set("a", 10);
    expect(cache.get("a")).toBe(10);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("refuses a capacity below one", () => {
    expect(() => createLruCache(0)).toThrow(RangeError);
  });
});
