import { type CompoundPart, createCompoundSplitter } from "./analyzer-compounds.ts";
import { foldDanishLetters, lowerCaseAndStripAccents } from "./analyzer-normalize.ts";
import { createDanishStemmer } from "./analyzer-stemmer.ts";
import { danishStopwords, englishQueryStopwords } from "./analyzer-stopwords.ts";
import { type RawToken, scanTokens } from "./analyzer-tokens.ts";

/**
 * The Danish analyser of the lexical index: lower case, æ/ø/å ⇄ ae/oe/aa folded to one form,
 * Danish stop words dropped, Snowball Danish stems, compounds split into parts known from the
 * corpus itself, and numbers, amounts and case numbers kept as written. Text and queries go
 * through the same steps, so whatever a text yields a query can match.
 */

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface TextAnalyzer {
  /** Index side: every term of the text, repeated as often as it occurs. */
  indexTerms(text: string): string[];
  /** Query side: distinct terms, the query's own words weighted 1 and derived terms less. */
  queryTerms(text: string): WeightedTerm[];
  /**
   * Adds the words of these texts to the vocabulary that compound parts are checked against;
   * returns the words that were new.
   */
  learn(texts: Iterable<string>): string[];
  /** The learned vocabulary, sorted, to store beside a serialised index. */
  vocabulary(): string[];
}

export interface DanishAnalyzerOptions {
  /** Words known in advance, e.g. a vocabulary saved with an index. */
  vocabulary?: Iterable<string>;
}

/** Compound parts match less surely than the word itself: "stillingsopslag" is not about every "stilling". */
export const COMPOUND_PART_QUERY_WEIGHT = 0.5;
const MIN_WORD_LENGTH = 2;
const MIN_VOCABULARY_WORD_LENGTH = 3;
/** Caches of per-word results are dropped past this size, so a long-running server stays small. */
const MAX_CACHED_WORDS = 100_000;

export function createDanishAnalyzer(options: DanishAnalyzerOptions = {}): TextAnalyzer {
  const stem = createDanishStemmer();
  const stopwords = danishStopwords({ foldLetters: true });
  const englishStopwords = englishQueryStopwords({ foldLetters: true });
  const words = new Set<string>();
  const stems = new Set<string>();
  const split = createCompoundSplitter({ vocabulary: { words, stems }, stem, stopwords });
  /** word → its terms: [0] the word's own stem, then compound-derived terms. */
  const wordTerms = new Map<string, string[]>();

  const normalise = (text: string) => foldDanishLetters(lowerCaseAndStripAccents(text));

  const learnWord = (word: string): boolean => {
    if (word.length < MIN_VOCABULARY_WORD_LENGTH || stopwords.has(word) || words.has(word)) {
      return false;
    }
    words.add(word);
    stems.add(stem(word));
    return true;
  };
  for (const word of options.vocabulary ?? []) learnWord(normalise(word));

  const compoundTerms = (word: string, parts: CompoundPart[], into: Set<string>) => {
    const addSpan = (start: number, end: number) => {
      const span = word.slice(start, end);
      if (stopwords.has(span)) return;
      into.add(stem(span));
      for (const term of termsOfWord(span).slice(1)) into.add(term);
    };
    for (const part of parts) addSpan(part.start, part.end);
    // With three or more parts, the part-pairs are words too: "syge|fravær|projektet" also
    // yields "sygefravær" and "fraværsprojektet".
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (parts.length >= 3 && first && last) {
      const secondLast = parts[parts.length - 2];
      const second = parts[1];
      if (secondLast) addSpan(first.start, secondLast.end);
      if (second) addSpan(second.start, last.end);
    }
  };

  function termsOfWord(word: string): string[] {
    const cached = wordTerms.get(word);
    if (cached) return cached;
    const own = stem(word);
    const derived = new Set<string>();
    const parts = split(word);
    if (parts) compoundTerms(word, parts, derived);
    derived.delete(own);
    const terms = [own, ...derived];
    if (wordTerms.size >= MAX_CACHED_WORDS) wordTerms.clear();
    wordTerms.set(word, terms);
    return terms;
  }

  const isSearchableWord = (word: string) => word.length >= MIN_WORD_LENGTH && !stopwords.has(word);

  /** Calls `emit(term, derived)` for each term of each token, in text order. */
  const eachTerm = (
    tokens: RawToken[],
    emit: (term: string, derived: boolean) => void,
    acceptWord: (word: string) => boolean,
  ) => {
    const emitWord = (word: string) => {
      if (!acceptWord(word)) return;
      const [own, ...derived] = termsOfWord(word);
      if (own !== undefined) emit(own, false);
      for (const term of derived) emit(term, true);
    };
    for (const token of tokens) {
      if (token.kind === "word") {
        emitWord(token.text);
        continue;
      }
      emit(token.text, false);
      for (const alternative of token.alternatives) emit(alternative, false);
      for (const word of token.words) emitWord(word);
    }
  };

  return {
    indexTerms(text) {
      const terms: string[] = [];
      eachTerm(scanTokens(normalise(text)), (term) => terms.push(term), isSearchableWord);
      return terms;
    },

    queryTerms(text) {
      const weights = new Map<string, number>();
      const add = (term: string, weight: number) => {
        weights.set(term, Math.max(weights.get(term) ?? 0, weight));
      };
      const acceptQueryWord = (word: string) =>
        isSearchableWord(word) && !englishStopwords.has(word);
      eachTerm(
        scanTokens(normalise(text)),
        (term, derived) => add(term, derived ? COMPOUND_PART_QUERY_WEIGHT : 1),
        acceptQueryWord,
      );
      // English plurals of words the minutes use ("seniors" → "senior", "plans" → "plan").
      for (const token of scanTokens(normalise(text))) {
        if (token.kind !== "word" || !acceptQueryWord(token.text)) continue;
        const singular = englishSingular(token.text);
        if (singular && !stems.has(stem(token.text)) && stems.has(stem(singular))) {
          add(stem(singular), 1);
        }
      }
      return [...weights].map(([term, weight]) => ({ term, weight }));
    },

    learn(texts) {
      const learned: string[] = [];
      const learnToken = (word: string) => {
        if (learnWord(word)) learned.push(word);
      };
      for (const text of texts) {
        for (const token of scanTokens(normalise(text))) {
          if (token.kind === "word") learnToken(token.text);
          else for (const word of token.words) learnToken(word);
        }
      }
      if (learned.length > 0) wordTerms.clear();
      return learned;
    },

    vocabulary() {
      return [...words].sort();
    },
  };
}

function englishSingular(word: string): string | undefined {
  if (word.length < 4 || !word.endsWith("s") || word.endsWith("ss")) return undefined;
  return word.slice(0, -1);
}

/**
 * The evaluation baseline: lower-cased words split at anything that is not a letter or digit,
 * nothing else (no stemming, folding, stop words or compounds).
 */
export function createPlainAnalyzer(): TextAnalyzer {
  const termsOf = (text: string) =>
    text
      .toLocaleLowerCase("da")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((term) => term.length > 0);
  return {
    indexTerms: termsOf,
    queryTerms(text) {
      return [...new Set(termsOf(text))].map((term) => ({ term, weight: 1 }));
    },
    learn() {
      return [];
    },
    vocabulary() {
      return [];
    },
  };
}
