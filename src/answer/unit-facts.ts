import {
  isAttendanceNote,
  mentionsVote,
  namesCount,
  namesDate,
  namesDay,
  namesDuration,
  namesMoneyOrShare,
  namesTimeOfDay,
  recordsDecision,
  recordsVote,
} from "./fact-patterns.ts";
import type { AnswerKind } from "./question-intent.ts";
import type { Concept } from "./term-evidence.ts";
import type { TermAnalyzer } from "./term-matching.ts";
import { wordPattern } from "./word-pattern.ts";

export { DECISION_WORDS } from "./fact-patterns.ts";

/**
 * What a sentence unit holds, whatever the question: its length, whether it asks a question or is
 * a bracketed agenda note, and the kinds of thing a question may ask for (a decision, a vote, an
 * amount, a count, a date, a duration, a name or role). Found once per unit; a question then only
 * checks whether a name or role is one it names itself.
 */

export interface UnitFacts {
  wordCount: number;
  /** Ends in a question mark: "… om der er nogle, som vil være med?" answers nothing. */
  asksQuestion: boolean;
  /** A bracketed agenda note: "(orientering – 5 min.):". */
  isAgendaNote: boolean;
  /** Who was absent or did not take part: "Mette Ekstrøm var fraværende." */
  isAttendanceNote: boolean;
  recordsDecision: boolean;
  /** Who voted how: "Imod stemte (Ø).", "med stemmerne 20 for og 1 imod". */
  recordsVote: boolean;
  /** A vote mentioned without its record: "afgav stemme mod …", "flertallet". */
  mentionsVote: boolean;
  /** An amount of money or a share: "392.000 kr.", "23 mio.", "20 %". */
  namesMoneyOrShare: boolean;
  /** A count or amount, in digits or words ("65", "otte"); not a year, ordinal or reference. */
  namesCount: boolean;
  namesDate: boolean;
  /** A date to the day: "12. maj", "1.10.2022". */
  namesDay: boolean;
  namesTimeOfDay: boolean;
  namesDuration: boolean;
}

/** A name or a role in a unit, with the whole-word terms of its words. */
export interface PersonMention {
  kind: "name" | "role";
  /** Undefined for one that no question can name (a word without a term). */
  terms: string[] | undefined;
  start: number;
  end: number;
}

/** Names (other than of a municipality or region) and roles in a unit, in the order found. */
export type PeopleNamed = PersonMention[];

/** A unit with its facts; the people it names are found on the first "hvem" question. */
export interface UnitWithFacts {
  readonly text: string;
  readonly facts: UnitFacts;
  people?: PeopleNamed;
}

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
      "(?:vice)?borgmester(?:en)?|rådmand(?:en)?|rådmænd(?:ene)?",
      "\\p{L}*medlem(?:met|mer|merne)?",
    ].join("|"),
  ).source,
  "giu",
);
const ROLE_WORD = new RegExp(`^(?:${ROLES.source})$`, "iu");
/** A name that stands for a municipality, region or body: the setting of the minutes, not an answer. */
const INSTITUTION_NAME =
  /(?<!\p{L})(?:Kommunes?|Regions?|Byråd(?:et|s)?|Kommunalbestyrelsen?s?|Regionsråd(?:et|s)?|\p{L}*[Uu]dvalg(?:et|s)?|\p{L}*[Ff]orvaltning(?:en|s)?)(?!\p{L})/u;
