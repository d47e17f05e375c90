import { cleanBodyName } from "./body-names.ts";
import { findDate } from "./dates.ts";

/**
 * Which body met, from the header's lines. Every place a header names the body is a candidate
 * (a field, "Referat fra …", "… - Referat", "mødet i …", a line naming it); each is cleaned of
 * what is not the name ("Ældrerådets møde tirsdag den …" → "Ældrerådet") and counts only if it
 * names an organ (udvalg, råd, bestyrelse, MED, …). The first candidate, in that order, that does
 * wins; without one, a field's value, then the first candidate at all.
 */

const BODY_KEY = /^(?:møde\s+vedr\.?|mødeforum|forum|udvalg|råd|organ|møde\s+i)\s*:\s*(.+)$/iu;
/** "Udvalg Byrådet": a field whose table lost its cells (and its colon) when the page became text. */
const BODY_KEY_WITHOUT_COLON = /^(?:udvalg|mødeforum|forum)\s+(\p{Lu}.+)$/u;
const REFERAT_TITLE =
  /^(?:referat|beslutningsreferat|mødereferat|beslutningsprotokol)\s+(?:fra\s+|af\s+)?(?:(?:det\s+)?(?:ordinære\s+)?møde[t]?\s+(?:i|for)\s+)?(.+?)\s+(?:d\.|den)\s+\d/iu;
/** "Referat fra møde i Handicaprådet", with the date on a line of its own. */
const REFERAT_OF =
  /^(?:referat|beslutningsreferat|mødereferat|beslutningsprotokol)\s+(?:fra|af)\s+(?:(?:det\s+)?(?:ordinære\s+)?møde[t]?\s+(?:i|for)\s+)?(\D+)$/iu;
/** "mødet i Økonomiudvalget", "fra mødet i Regionsrådet den 27. februar 2024". */
const MEETING_IN =
  /^(?:(?:fra\s+|til\s+)?(?:det\s+)?(?:ordinære?\s+|ekstraordinære?\s+)?)møde[t]?\s+(?:i|for)\s+(.+?)(?:\s+(?:d\.|den)\s+\d.*)?$/iu;
/** "Byrådet - Referat", "Økonomiudvalget – Referat – 10. april 2012", "Miljøudvalget · Referat · 2. maj 2024". */
const NAME_BEFORE_DOCUMENT_WORD =
  /^(.{3,80}?)\s+[-–—|·•]\s+(?:referat|dagsorden|beslutningsprotokol|mødesager|åben dagsorden|åbent referat)\b.*$/iu;
/** "19. juni 2023 - referat fra byrådet": the date first, then what the document is. */
const DATE_THEN_REFERAT =
  /^.{0,40}\d{4}\s*[-–—|·]\s*((?:referat|dagsorden|beslutningsreferat)\s+.+)$/iu;

/** A word that names a body that meets; the staff committees' abbreviations only in capitals. */
const ORGAN_NOUN =
  /(?:udvalg(?:et)?|råd(?:et)?|bestyrelse(?:n)?|nævn(?:et)?|kommission(?:en)?|forum(?:met)?|panel(?:et)?|styregruppe(?:n)?|forsamling(?:en)?|magistrat(?:en)?|repræsentantskab(?:et)?|borgerrepræsentation(?:en)?|direktion(?:en)?|komité(?:en)?)(?![\p{L}])/iu;
const ORGAN_ABBREVIATION = /(?<![\p{L}])(?:[\p{Lu}-]*MED|HMU|LMU|LOM|AMU|MU|SU)(?![\p{L}])/u;
const ORGAN = {
  test: (text: string) => ORGAN_NOUN.test(text) || ORGAN_ABBREVIATION.test(text),
};
const WHOLE_ORGAN_NOUN = new RegExp(`^\\S*?(?:${ORGAN_NOUN.source})$`, "iu");
const WHOLE_ORGAN_ABBREVIATION = new RegExp(`^(?:${ORGAN_ABBREVIATION.source})$`, "u");
/** One word that is an organ: "Ældrerådet", "Skolebestyrelsen", "LMU". */
const ORGAN_WORD = {
  test: (word: string) => WHOLE_ORGAN_NOUN.test(word) || WHOLE_ORGAN_ABBREVIATION.test(word),
};
/** Where the name ends: the meeting, its date or weekday, a comma before either. */
const AFTER_NAME =
  /\s*(?:,\s*|\s+)(?:(?:ordinært?|ekstraordinært?|konstituerende)\s+)?(?:møde[t]?|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|den|d\.)(?![\p{L}]).*$/iu;
