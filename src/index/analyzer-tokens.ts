/**
 * Splits normalised text into raw tokens without losing the things people search for as written:
 * amounts ("6.749.600", "3,7"), paragraphs ("§110", "§ 110"), case numbers
 * ("27.57.16-P20-2-18", "1-13-3-131-21"), date ranges ("2018-2021") and hyphenated names
 * ("act-indsatsen"). A token joined by hyphens or slashes also yields its components.
 */

/**
 * A run of letters/digits, optionally after "§", joined by "-" or "/" to further runs, or by "."
 * and "," only between digits (so "6.749.600" stays whole but "godkendt.næste" does not).
 */
const TOKEN_PATTERN = /(?:§ ?)?[\p{L}\p{N}]+(?:(?:[-/]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}]+)*/gu;

const WORD = /^\p{L}+$/u;
const DIGITS = /^\p{N}+$/u;
const GROUPED_AMOUNT = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/u;

export type RawToken =
  /** Letters only: stemmed and split into compound parts by the analyser. */
  | { kind: "word"; text: string }
  /** Kept exactly as written; `alternatives` are other spellings of the same thing. */
  | { kind: "literal"; text: string; alternatives: string[]; words: string[] };

export function scanTokens(normalisedText: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const match of normalisedText.matchAll(TOKEN_PATTERN)) {
    const token = match[0].replace(" ", "");
    if (WORD.test(token)) {
      tokens.push({ kind: "word", text: token });
      continue;
    }
    tokens.push(literalToken(token));
  }
  return tokens;
}

function literalToken(token: string): RawToken {
  const alternatives: string[] = [];
  const words: string[] = [];
  const withoutParagraphSign = token.startsWith("§") ? token.slice(1) : token;
  if (withoutParagraphSign !== token) alternatives.push(withoutParagraphSign);
  if (GROUPED_AMOUNT.test(withoutParagraphSign)) {
    // "6.749.600" is also found as "6749600".
    alternatives.push(withoutParagraphSign.replaceAll(".", ""));
  }
  const components = withoutParagraphSign.split(/[-/.,]/u);
  if (components.length > 1) {
    for (const component of components) {
      if (component === "") continue;
      if (WORD.test(component)) words.push(component);
      else if (DIGITS.test(component)) {
        // Years inside dates and ranges ("18.09.2019", "2018-2021") are worth finding alone.
        if (component.length === 4) alternatives.push(component);
      } else alternatives.push(component);
    }
  }
  return { kind: "literal", text: token, alternatives, words };
}
