import { access } from "node:fs/promises";
import { join } from "node:path";
import { describeError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";
import { buildBilingualLexicon, type Translation } from "./bilingual-lexicon.ts";
import { readFreeDict } from "./freedict.ts";

export type { Translation } from "./bilingual-lexicon.ts";

/**
 * The installed language data English questions are translated with, beside data/synonyms.json:
 * FreeDict Danish–English and English–Danish (Debian dict-freedict-dan-eng / -eng-dan). What is
 * not installed is said once, with the package to install, and left out.
 */

export interface LexiconOptions {
  /** Where dictd dictionaries are installed (Debian: /usr/share/dictd). */
  freedictDir: string;
  logger: Logger;
  /** Warn about what is missing (default); a worker thread leaves that to the main thread. */
  reportMissing?: boolean;
}

export interface Lexicons {
  translations: Translation[];
  /** What was read, for `referat doctor` and the start-up log. */
  sources: string[];
  /** What was not, each with the reason. */
  missing: string[];
}

export const NO_LEXICONS: Lexicons = { translations: [], sources: [], missing: [] };

export async function loadLexicons(options: LexiconOptions): Promise<Lexicons> {
  const sources: string[] = [];
  const missing: string[] = [];
  const dictionary = async (name: string, debianPackage: string) => {
    const index = join(options.freedictDir, `${name}.index`);
    const dict = join(options.freedictDir, `${name}.dict.dz`);
    try {
      await Promise.all([access(index), access(dict)]);
    } catch {
      missing.push(`${name} (not in ${options.freedictDir}; apt install ${debianPackage})`);
      return [];
    }
    try {
      const entries = await readFreeDict(index, dict);
      sources.push(`${name} (${entries.length} headwords)`);
      return entries;
    } catch (error) {
      missing.push(`${name} (unreadable: ${describeError(error)})`);
      return [];
    }
  };
  const danishToEnglish = await dictionary("freedict-dan-eng", "dict-freedict-dan-eng");
  const englishToDanish = await dictionary("freedict-eng-dan", "dict-freedict-eng-dan");

  const translations =
    danishToEnglish.length + englishToDanish.length === 0
      ? []
      : buildBilingualLexicon({ danishToEnglish, englishToDanish });
  if (missing.length > 0) {
    const log = options.reportMissing === false ? options.logger.debug : options.logger.warn;
    log.call(
      options.logger,
      { missing },
      "some lexicons are not installed; English questions lean on data/synonyms.json and the dense leg for what they would give",
    );
  }
  options.logger.debug({ sources, translations: translations.length }, "lexicons loaded");
  return { translations, sources, missing };
}
