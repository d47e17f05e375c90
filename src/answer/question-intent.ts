/**
 * What kind of answer a question asks for, from its phrasing (Danish and English): a decision
 * ("hvad blev besluttet", "what was decided"), a person, a number, a date, or anything else.
 */

import { wordPattern as words } from "./word-pattern.ts";

export type AnswerKind = "decision" | "person" | "amount" | "number" | "date" | "other";

const DECISION_PATTERNS = [
  words(
    "beslut(?:tet|tede|tes|te|ter|ning|ningen|ninger|ningerne)|vedt(?:aget|og|ages)|udfald(?:et)?",
  ),
  words("(?:hvad|hvordan|hvorfor).*(?:godkendt|godkendte|aftalt|aftalte|konkluderet|konkluderede)"),
  words("decid(?:e|ed|es|ing)|decisions?|resolv(?:e|ed)|conclu(?:de|ded|sion)|outcome"),
  words("what.*(?:agreed|approved|adopted)|(?:was|were).*(?:approved|adopted|agreed)"),
];

const PERSON_PATTERNS = [
  words("hvem|who|whom|whose"),
  words("hvilke (?:medlemmer|personer|repræsentanter|politikere)"),
  words("which (?:members|representatives|people|persons|politicians)"),
  // Questions after a name that is not a person's: a supplier, a company, an organisation.
  words("hvilk(?:en|et|e) (?:leverandør|firma|virksomhed|organisation|forening)\\p{L}*"),
  words("which (?:supplier|vendor|company|firm|organi[sz]ation|association)s?"),
];

const NUMBER_PATTERNS = [
  words("hvor (?:mange|meget|stor|store|høj|højt|lang|længe)"),
  words("how (?:many|much|large|big|high|long)"),
];

const AMOUNT_PATTERNS = [
  words(
    "penge|beløb(?:et)?|kost(?:er|ede|et|e)|pris(?:en)?|budget(?:tet)?|tilskud(?:det)?|kroner|money|amount|costs?|costing|price|budget|funding|grant",
  ),
];

const DATE_PATTERNS = [words("hvornår|when|hvilken (?:dato|dag)|what (?:date|day)")];

export function answerKindOf(question: string): AnswerKind {
  if (PERSON_PATTERNS.some((pattern) => pattern.test(question))) return "person";
  if (DATE_PATTERNS.some((pattern) => pattern.test(question))) return "date";
  if (DECISION_PATTERNS.some((pattern) => pattern.test(question))) return "decision";
  if (AMOUNT_PATTERNS.some((pattern) => pattern.test(question))) return "amount";
  if (NUMBER_PATTERNS.some((pattern) => pattern.test(question))) return "number";
  return "other";
}

export function isDecisionQuestion(question: string): boolean {
  return DECISION_PATTERNS.some((pattern) => pattern.test(question));
}

const FOLLOW_UP_OPENING =
  /^\s*(?:og|men|også|hvad med|hvad så med|and|but|also|what about|how about)(?![\p{L}])/iu;

/**
 * A follow-up leans on the thread: it opens with "og"/"and"/"hvad med"/"what about", or names at
 * most one thing of its own ("hvem blev udpeget?").
 */
export function looksLikeFollowUp(question: string, contentTermCount: number): boolean {
  return contentTermCount <= 1 || FOLLOW_UP_OPENING.test(question);
}
