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
const RULE = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/gm;
/** A table row: a line that starts or ends with a pipe, or holds two or more. */
const TABLE_ROW = /^[ \t]*\|.*$|^.*\|.*\|.*$|^.*\|[ \t]*$/gm;
const LINK = /!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^\s<>]+)>/g;
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
/** Paired marks, also across lines; then any strays (a `__` inside a word is no mark). */
const EMPHASIS = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g;
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
  return unmarked.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n");
}

function withoutMarks(text: string): string {
  return (
    text
      // A rule leaves an empty line, so the header row stays apart from the rows below it.
      .replace(RULE, "")
      .replace(TABLE_ROW, tableRowText)
      .replace(LINK, "$1")
      .replace(AUTOLINK, "$1")
      .replace(HTML_TAG, "")
      .replace(EMPHASIS, "$2")
      .replace(STRAY_EMPHASIS, "")
      .replace(HEADING_MARK, "")
      // Last, so an escaped "&lt;b&gt;" stays as the text it is.
      .replace(ENTITY, (_entity, name: string) => ENTITIES[name] ?? "")
  );
}

/** "| Formueafkast i alt | -13,8 | -72,1 |" → "Formueafkast i alt; -13,8; -72,1". */
function tableRowText(row: string): string {
  return row
    .split("|")
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "")
    .join("; ");
}
