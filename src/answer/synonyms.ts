import { readFile } from "node:fs/promises";
import { z } from "zod";
import { foldDanishLetters, lowerCaseAndStripAccents } from "../index/analyzer-normalize.ts";
import { createDanishStemmer, createEnglishStemmer } from "../index/analyzer-stemmer.ts";
import { AppError, describeError, isAppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { packagePath } from "../shared/package-root.ts";
import { detectLanguage } from "./language.ts";
import type { Language } from "./types.ts";

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
  /**
   * Danish phrases the query's words and phrases stand for, not repeating the query's own words.
   * Dictionary translations apply to English queries only (`language`, detected from the query
   * when not given): "gift" or "land" in a Danish question are Danish words.
   */
  expand(query: string, language?: Language): string[];
  /** Number of phrases that can match. */
  readonly size: number;
}

export const DEFAULT_SYNONYMS_FILE = packagePath("data", "synonyms.json");

/** A word as a phrase word matches it: by English stem or by Danish stem. */
interface WordForms {
  english: string;
  danish: string;
}

interface Entry {
  /** Per word of the phrase: the forms it matches. */
  words: WordForms[];
  expansions: string[];
  /** A dictionary translation, for English queries only. */
  englishOnly?: boolean;
}

/**
 * Reads and validates a synonyms file; a missing or invalid file is an `index_invalid` AppError.
 * `lexicon`: dictionary translations to add (see createSynonymTable).
 */
export async function loadSynonyms(
  path: string = DEFAULT_SYNONYMS_FILE,
  lexicon: readonly { en: string; da: string[] }[] = [],
): Promise<SynonymTable> {
  return createSynonymTable(await readSynonymFile(path), path, lexicon);
}

/** A synonyms file as written, validated; a missing or invalid file is an `index_invalid` AppError. */
export async function readSynonymFile(path: string = DEFAULT_SYNONYMS_FILE): Promise<SynonymFile> {
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
  return parseSynonymFile(json, path);
}

function parseSynonymFile(source: unknown, origin: string): SynonymFile {
  const parsed = synonymFileSchema.safeParse(source);
  if (!parsed.success) {
    throw new AppError("index_invalid", `${origin} is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
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

/**
 * Validates parsed JSON (or an object written in code) into a table. `lexicon` adds dictionary
 * translations after the file's; an English phrase the file translates keeps only the file's
 * Danish words (the hand list knows municipal usage, a dictionary only senses).
 */
export function createSynonymTable(
  source: unknown,
  origin = "synonyms",
  lexicon: readonly { en: string; da: string[] }[] = [],
): SynonymTable {
  const file = parseSynonymFile(source, origin);
  const stemmers: Stemmers = { english: createEnglishStemmer(), danish: createDanishStemmer() };

  const entries: Entry[] = [];
  for (const group of file.synonyms) {
    for (const member of group) {
      entries.push({
        words: formsOf(member, stemmers),
        expansions: group.filter((other) => other !== member),
      });
    }
  }
  const handTranslated = new Set<string>();
  for (const translation of file.translations) {
    for (const english of translation.en) {
      const words = formsOf(english, stemmers);
      handTranslated.add(phraseKey(words));
      entries.push({ words, expansions: translation.da });
    }
  }
  for (const translation of lexicon) {
    const words = formsOf(translation.en, stemmers);
    if (handTranslated.has(phraseKey(words))) continue;
    entries.push({ words, expansions: translation.da, englishOnly: true });
  }
  const usable = entries.filter((entry) => entry.words.length > 0);
  const lookup = indexByFirstWord(usable);
  // The Danish stems of each expansion, to leave out expansions the query already says.
  const expansionStems = new Map<string, string[]>();
  for (const entry of usable) {
    for (const expansion of entry.expansions) {
      if (!expansionStems.has(expansion)) {
        expansionStems.set(
          expansion,
          formsOf(expansion, stemmers).map((word) => word.danish),
        );
      }
    }
  }

  return {
    size: usable.length,
    expand(query, language) {
      const queryWords = formsOf(query, stemmers);
      // In table order, as a scan of every entry would find them.
      const matched = matchingEntries(lookup, queryWords).sort((a, b) => a - b);
      const found = new Set<string>();
      let english: boolean | undefined;
      for (const position of matched) {
        const entry = usable[position] as Entry;
        if (entry.englishOnly) {
          english ??= (language ?? detectLanguage(query)) === "en";
          if (!english) continue;
        }
        for (const expansion of entry.expansions) found.add(expansion);
      }
      // Expansions the query already says add nothing.
      const own = new Set<string>();
      for (const word of queryWords) own.add(word.danish);
      const result: string[] = [];
      for (const expansion of found) {
        if (!everyStemIn(expansionStems.get(expansion) ?? [], own)) result.push(expansion);
      }
      return result;
    },
  };
}

function phraseKey(words: WordForms[]): string {
  return words.map((word) => word.english).join(" ");
}

interface Stemmers {
  english: (word: string) => string;
  danish: (word: string) => string;
}

const WORD_SEPARATOR = /[^\p{L}\p{N}§]+/u;

function formsOf(text: string, stemmers: Stemmers): WordForms[] {
  const forms: WordForms[] = [];
  for (const word of foldDanishLetters(lowerCaseAndStripAccents(text)).split(WORD_SEPARATOR)) {
    if (word.length > 0)
      forms.push({ english: stemmers.english(word), danish: stemmers.danish(word) });
  }
  return forms;
}

/** Entries (by position in the table) under each form of their first word. */
interface FirstWordLookup {
  entries: Entry[];
  byEnglish: Map<string, number[]>;
  byDanish: Map<string, number[]>;
}

function indexByFirstWord(entries: Entry[]): FirstWordLookup {
  const byEnglish = new Map<string, number[]>();
  const byDanish = new Map<string, number[]>();
  entries.forEach((entry, position) => {
    const first = entry.words[0];
    if (!first) return;
    appendTo(byEnglish, first.english, position);
    appendTo(byDanish, first.danish, position);
  });
  return { entries, byEnglish, byDanish };
}

function appendTo(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list) list.push(position);
  else map.set(key, [position]);
}

/** Positions of the entries whose phrase occurs in the query's words, each once. */
function matchingEntries(lookup: FirstWordLookup, queryWords: WordForms[]): number[] {
  const matched = new Set<number>();
  for (let start = 0; start < queryWords.length; start += 1) {
    const word = queryWords[start] as WordForms;
    for (const candidates of [
      lookup.byEnglish.get(word.english),
      lookup.byDanish.get(word.danish),
    ]) {
      if (!candidates) continue;
      for (const position of candidates) {
        if (
          !matched.has(position) &&
          occursAt((lookup.entries[position] as Entry).words, queryWords, start)
        ) {
          matched.add(position);
        }
      }
    }
  }
  return [...matched];
}

function occursAt(phraseWords: WordForms[], queryWords: WordForms[], start: number): boolean {
  if (start + phraseWords.length > queryWords.length) return false;
  for (let offset = 0; offset < phraseWords.length; offset += 1) {
    const phraseWord = phraseWords[offset] as WordForms;
    const queryWord = queryWords[start + offset] as WordForms;
    if (phraseWord.english !== queryWord.english && phraseWord.danish !== queryWord.danish) {
      return false;
    }
  }
  return true;
}

function everyStemIn(stems: string[], own: Set<string>): boolean {
  for (const stem of stems) if (!own.has(stem)) return false;
  return true;
}
