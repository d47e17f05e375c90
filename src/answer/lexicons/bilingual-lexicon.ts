import { isoStopwords } from "../../index/analyzer-stopwords.ts";
import type { DictionaryEntry } from "./freedict.ts";

/**
 * English → Danish translations from the FreeDict dictionaries: Danish–English inverted (each
 * English translation of a Danish headword points back to it) and English–Danish as it is. An
 * English phrase may stand for many Danish words ("quarter" → bydel, kvartal, kvarter …): each
 * candidate is weighed by the sense it comes from (the first sense is the main one) and its place
 * in the sense, and only the best few are kept, so a rare sense does not flood a query.
 */

export interface Translation {
  en: string;
  /** Danish words, best first. */
  da: string[];
}

export interface BilingualLexiconOptions {
  danishToEnglish: DictionaryEntry[];
  englishToDanish: DictionaryEntry[];
}

/** Danish words kept per English phrase. */
export const MAX_TRANSLATIONS = 3;
/** Longer translations are explanations ("part of a town or city"), not words to search for. */
const MAX_PHRASE_WORDS = 3;

const ENGLISH_STOPWORDS = new Set(isoStopwords("en"));

export function buildBilingualLexicon(options: BilingualLexiconOptions): Translation[] {
  const candidates = new Map<string, Map<string, number>>();
  const offer = (english: string, danish: string, weight: number) => {
    const key = englishKey(english);
    const target = danish.trim().toLocaleLowerCase("da");
    if (key === undefined || target === "" || target.includes(" ")) return;
    let forKey = candidates.get(key);
    if (!forKey) {
      forKey = new Map();
      candidates.set(key, forKey);
    }
    forKey.set(target, Math.max(forKey.get(target) ?? 0, weight));
  };

  for (const entry of options.englishToDanish) {
    for (const [senseIndex, sense] of entry.senses.entries()) {
      for (const [position, danish] of sense.entries()) {
        offer(entry.headword, danish, senseWeight(senseIndex, position));
      }
    }
  }
  for (const entry of options.danishToEnglish) {
    for (const [senseIndex, sense] of entry.senses.entries()) {
      for (const [position, english] of sense.entries()) {
        offer(english, entry.headword, senseWeight(senseIndex, position));
      }
    }
  }

  const translations: Translation[] = [];
  for (const [en, forKey] of candidates) {
    const da = [...forKey]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "da"))
      .slice(0, MAX_TRANSLATIONS)
      .map(([word]) => word);
    translations.push({ en, da });
  }
  return translations.sort((a, b) => a.en.localeCompare(b.en, "en"));
}

/** 1 for the first word of the first sense, less for later senses and later words. */
function senseWeight(senseIndex: number, position: number): number {
  return 1 / (1 + senseIndex) / (1 + 0.25 * position);
}

/** The phrase as a lookup key: lower case, "to decide" → "decide"; undefined when unusable. */
function englishKey(phrase: string): string | undefined {
  const words = phrase
    .toLocaleLowerCase("en")
    .replace(/^to\s+/u, "")
    .split(/\s+/u)
    .filter((word) => word !== "");
  if (words.length === 0 || words.length > MAX_PHRASE_WORDS) return undefined;
  if (words.some((word) => !/^[\p{L}'-]+$/u.test(word))) return undefined;
  // A phrase of nothing but function words ("by no means") translates nothing specific.
  if (words.every((word) => ENGLISH_STOPWORDS.has(word))) return undefined;
  return words.join(" ");
}
