import { isFormality } from "./bare-decision.ts";
import { wordPattern } from "./word-pattern.ts";

/**
 * Recognisers for the facts a question can ask for, in Danish minutes text: amounts of money and
 * shares, counts (in digits or words), dates, durations, votes and decisions. Each looks at one
 * sentence unit and says whether it holds such a fact; none of them reads the question.
 */

const MONTHS =
  "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december";
const MONTH_ABBREVIATIONS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec";

const DIGITS_TO_NINE = "to|tre|fire|fem|seks|syv|otte|ni";
const TENS = "tyve|tredive|fyrre|fyrretyve|halvtreds|tres|halvfjerds|firs|halvfems";
/**
 * Danish cardinals. "en"/"et" are articles far more often than numbers, so they count only where
 * a unit of time follows ("en uge"); the stressed "én"/"ét" always count. Ordinals (første,
 * anden, tredje …) are not counts.
 */
const NUMBER_WORD = `(?:(?:en|et|${DIGITS_TO_NINE})og(?:${TENS})|én|ét|${DIGITS_TO_NINE}|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|${TENS}|hundrede|tusind|tusinde|halvanden|halvandet)`;
const COUNT_WORDS = wordPattern(`${NUMBER_WORD}(?:\\s+(?:hundrede|tusind|tusinde))?`);

/** A number in digits: "65", "392.000", "5,4", "-72,1". */
const DIGIT_NUMBER = /(?<![\p{L}\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\p{L}\d.,])\d+(?:,\d+)?/gu;
/**
 * What a number right after is a reference, not a quantity: "§ 4", "stk. 2", "nr. 15", "kl. 18",
 * an address ("Hundigegårdsvej 16").
 */
const REFERENCE_BEFORE =
  /(?:§§?|stk\.|nr\.:?|kl\.|pkt\.|punkt|bilag|linje|linie|side|sag|uge|week|afsnit|kapitel|lokalplan|j\.nr\.:?|\p{L}+(?:vej|gade|allé|alle|plads|vænge|stræde|torv|boulevard))\s*$/iu;
const YEAR = /^(?:19|20)\d{2}$/u;

/** "392.000 kr.", "23 mio. kr.", "-5,4 mio.", "20 %", "3,5 pct.", "tre procent", "kr. 5.000". */
const MONEY_OR_SHARE = new RegExp(
  [
    String.raw`\d[\d.,]*\s*(?:kr\.?|kroner|mio\.?|mia\.?|mill\.|millioner|milliarder|t\.kr\.?|tkr\.?|dkk|%|pct\.?|procent)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:kr\.|dkk)\s*\d`,
    String.raw`(?<![\p{L}])${NUMBER_WORD}\s+(?:kroner|millioner|milliarder|procent)(?![\p{L}])`,
    String.raw`(?<![\p{L}])beløb(?:et)?\s+på\s+\d`,
  ].join("|"),
  "iu",
);

/** A day: "12. maj", "1.10.2022", "12/3 2008". */
const DAY = wordPattern(
  [
    `\\d{1,2}\\.\\s*(?:${MONTHS})`,
    "\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}",
    "\\d{1,2}/\\d{1,2}(?:\\s+\\d{4})?",
  ].join("|"),
);
/** A day, or a less precise time: "november 2012", "uge 42", "ultimo 2023", "i foråret 2024". */
const DATE = wordPattern(
  [
    DAY.source,
    `(?:${MONTHS})\\s+\\d{4}`,
    `(?:${MONTH_ABBREVIATIONS})\\.\\s*\\d{4}`,
    "(?:uge|week)\\s+\\d{1,2}",
    `(?:primo|medio|ultimo|udgangen af|starten af|slutningen af)\\s+(?:\\d{4}|${MONTHS})`,
    "(?:forår|efterår|sommer|vinter|halvår|kvartal)(?:et|en)?\\s+\\d{4}",
  ].join("|"),
);
/** A time of day: a date question takes it when no sentence holds a date. */
const TIME_OF_DAY = wordPattern("kl\\.\\s*\\d{1,2}(?:[.:]\\d{2})?");

const TIME_UNIT =
  "dag|dage|dagen|dages|døgn|døgnet|døgns|uge|uger|ugen|ugers|måned|måneder|måneden|måneders|år|året|års|time|timer|timers|minut|minutter|kvartal|kvartaler|halvår|halvåret";
/** "otte uger", "i 3 måneder", "1 uge", "en uge", "5-årig", "i perioden", "frem til 5. november". */
const DURATION = wordPattern(
  [
    `(?:\\d+(?:,\\d+)?|${NUMBER_WORD}|en|et|et par)\\s+(?:${TIME_UNIT})`,
    `(?:\\d+|${NUMBER_WORD})-?(?:årig|årige|årsperiode|måneders|ugers|dages|timers)`,
    `(?:frem til|indtil|til og med|fra og med)\\s+(?:den\\s+)?\\d{1,2}\\.\\s*(?:${MONTHS})`,
    "i perioden|periode(?:n)? fra",
  ].join("|"),
);

/**
 * A record of how members voted: "For stemte (V) …", "Imod indstillingen stemte …", "med
 * stemmerne 20 for og 1 imod", "(F) undlod at tage stilling", "kunne ikke tiltræde", "tog
 * forbehold", "enstemmigt".
 */
