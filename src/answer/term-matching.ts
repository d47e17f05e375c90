import type { Item } from "../minutes/model.ts";

/**
 * When a text holds a term, for the answer stage's evidence: the term as one of the text's index
 * terms; for a term of five letters or more, an index term containing it; a past tense Snowball
 * left whole, through its stem; and a quoted phrase, as the text's words in a row. The term
 * statistics count items by the same rule.
 */

/** The part of the index's analyser used here (src/index/danish-analyzer.ts fits). */
export interface TermAnalyzer {
  indexTerms(text: string): string[];
  queryTerms(text: string): { term: string; weight: number }[];
}

export const MIN_CONTAINED_TERM_LENGTH = 5;

export interface TokenBag {
  readonly tokens: ReadonlySet<string>;
  /** The tokens joined by spaces, for contained-term look-ups. */
  readonly joined: string;
  /** The raw text, lower-cased with spacing collapsed, for phrase look-ups. */
  readonly text: string;
}

export function tokenBag(text: string, analyzer: TermAnalyzer): TokenBag {
  return new LazyTokenBag(new Set(analyzer.indexTerms(text)), text);
}

/** A bag of tokens already found in `text` (e.g. the union of its parts' tokens). */
export function tokenBagOf(tokens: ReadonlySet<string>, text: string): TokenBag {
  return new LazyTokenBag(tokens, text);
}

/** Most terms need only the tokens: the joined and phrase forms are made on first use. */
class LazyTokenBag implements TokenBag {
  readonly tokens: ReadonlySet<string>;
  readonly #source: string;
  #joined: string | undefined;
  #text: string | undefined;

  constructor(tokens: ReadonlySet<string>, source: string) {
    this.tokens = tokens;
    this.#source = source;
  }

  get joined(): string {
    this.#joined ??= ` ${[...this.tokens].join(" ")} `;
    return this.#joined;
  }

  get text(): string {
    this.#text ??= normalisePhraseText(this.#source);
    return this.#text;
  }
}

/** Phrase terms are written in quotes: `"flere skal med"`. */
export function isPhrase(term: string): boolean {
  return term.length > 2 && term.startsWith('"') && term.endsWith('"');
}

const PAST_TENSE = /^(.{4,}?)(?:ed|ede|et|te)$/u;
/** Terms are checked against every sentence of every candidate: each term's stem is found once. */
const pastTenseStems = new Map<string, string | null>();
const MAX_REMEMBERED_TERMS = 10_000;

/** Snowball leaves some past tenses whole ("kostede" → "kosted", where "koste" → "kost"). */
export function pastTenseStem(term: string): string | undefined {
  let stem = pastTenseStems.get(term);
  if (stem === undefined) {
    stem = PAST_TENSE.exec(term)?.[1] ?? null;
    if (pastTenseStems.size >= MAX_REMEMBERED_TERMS) pastTenseStems.clear();
    pastTenseStems.set(term, stem);
  }
  return stem ?? undefined;
}

export function bagMatches(bag: TokenBag, term: string): boolean {
  if (isPhrase(term)) return bag.text.includes(` ${term.slice(1, -1)} `);
  if (bag.tokens.has(term)) return true;
  if (term.length >= MIN_CONTAINED_TERM_LENGTH && bag.joined.includes(term)) return true;
  const pastTense = pastTenseStem(term);
  return pastTense !== undefined && bag.tokens.has(pastTense);
}

/** Words as phrases and question words are read: letters and digits, joined by -, ' or ’. */
export const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Lower-cased words joined by single spaces, with a space at each end. */
export function normalisePhraseText(text: string): string {
  return ` ${(text.toLowerCase().match(WORD) ?? []).join(" ")} `;
}

/**
 * Text of an item as retrieval sees it: the body that met (the context header of every chunk),
 * title and every section. A question that names the body ("i Handicaprådet") finds it in every
 * item of that body's meetings, not only where the minutes happen to repeat the name.
 */
export function itemText(item: Item, body: string): string {
  return [
    body,
    item.title,
    ...item.sections.map((section) => `${section.heading}\n${section.text}`),
  ].join("\n");
}
