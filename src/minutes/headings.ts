import { findDate } from "./dates.ts";
import type { SectionKind } from "./model.ts";

/**
 * Recognises section headings inside an agenda item. A heading is a line of its own, short,
 * whose words are a known heading (any capitalisation, optional trailing colon), or one of the
 * phrase headings minutes use for the recommendation and the decision.
 */

const EXACT_HEADINGS: Record<string, SectionKind> = {
  resume: "resume",
  resumé: "resume",
  sagsresume: "resume",
  sagsresumé: "resume",
  sammendrag: "resume",
  sammenfatning: "resume",
  indstilling: "indstilling",
  indstillinger: "indstilling",
  "indstilling og beslutning": "indstilling",
  "forslag til beslutning": "indstilling",
  beslutningspunkter: "indstilling",
  "administrationen indstiller": "indstilling",
  beslutning: "beslutning",
  beslutninger: "beslutning",
  afgørelse: "beslutning",
  sagsfremstilling: "sagsfremstilling",
  sagsbeskrivelse: "sagsfremstilling",
  "sagens indhold": "sagsfremstilling",
  "sagens baggrund": "sagsfremstilling",
  sagsforløb: "sagsforlob",
  problemstilling: "problemstilling",
  løsning: "losning",
  "videre proces": "videre-proces",
  "den videre proces": "videre-proces",
  økonomi: "okonomi",
  "økonomiske konsekvenser": "okonomi",
  "økonomi og finansiering": "okonomi",
  "økonomiske forhold": "okonomi",
  finansiering: "okonomi",
  bevillingsmæssige: "okonomi",
  lovgrundlag: "lovgrundlag",
  retsgrundlag: "lovgrundlag",
  lovgivning: "lovgrundlag",
  "juridiske forhold": "lovgrundlag",
  bilag: "bilag",
  bilagsliste: "bilag",
  "personalemæssige konsekvenser": "other",
  "miljømæssige konsekvenser": "other",
  beslutningskompetence: "other",
  "relation til politikker": "other",
  "fremtidige konsekvenser": "other",
  "tidligere beslutninger": "other",
  "politisk behandling": "other",
  "punktet behandlet tidligere": "other",
  "sagen afgøres i": "other",
  "sagen afgøres af": "other",
  "sagen behandles i": "other",
  "beslutningen træffes af": "other",
  kompetence: "other",
  sagsprocedure: "other",
  beslutningstema: "resume",
  fremstilling: "sagsfremstilling",
  "sagens forløb": "sagsforlob",
  forslag: "indstilling",
  "administrationens indstilling": "indstilling",
  "forvaltningens indstilling": "indstilling",
  "andre konsekvenser": "other",
  "supplerende sagsfremstilling": "sagsfremstilling",
};

/**
 * Headings that are also common sub-headings inside a case description: they open a section of
 * their own only where they do not stand inside a narrative section (see sections.ts).
 */
const WEAK_HEADINGS: Record<string, SectionKind> = {
  baggrund: "sagsfremstilling",
  vurdering: "other",
  høring: "other",
  kommunikation: "other",
  tidsplan: "videre-proces",
  "videre forløb": "videre-proces",
};

/**
 * Phrase headings: "Det indstilles, at HMU", "Forvaltningen indstiller til udsatterådet:",
 * "Udvalgets beslutning", "Beslutning i Socialudvalget den 3. maj 2021".
 */
