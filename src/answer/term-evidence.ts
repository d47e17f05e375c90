import type { Item, Meeting } from "../minutes/model.ts";

/**
 * Lexical evidence: which of a question's content terms occur in an item or a sentence, weighted
 * by how rare each term is across the corpus's items. Terms come from the lexical index's own
 * analyser, so evidence is judged on the terms retrieval matched on. A term matches a token equal
 * to it, or, when it is long enough to be specific, a token containing it, so inflections the
 * stemmer keeps apart still meet ("positiv", "positivt").
 */

/** The part of the index's analyser used here (src/index/danish-analyzer.ts fits). */
export interface TermAnalyzer {
  indexTerms(text: string): string[];
  queryTerms(text: string): { term: string; weight: number }[];
}

/** Danish words a query's words stand for (src/answer/synonyms.ts fits). */
export interface SynonymExpander {
  expand(query: string): string[];
}

export interface QuestionTerm {
  term: string;
  /** From the analyser: 1 for the question's own words, less for compound parts. */
  weight: number;
  /**
   * A synonym or translation of the question's words: it counts when found, but the question is
   * not expected to be covered by it as well as by its own word.
   */
  bonus: boolean;
}

const MIN_CONTAINED_TERM_LENGTH = 5;
/** Terms in more than this share of items say little about which item is meant. */
const DISTINCTIVE_SHARE = 0.2;

/**
 * Words a question uses to ask rather than to name its subject, in both languages; they are not
 * evidence that the minutes cover the subject.
 */
const QUESTION_VOCABULARY =
  "hvad hvem hvor hvornår hvordan hvorfor hvilke hvilken hvilket blev bliver besluttet " +
  "besluttede beslutning beslutte vedtaget vedtog møde mødet møder udvalget udvalg rådet sagt " +
  "drøftet drøftede skete ske sker fortælle fortæl handler handlede referat referatet " +
  "what who whom whose where when how why which was were did does do decided decide decision " +
  "meeting meetings committee council said about tell say happened discussed minutes";

export interface TermIndex {
  /** Number of items in the corpus. */
  readonly itemCount: number;
  /** Inverse document frequency over items; unknown terms get the highest weight. */
  weight(term: string): number;
  /** Occurs in few items (at most a fifth), so it points at the subject. */
  isDistinctive(term: string): boolean;
}

export interface TokenBag {
  tokens: Set<string>;
  /** The tokens joined by spaces, for contained-term look-ups. */
  joined: string;
  /** The raw text, lower-cased with spacing collapsed, for phrase look-ups. */
  text: string;
}

export function tokenBag(text: string, analyzer: TermAnalyzer): TokenBag {
  const tokens = new Set(analyzer.indexTerms(text));
  return { tokens, joined: ` ${[...tokens].join(" ")} `, text: normalisePhraseText(text) };
}

/** Phrase terms are written in quotes: `"flere skal med"`. */
function isPhrase(term: string): boolean {
  return term.length > 2 && term.startsWith('"') && term.endsWith('"');
}