const QUESTION_END = /\?["”»)]?$/u;
const AGENDA_NOTE = /^\(.*\)[.:]?$/su;
const WORD_OF_COUNT = /[\p{L}\p{N}]+/gu;
const WORD_OF_NAME = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const DEPUTY = /^(?:næst|vice)(\p{L}+)$/u;
/** A role this many words before a name, or after it, is the role of that person. */
const ROLE_BEFORE_NAME_WORDS = 4;
const ROLE_AFTER_NAME_WORDS = 3;

export function unitFacts(text: string): UnitFacts {
  return {
    wordCount: text.match(WORD_OF_COUNT)?.length ?? 0,
    asksQuestion: QUESTION_END.test(text),
    isAgendaNote: AGENDA_NOTE.test(text),
    isAttendanceNote: isAttendanceNote(text),
    recordsDecision: recordsDecision(text),
    recordsVote: recordsVote(text),
    mentionsVote: mentionsVote(text),
    namesMoneyOrShare: namesMoneyOrShare(text),
    namesCount: namesCount(text),
    namesDate: namesDate(text),
    namesDay: namesDay(text),
    namesTimeOfDay: namesTimeOfDay(text),
    namesDuration: namesDuration(text),
  };
}

/** Only "hvem" questions need these, so they are found when one first asks. */
export function peopleNamedIn(text: string, analyzer: TermAnalyzer): PeopleNamed {
  const people: PeopleNamed = [];
  for (const name of namesIn(text, analyzer)) {
    if (INSTITUTION_NAME.test(name.text)) continue;
    people.push({ kind: "name", terms: wholeTermsOf(name.text, analyzer), ...name.span });
  }
  for (const match of text.matchAll(ROLES)) {
    people.push({
      kind: "role",
      terms: wholeTermsOf(match[0], analyzer),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return people;
}

interface Found {
  text: string;
  span: { start: number; end: number };
}

/**
 * Names in the text. A sentence's capitalised first word counts only when it is not a stop word;
 * a role that opens the run ("Rådmand Søren Thorsager", "Socialdirektør Ann-Britt Wetche") is
 * the person's role, not part of the name.
 */
function namesIn(text: string, analyzer: TermAnalyzer): Found[] {
  const names: Found[] = [];
  for (const match of text.matchAll(NAMES)) {
    let words = match[0].split(" ");
    let start = match.index;
    const dropFirst = () => {
      start += (words[0] ?? "").length + 1;
      words = words.slice(1);
    };
    if (start === 0 && analyzer.indexTerms(words[0] ?? "").length === 0) dropFirst();
    while (words.length > 0 && isRoleWord(words[0] ?? "")) dropFirst();
    if (words.length < 2) continue;
    const name = words.join(" ");
    names.push({ text: name, span: { start, end: start + name.length } });
  }
  return names;
}

function isRoleWord(word: string): boolean {
  return ROLE_WORD.test(word);
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
  const terms = new Set(askedWholeTerms(concepts));
  for (const concept of concepts) for (const term of concept.parts) terms.add(term);
  return terms;
}

/**
 * The question's words, synonyms and translations without the parts of its compounds: the roles
 * it asks about ("næstformand" asks for no "formand").
 */
export function askedWholeTerms(concepts: readonly Concept[]): ReadonlySet<string> {
  const terms = new Set<string>();
  for (const concept of concepts) {
    for (const term of concept.own) terms.add(term);
    for (const term of concept.expansions) terms.add(term);
  }
  return terms;
}

/**
 * How well a unit holds the kind of thing asked for: 0 not at all, higher is closer. A "hvem"
 * question is best answered by a name whose role is the one it asks about (the formand when it
 * asks for the formand, not the næstformand), then by any name, then by a role alone; a name or
 * role the question names itself is not an answer (every word of it one the question asks about,
 * compared as whole words, so "jobformidler" is not taken for asked when the question says "job").
 * How much: money or a share before a bare count. When: a day before a month or week, before a
 * duration or time of day; how long: the other way round. A vote question takes the record of a
 * vote, else a vote mentioned or a decision.
 */
export function answerTier(
  unit: UnitWithFacts,
  kind: AnswerKind,
  asked: ReadonlySet<string>,
  analyzer: TermAnalyzer,
  askedRoles: ReadonlySet<string> = asked,
): number {
  const { facts } = unit;
  if (facts.asksQuestion) return 0;
  switch (kind) {
    case "decision":
      return facts.recordsDecision ? 2 : 0;
    case "vote":
      return facts.recordsVote ? 2 : facts.mentionsVote || facts.recordsDecision ? 1 : 0;
    case "person":
      return personTier(unit.text, peopleOf(unit, analyzer), asked, askedRoles);
    case "amount":
      return facts.namesMoneyOrShare ? 2 : facts.namesCount ? 1 : 0;
    case "number":
      return facts.namesCount || facts.namesMoneyOrShare ? 2 : 0;
    case "date":
      if (facts.namesDay) return 3;
      return facts.namesDate ? 2 : facts.namesDuration || facts.namesTimeOfDay ? 1 : 0;
    case "duration":
      return facts.namesDuration ? 2 : facts.namesDate ? 1 : 0;
    case "other":
      return 0;
  }
}

/** Holds the kind of thing asked for at all. */
export function holdsAnswerKind(
  unit: UnitWithFacts,
  kind: AnswerKind,
  asked: ReadonlySet<string>,
  analyzer: TermAnalyzer,
): boolean {
  return answerTier(unit, kind, asked, analyzer) > 0;
}

/**
 * Whether the unit names, by name, someone the question names ("Martin Geertsen (V) forlod
 * mødet kl. 12:03 og kom tilbage kl. 12:45" for "Hvornår kom Martin Geertsen tilbage?").
 */
export function namesAskedPerson(
  unit: UnitWithFacts,
  asked: ReadonlySet<string>,
  analyzer: TermAnalyzer,
): boolean {
  return peopleOf(unit, analyzer).some(
    (mention) => mention.kind === "name" && isAsked(mention, asked),
  );
}

/** The people a unit names, found the first time a question needs them and kept with the unit. */
function peopleOf(unit: UnitWithFacts, analyzer: TermAnalyzer): PeopleNamed {
  unit.people ??= peopleNamedIn(unit.text, analyzer);
  return unit.people;
}

function isAsked(mention: PersonMention, asked: ReadonlySet<string>): boolean {
  return mention.terms?.every((term) => asked.has(term)) ?? false;
}

function personTier(
  text: string,
  people: PeopleNamed,
  asked: ReadonlySet<string>,
  askedRoleTerms: ReadonlySet<string>,
): number {
  const names = people.filter((mention) => mention.kind === "name" && !isAsked(mention, asked));
  const roles = people.filter((mention) => mention.kind === "role");
  const askedRoles = roles.filter((role) => isAsked(role, askedRoleTerms));
  if (names.length === 0) return roles.some((role) => !isAsked(role, asked)) ? 1 : 0;
  if (askedRoles.length === 0) return 2;
  const everyName = people.filter((mention) => mention.kind === "name");
  const rolesOfNames = names.map((name) => rolesOf(name, roles, everyName, text));
  if (rolesOfNames.some((given) => given.some((role) => askedRoles.includes(role)))) return 3;
  // "… da overtager næstformanden, Claus Jensen (V) formandens plads": the formand is mentioned,
  // but the one named is the næstformand.
  const namesDeputy = rolesOfNames.some((given) =>
    given.some((role) => isDeputyOf(role, askedRoleTerms)),
  );
  return namesDeputy ? 2 : 3;
}

/** The deputy of a role asked about: "næstformand" for "formand", "viceborgmester" for "borgmester". */
function isDeputyOf(role: PersonMention, asked: ReadonlySet<string>): boolean {
  const [term, ...rest] = role.terms ?? [];
  const office = term?.match(DEPUTY)?.[1];
  return rest.length === 0 && office !== undefined && asked.has(office);
}

/**
 * The roles a name is given: those just before it ("næstformanden, Claus Jensen", "Formand for
 * HMU, socialdirektør Ann-Britt Wetche"), or, when none is, just after it ("Ann-Britt Wetche,
 * formand for HMU"); never across another name.
 */
function rolesOf(
  name: PersonMention,
  roles: PersonMention[],
  names: PersonMention[],
  text: string,
): PersonMention[] {
  const between = (from: number, to: number) =>
    !names.some((other) => other !== name && other.start >= from && other.end <= to) &&
    (text.slice(from, to).match(WORD_OF_COUNT)?.length ?? 0);
  const before = roles.filter((role) => {
    if (role.end > name.start) return false;
    const words = between(role.end, name.start);
    return words !== false && words <= ROLE_BEFORE_NAME_WORDS;
  });
  if (before.length > 0) return before;
  return roles.filter((role) => {
    if (role.start < name.end) return false;
    const words = between(name.end, role.start);
    return words !== false && words <= ROLE_AFTER_NAME_WORDS;
  });
}
