/**
 * A body's name as the document or the agenda system gives it, cleaned one way for every format:
 * "Beskæftigelsesudvalget 2013-2021" / "Byråd 2022-2025" → without the election period, no
 * trailing punctuation, a name written in capitals ("FORRETNINGSUDVALGET") in ordinary case, and
 * a capital first letter ("referat fra byrådet" → "Byrådet").
 */
export function cleanBodyName(name: string): string | null {
  const cleaned = name
    .replace(/\s+/gu, " ")
    .replace(/^[\s\-–•·|:]+/u, "")
    .replace(/\s+\d{4}\s*[-–]\s*\d{4}$/u, "")
    .replace(/[\s.,:;]+$/u, "")
    .trim();
  if (cleaned === "") return null;
  const cased = cleaned.length > 5 && !/\p{Ll}/u.test(cleaned) ? properCase(cleaned) : cleaned;
  return cased.charAt(0).toLocaleUpperCase("da") + cased.slice(1);
}

/**
 * "SAMMENLÆGNINGSUDVALGET FOR JAMMERBUGT KOMMUNE" → "sammenlægningsudvalget for Jammerbugt
 * Kommune": lower case, but a municipality or region keeps its capitals.
 */
function properCase(name: string): string {
  const words = name.toLocaleLowerCase("da").split(" ");
  return words
    .map((word, index) => {
      const next = words[index + 1] ?? "";
      const proper =
        /^(?:kommune|kommunes|region|regions)$/u.test(word) ||
        /^(?:kommune|kommunes)$/u.test(next) ||
        words[index - 1] === "region";
      return proper ? word.charAt(0).toLocaleUpperCase("da") + word.slice(1) : word;
    })
    .join(" ");
}
