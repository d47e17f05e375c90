import type { Meeting } from "../minutes/model.ts";
import { detectLanguage } from "./language.ts";
import { bagMatches, isPhrase, type TermAnalyzer, type TokenBag, WORD } from "./term-matching.ts";
import { buildTermStatistics, type TermStatistics } from "./term-statistics.ts";
import type { Language } from "./types.ts";

/**
 * Lexical evidence: which of a question's concepts occur in an item or a sentence, weighted by
 * how rare they are across the corpus's items. A concept is one word of the question with its
 * terms as the lexical index's analyser makes them (stem, compound parts), plus the Danish
 * synonyms and translations of that word. Judging by concepts keeps a word with many synonyms
 * from counting many times, and keeps a loose translation from counting as much as the word.
 */

/** Danish words a query's words stand for (src/answer/synonyms.ts fits). */
export interface SynonymExpander {
  expand(query: string, language?: Language): string[];
}

export interface Concept {
  /** The word as the question writes it (for logs and tests). */
  label: string;
  /**
   * The word's own terms: the word itself first (full credit), then, for a joined word
   * ("ACT-indsatsen"), its components (partial credit).
   */
  own: string[];
  /** Compound parts of the word: partial credit. */
  parts: string[];
  /** Synonyms and translations: partial credit. */
  expansions: string[];
  /**
   * Found only through rewriting or a thread: it counts when found, but the question is not
   * expected to be covered by it.
   */
  bonus: boolean;
}

/** Credit for a concept found through a compound part or a synonym rather than the word itself. */
const PARTIAL_CREDIT = 0.6;
/** Terms in more than this share of items say little about which item is meant. */
const DISTINCTIVE_SHARE = 0.2;
const MAX_WINDOW_WORDS = 3;

/**
 * Words a question uses to ask rather than to name its subject, in both languages; they are not
 * evidence that the minutes cover the subject.
 */
const QUESTION_VOCABULARY = new Set(
  (
    "hvad hvem hvor hvornår hvordan hvorfor hvilke hvilken hvilket blev bliver besluttet " +
    "besluttede beslutning beslutte vedtaget vedtog møde mødet møder udvalget udvalg rådet sagt " +
    "drøftet drøftede skete ske sker fortælle fortæl handler handlede referat referatet " +
    "what who whom whose where when how why which was were did does do decided decide decision " +
    "meeting meetings committee council said about tell say happened discussed minutes"
  ).split(" "),
);

export interface TermIndex {
  readonly itemCount: number;
  /** Inverse document frequency over items; terms absent from the corpus get the highest. */
  weight(term: string): number;
  /** Occurs in the corpus at all. */
  occurs(term: string): boolean;
  /** Occurs in few items (at most a fifth), so it points at the subject. */
  isDistinctive(term: string): boolean;
}

/** Rarity of terms over the corpus's items, from its item frequencies. */
export function termIndexOf(statistics: TermStatistics): TermIndex {
  const itemCount = Math.max(statistics.itemCount, 1);
  return {
    itemCount,
    weight(term) {
      return Math.log(1 + itemCount / (statistics.itemFrequency(term) + 0.5));
    },
    occurs(term) {
      return statistics.itemFrequency(term) > 0;
    },
    isDistinctive(term) {
      const frequency = statistics.itemFrequency(term);
      return frequency > 0 && frequency <= Math.max(1, itemCount * DISTINCTIVE_SHARE);
    },
  };
}

export function buildTermIndex(meetings: readonly Meeting[], analyzer: TermAnalyzer): TermIndex {
  return termIndexOf(buildTermStatistics(meetings, analyzer));
}

/**
 * The question's concepts: one per content word (question vocabulary left out), with the
 * synonyms and translations of the word, or of a phrase of up to three words it is part of
 * ("working group" → "arbejdsgruppe"); and a capitalised name made mostly of words the analyser
 * drops, as a quoted phrase ("Flere skal med").
 */