const MAX_NAME_WORDS = 10;

export function readBodyName(texts: readonly string[]): string | undefined {
  const fields = texts.flatMap(
    (text) => text.match(BODY_KEY)?.[1] ?? text.match(BODY_KEY_WITHOUT_COLON)?.[1] ?? [],
  );
  const phrases = texts.flatMap((text) => {
    const afterDate = text.match(DATE_THEN_REFERAT)?.[1] ?? text;
    return [
      afterDate.match(REFERAT_TITLE)?.[1],
      afterDate.match(REFERAT_OF)?.[1],
      text.match(NAME_BEFORE_DOCUMENT_WORD)?.[1],
      text.match(MEETING_IN)?.[1],
      nameBeforeDate(text),
    ].filter((found): found is string => found !== undefined);
  });
  // A line naming the body on its own: capitalised, short, not a field ("Til stede: …").
  const lines = texts.filter(
    (text) =>
      /^\p{Lu}/u.test(text) &&
      !text.includes(":") &&
      text.split(/\s+/u).length <= MAX_NAME_WORDS + 4,
  );
  const clean = (found: string[]) =>
    found.map(cleanBodyPhrase).filter((name): name is string => name !== undefined);
  const named =
    [...clean(fields), ...clean(phrases)].find((name) => ORGAN.test(name)) ??
    clean(lines).find(isShapedLikeAName);
  return named ?? fields.map(cleanBodyPhrase).find(Boolean) ?? undefined;
}

/** "Børn & Læringsudvalget - 03-10-2022", "Kultur- og Demokratiudvalget 3. september 2018". */
function nameBeforeDate(text: string): string | undefined {
  const date = findDate(text);
  if (!date || date.start === 0) return undefined;
  const name = text
    .slice(0, date.start)
    .replace(
      /(?:\s*[-–—|·,]\s*|\s+(?:den|d\.)\s*|\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s*)+$/iu,
      "",
    )
    .trim();
  return name === "" ? undefined : name;
}

/**
 * A line that is a body's name, not a sentence mentioning one: it ends with the organ word
 * ("Social- og Sundhedsudvalget", "Udvalget for plan, udvikling og kultur (PUK)"), or begins
 * with it ("LMU Dagcenter Lyngbo", "Skolebestyrelsen ved Østerby Skole", "Bestyrelsen for …").
 */
function isShapedLikeAName(name: string): boolean {
  const words = name.split(/\s+/u);
  const last = (words.at(-1) ?? "").replace(/^\(.*\)$/u, "") || (words.at(-2) ?? "");
  const first = words[0] ?? "";
  return (
    ORGAN_WORD.test(last) ||
    (ORGAN_WORD.test(first) && (words.length <= 4 || /^(?:ved|for|i|på)$/iu.test(words[1] ?? "")))
  );
}

/**
 * "Ældrerådets møde tirsdag" → "Ældrerådet", "Skolebestyrelsen ved Østerby Skole, møde 12.03.24"
 * → "Skolebestyrelsen ved Østerby Skole"; undefined when nothing of a name is left.
 */
function cleanBodyPhrase(phrase: string): string | undefined {
  const cut = phrase.replace(AFTER_NAME, "");
  // The genitive before the meeting word: "Ældrerådets møde" is Ældrerådet's meeting.
  const name =
    cut !== phrase && /s$/u.test(cut) && ORGAN.test(cut.slice(0, -1)) ? cut.slice(0, -1) : cut;
  if (name.split(/\s+/u).length > MAX_NAME_WORDS || !/\p{L}{2}/u.test(name)) return undefined;
  return cleanBodyName(name) ?? undefined;
}
