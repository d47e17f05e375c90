import type { Stemmer } from "./analyzer-stemmer.ts";

/**
 * Splits Danish compounds into parts that are known words of the corpus: "seniorarbejdsgruppe" →
 * "senior" + "arbejdsgruppe", "fastholdelsessnakken" → "fastholdelse" + "snakken". Known means
 * occurring on its own somewhere in the indexed text (or, for the last part, sharing a stem with
 * such a word). Between parts a linking -s- or -e- may stand ("arbejd-s-gruppe").
 */

export interface CompoundVocabulary {
  /** Words seen on their own, normalised like the analyser's words. */
  readonly words: ReadonlySet<string>;
  /** Stems of those words. */
  readonly stems: ReadonlySet<string>;
}

/** A part of a compound: its span in the word, linking letters excluded. */
export interface CompoundPart {
  start: number;
  end: number;
}

const LINKING_LETTERS = ["", "s", "e"] as const;
const MIN_COMPOUND_LENGTH = 6;
/**
 * Longer words are not split. The longest words in the bundled and shared real minutes have 35
 * letters ("informationssikkerhedskoordinatoren"), and the longest Danish words cited anywhere
 * about 51 ("speciallægepraksisplanlægningsstabiliseringsperiode"); a question or file with a
 * longer "word" is a mistake or an attack, and splitting costs grow with the square of the length.
 */
export const MAX_COMPOUND_LENGTH = 60;
const MIN_PART_LENGTH = 3;
/** Parts of three letters must be words as written; from four letters a stem match will do. */
const MIN_STEM_MATCHED_PART_LENGTH = 4;

/**
 * Derivational endings that happen to be words too (or names: "Else"). Accepting them as parts
 * would split "fastholdelse" into "fasthold" + "else" and "kommende" into "komm" + "ende".
 */
const MIN_LAST_PART_IN_STEM = 3;

const SUFFIX_LIKE_PARTS = new Set([
  "else",
  "elsen",
  "elser",
  "ende",
  "enden",
  "ender",
  "lige",
  "ligt",
  "hed",
  "heden",
  "heder",
  "ring",
  "ringen",
  "sen",
  "ske",
  "ner",
  "ning",
  "ing",
  "inger",
  "ingen",
  "ens",
  "ninger",
  "ningen",
  "isme",
  "iske",
]);

/**
 * Verb particles and prefixes that form derived words, not compounds: "deltager" is not "del" +
 * "tager", nor "fremmødte" "frem" + "mødte".
 */
const PREFIX_LIKE_PARTS = new Set([
  "del",
  "mis",
  "sam",
  "frem",
  "gen",
  "fore",
  "bag",
  "hen",
  "van",
]);

export type CompoundSplitter = (word: string) => CompoundPart[] | undefined;

export function createCompoundSplitter(options: {
  vocabulary: CompoundVocabulary;
  stem: Stemmer;
  stopwords: ReadonlySet<string>;
}): CompoundSplitter {
  const { vocabulary, stem, stopwords } = options;

  const acceptable = (part: string) =>
    part.length >= MIN_PART_LENGTH && !stopwords.has(part) && !SUFFIX_LIKE_PARTS.has(part);

  const isLeadingPart = (part: string) =>
    acceptable(part) &&
    !PREFIX_LIKE_PARTS.has(part) &&
    (vocabulary.words.has(part) ||
      (part.length >= MIN_STEM_MATCHED_PART_LENGTH && vocabulary.stems.has(part)));

  // The last part carries the inflection ("-gruppen", "-snakken"), so its stem is what must be known.
  const isFinalPart = (part: string) =>
    acceptable(part) &&
    (vocabulary.words.has(part) ||
      (part.length >= MIN_STEM_MATCHED_PART_LENGTH && vocabulary.stems.has(stem(part))));

  return (word) => {
    if (word.length < MIN_COMPOUND_LENGTH || word.length > MAX_COMPOUND_LENGTH) return undefined;
    const length = word.length;
    // best[i]: the split of word[i..] into the fewest known parts, or null when there is none.
    const best: (CompoundPart[] | null)[] = new Array(length + 1).fill(null);
    for (let start = length - MIN_PART_LENGTH; start >= 0; start -= 1) {
      let chosen: CompoundPart[] | null = null;
      const consider = (candidate: CompoundPart[]) => {
        if (chosen === null || candidate.length < chosen.length) chosen = candidate;
      };
      if (start > 0 && isFinalPart(word.slice(start))) consider([{ start, end: length }]);
      for (let end = start + MIN_PART_LENGTH; end <= length - MIN_PART_LENGTH; end += 1) {
        const part = word.slice(start, end);
        if (!isLeadingPart(part)) continue;
        for (const link of LINKING_LETTERS) {
          const next = end + link.length;
          if (link !== "" && word.slice(end, next) !== link) continue;
          const rest = best[next];
          if (rest) consider([{ start, end }, ...rest]);
        }
      }
      best[start] = chosen;
    }
    const split = best[0];
    const last = split?.[split.length - 1];
    if (!split || !last || split.length < 2) return undefined;
    // An inflected word is not a compound: "borgernes" is "borger" + ending, not "bor" + "gernes".
    // The word's own stem must reach well into the last part.
    if (stem(word).length - last.start < MIN_LAST_PART_IN_STEM) return undefined;
    return split;
  };
}
