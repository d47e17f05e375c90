import type { AnswerKind } from "./question-intent.ts";
import type { Concept } from "./term-evidence.ts";
import type { TermAnalyzer } from "./term-matching.ts";
import { wordPattern } from "./word-pattern.ts";

/**
 * What a sentence unit holds, whatever the question: its length, whether it asks a question or is
 * a bracketed agenda note, and the kinds of thing a question may ask for (a decision, an amount,
 * a number, a date, a name or role). Found once per unit; a question then only checks whether a
 * name or role is one it names itself.
 */

export interface UnitFacts {
  wordCount: number;
  /** Ends in a question mark: "… om der er nogle, som vil være med?" answers nothing. */
  asksQuestion: boolean;
  /** A bracketed agenda note: "(orientering – 5 min.):". */
  isAgendaNote: boolean;
  recordsDecision: boolean;
  namesAmountOfMoney: boolean;
  namesAmountOrCount: boolean;
  namesDate: boolean;
}

/**
 * Names (other than of a municipality or region) and roles in a unit, each as the whole-word
 * terms of its words; undefined for one that no question can name (a word without a term).
 */
export type PeopleNamed = (string[] | undefined)[];

/** A unit with its facts; the people it names are found on the first "hvem" question. */
export interface UnitWithFacts {
  readonly text: string;
  readonly facts: UnitFacts;
  people?: PeopleNamed;
}

export const DECISION_WORDS = wordPattern(
  "besluttes|besluttede|besluttet|beslutter|vedtaget|vedtog|godkendt|godkendes|godkendte|aftales|aftalt|aftalte|udpeger|udpeget|udpegede|nedsætte|nedsættes|taget til efterretning|tiltrådt|drøftet|forkastet",
);
/**
 * Two or more capitalised words in a row: a name ("Carsten Jensen", "Ann-Britt Wetche"). Danish
 * capitalises little else, so this holds at the start of a sentence too.
 */
const NAMES =
  /(?<=^|[\p{L},;:–)] )\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?: (?:\p{Lu}\. )?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*)+/gu;
/** A role or office that answers "hvem" as well as a name does ("en personlig jobformidler"). */
const ROLES = new RegExp(
  wordPattern(
    [
      "(?:næst)?(?:formand|forperson)\\p{L}*",
      "\\p{L}*(?:leder|formidler|behandler|rådgiver|tovholder)(?:en|e|ne)?",
      "\\p{L}*(?:chef|konsulent|repræsentant|suppleant|mentor|kontaktperson)(?:en|er|erne)?",
      "\\p{L}*(?:direktør|sekretær|leverandør|koordinator|ordfører)\\p{L}*",
      "borgmester(?:en)?|rådmand(?:en)?|rådmænd(?:ene)?",
      "\\p{L}*medlem(?:met|mer|merne)?",
    ].join("|"),
  ).source,
  "giu",
);
/** A name that stands for a municipality or region: the setting of the minutes, not an answer. */
const INSTITUTION_NAME = /(?<!\p{L})(?:Kommunes?|Regions?)(?!\p{L})/u;
/** A count or an amount ("65", "392.000", "5,4"); a year alone is not one. */
const AMOUNT_OR_COUNT =
  /(?<![\p{L}\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+,\d+|(?!(?:19|20)\d{2}(?!\d))\d+)(?![\d\p{L}])/u;
/** An amount of money: "392.000 kr.", "23 mio. kr.", "-5,4 mio.". */
const MONEY = /\d[\d.,]*\s*(?:kr\.?|kroner|mio\.?|mia\.?|dkk)(?![\p{L}])/iu;
const DATE = wordPattern(
  "\\d{1,2}\\.\\s*(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|(?:uge|week) \\d{1,2}",
);
const QUESTION_END = /\?["”»)]?$/u;
const AGENDA_NOTE = /^\(.*\)[.:]?$/su;
const WORD_OF_COUNT = /[\p{L}\p{N}]+/gu;
const WORD_OF_NAME = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

export function unitFacts(text: string): UnitFacts {
  return {
    wordCount: text.match(WORD_OF_COUNT)?.length ?? 0,
    asksQuestion: QUESTION_END.test(text),
    isAgendaNote: AGENDA_NOTE.test(text),
    recordsDecision: DECISION_WORDS.test(text),
    namesAmountOfMoney: MONEY.test(text),
    namesAmountOrCount: AMOUNT_OR_COUNT.test(text),
    namesDate: DATE.test(text),
  };
}

/** Only "hvem" questions need these, so they are found when one first asks. */
export function peopleNamedIn(text: string, analyzer: TermAnalyzer): PeopleNamed {
  const people: PeopleNamed = [];
  for (const name of namesIn(text, analyzer)) {
    if (!INSTITUTION_NAME.test(name)) people.push(wholeTermsOf(name, analyzer));
  }
  for (const match of text.matchAll(ROLES)) people.push(wholeTermsOf(match[0], analyzer));
  return people;
}

/** Names in the text; a sentence's capitalised first word counts only when it is not a stop word. */
function namesIn(text: string, analyzer: TermAnalyzer): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(NAMES)) {
    if (match.index !== 0) {
      names.push(match[0]);
      continue;
    }
    const [first = "", ...rest] = match[0].split(" ");
    if (analyzer.indexTerms(first).length > 0) names.push(match[0]);
    else if (rest.length >= 2) names.push(rest.join(" "));
  }
  return names;
}

/** The whole-word term of each word, compared with the question's terms as whole words. */
function wholeTermsOf(phrase: string, analyzer: TermAnalyzer): string[] | undefined {
  const words = phrase.match(WORD_OF_NAME) ?? [];
  if (words.length === 0) return undefined;
  const terms: string[] = [];
  for (const word of words) {
    const whole = analyzer.indexTerms(word)[0];
    if (whole === undefined) return undefined;
    terms.push(whole);
  }
  return terms;
}

/** Every term the question asks about: its words, their parts, synonyms and translations. */
export function askedTerms(concepts: readonly Concept[]): ReadonlySet<string> {
  const terms = new Set<string>();
  for (const concept of concepts) {
    for (const term of concept.own) terms.add(term);
    for (const term of concept.parts) terms.add(term);
    for (const term of concept.expansions) terms.add(term);
  }
  return terms;
}

/**
 * Holds the kind of thing asked for. A name or role the question names itself is not what a
 * "hvem" question asks for: every word of it one the question asks about, compared as whole
 * words, so "jobformidler" is not taken for asked when the question says "job".
 */
export function holdsAnswerKind(
  unit: UnitWithFacts,
  kind: AnswerKind,
  asked: ReadonlySet<string>,
  analyzer: TermAnalyzer,
): boolean {
  const { facts } = unit;
  switch (kind) {
    case "decision":
      return facts.recordsDecision;
    case "person":
      unit.people ??= peopleNamedIn(unit.text, analyzer);
      return unit.people.some(
        (terms) => terms === undefined || !terms.every((term) => asked.has(term)),
      );
    case "amount":
      return facts.namesAmountOfMoney;
    case "number":
      return facts.namesAmountOrCount;
    case "date":
      return facts.namesDate;
    case "other":
      return false;
  }
}