export function bagMatches(bag: TokenBag, term: string): boolean {
  if (isPhrase(term)) return bag.text.includes(` ${term.slice(1, -1)} `);
  return (
    bag.tokens.has(term) || (term.length >= MIN_CONTAINED_TERM_LENGTH && bag.joined.includes(term))
  );
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

function normalisePhraseText(text: string): string {
  return ` ${(text.toLowerCase().match(WORD) ?? []).join(" ")} `;
}

/** Text of an item as retrieval sees it: title and every section. */
export function itemText(item: Item): string {
  return [
    item.title,
    ...item.sections.map((section) => `${section.heading}\n${section.text}`),
  ].join("\n");
}

export function buildTermIndex(meetings: readonly Meeting[], analyzer: TermAnalyzer): TermIndex {
  const bags = meetings.flatMap((meeting) =>
    meeting.items.map((item) => tokenBag(itemText(item), analyzer)),
  );
  const frequencies = new Map<string, number>();
  const documentFrequency = (term: string) => {
    let frequency = frequencies.get(term);
    if (frequency === undefined) {
      frequency = bags.filter((bag) => bagMatches(bag, term)).length;
      frequencies.set(term, frequency);
    }
    return frequency;
  };
  const itemCount = Math.max(bags.length, 1);
  return {
    itemCount,
    weight(term) {
      return Math.log(1 + itemCount / (documentFrequency(term) + 0.5));
    },
    isDistinctive(term) {
      const frequency = documentFrequency(term);
      return frequency > 0 && frequency <= Math.max(1, itemCount * DISTINCTIVE_SHARE);
    },
  };
}

/**
 * The question's content terms: its analysed words without question vocabulary; a capitalised
 * name made mostly of words the analyser drops, as a quoted phrase ("Flere skal med"); and, as
 * bonus terms, the Danish synonyms and translations of its words.
 */
export function contentTerms(
  question: string,
  analyzer: TermAnalyzer,
  synonyms?: SynonymExpander,
): QuestionTerm[] {
  const vocabulary = questionVocabulary(analyzer);
  const terms = new Map<string, QuestionTerm>();
  const add = (term: string, weight: number, bonus: boolean) => {
    if (vocabulary.has(term) || term.length < 2) return;
    const existing = terms.get(term);
    if (!existing || (existing.bonus && !bonus) || existing.weight < weight) {
      terms.set(term, { term, weight, bonus: bonus && (existing?.bonus ?? true) });
    }
  };
  for (const { term, weight } of analyzer.queryTerms(question)) add(term, weight, false);
  for (const name of stopWordNames(question, analyzer)) add(name, 1, false);
  for (const expansion of synonyms?.expand(question) ?? []) {
    for (const { term, weight } of analyzer.queryTerms(expansion)) add(term, weight, true);
  }
  return [...terms.values()];
}

function stopWordNames(question: string, analyzer: TermAnalyzer): string[] {
  const words = question.match(WORD) ?? [];
  const names: string[] = [];
  for (let start = 1; start + 3 <= words.length; start += 1) {
    const run = words.slice(start, start + 3);
    if (!/^\p{Lu}/u.test(run[0] ?? "")) continue;
    if (run.filter((word) => analyzer.queryTerms(word).length === 0).length >= 2) {
      names.push(`"${run.join(" ").toLowerCase()}"`);
    }
  }
  return names;
}

const vocabularies = new WeakMap<TermAnalyzer, Set<string>>();

function questionVocabulary(analyzer: TermAnalyzer): Set<string> {
  let vocabulary = vocabularies.get(analyzer);
  if (!vocabulary) {
    vocabulary = new Set(analyzer.indexTerms(QUESTION_VOCABULARY));
    for (const word of QUESTION_VOCABULARY.split(" ")) vocabulary.add(word);
    vocabularies.set(analyzer, vocabulary);
  }
  return vocabulary;
}

export interface Evidence {
  matched: string[];
  /** Sum of the weights of the matched terms. */
  matchedWeight: number;
  /** Share of the question's own term weight that matched, bonus terms included (at most 1). */
  coverage: number;
  distinctiveMatches: number;
}

export function termWeight(term: QuestionTerm, index: TermIndex): number {
  return index.weight(term.term) * term.weight;
}

export function measureEvidence(terms: QuestionTerm[], bag: TokenBag, index: TermIndex): Evidence {
  let ownWeight = 0;
  let matchedWeight = 0;
  let distinctiveMatches = 0;
  const matched: string[] = [];
  for (const term of terms) {
    const weight = termWeight(term, index);
    if (!term.bonus) ownWeight += weight;
    if (!bagMatches(bag, term.term)) continue;
    matched.push(term.term);
    matchedWeight += weight;
    if (index.isDistinctive(term.term)) distinctiveMatches += 1;
  }
  return {
    matched,
    matchedWeight,
    coverage: ownWeight > 0 ? Math.min(1, matchedWeight / ownWeight) : 0,
    distinctiveMatches,
  };
}
