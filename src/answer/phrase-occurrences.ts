import { type TermAnalyzer, WORD } from "./term-matching.ts";

/**
 * Which items hold a quoted phrase (`"flere skal med"`: the words in a row, as bagMatches reads
 * the item's text), without reading every item. Two routes, both exact:
 * - a word of the phrase that the index analyses into a term points at the items to read: only
 *   items holding that term can hold the phrase;
 * - a three-word phrase without such a word ("i s og") is counted in advance: such runs are few
 *   (stop words, single letters and numbers), so a table of them stays small.
 */

const ONE_WORD = /^[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*$/u;

/**
 * Words of the phrase, or undefined when no text can hold it: a text's words are joined by single
 * spaces, so the phrase must be whole words so joined.
 */
export function phraseWords(inner: string): string[] | undefined {
  const words = inner.split(" ");
  return words.every((word) => ONE_WORD.test(word)) ? words : undefined;
}

const LETTER_RUN = /\p{L}+/gu;
const DIGIT = /\p{N}/u;

/**
 * Term sets that any text holding `word` holds at least one of: one set per run of letters in
 * the word that the index analyses into a term. The run's own term is the analyser's stem,
 * except after a "§" ("§Hansen"), which keeps the word as written; so a run at the start of the
 * word counts by either. Runs touching a digit are left out ("2a" is indexed whole).
 */
export function anchorTermSets(word: string, analyzer: TermAnalyzer): string[][] {
  const sets: string[][] = [];
  for (const match of word.matchAll(LETTER_RUN)) {
    const run = match[0];
    const start = match.index;
    const end = start + run.length;
    if (DIGIT.test(word.charAt(start - 1)) || DIGIT.test(word.charAt(end))) continue;
    const own = analyzer.indexTerms(run)[0];
    if (own === undefined) continue;
    const terms = [own];
    if (start === 0) {
      for (const written of analyzer.indexTerms(`§${run}`).slice(1)) {
        if (!terms.includes(written)) terms.push(written);
      }
    }
    sets.push(terms);
  }
  return sets;
}

/** A word without anchor terms: a stop word, a single letter, a number. */
function isUnanchored(word: string, analyzer: TermAnalyzer): boolean {
  return anchorTermSets(word, analyzer).length === 0;
}

export const COUNTED_PHRASE_WORDS = 3;

/**
 * Counts, over items, the three-word runs whose every word is unanchored: the phrases the other
 * route cannot narrow down. Fed each item's text once, while the statistics are built.
 */
export function createUnanchoredRunCounter(analyzer: TermAnalyzer) {
  const counts = new Map<string, number>();
  // Per distinct word while building only; dropped with the counter.
  const unanchored = new Map<string, boolean>();
  const isUnanchoredWord = (word: string): boolean => {
    let known = unanchored.get(word);
    if (known === undefined) {
      known = isUnanchored(word, analyzer);
      unanchored.set(word, known);
    }
    return known;
  };
  return {
    addItem(text: string): void {
      const words = text.toLowerCase().match(WORD) ?? [];
      const runs = new Set<string>();
      let unanchoredInRow = 0;
      for (let index = 0; index < words.length; index += 1) {
        unanchoredInRow = isUnanchoredWord(words[index] as string) ? unanchoredInRow + 1 : 0;
        if (unanchoredInRow >= COUNTED_PHRASE_WORDS) {
          runs.add(words.slice(index - COUNTED_PHRASE_WORDS + 1, index + 1).join(" "));
        }
      }
      for (const run of runs) counts.set(run, (counts.get(run) ?? 0) + 1);
    },
    finish(): ReadonlyMap<string, number> {
      unanchored.clear();
      return counts;
    },
  };
}

export function isCountedRun(words: string[], analyzer: TermAnalyzer): boolean {
  return (
    words.length === COUNTED_PHRASE_WORDS && words.every((word) => isUnanchored(word, analyzer))
  );
}

const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const JOINER = /[-'’]/u;

/**
 * A test whether a text holds the phrase as bagMatches reads it: its words as consecutive words
 * of the lower-cased text (letters and digits, joined by -, ' or ’). Each place where the words
 * stand in order, with only other characters between them, is checked where it stands, without
 * splitting the whole text into words.
 */
export function phraseMatcher(words: string[]): (text: string) => boolean {
  const pattern = new RegExp(
    words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("([^\\p{L}\\p{N}]+)"),
    "gu",
  );
  return (text) => {
    const lower = text.toLowerCase();
    pattern.lastIndex = 0;
    for (let match = pattern.exec(lower); match; match = pattern.exec(lower)) {
      if (isWholeWordsAt(lower, match)) return true;
      pattern.lastIndex = match.index + 1;
    }
    return false;
  };
}

/** The match starts and ends a word, and no separator between its words joins them into one. */
function isWholeWordsAt(text: string, match: RegExpExecArray): boolean {
  const start = match.index;
  const end = start + match[0].length;
  const joinsBefore =
    ALPHANUMERIC.test(text.charAt(start - 1)) ||
    (JOINER.test(text.charAt(start - 1)) && ALPHANUMERIC.test(text.charAt(start - 2)));
  const joinsAfter =
    ALPHANUMERIC.test(text.charAt(end)) ||
    (JOINER.test(text.charAt(end)) && ALPHANUMERIC.test(text.charAt(end + 1)));
  if (joinsBefore || joinsAfter) return false;
  for (let group = 1; group < match.length; group += 1) {
    const separator = match[group] as string;
    if (separator.length === 1 && JOINER.test(separator)) return false;
  }
  return true;
}
