/**
 * Quotes without the markup some sources carry into their text (Markdown emphasis, links and
 * tables from converted Word files, stray HTML tags, entities): `**bold**`, `__bold__`, links
 * and images (`[text](url)`), autolinks (`<https://…>`), heading marks (`# `), table pipes and
 * rules, tags (`<ul style="…">`, `</li>`, `<br/>`), `&amp;` and its kin. The words stay as the
 * minutes give them; only the marks go. The minutes' own text is never changed, only what an
 * answer, citation or summary quotes from it.
 */

/** Text without any of these characters has no markup to take out. */
const MARKUP_CHARACTER = /[*_[#|<&]|--/;
/** A table's rule line ("|---|:---:|", "--- | ---") or a rule of dashes alone ("-----"). */
const RULE = /^[ \t]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*(?:\|[ \t]*)?$/gm;
/** A table row: a line that starts or ends with a pipe, or holds two or more. */
const TABLE_ROW = /^[ \t]*\|.*$|^.*\|.*\|.*$|^.*\|[ \t]*$/gm;
/** Link text holds no "[": the innermost brackets are the link, as in CommonMark ("[a [b](c)" → "[a b"). */
const LINK = /!?\[([^[\]\n]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^\s<>]+)>/g;
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
/** Paired marks (see withoutPairedEmphasis), also across lines; then any strays (a `__` inside a word is no mark). */
const STRAY_EMPHASIS = /\*\*|(?<![\p{L}\p{N}])__|__(?![\p{L}\p{N}])/gu;
const HEADING_MARK = /^[ \t]*#{1,6}[ \t]+/gm;
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp);/g;
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

export function withoutMarkup(text: string): string {
  const unmarked = MARKUP_CHARACTER.test(text) ? withoutMarks(text) : text;
  // A removed rule or tag leaves an empty or space-ended line; keep the gaps to one blank line.
  // The look-behind lets a run of spaces be tried once, from its start, not from every space in it.
  return unmarked.replace(/(?<![ \t])[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n");
}

function withoutMarks(text: string): string {
  // A rule leaves an empty line, so the header row stays apart from the rows below it.
  const unlinked = text
    .replace(RULE, "")
    .replace(TABLE_ROW, tableRowText)
    .replace(LINK, "$1")
    .replace(AUTOLINK, "$1")
    .replace(HTML_TAG, "");
  return (
    withoutPairedEmphasis(unlinked)
      .replace(STRAY_EMPHASIS, "")
      .replace(HEADING_MARK, "")
      // Last, so an escaped "&lt;b&gt;" stays as the text it is.
      .replace(ENTITY, (_entity, name: string) => ENTITIES[name] ?? "")
  );
}

const EMPHASIS_MARKS = ["**", "__"] as const;
const SPACE = /\s/u;

/**
 * `**bold**` and `__bold__` → "bold", as `text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")`
 * would: from the left, a mark before a non-space pairs with the nearest same mark after a
 * non-space. Done by walking the marks once, since that regex reads on to the end of the text
 * for every mark left unpaired (22 s for 50,000 of them).
 */
function withoutPairedEmphasis(text: string): string {
  // Per mark, where a closing one may stand (after a non-space), in order; and how far each is used.
  const closings = EMPHASIS_MARKS.map((mark) => {
    const found: number[] = [];
    for (let at = text.indexOf(mark, 1); at !== -1; at = text.indexOf(mark, at + 1)) {
      if (!SPACE.test(text.charAt(at - 1))) found.push(at);
    }
    return found;
  });
  const next = [0, 0];
  let result = "";
  let copied = 0;
  let at = 0;
  while (at < text.length - 1) {
    const kind = text.startsWith("**", at) ? 0 : text.startsWith("__", at) ? 1 : -1;
    const content = at + 2;
    if (kind === -1 || content >= text.length || SPACE.test(text.charAt(content))) {
      at += 1;
      continue;
    }
    const candidates = closings[kind] as number[];
    let index = next[kind] as number;
    while (index < candidates.length && (candidates[index] as number) < content + 1) index += 1;
    next[kind] = index;
    const closing = candidates[index];
    if (closing === undefined) {
      at += 1;
      continue;
    }
    result += text.slice(copied, at) + text.slice(content, closing);
    copied = closing + 2;
    at = copied;
  }
  return result + text.slice(copied);
}

/** "| Formueafkast i alt | -13,8 | -72,1 |" → "Formueafkast i alt; -13,8; -72,1". */
function tableRowText(row: string): string {
  return row
    .split("|")
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "")
    .join("; ");
}
