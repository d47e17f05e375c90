import { readFile } from "node:fs/promises";
import { z } from "zod";
import { foldDanishLetters, lowerCaseAndStripAccents } from "../index/analyzer-normalize.ts";
import { createDanishStemmer, createEnglishStemmer } from "../index/analyzer-stemmer.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { packagePath } from "../shared/package-root.ts";

/**
 * Query-time synonyms: Danish words that mean the same ("ledighed" ⇄ "arbejdsløshed") and English
 * words and phrases with their Danish municipal counterparts ("working group" → "arbejdsgruppe").
 * Loaded from an editable JSON file (data/synonyms.json); see the README for its format. A phrase
 * matches a query when its words appear in order, compared after stemming, so "decided" and
 * "decides" both match "decide", and "arbejdsgrupperne" matches "arbejdsgruppe".
 */

const phrase = z.string().trim().min(1, "empty phrase");

export const synonymFileSchema = z.object({
  version: z.literal(1),
  /** Groups of Danish words or phrases that mean the same: each finds the others. */
  synonyms: z.array(z.array(phrase).min(2, "a synonym group needs at least two entries")),
  /** English words or phrases (`en`) searched as the Danish ones (`da`); one way only. */
  translations: z.array(
    z.object({ en: z.array(phrase).min(1), da: z.array(phrase).min(1) }).strict(),
  ),
});
export type SynonymFile = z.infer<typeof synonymFileSchema>;

export interface SynonymTable {
  /** Danish phrases the query's words and phrases stand for, not repeating the query's own words. */
  expand(query: string): string[];
  /** Number of phrases that can match. */
  readonly size: number;
}

export const DEFAULT_SYNONYMS_FILE = packagePath("data", "synonyms.json");

interface Entry {
  /** Per word of the phrase: the forms it matches (English stem, Danish stem). */
  words: { english: string; danish: string }[];
  expansions: string[];
}

/** Reads and validates a synonyms file; a missing or invalid file is an `index_invalid` AppError. */
export async function loadSynonyms(path: string = DEFAULT_SYNONYMS_FILE): Promise<SynonymTable> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    throw new AppError(
      "index_invalid",
      `Synonyms file ${path} is unreadable: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new AppError(
      "index_invalid",
      `Synonyms file ${path} is not JSON: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  return createSynonymTable(json, path);
}

/**
 * For the running service: a broken synonyms file (a typo while editing it) must not stop
 * Referat. It is logged as an error, naming the problem, and search runs without synonyms.
 */
export async function loadSynonymsOrNone(
  path: string = DEFAULT_SYNONYMS_FILE,
  logger: Logger,
): Promise<SynonymTable> {
  try {
    return await loadSynonyms(path);
  } catch (error) {
    if (!isAppError(error, "index_invalid")) throw error;
    logger.error(
      { code: error.code, file: path },
      `synonyms not loaded, searching without them: ${error.message}`,
    );
    return createSynonymTable(EMPTY_SYNONYM_FILE);
  }
}

export const EMPTY_SYNONYM_FILE: SynonymFile = { version: 1, synonyms: [], translations: [] };

/** Validates parsed JSON (or an object written in code) into a table. */
export function createSynonymTable(source: unknown, origin = "synonyms"): SynonymTable {
  const parsed = synonymFileSchema.safeParse(source);
  if (!parsed.success) {
    throw new AppError("index_invalid", `${origin} is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  const englishStem = createEnglishStemmer();
  const danishStem = createDanishStemmer();
  const wordsOf = (text: string) =>
    foldDanishLetters(lowerCaseAndStripAccents(text))
      .split(/[^\p{L}\p{N}§]+/u)
      .filter((word) => word.length > 0);
  const formsOf = (text: string) =>
    wordsOf(text).map((word) => ({ english: englishStem(word), danish: danishStem(word) }));

  const entries: Entry[] = [];
  for (const group of parsed.data.synonyms) {
    for (const member of group) {
      entries.push({
        words: formsOf(member),
        expansions: group.filter((other) => other !== member),
      });
    }
  }
  for (const translation of parsed.data.translations) {
    for (const english of translation.en) {
      entries.push({ words: formsOf(english), expansions: translation.da });
    }
  }
  const usable = entries.filter((entry) => entry.words.length > 0);

  return {
    size: usable.length,
    expand(query) {
      const queryWords = formsOf(query);
      const found = new Set<string>();
      for (const entry of usable) {
        if (occursIn(entry.words, queryWords))
          for (const expansion of entry.expansions) found.add(expansion);
      }
      // Expansions the query already says add nothing.
      const own = new Set(queryWords.map((word) => word.danish));
      return [...found].filter(
        (expansion) => !formsOf(expansion).every((word) => own.has(word.danish)),
      );
    },
  };
}

function occursIn(
  phraseWords: { english: string; danish: string }[],
  queryWords: { english: string; danish: string }[],
): boolean {
  const matches = (
    a: { english: string; danish: string },
    b: { english: string; danish: string },
  ) => a.english === b.english || a.danish === b.danish;
  for (let start = 0; start + phraseWords.length <= queryWords.length; start += 1) {
    if (
      phraseWords.every((word, offset) => matches(word, queryWords[start + offset] as typeof word))
    ) {
      return true;
    }
  }
  return false;
}
