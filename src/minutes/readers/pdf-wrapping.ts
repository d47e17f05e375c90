/** Suspended-hyphen words: "Social- og Sundhedsudvalget", "for- eller efterår". */
const SUSPENDED_HYPHEN_NEXT = new Set(["og", "eller", "samt", "and", "or"]);

/**
 * Joins a wrapped line to the text above: "kommu-" + "nen" → "kommunen" (a hyphenated word: lower
 * case on both sides), "Social-" + "og Sundhedsudvalget" → "Social- og Sundhedsudvalget" (a
 * suspended hyphen), "PUK-" + "møde" → "PUK-møde" (a compound whose hyphen is part of the word),
 * a soft hyphen at the end → the word joined without it; otherwise one space.
 */
export function joinWrapped(above: string, next: string): string {
  const text = above.trimEnd();
  const following = next.trimStart();
  if (text.endsWith("\u00AD")) return text.slice(0, -1) + following;
  if (!/[-\u2010]$/u.test(text) || /\s[-\u2010]$/u.test(text)) return `${text} ${following}`;
  const firstWord = /^\p{L}+/u.exec(following)?.[0]?.toLocaleLowerCase("da");
  if (firstWord !== undefined && SUSPENDED_HYPHEN_NEXT.has(firstWord)) {
    return `${text} ${following}`;
  }
  if (/\p{Ll}[-\u2010]$/u.test(text) && /^\p{Ll}/u.test(following)) {
    return text.slice(0, -1) + following;
  }
  return text + following;
}
