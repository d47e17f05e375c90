/** Where an item's title ends and its text begins, when both stand on one line. */

/** Abbreviations whose full stop does not end a title ("v. Tine Horn", "vedr. seniorer"). */
const ABBREVIATIONS = new Set([
  "v",
  "vedr",
  "ang",
  "bl.a",
  "bla",
  "ml",
  "pga",
  "ift",
  "inkl",
  "ca",
  "jf",
  "mht",
  "evt",
  "mv",
  "nr",
  "pkt",
  "kl",
  "min",
  "ekskl",
  "dvs",
  "fx",
  "f.eks",
  "iht",
  "vha",
  "sept",
  "okt",
  "nov",
  "dec",
  "jan",
  "feb",
  "aug",
  "st",
  "hr",
  "fru",
  "dr",
  "mio",
  "mia",
  "kr",
  "pr",
  "stk",
  "tlf",
  "ifm",
  "afd",
  "m.fl",
  "bl",
]);
const LAST_ITEM_TITLES = /^(evt\.?|eventuelt\.?)(?=\s|$)/iu;
const MAX_TITLE_LENGTH = 160;

/**
 * "Orientering om X (orientering – 5 min.). Tekst …": the title is what comes before the first
 * parenthesis or the first sentence end; the rest is the item's text.
 */
export function splitTitle(content: string): { title: string; rest: string } {
  const lastItem = content.match(LAST_ITEM_TITLES);
  if (lastItem)
    return { title: (lastItem[1] ?? "").trim(), rest: content.slice(lastItem[0].length).trim() };

  const parenthesis = content.indexOf("(");
  const sentenceEnd = findSentenceEnd(content);
  const cut = [parenthesis, sentenceEnd]
    .filter((position) => position > 0)
    .sort((a, b) => a - b)[0];
  if (cut === undefined || cut > MAX_TITLE_LENGTH) {
    return {
      title: content.slice(0, MAX_TITLE_LENGTH).trim(),
      rest: content.slice(MAX_TITLE_LENGTH).trim(),
    };
  }
  const title = content
    .slice(0, cut)
    .replace(/[\s.:–-]+$/u, "")
    .trim();
  const rest = content
    .slice(cut)
    .replace(/^\.\s*/u, "")
    .trim();
  return { title, rest };
}

/** Index of the first full stop that ends a sentence (not an abbreviation or a number). */
function findSentenceEnd(text: string): number {
  const pattern = /\.(\s|$)/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const before = text.slice(0, match.index);
    const word = (before.match(/([\p{L}.]+)$/u)?.[1] ?? "").toLowerCase();
    if (/\d$/u.test(before) || ABBREVIATIONS.has(word)) continue;
    return match.index;
  }
  return -1;
}

/** "Godkendelse af dagsorden. Godkendt." → title and text; a line without a sentence end is all title. */
export function splitTitleFromText(content: string): { title: string; rest: string } {
  const end = findSentenceEnd(content);
  if (end < 0 || end > MAX_TITLE_LENGTH || content.slice(end + 1).trim() === "") {
    return { title: content.replace(/\.$/u, "").trim(), rest: "" };
  }
  return { title: content.slice(0, end).trim(), rest: content.slice(end + 1).trim() };
}

/** "Udpegning af et nyt medlem til bestyrelsen." → without its full stop; "Evt." keeps it. */
export function withoutFinalStop(title: string): string {
  if (!title.endsWith(".")) return title;
  const word = (title.slice(0, -1).match(/([\p{L}.]+)$/u)?.[1] ?? "").toLowerCase();
  if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || word.includes(".")) return title;
  return title.slice(0, -1).trimEnd();
}
