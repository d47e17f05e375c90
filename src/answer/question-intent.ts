/**
 * What kind of answer a question asks for, from its phrasing (Danish and English): a vote, a
 * person, a duration, a date, an amount, a number, a decision, or anything else. The first kind
 * whose phrasing the question holds wins, in that order: "hvem stemte imod" asks for a vote,
 * "hvornår blev det besluttet" for a date, "how much did it end up costing" for an amount.
 */

import { type TextTest, wordPattern as words, wordsInOrder } from "./word-pattern.ts";

export type AnswerKind =
  | "decision"
  | "vote"
  | "person"
  | "amount"
  | "number"
  | "date"
  | "duration"
  | "other";

/**
 * A body that decides: its view on a matter is its decision. Between other words any word
 * holding one of these counts; as the last word it must end in letters ("udvalget", "byrådets").
 */
const BODY =
  "udvalg|byråd|kommunalbestyrelse|regionsråd|bestyrelse|rådet|hmu|lom|committee|council|board|politicians";
const BODY_LAST =
  "udvalg\\p{L}*|byråd\\p{L}*|kommunalbestyrelse\\p{L}*|regionsråd\\p{L}*|bestyrelse\\p{L}*|rådet|hmu|lom|committee|council|board|politicians";
const SAID = "mente|sagde|syntes|landede|endte";

const VOTE_PATTERNS = [
  words(
    "stemte|stemme|stemmer|stemmerne|stemmede|afstemning\\p{L}*|stemmeafgivning\\p{L}*|enstemmig\\p{L}*|undlod|undlader|mindretal\\p{L}*|flertal(?:let)?",
  ),
  words("vot(?:e|ed|es|ing)|unanimous\\p{L}*|abstain\\p{L}*|abstention\\p{L}*|minority|majority"),
  wordsInOrder(["hvem|nogen|nogle|hvilke", "imod|var mod"]),
  wordsInOrder(["who|anyone|anybody|which", "against"]),
  words("(?:kunne|kan)\\s+ikke\\s+tiltræde"),
];

const PERSON_PATTERNS = [
  words("hvem|who|whom|whose"),
  words("hvilke (?:medlemmer|personer|repræsentanter|politikere)"),
  words("which (?:members|representatives|people|persons|politicians)"),
  // Questions after a name that is not a person's: a supplier, a company, an organisation.
  words("hvilk(?:en|et|e) (?:leverandør|firma|virksomhed|organisation|forening)\\p{L}*"),
  words("which (?:supplier|vendor|company|firm|organi[sz]ation|association)s?"),
];

const DURATION_PATTERNS = [
  words("hvor længe|hvor lang tid|hvor lang en periode|hvilken periode|i hvor lang"),
  words("hvor mange (?:dage|uger|måneder|år|timer|minutter)"),
  words(
    "how long|for how long|what period|which period|how many (?:days|weeks|months|years|hours)",
  ),
];

const DATE_PATTERNS = [
  words("hvornår|hvilken (?:dato|dag|måned)|what (?:date|day|month|time)|which (?:date|day|month)"),
  words("deadline|frist(?:en)?|tidsfrist(?:en)?|by what date|until when|by when|since when"),
  // English "when" asks only as the opening word; elsewhere it joins clauses ("… when it met").
  /^\s*(?:(?:and|so|but)\s+)?when(?![\p{L}\p{N}])/iu,
];

const AMOUNT_QUESTION_PATTERNS = [
  words("hvor meget|how much|hvor mange (?:penge|kroner|millioner)|how many (?:kroner|millions)"),
];

const NUMBER_PATTERNS = [
  words("hvor (?:mange|stor|store|høj|højt|lang|langt|bred|dyb)"),
  words("how (?:many|large|big|high|long|far|wide|deep)"),
];

const DECISION_PATTERNS = [
  words(
    "beslut(?:tet|tede|tes|te|ter|ning|ningen|ninger|ningerne)|vedt(?:aget|og|ages)|udfald(?:et)?",
  ),
  words(
    "godkend(?:t|te|es|e|er)|tiltr(?:å|aa)d(?:t|te)|tiltrædes|anbefal(?:e|er|ede|et|es|ing|ingen)|konklu(?:deret|derede|sion)",
  ),
  words("decid(?:e|ed|es|ing)|decisions?|resolv(?:e|ed)|conclu(?:de|ded|sion)|outcome"),
  words(
    "approv(?:e|ed|es|al)|adopt(?:ed|s)?|agreed|endorsed?|recommend(?:ed|s|ation|ations)?|accepted",
  ),
  // A body's view is its decision: "hvad mente økonomiudvalget om …", "what did the committee say".
  wordsInOrder(["hvad|hvordan", SAID, BODY_LAST]),
  wordsInOrder(["hvad|hvordan", BODY, SAID]),
  wordsInOrder(["what|how|where", BODY, "say|said|think|thought|land|landed|conclude"]),
  words("kom (?:der )?ud af|came out of|lov til|tilladelse|permission|allowed"),
];

/** What a question about money names, when it does not ask "how much" outright. */
const AMOUNT_PATTERNS = [
  words(
    "penge|beløb(?:et)?|kost(?:er|ede|et|e)|pris(?:en)?|budget(?:tet)?|tilskud(?:det)?|kroner|money|amount|costs?|costing|price|budget|funding|grant",
  ),
];

const KINDS: [AnswerKind, TextTest[]][] = [
  ["vote", VOTE_PATTERNS],
  ["person", PERSON_PATTERNS],
  ["duration", DURATION_PATTERNS],
  ["date", DATE_PATTERNS],
  ["amount", AMOUNT_QUESTION_PATTERNS],
  ["number", NUMBER_PATTERNS],
  ["decision", DECISION_PATTERNS],
  ["amount", AMOUNT_PATTERNS],
];

export function answerKindOf(question: string): AnswerKind {
  for (const [kind, patterns] of KINDS) {
    if (patterns.some((pattern) => pattern.test(question))) return kind;
  }
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
