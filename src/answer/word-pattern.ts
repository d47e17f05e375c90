/**
 * A case-insensitive pattern matching whole words only. JavaScript's \b knows ASCII letters only,
 * so "\bdirektør\b" never matches; this uses Unicode letters and digits as word characters.
 */
export function wordPattern(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "iu");
}

export interface TextTest {
  test(text: string): boolean;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/u;

/**
 * What `wordPattern("(?:a).*(?:b).*(?:c)")` matches — the parts in this order on one line, the
 * first starting a word and the last ending one — found in time linear in the text: each part is
 * looked for once, after the earliest end of the one before (the regex backtracks over every
 * pair of places, and a 2,000-character question took 100 ms).
 */
export function wordsInOrder(parts: readonly string[]): TextTest {
  const last = parts.length - 1;
  const patterns = parts.map((part, index) => {
    const before = index === 0 ? "(?<![\\p{L}\\p{N}])" : "";
    const after = index === last ? "(?![\\p{L}\\p{N}])" : "";
    return new RegExp(`${before}(?:${part})${after}`, "giu");
  });
  const onLine = (line: string) => {
    let position = 0;
    for (const pattern of patterns) {
      pattern.lastIndex = position;
      const match = pattern.exec(line);
      if (!match) return false;
      position = match.index + match[0].length;
    }
    return true;
  };
  return { test: (text) => text.split(LINE_BREAK).some(onLine) };
}