export function questionConcepts(
  question: string,
  analyzer: TermAnalyzer,
  synonyms?: SynonymExpander,
): Concept[] {
  const words = question.match(WORD) ?? [];
  const concepts: (Concept | undefined)[] = words.map((word) => {
    if (QUESTION_VOCABULARY.has(word.toLowerCase())) return undefined;
    const terms = analyzer.queryTerms(word).filter((term) => term.term.length >= 2);
    const own = terms.filter((term) => term.weight >= 1).map((term) => term.term);
    if (own.length === 0) return undefined;
    const parts = terms.filter((term) => term.weight < 1).map((term) => term.term);
    return { label: word, own, parts, expansions: [], bonus: false };
  });

  if (synonyms) {
    // Windows of a question are too short to tell its language by.
    const language = detectLanguage(question);
    // A phrase's own expansions ("working group" → "arbejdsgruppe") belong to each of its words;
    // what a shorter phrase inside it already yields belongs to that phrase alone.
    const expansionsOf = new Map<string, Set<string>>();
    for (let size = 1; size <= MAX_WINDOW_WORDS; size += 1) {
      for (let start = 0; start + size <= words.length; start += 1) {
        const window = words.slice(start, start + size).join(" ");
        const found = new Set(synonyms.expand(window, language));
        expansionsOf.set(`${start}:${size}`, found);
        const inner = new Set<string>();
        for (let innerSize = 1; innerSize < size; innerSize += 1) {
          for (let offset = start; offset + innerSize <= start + size; offset += 1) {
            for (const expansion of expansionsOf.get(`${offset}:${innerSize}`) ?? []) {
              inner.add(expansion);
            }
          }
        }
        // A joined word ("ACT-indsatsen") is more specific than the synonyms of its parts; what
        // translates the whole of it ("sub-goals" → "delmål", "cross-cutting" → "tværgående")
        // still counts.
        const single = size === 1 ? concepts[start] : undefined;
        const word = words[start] ?? "";
        if (single && single.own.length > 1) {
          for (const part of word.split(/[-'’]/u)) {
            for (const expansion of synonyms.expand(part, language)) inner.add(expansion);
          }
        }
        const terms = [...found]
          .filter((expansion) => !inner.has(expansion))
          .flatMap((expansion) => analyzer.queryTerms(expansion))
          .filter((term) => term.weight >= 1)
          .map((term) => term.term);
        for (const concept of concepts.slice(start, start + size)) {
          if (!concept) continue;
          for (const term of terms) {
            if (!concept.own.includes(term) && !concept.expansions.includes(term)) {
              concept.expansions.push(term);
            }
          }
        }
      }
    }
  }

  const result = concepts.filter((concept): concept is Concept => concept !== undefined);
  for (const name of stopWordNames(words, analyzer)) {
    result.push({ label: name, own: [name], parts: [], expansions: [], bonus: false });
  }
  return mergeConcepts(result);
}

/**
 * Name phrases the corpus does not contain say nothing either way (the words still count one by
 * one), and would only make the question look less covered than it is.
 */
export function dropUnknownPhrases(concepts: Concept[], index: TermIndex): Concept[] {
  return concepts.filter(
    (concept) => !concept.own.every(isPhrase) || concept.own.some((term) => index.occurs(term)),
  );
}

/** One concept per distinct set of own terms ("plan" asked twice counts once). */
export function mergeConcepts(concepts: Concept[]): Concept[] {
  const byKey = new Map<string, Concept>();
  for (const concept of concepts) {
    const key = [...concept.own].sort().join(" ");
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, {
        ...concept,
        parts: [...concept.parts],
        expansions: [...concept.expansions],
      });
      continue;
    }
    existing.bonus &&= concept.bonus;
    for (const term of concept.parts) if (!existing.parts.includes(term)) existing.parts.push(term);
    for (const term of concept.expansions) {
      if (!existing.expansions.includes(term)) existing.expansions.push(term);
    }
  }
  return [...byKey.values()];
}

function stopWordNames(words: string[], analyzer: TermAnalyzer): string[] {
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

/**
 * How much a concept says: the rarity of its own word when the corpus uses it; otherwise of its
 * most common synonym or translation that the corpus uses (an English word is as telling as the
 * Danish word it stands for); otherwise, unknown to the corpus, the highest.
 */
export function conceptWeight(concept: Concept, index: TermIndex): number {
  const ownInCorpus = concept.own.filter((term) => index.occurs(term));
  if (ownInCorpus.length > 0) return Math.max(...ownInCorpus.map((term) => index.weight(term)));
  const expansionsInCorpus = concept.expansions.filter((term) => index.occurs(term));
  if (expansionsInCorpus.length > 0) {
    return Math.min(...expansionsInCorpus.map((term) => index.weight(term)));
  }
  return Math.max(...concept.own.map((term) => index.weight(term)));
}

export interface ConceptMatch {
  /** 1 for the word itself, PARTIAL_CREDIT through a compound part or synonym, 0 when absent. */
  credit: number;
  term: string | undefined;
}

const NO_MATCH: ConceptMatch = Object.freeze({ credit: 0, term: undefined });

export function matchConcept(concept: Concept, bag: TokenBag, index?: TermIndex): ConceptMatch {
  const { own } = concept;
  const whole = own[0];
  if (whole !== undefined && bagMatches(bag, whole)) return { credit: 1, term: whole };
  // A joined word ("ACT-indsatsen") found only in part: credit by the share of its components'
  // weight found, so the generic half ("indsats") alone counts for little.
  let foundWeight = 0;
  let componentsWeight = 0;
  let best: string | undefined;
  let bestWeight = 0;
  for (let position = 1; position < own.length; position += 1) {
    const term = own[position] as string;
    const weight = index?.weight(term) ?? 1;
    componentsWeight += weight;
    if (!bagMatches(bag, term)) continue;
    foundWeight += weight;
    if (best === undefined || weight > bestWeight) {
      best = term;
      bestWeight = weight;
    }
  }
  if (best !== undefined) {
    return { credit: PARTIAL_CREDIT * (foundWeight / componentsWeight), term: best };
  }
  for (const term of concept.parts) if (bagMatches(bag, term)) return partialMatch(term);
  for (const term of concept.expansions) if (bagMatches(bag, term)) return partialMatch(term);
  return NO_MATCH;
}

function partialMatch(term: string): ConceptMatch {
  return { credit: PARTIAL_CREDIT, term };
}

export interface Evidence {
  /** Labels of the concepts found. */
  matched: string[];
  matchedWeight: number;
  /** Share of the question's concept weight found, bonus concepts included (at most 1). */
  coverage: number;
  /** Concepts found through a term that few items contain. */
  distinctiveMatches: number;
}

export function measureEvidence(concepts: Concept[], bag: TokenBag, index: TermIndex): Evidence {
  let ownWeight = 0;
  let matchedWeight = 0;
  let distinctiveMatches = 0;
  const matched: string[] = [];
  for (const concept of concepts) {
    const weight = conceptWeight(concept, index);
    if (!concept.bonus) ownWeight += weight;
    const match = matchConcept(concept, bag, index);
    if (match.credit === 0 || match.term === undefined) continue;
    matched.push(concept.label);
    matchedWeight += weight * match.credit;
    if (index.isDistinctive(match.term)) distinctiveMatches += 1;
  }
  return {
    matched,
    matchedWeight,
    coverage: ownWeight > 0 ? Math.min(1, matchedWeight / ownWeight) : 0,
    distinctiveMatches,
  };
}
