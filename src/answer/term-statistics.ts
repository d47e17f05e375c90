import type { Item, Meeting } from "../minutes/model.ts";
import { createLruCache } from "./lru-cache.ts";
import {
  anchorTermSets,
  createUnanchoredRunCounter,
  isCountedRun,
  phraseMatcher,
  phraseWords,
} from "./phrase-occurrences.ts";
import {
  isPhrase,
  itemText,
  MIN_CONTAINED_TERM_LENGTH,
  pastTenseStem,
  type TermAnalyzer,
} from "./term-matching.ts";
import { indexVocabularyByGrams } from "./vocabulary-grams.ts";

/**
 * How many of the corpus's items hold a term, as the answer stage weighs its evidence. Built once
 * with the pipeline; a search engine that keeps its own statistics can stand in for it.
 */
export interface TermStatistics {
  /** Items in the corpus. */
  readonly itemCount: number;
  /**
   * Items holding the term by the rule of term-matching.ts (the term itself, a longer term
   * containing it, its past-tense stem, or a quoted phrase's words in a row); 0 when none does.
   */
  itemFrequency(term: string): number;
}

export interface TermStatisticsOptions {
  /** Frequencies that take more than a look-up (contained terms, phrases) are kept for this many terms. */
  cachedTerms?: number;
  /** What an earlier build over the same meetings counted (saved with the index): no analysis then. */
  counted?: TermStatisticsData;
}

/** What the build counts, to be saved and handed back as `counted`. */
export interface TermStatisticsData {
  itemCount: number;
  /** Terms in id order. */
  terms: string[];
  /** Term t's items are itemNumbers[starts[t] … starts[t + 1]). */
  starts: Uint32Array;
  itemNumbers: Uint16Array | Uint32Array;
  runCounts: [string, number][];
}

export interface BuiltTermStatistics extends TermStatistics {
  readonly data: TermStatisticsData;
}

const DEFAULT_CACHED_TERMS = 20_000;

interface CorpusItem {
  item: Item;
  body: string;
}

/**
 * Analyses every item of the meetings once. Kept: each distinct index term with the items that
 * hold it (sorted item numbers in one typed array), the terms under each three-letter slice (to
 * find the terms containing a term), the counts of the few phrases no term narrows down, and the
 * items themselves (shared with the catalogue) to read a phrase in.
 */
export function buildTermStatistics(
  meetings: readonly Meeting[],
  analyzer: TermAnalyzer,
  options: TermStatisticsOptions = {},
): BuiltTermStatistics {
  const items: CorpusItem[] = meetings.flatMap((meeting) =>
    meeting.items.map((item) => ({ item, body: meeting.body })),
  );
  const data =
    options.counted?.itemCount === items.length ? options.counted : countPostings(items, analyzer);
  const postings = postingsOver(data, items);
  const cache = createLruCache<string, number>(options.cachedTerms ?? DEFAULT_CACHED_TERMS);
  const itemCount = items.length;
  // Marks of the items counted so far in one union, by the number of that union.
  const counted = new Uint32Array(itemCount);
  let union = 0;

  const countUnion = (termIds: readonly number[]): number => {
    if (termIds.length === 1) return postings.frequency(termIds[0] as number);
    union += 1;
    if (union === 0xffffffff) {
      counted.fill(0);
      union = 1;
    }
    let count = 0;
    for (const termId of termIds) {
      const list = postings.itemsOf(termId);
      for (let index = 0; index < list.length; index += 1) {
        const itemNumber = list[index] as number;
        if (counted[itemNumber] !== union) {
          counted[itemNumber] = union;
          count += 1;
        }
      }
    }
    return count;
  };

  const termFrequency = (term: string): number => {
    const termIds: number[] = [];
    if (term.length >= MIN_CONTAINED_TERM_LENGTH) termIds.push(...postings.termsContaining(term));
    else {
      const own = postings.termId(term);
      if (own !== undefined) termIds.push(own);
    }
    const pastTense = pastTenseStem(term);
    const pastTenseId = pastTense === undefined ? undefined : postings.termId(pastTense);
    if (pastTenseId !== undefined && !termIds.includes(pastTenseId)) termIds.push(pastTenseId);
    return termIds.length === 0 ? 0 : countUnion(termIds);
  };

  const phraseFrequency = (phrase: string): number => {
    const words = phraseWords(phrase.slice(1, -1));
    if (!words) return 0;
    if (isCountedRun(words, analyzer)) return postings.runCount(words.join(" "));
    const holdsPhrase = phraseMatcher(words);
    let count = 0;
    for (const itemNumber of postings.itemsToReadFor(words, analyzer, countUnion)) {
      const { item, body } = items[itemNumber] as CorpusItem;
      if (holdsPhrase(itemText(item, body))) count += 1;
    }
    return count;
  };

  return {
    itemCount,
    data,
    itemFrequency(term) {
      const isSimple =
        !isPhrase(term) &&
        term.length < MIN_CONTAINED_TERM_LENGTH &&
        pastTenseStem(term) === undefined;
      if (isSimple) {
        const termId = postings.termId(term);
        return termId === undefined ? 0 : postings.frequency(termId);
      }
      const cached = cache.get(term);
      if (cached !== undefined) return cached;
      const frequency = isPhrase(term) ? phraseFrequency(term) : termFrequency(term);
      cache.set(term, frequency);
      return frequency;
    },
  };
}

