import type { Line } from "../lines.ts";
import { fromRoman } from "../roman-numerals.ts";

/**
 * The numbering forms agenda items are written in. A marker says only that a line *could* open
 * an item; the scorer weighs whether it does.
 *
 * - `punkt`: an item word before the number: "Punkt 30:", "Punkt nr. 3,", "Pkt. 3 –",
 *   "Dagsordenspunkt 4.", "Ad punkt 2:", "Ad 1.", "Sag 45:", "Åbent punkt 3", "Lukket punkt 4".
 * - `numbered`: "715. Title", "3) Title", "1.Title".
 * - `roman`: "IV. Takster for skoleåret 2024/25" (boards and associations number items so).
 * - `bare`: "17 Investeringsprojekter", "## 3 Budget": a number and a capitalised title, which
 *   opens an item only with typography or a table of contents behind it.
 */
export type MarkerScheme = "punkt" | "numbered" | "roman" | "bare";

export interface ItemMarker {
  lineIndex: number;
  number: number;
  scheme: MarkerScheme;
  /** The line after the marker: the title, and on some lines text after it. */
  rest: string;
  /** "Lukket punkt 4": closed before the title says anything. */
  closedByMarker: boolean;
  /** "Ad 1." / "Ad punkt 2:": also how decisions refer to the points of a recommendation. */
  reference?: boolean;
}

const PUNKT_LINE =
  /^(?:(åben|åbent|lukket)\s+(?=punkt|pkt|dagsorden))?(?:ad\.?\s+(?:punkt\s*|pkt\.?\s*)?|(?:punkt|pkt\.?|dagsordens?punkt)\s*(?:nr\.?\s*)?|nr\.\s*(?=\d{1,4}\s*[-–:]\s*\p{Lu})|sag\s+(?:nr\.?\s*)?(?=\d{1,4}\s*(?:[:.\-–]|$)))(\d{1,4})\s*[:.,)\-–]?\s*(.*)$/iu;
/** "715. Title", "3) Title", "1.Title"; not "1.000 kr." or "12.15 Frokost". */
const NUMBERED_LINE = /^(\d{1,4})(?:[.)]\s+|[.)](?=\p{L}))(\S.*)$/u;
const BARE_LINE = /^(\d{1,4})\s+(\p{Lu}.*)$/u;
/** "307." or "01." alone, the title on the next line (accordion and print views). */
const LONE_NUMBER = /^(\d{1,4})[.)]$/u;
const LIST_BULLET = /^[•◦▪■●]\s*(?=\S)/u;
const ROMAN_LINE = /^([IVXL]{1,7})[.)]\s+(\p{Lu}.*)$/u;
/** A title begins with a capital, a digit ("89. 17 nye senior-egnede lejligheder") or a quote. */
const TITLE_START = /^[\p{Lu}\d"«„“'(]/u;

export function readItemMarker(line: Line, lineIndex: number): ItemMarker | undefined {
  // "• 301. Planstrategi 2020": an agenda rendered as a bulleted list of items.
  const text = line.text.replace(LIST_BULLET, "");
  if (text === "") return undefined;
  const punkt = text.match(PUNKT_LINE);
  if (punkt) {
    const rest = (punkt[3] ?? "").trim();
    // "Punkt 3 blev udsat" is prose about an item, not an item; "Punkt 3: kl. 10.00-10.30" is an
    // item whose title is only its time slot.
    if (/^\p{Ll}/u.test(rest) && !/^kl\.?\s*\d{1,2}[.:]\d{2}/u.test(rest)) return undefined;
    return {
      lineIndex,
      number: Number(punkt[2]),
      scheme: "punkt",
      rest,
      closedByMarker: punkt[1]?.toLowerCase() === "lukket",
      ...(/^ad\b/iu.test(text) ? { reference: true } : {}),
    };
  }
  const numbered = text.match(NUMBERED_LINE);
  if (numbered) return marker(lineIndex, numbered, "numbered");
  const lone = text.match(LONE_NUMBER);
  if (lone)
    return {
      lineIndex,
      number: Number(lone[1]),
      scheme: "numbered",
      rest: "",
      closedByMarker: false,
    };
  const roman = text.match(ROMAN_LINE);
  const romanNumber = roman ? fromRoman(roman[1] ?? "") : undefined;
  if (roman && romanNumber !== undefined) {
    const found = marker(lineIndex, roman, "roman");
    return found && { ...found, number: romanNumber };
  }
  const bare = text.match(BARE_LINE);
  if (bare && !isYearOrAmount(bare[1] ?? "", bare[2] ?? "")) return marker(lineIndex, bare, "bare");
  return undefined;
}

function marker(
  lineIndex: number,
  match: RegExpMatchArray,
  scheme: MarkerScheme,
): ItemMarker | undefined {
  const rest = (match[2] ?? "").trim();
  if (!TITLE_START.test(rest) || /^at\s/iu.test(rest)) return undefined;
  return { lineIndex, number: Number(match[1]), scheme, rest, closedByMarker: false };
}

/** "2024 Budget…" is a year, "500 Kroner" an amount, not an item. */
function isYearOrAmount(number: string, rest: string): boolean {
  return /^(?:19|20)\d\d$/u.test(number) || /^(?:kr|mio|mia|stk|pct|procent)\b/iu.test(rest);
}
