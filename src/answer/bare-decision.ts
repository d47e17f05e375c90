/**
 * Telling a decision that says what was decided from one that only records the formality:
 * "Godkendt", "Taget til efterretning", "Byrådet godkendte Økonomiudvalgets indstilling",
 * "Anbefales", "Drøftet". A bare decision needs the item's gist beside it to mean anything.
 * Notes on who was absent, and vote counts, are neither: they say nothing of the subject.
 * Whether a bare decision approves a recommendation or notes a briefing is
 * `approvesRecommendation` in fact-patterns.ts, the one recogniser of approvals.
 */

/** Words a bare decision is made of, lower-case. */
const FORMALITY_WORDS = new Set(
  (
    "godkendt godkendte godkendes godkender godkende godkendelse godkendelsen " +
    "taget tages tog tager tage til efterretning efterretningen kendskab " +
    "orientering orienteringen orienteringerne orienteret orienterede " +
    "tiltrådt tiltrådte tiltræder tiltrædes tiltræde tiltrædelse " +
    "anbefales anbefaler anbefalet anbefalede anbefale anbefaling anbefalingen " +
    "drøftet drøftede drøftes drøftelse drøftelsen behandlet behandlede foretoges " +
    "indstilling indstillingen indstillinger indstillingerne indstillet indstillede " +
    "vedtaget vedtog vedtages udsat udsættes udsatte besluttede besluttet " +
    "som at og med den det de blev er var over overfor for af i på hermed fuldt ud " +
    "punktet punkt sagen sagens dagsorden dagsordenen referat referatet tidsplan tidsplanen " +
    "ingen uden bemærkninger enig enige enighed enstemmigt ok ja " +
    "approved noted adopted recommended discussed postponed"
  ).split(" "),
);

/** Names of the bodies that approve: "Økonomiudvalgets", "Byrådet", "administrationens", "HMU". */
const BODY_WORD =
  /(?:udvalg|udvalget|udvalgets|råd|rådet|rådets|bestyrelse|bestyrelsen|bestyrelsens|forvaltning|forvaltningen|forvaltningens|administration|administrationen|administrationens|direktion|direktionen|direktionens|borgmester|borgmesteren|borgmesterens|magistrat|magistraten|magistratens|center|centret|centrets|hmu|lmu|mu|med)$/u;

const ATTENDANCE =
  /\b(?:fraværende|afbud|deltog ikke|deltog i stedet|forlod mødet|kom tilbage|ikke til stede|mødte (?:ikke|kl)|mødet (?:blev )?(?:suspenderet|hævet|sluttede|afsluttet|genoptaget)|inhabil\w*)/iu;

const VOTES = /\b(?:stemte|stemmer|stemmerne|stemme|stemt|undlod)\b/iu;

const WORDS = /[\p{L}\p{N}]+-?/gu;

/** A line or sentence that only says who was absent, left, or was disqualified. */
export function isAttendanceNote(text: string): boolean {
  return ATTENDANCE.test(text);
}

/** A line or sentence that counts or names votes. */
export function isVoteNote(text: string): boolean {
  return VOTES.test(text);
}

/** Only formality words, body names and list numbers: says nothing of the subject. */
export function isFormality(text: string): boolean {
  const words =
    text
      .replace(/^\s*\d+[.)]\s*/gmu, " ")
      .toLowerCase()
      .match(WORDS) ?? [];
  return words.every(
    (word) => FORMALITY_WORDS.has(word) || word.endsWith("-") || BODY_WORD.test(word),
  );
}

/**
 * True when the decision, read sentence by sentence (`sentences`, verbatim pieces of it), records
 * only the formality: every sentence is formality, an attendance note or a vote count.
 */
export function isBareDecision(sentences: readonly string[]): boolean {
  return sentences.every(
    (sentence) => isAttendanceNote(sentence) || isVoteNote(sentence) || isFormality(sentence),
  );
}