const PHRASE_HEADINGS: readonly [RegExp, SectionKind][] = [
  [/^det indstilles,? at\b.{0,60}$/iu, "indstilling"],
  [
    /^(?:forvaltningen|direktionen|administrationen|direktøren|borgmesteren) indstiller(?: til\b.{0,60})?$/iu,
    "indstilling",
  ],
  [/^\S+(?:s|es) beslutning(?: den .{0,30})?$/iu, "beslutning"],
  // "Miljø- og klimaudvalgets beslutning den 2. november 2022", "Regionsrådets beslutning"
  [
    /^(?:[\p{L}-]+\s+(?:og\s+)?){0,4}[\p{L}-]+(?:s|es) beslutning(?:\s+(?:den|d\.)\s+.{0,30})?$/iu,
    "beslutning",
  ],
  // "Økonomi og organisatoriske konsekvenser", "Økonomiske og personalemæssige konsekvenser"
  [/^økonomi(?:ske)?\s+(?:og\s+)?[\p{L}\s-]{0,50}konsekvenser$/iu, "okonomi"],
  // "Personalemæssige og organisatoriske konsekvenser"
  [/^[\p{L}-]+(?:\s+og\s+[\p{L}-]+)?\s+konsekvenser$/iu, "other"],
  // "BESLUTNINGSFORSLAG FRA DD": the proposal, never the decision.
  [/^beslutningsforslag\b.{0,60}$/iu, "indstilling"],
  // "Børne- og Ungdomsudvalgets beslutning den 12. marts 2024"
  [
    /^(?:\p{Lu}[\p{L}-]*\s+(?:og\s+)?)+\p{Lu}[\p{L}-]*s beslutning(?:\s+(?:den|d\.)\s+.{0,30})?$/u,
    "beslutning",
  ],
  // "Beslutning Byrådet den 12-03-2024"
  [
    /^[Bb]eslutning\s+\p{Lu}[\p{L}-]*(?:et|en)(?:\s+(?:den|d\.)\s+.{0,30}|\s+\d.{0,20})?$/u,
    "beslutning",
  ],
  [/^beslutning (?:i|på|fra|den)\b.{0,80}$/iu, "beslutning"],
  [/^indstilling (?:fra|til)\b.{0,60}$/iu, "indstilling"],
];

const MAX_HEADING_LENGTH = 90;

export interface RecognisedHeading {
  heading: string;
  kind: SectionKind;
  /** A phrase heading ("Forvaltningen indstiller til …") rather than a heading word. */
  phrase: boolean;
  /** A heading that is often a sub-heading ("Baggrund", "Vurdering"). */
  weak: boolean;
}

/**
 * The kind of a heading the format marks as one (an XML field's caption, an h3, a Word heading
 * style): the heading as a whole, then its leading words ("Økonomi og organisatoriske
 * konsekvenser" → økonomi); one the vocabulary does not know is `other`.
 */
export function explicitHeadingKind(caption: string): SectionKind {
  const whole = recogniseHeading(caption);
  if (whole) return whole.kind;
  const words = caption.trim().split(/\s+/u);
  for (let count = words.length - 1; count >= 1; count--) {
    const prefix = recogniseHeading(words.slice(0, count).join(" "));
    if (prefix && !prefix.phrase) return prefix.kind;
  }
  return "other";
}

export function recogniseHeading(text: string): RecognisedHeading | undefined {
  const heading = text
    .trim()
    .replace(/\s*[:,]$/u, "")
    .trim();
  if (heading === "" || heading.length > MAX_HEADING_LENGTH) return undefined;
  const key = heading.toLowerCase().replace(/\s+/gu, " ");
  const exact = EXACT_HEADINGS[key];
  if (exact) return { heading, kind: exact, phrase: false, weak: false };
  const weak = WEAK_HEADINGS[key];
  if (weak) return { heading, kind: weak, phrase: false, weak: true };
  for (const [pattern, kind] of PHRASE_HEADINGS) {
    if (pattern.test(heading)) return { heading, kind, phrase: true, weak: false };
  }
  if (isDecisionLabel(heading)) return { heading, kind: "beslutning", phrase: true, weak: false };
  return undefined;
}

/**
 * "Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 15", "Byrådet, 16.12.2014", "Kultur- og
 * Demokratiudvalget (til efterretning), 03.09.2018": a body and a meeting date as the label of
 * what that body decided there (whether that is this meeting's decision, the decision history
 * says).
 */
function isDecisionLabel(heading: string): boolean {
  const date = findDate(heading);
  if (!date) return false;
  const after = heading.slice(date.end).trim();
  if (after !== "" && !/^,?\s*(?:pkt\.?|punkt)\s*\d{1,4}$/iu.test(after)) return false;
  const name = heading.slice(0, date.start).replace(/\s*,?\s*(?:den\s*)?$/iu, "");
  const words = name
    .replace(/\([^)]*\)/gu, "")
    .trim()
    .split(/\s+/u);
  return (
    name !== heading.slice(0, date.start) &&
    /^\p{Lu}/u.test(name) &&
    !/\d/u.test(name) &&
    words.length <= 8 &&
    /,\s*(?:den\s*)?$/iu.test(heading.slice(0, date.start))
  );
}
