/**
 * Lines that group items rather than belong to one: "A. Sager til afgørelse i byrådet",
 * "Fra Undervisningsudvalget", "Åbne dagsordenspunkter", "Til toppen". They are neither an
 * item's title nor its text.
 */

const LETTER_GROUP = /^[A-H]\.\s+\p{Lu}[^.!?]{2,80}$/u;
const FROM_BODY = /^Fra\s+\p{Lu}[\p{L}\- ]{2,60}$/u;
const STATUS_GROUP =
  /^(?:åbne|lukkede)\s+(?:dagsordens)?punkter$|^(?:åben|lukket)\s+dagsorden$|^(?:åbne|lukkede)\s+sager$/iu;
const NAVIGATION = /^(?:til toppen|tilbage til toppen|til top|top|↑)$/iu;

export function isGroupLine(text: string): boolean {
  const trimmed = text.trim();
  return (
    LETTER_GROUP.test(trimmed) ||
    FROM_BODY.test(trimmed) ||
    STATUS_GROUP.test(trimmed) ||
    NAVIGATION.test(trimmed)
  );
}

/** A heading that opens a group of items (not a navigation line or an open/closed label). */
export function isGroupHeading(text: string): boolean {
  const trimmed = text.trim();
  return LETTER_GROUP.test(trimmed) || FROM_BODY.test(trimmed);
}

export function isNavigationLine(text: string): boolean {
  return NAVIGATION.test(text.trim());
}