const VOTE_RECORD = wordPattern(
  [
    "(?:for|imod|mod)\\s+(?:\\p{L}+\\s+){0,2}stemte",
    "stemte\\s+(?:\\S+\\s+){0,4}?(?:for|imod|mod|om|ja|nej|blankt)",
    "\\d+\\s+stemm?er?\\s+(?:for|imod)",
    "med\\s+stemmerne",
    "\\d+\\s+for\\s+og\\s+\\d+\\s+imod",
    "undlod|undlader",
    "(?:kunne|kan)\\s+ikke\\s+tiltræde",
    "(?:tog|tager)\\s+(?:et\\s+)?(?:mindretals)?forbehold",
    "enstemmig(?:t|e)?",
  ].join("|"),
);
/** A vote mentioned, not recorded: "afgav stemme mod …", "flertallet", "et mindretal". */
const VOTE_MENTION = wordPattern(
  "stem(?:me|mer)\\s+(?:for|imod|mod)|mindretal(?:let|lets|s)?|flertal(?:let|lets)?|afstemning(?:en)?",
);

export const DECISION_WORDS = wordPattern(
  "besluttes|besluttede|besluttet|beslutter|vedtaget|vedtog|vedtages|godkendt|godkendes|godkendte|godkender|aftales|aftalt|aftalte|udpeger|udpeget|udpegede|nedsætte|nedsættes|taget til efterretning|tiltrådt|tiltrædes|tiltrådte|anbefaler|anbefales|anbefalet|anbefalede|drøftet|forkastet",
);

/** Nothing but an approval: "Godkendt.", "Anbefales.", "Indstillingen tiltrådt.", "Godkendt som indstillet." */
const APPROVAL_ONLY =
  /^(?:(?:indstillingen|forslaget|punktet|sagen|anbefalingen)\s+(?:blev\s+|er\s+)?)?(?:godkendt|godkendes|tiltrådt|tiltrædes|anbefalet|anbefales|vedtaget|vedtages)(?:\s+som\s+indstillet)?[.!]?$/iu;
/** "… at administrationens indstilling godkendes", "Godkendt som indstillet". */
const NAMES_RECOMMENDATION = wordPattern(
  "indstilling(?:en|ens|erne)?|som indstillet|de indstillede",
);
const NEGATION = wordPattern("ikke|forkastet|forkastes|afvist|afvises|afviste");
/** An approval in any form of its verb: "godkendte", "tiltræder", "anbefales", "vedtog". */
const APPROVAL = wordPattern(
  "godkend\\p{L}*|tiltr[åæ]d\\p{L}*|anbefal\\p{L}*|vedtag\\p{L}*|vedtog|approved|adopted",
);
/** What an approval of these approves is a briefing noted, or the meeting's own papers. */
const NOT_A_RECOMMENDATION = wordPattern(
  "til efterretning|dagsorden(?:en)?|referat(?:et)?|tidsplan(?:en)?",
);
/** "Mette Ekstrøm og Rikke Pedersen var fraværende.", "X deltog ikke i sagens behandling." */
const ATTENDANCE_NOTE = wordPattern(
  "(?:var|er|blev) fraværende|fraværende:|deltog ikke i (?:sagens |punktets )?(?:behandling(?:en)?|mødet)|meldt afbud|afbud fra|forlod mødet|erklærede sig inhabil",
);
/** A note of who was absent is short; a longer sentence only mentions absence. */
const MAX_ATTENDANCE_NOTE_WORDS = 30;

export function namesMoneyOrShare(text: string): boolean {
  return MONEY_OR_SHARE.test(text);
}

/** A count or amount in digits or words; a year, an ordinal or a reference ("§ 4") is not one. */
export function namesCount(text: string): boolean {
  if (COUNT_WORDS.test(text)) return true;
  for (const match of text.matchAll(DIGIT_NUMBER)) {
    const number = match[0];
    const at = match.index;
    const after = text.slice(at + number.length);
    if (YEAR.test(number)) continue;
    // "1. behandling", "5. november", "2. at …": ordinals; "1. Udendørs arbejde": a list number.
    if (/^\.\s+\p{Ll}/u.test(after)) continue;
    if (/^[.)]\s/u.test(after) && /^\s*$/u.test(text.slice(0, at))) continue;
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, at - 12), at))) continue;
    return true;
  }
  return false;
}

export function namesDate(text: string): boolean {
  return DATE.test(text);
}

export function namesDay(text: string): boolean {
  return DAY.test(text);
}

export function namesTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

export function namesDuration(text: string): boolean {
  return DURATION.test(text);
}

export function recordsVote(text: string): boolean {
  return VOTE_RECORD.test(text);
}

export function mentionsVote(text: string): boolean {
  return VOTE_MENTION.test(text);
}

export function recordsDecision(text: string): boolean {
  return DECISION_WORDS.test(text);
}

export function isAttendanceNote(text: string): boolean {
  return (
    ATTENDANCE_NOTE.test(text) &&
    !DECISION_WORDS.test(text) &&
    (text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= MAX_ATTENDANCE_NOTE_WORDS
  );
}

/**
 * A decision sentence that approves the recommendation rather than saying what was decided:
 * "Godkendt.", "Anbefales.", "Byrådet godkendte administrationens indstilling.", "Godkendt uden
 * bemærkninger.", "1. Godkendt". Its substance is in the recommendation (Indstilling), which an
 * answer then quotes too, and which a summary reads the gist from. "Anbefales taget til
 * efterretning" and "Dagsordenen blev godkendt" approve no recommendation.
 */
export function approvesRecommendation(text: string): boolean {
  const trimmed = text.trim();
  if (APPROVAL_ONLY.test(trimmed)) return true;
  if (NAMES_RECOMMENDATION.test(trimmed) && recordsDecision(trimmed) && !NEGATION.test(trimmed)) {
    return true;
  }
  return isFormality(trimmed) && APPROVAL.test(trimmed) && !NOT_A_RECOMMENDATION.test(trimmed);
}
