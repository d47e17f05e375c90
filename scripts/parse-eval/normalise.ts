/**
 * How parsed and expected text are compared: case, spacing and punctuation do not count, so
 * "Udpegning af et nyt medlem …." equals "udpegning af et nyt medlem …".
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

/** Case numbers compare without spaces or case ("00.01.00A04 - 2007/34364" keeps its punctuation). */
export function normaliseCaseNumber(caseNumber: string): string {
  return caseNumber.normalize("NFC").toLowerCase().replace(/\s+/gu, "");
}

/** 1 − edit distance / longer length, over normalised text: 1 for equal, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  const left = [...normaliseText(a)];
  const right = [...normaliseText(b)];
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  return 1 - editDistance(left, right) / longest;
}

function editDistance(left: string[], right: string[]): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** `expected` is where `actual` starts, ending at a word boundary ("godkendt" is not "godkendte"). */
export function startsWithWords(actual: string, expected: string): boolean {
  return actual === expected || actual.startsWith(`${expected} `);
}
