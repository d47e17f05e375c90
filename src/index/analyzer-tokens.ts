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
export const TOKEN_PATTERN =
  /(?:§ ?)?[\p{L}\p{N}]+(?:(?:[-/]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}]+)*/gu;

const WORD = /^\p{L}+$/u;
const DIGITS = /^\p{N}+$/u;
const GROUPED_AMOUNT = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/u;

export type RawToken =
  /** Letters only: stemmed and split into compound parts by the analyser. */
  | { kind: "word"; text: string }
  /** Kept exactly as written; `alternatives` are other spellings of the same thing. */
  | { kind: "literal"; text: string; alternatives: string[]; words: string[] };

/**
 * What TOKEN_PATTERN matches, found by one pass over the characters (the regex, with its
 * look-behind and Unicode classes, was the largest cost of indexing). Tests hold it to the pattern.
 */
export function scanTokens(normalisedText: string): RawToken[] {
  const tokens: RawToken[] = [];
  const text = normalisedText;
  const length = text.length;
  let position = 0;
  while (position < length) {
    const start = position;
    let cursor = position;
    let lettersOnly = true;
    if (text.charCodeAt(cursor) === PARAGRAPH_SIGN) {
      cursor += 1;
      if (text.charCodeAt(cursor) === SPACE) cursor += 1;
      lettersOnly = false;
    }
    if (classOf(text, cursor) === OTHER) {
      position += 1;
      continue;
    }
    let previous = OTHER;
    for (;;) {
      // A run of letters and digits …
      for (let kind = classOf(text, cursor); kind !== OTHER; kind = classOf(text, cursor)) {
        if (kind === DIGIT) lettersOnly = false;
        previous = kind;
        cursor += charLength(text, cursor);
      }
      // … joined to the next run by "-" or "/", or by "." or "," between digits.
      const joiner = text.charCodeAt(cursor);
      const next = classOf(text, cursor + 1);
      const joins =
        next !== OTHER &&
        (joiner === HYPHEN ||
          joiner === SLASH ||
          ((joiner === FULL_STOP || joiner === COMMA) && previous === DIGIT && next === DIGIT));
      if (!joins) break;
      lettersOnly = false;
      cursor += 1;
    }
    const token = text.slice(start, cursor);
    position = cursor;
    if (lettersOnly) tokens.push({ kind: "word", text: token });
    else tokens.push(literalToken(token.includes(" ") ? token.replace(" ", "") : token));
  }
  return tokens;
}

const PARAGRAPH_SIGN = 0xa7;
const SPACE = 0x20;
const HYPHEN = 0x2d;
const SLASH = 0x2f;
const FULL_STOP = 0x2e;
const COMMA = 0x2c;
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const LETTER_CLASS = /^\p{L}$/u;
const DIGIT_CLASS = /^\p{N}$/u;
/** Classes of the code points below 0x100 by table; others by the Unicode classes, remembered. */
const LATIN1 = new Uint8Array(0x100).map((_, code) => unicodeClass(String.fromCharCode(code)));
const remembered = new Map<number, number>();

function unicodeClass(character: string): number {
  if (LETTER_CLASS.test(character)) return LETTER;
  if (DIGIT_CLASS.test(character)) return DIGIT;
  return OTHER;
}

function classOf(text: string, index: number): number {
  if (index >= text.length) return OTHER;
  const code = text.charCodeAt(index);
  if (code < 0x100) return LATIN1[code] as number;
  const point = text.codePointAt(index) as number;
  let kind = remembered.get(point);
  if (kind === undefined) {
    kind = unicodeClass(String.fromCodePoint(point));
    if (remembered.size < 10_000) remembered.set(point, kind);
  }
  return kind;
}

function charLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
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
