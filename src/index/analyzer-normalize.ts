/**
 * Character-level normalisation shared by indexing and querying: lower case, accents removed, and
 * (optionally) the Danish letters folded so that "Udsatterådet" and "udsatteraadet" are one word.
 */

const ACCENTS: ReadonlyArray<[RegExp, string]> = [
  [/[éèêë]/gu, "e"],
  [/[áàâ]/gu, "a"],
  [/[íìîï]/gu, "i"],
  [/[óòô]/gu, "o"],
  [/[úùûü]/gu, "u"],
  [/ä/gu, "æ"],
  [/ö/gu, "ø"],
  [/ç/gu, "c"],
  [/ñ/gu, "n"],
];

/** Lower-cases and removes accents that Danish spelling treats as optional ("idé" = "ide"). */
export function lowerCaseAndStripAccents(text: string): string {
  let result = text.normalize("NFC").toLocaleLowerCase("da");
  for (const [pattern, replacement] of ACCENTS) result = result.replace(pattern, replacement);
  // Typographic apostrophes and the like become one form, so "Kors’" and "Kors'" tokenise alike.
  return result.replace(/[’`´]/gu, "'");
}

/**
 * Folds the ASCII spellings of the Danish letters into the letters themselves (aa → å, ae → æ,
 * oe → ø). Text and query both pass through it, so either spelling finds the other. Folding
 * towards æ/ø/å (rather than away) keeps the Snowball stemmer working on the letters it knows.
 */
export function foldDanishLetters(text: string): string {
  return text.replace(/aa/gu, "å").replace(/ae/gu, "æ").replace(/oe/gu, "ø");
}
