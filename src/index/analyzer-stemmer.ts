import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// snowball-stemmers is plain CommonJS without types: a factory of stemmers by language name.
const snowball = require("snowball-stemmers") as {
  newStemmer(language: string): { stem(word: string): string };
};

/** Nouns in -hed ("ledighed", "mulighed"): Snowball strips them down to a stem they share with
 * unrelated words ("ledighed" and "leder" both become "led"), so only their inflection is removed. */
const HED_NOUN = /^(.{3,}hed)(?:en|ens|er|erne|ernes|s)?$/u;

/** Past tense of weak verbs ("besluttede", "drøftede"), which Snowball Danish leaves as "beslutted". */
const PAST_TENSE_EDE = /^(.{4,}?)(.)\2?ede$/u;

export type Stemmer = (word: string) => string;

/**
 * Snowball Danish, applied until it settles (so "budget" and "budgettet" meet in one stem), with
 * -hed nouns kept apart. Results are cached: a corpus repeats the same few thousand words.
 */
export function createDanishStemmer(): Stemmer {
  const snowballDanish = snowball.newStemmer("danish");
  const cache = new Map<string, string>();
  return (word) => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const hedNoun = HED_NOUN.exec(word);
    const pastTense = hedNoun ? null : PAST_TENSE_EDE.exec(word);
    const base = pastTense ? `${pastTense[1]}${pastTense[2]}` : word;
    let stem = hedNoun?.[1] ?? snowballDanish.stem(base);
    if (!hedNoun) {
      const again = snowballDanish.stem(stem);
      if (again.length >= 2) stem = again;
    }
    cache.set(word, stem);
    return stem;
  };
}

/** The Snowball English stemmer, for matching English phrases in queries. */
export function createEnglishStemmer(): Stemmer {
  const snowballEnglish = snowball.newStemmer("english");
  const cache = new Map<string, string>();
  return (word) => {
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = snowballEnglish.stem(word);
      cache.set(word, stem);
    }
    return stem;
  };
}
