import { createRequire } from "node:module";
import { foldDanishLetters, lowerCaseAndStripAccents } from "./analyzer-normalize.ts";

const require = createRequire(import.meta.url);
// stopwords-iso ships plain JSON and no types: one list of words per ISO 639-1 code.
const stopwordsIso = require("stopwords-iso") as Record<string, string[] | undefined>;

/** The stopwords-iso list of a language as published, lower case, not normalised. */
export function isoStopwords(language: "da" | "en"): readonly string[] {
  return stopwordsIso[language] ?? [];
}

/**
 * Words of the stopwords-iso Danish list that carry meaning in minutes and stay searchable:
 * negations ("stemte ikke for"), counts ("tre medlemmer"), and words that name things
 * ("Flere skal med", "næste møde", "ny plan", "store underskud").
 */
const MEANINGFUL_DANISH_WORDS = new Set([
  "aldrig",
  "ikke",
  "ingen",
  "intet",
  "nej",
  "flere",
  "fleste",
  "næste",
  "forrige",
  "ny",
  "nyt",
  "stor",
  "store",
  "lille",
  "god",
  "godt",
  "to",
  "tre",
  "fire",
  "fem",
  "seks",
  "syv",
  "otte",
  "ni",
  "ti",
  "mand",
]);

/**
 * English function words, dropped from queries only (never from the Danish text): a question
 * asked in English should be searched by its content words and their Danish translations.
 */
const ENGLISH_FUNCTION_WORDS = [
  "a",
  "about",
  "above",
  "after",
  "again",
  "against",
  "all",
  "also",
  "am",
  "an",
  "and",
  "any",
  "are",
  "as",
  "at",
  "be",
  "because",
  "been",
  "before",
  "being",
  "between",
  "both",
  "but",
  "by",
  "can",
  "could",
  "did",
  "do",
  "does",
  "doing",
  "during",
  "each",
  "end",
  "for",
  "from",
  "get",
  "give",
  "given",
  "got",
  "had",
  "has",
  "have",
  "having",
  "he",
  "her",
  "here",
  "him",
  "his",
  "how",
  "i",
  "if",
  "in",
  "into",
  "is",
  "it",
  "its",
  "me",
  "my",
  "of",
  "on",
  "or",
  "our",
  "out",
  "over",
  "please",
  "she",
  "should",
  "so",
  "some",
  "such",
  "than",
  "that",
  "the",
  "their",
  "them",
  "then",
  "there",
  "these",
  "they",
  "this",
  "those",
  "through",
  "to",
  "too",
  "up",
  "us",
  "was",
  "we",
  "were",
  "what",
  "when",
  "where",
  "which",
  "while",
  "who",
  "whom",
  "whose",
  "why",
  "will",
  "with",
  "would",
  "you",
  "your",
];

export interface StopwordOptions {
  /** Fold aa/ae/oe as the analyser does, so the lists compare with analysed words. */
  foldLetters: boolean;
}

function normaliseAll(words: Iterable<string>, options: StopwordOptions): Set<string> {
  const result = new Set<string>();
  for (const word of words) {
    const lower = lowerCaseAndStripAccents(word);
    result.add(options.foldLetters ? foldDanishLetters(lower) : lower);
  }
  return result;
}

/** Danish stop words (stopwords-iso "da" minus the meaningful ones), normalised like the text. */
export function danishStopwords(options: StopwordOptions): Set<string> {
  const words = (stopwordsIso.da ?? []).filter((word) => !MEANINGFUL_DANISH_WORDS.has(word));
  return normaliseAll(words, options);
}

/** English function words, normalised like the text; used on queries only. */
export function englishQueryStopwords(options: StopwordOptions): Set<string> {
  return normaliseAll(ENGLISH_FUNCTION_WORDS, options);
}
