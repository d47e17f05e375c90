/**
 * Character-level normalisation shared by indexing and querying: lower case, accents removed, and
 * (optionally) the Danish letters folded so that "Udsatterådet" and "udsatteraadet" are one word.
 */

/** Accents Danish spelling treats as optional, and typographic apostrophes (one form for "Kors’"/"Kors'"). */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  ...Object.fromEntries([..."éèêë"].map((letter) => [letter, "e"])),
  ...Object.fromEntries([..."áàâ"].map((letter) => [letter, "a"])),
  ...Object.fromEntries([..."íìîï"].map((letter) => [letter, "i"])),
  ...Object.fromEntries([..."óòô"].map((letter) => [letter, "o"])),
  ...Object.fromEntries([..."úùûü"].map((letter) => [letter, "u"])),
  ä: "æ",
  ö: "ø",
  ç: "c",
  ñ: "n",
  "’": "'",
  "`": "'",
  "´": "'",
};
const REPLACED = /[éèêëáàâíìîïóòôúùûüäöçñ’`´]/gu;
const replace = (character: string) => REPLACEMENTS[character] ?? character;

/**
 * Lower-cases and removes accents that Danish spelling treats as optional ("idé" = "ide"). Plain
 * `toLowerCase`: Danish has no locale-specific case mappings, and the locale-aware call is slow.
 */
export function lowerCaseAndStripAccents(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(REPLACED, replace);
}

/**
 * Folds the ASCII spellings of the Danish letters into the letters themselves (aa → å, ae → æ,
 * oe → ø). Text and query both pass through it, so either spelling finds the other. Folding
 * towards æ/ø/å (rather than away) keeps the Snowball stemmer working on the letters it knows.
 */
export function foldDanishLetters(text: string): string {
  return text.replace(/aa/gu, "å").replace(/ae/gu, "æ").replace(/oe/gu, "ø");
}