interface Postings {
  termId(term: string): number | undefined;
  frequency(termId: number): number;
  itemsOf(termId: number): Uint16Array | Uint32Array;
  /** Terms with `part` inside, itself included. */
  termsContaining(part: string): number[];
  /** Items holding a counted run of unanchored words. */
  runCount(run: string): number;
  /** Items that can hold the phrase: those of its rarest anchor, or every item without one. */
  itemsToReadFor(
    words: string[],
    analyzer: TermAnalyzer,
    countUnion: (termIds: readonly number[]) => number,
  ): Iterable<number>;
}

function countPostings(items: readonly CorpusItem[], analyzer: TermAnalyzer): TermStatisticsData {
  const termIds = new Map<string, number>();
  // (term, item) pairs, item by item: term ids, and where each item's ids end.
  let pairs = new Uint32Array(1 << 16);
  let pairCount = 0;
  const itemEnds = new Uint32Array(items.length);
  const runs = createUnanchoredRunCounter(analyzer);
  items.forEach(({ item, body }, itemNumber) => {
    const text = itemText(item, body);
    for (const term of new Set(analyzer.indexTerms(text))) {
      let termId = termIds.get(term);
      if (termId === undefined) {
        termId = termIds.size;
        termIds.set(term, termId);
      }
      if (pairCount === pairs.length) {
        const grown = new Uint32Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[pairCount] = termId;
      pairCount += 1;
    }
    itemEnds[itemNumber] = pairCount;
    runs.addItem(text);
  });
  const runCounts = runs.finish();

  // Items per term, in one array: term t's items are at [starts[t], starts[t + 1]).
  const starts = new Uint32Array(termIds.size + 1);
  for (let index = 0; index < pairCount; index += 1) {
    starts[(pairs[index] as number) + 1] = (starts[(pairs[index] as number) + 1] as number) + 1;
  }
  for (let termId = 0; termId < termIds.size; termId += 1) {
    starts[termId + 1] = (starts[termId + 1] as number) + (starts[termId] as number);
  }
  const itemNumbers =
    items.length <= 0x10000 ? new Uint16Array(pairCount) : new Uint32Array(pairCount);
  const filled = starts.slice(0, termIds.size);
  let pair = 0;
  for (let itemNumber = 0; itemNumber < items.length; itemNumber += 1) {
    for (; pair < (itemEnds[itemNumber] as number); pair += 1) {
      const termId = pairs[pair] as number;
      itemNumbers[filled[termId] as number] = itemNumber;
      filled[termId] = (filled[termId] as number) + 1;
    }
  }

  return {
    itemCount: items.length,
    terms: [...termIds.keys()],
    starts,
    itemNumbers,
    runCounts: [...runCounts],
  };
}

function postingsOver(data: TermStatisticsData, items: readonly CorpusItem[]): Postings {
  const { starts, itemNumbers } = data;
  const termIds = new Map<string, number>();
  data.terms.forEach((term, termId) => {
    termIds.set(term, termId);
  });
  const runCounts = new Map(data.runCounts);
  // Term ids are their positions in the list.
  const grams = indexVocabularyByGrams(data.terms);
  const frequency = (termId: number) => (starts[termId + 1] as number) - (starts[termId] as number);
  const itemsOf = (termId: number) =>
    itemNumbers.subarray(starts[termId] as number, starts[termId + 1] as number);
  return {
    termId: (term) => termIds.get(term),
    frequency,
    itemsOf,
    termsContaining: (part) => grams.containing(part),
    runCount: (run) => runCounts.get(run) ?? 0,
    itemsToReadFor(words, analyzer, countUnion) {
      let rarest: { termIds: number[]; items: number } | undefined;
      for (const word of words) {
        for (const terms of anchorTermSets(word, analyzer)) {
          const ids = terms.flatMap((term) => {
            const termId = termIds.get(term);
            return termId === undefined ? [] : [termId];
          });
          // An anchor no item holds: no item holds the phrase.
          if (ids.length === 0) return [];
          const count = countUnion(ids);
          if (!rarest || count < rarest.items) rarest = { termIds: ids, items: count };
        }
      }
      if (!rarest) return items.keys();
      return new Set(rarest.termIds.flatMap((termId) => [...itemsOf(termId)]));
    },
  };
}
