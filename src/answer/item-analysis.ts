import { yearsNamed } from "../minutes/dates.ts";
import type { Item, Section } from "../minutes/model.ts";
import { createLruCache } from "./lru-cache.ts";
import { splitIntoUnits, type TextUnit } from "./sentences.ts";
import {
  itemText,
  type TermAnalyzer,
  type TokenBag,
  tokenBag,
  tokenBagOf,
} from "./term-matching.ts";
import { type PeopleNamed, type UnitFacts, type UnitWithFacts, unitFacts } from "./unit-facts.ts";

/**
 * An item as the answer stage reads it, whatever the question: the terms of the whole item, of
 * its title and of the body that met, and each section split into sentence units with their
 * terms and facts. Analysing costs far more than judging a question against the result, and the
 * same items come back question after question, so the analyses of recent items are kept.
 */

export interface AnalysedUnit extends UnitWithFacts {
  unit: TextUnit;
  text: string;
  bag: TokenBag;
  facts: UnitFacts;
  people?: PeopleNamed;
}

export interface AnalysedSection {
  section: Section;
  units: AnalysedUnit[];
}

export interface ItemAnalysis {
  bag: TokenBag;
  titleBag: TokenBag;
  bodyBag: TokenBag;
  /**
   * The item's terms with those of what a question may say about its meeting (body,
   * municipality, month, year): what the question's coverage "in context" is measured on.
   */
  bagInContext: TokenBag;
  sections: AnalysedSection[];
  /** No Beslutning section with text: decisions are recorded in running text ("Det besluttes …"). */
  decisionInText: boolean;
  /** The years the item and what is said about its meeting name, the meeting's own among them. */
  years: ReadonlySet<string>;
}

/** `meetingContext`: words about the meeting beside its body ("Greve Kommune september 2022"). */
export function analyseItem(
  item: Item,
  body: string,
  analyzer: TermAnalyzer,
  meetingContext = "",
): ItemAnalysis {
  const bodyBag = tokenBag(body, analyzer);
  const titleBag = tokenBag(item.title, analyzer);
  // The item's tokens are its parts' tokens: no token spans a line or a sentence break, so the
  // whole text need not be analysed again. They are collected in the order of the item's text.
  const tokens = new Set([...bodyBag.tokens, ...titleBag.tokens]);
  const sections = item.sections.map((section): AnalysedSection => {
    for (const token of analyzer.indexTerms(section.heading)) tokens.add(token);
    const units = splitIntoUnits(section.text).map((unit): AnalysedUnit => {
      const bag = tokenBag(unit.text, analyzer);
      for (const token of bag.tokens) tokens.add(token);
      return { unit, text: unit.text, bag, facts: unitFacts(unit.text) };
    });
    return { section, units };
  });
  const text = itemText(item, body);
  const contextTokens = analyzer.indexTerms(meetingContext);
  return {
    bag: tokenBagOf(tokens, text),
    titleBag,
    bodyBag,
    bagInContext:
      contextTokens.length === 0
        ? tokenBagOf(tokens, text)
        : tokenBagOf(new Set([...tokens, ...contextTokens]), `${meetingContext}\n${text}`),
    sections,
    decisionInText: !item.sections.some(
      (section) => section.kind === "beslutning" && section.text.trim() !== "",
    ),
    years: yearsNamed(`${meetingContext}\n${text}`),
  };
}

export interface ItemAnalyses {
  /** The analysis of the item of this meeting, from the cache when it holds this very item. */
  of(meetingId: string, item: Item, body: string, meetingContext?: string): ItemAnalysis;
  readonly size: number;
  readonly capacity: number;
}

/** A few hundred items: the candidates of the last few dozen questions. */
const DEFAULT_CAPACITY = 512;

/**
 * Analyses kept for one corpus with one analyser: made with the pipeline and dropped with it, so
 * a re-ingested corpus starts afresh.
 */
export function createItemAnalyses(
  analyzer: TermAnalyzer,
  options: { capacity?: number } = {},
): ItemAnalyses {
  const cache = createLruCache<
    string,
    { item: Item; body: string; meetingContext: string; analysis: ItemAnalysis }
  >(options.capacity ?? DEFAULT_CAPACITY);
  return {
    of(meetingId, item, body, meetingContext = "") {
      const key = `${meetingId}#${item.number}`;
      const cached = cache.get(key);
      if (
        cached &&
        cached.item === item &&
        cached.body === body &&
        cached.meetingContext === meetingContext
      ) {
        return cached.analysis;
      }
      const analysis = analyseItem(item, body, analyzer, meetingContext);
      cache.set(key, { item, body, meetingContext, analysis });
      return analysis;
    },
    get size() {
      return cache.size;
    },
    capacity: cache.capacity,
  };
}
