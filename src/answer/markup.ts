/**
 * Quotes without the markup some sources carry into their text: `**bold**`, `__bold__`, markdown
 * links and images (`[text](url)`), heading marks (`# `) and table pipes. The words stay as the
 * minutes give them; only the marks go. The minutes' own text is never changed, only what an
 * answer or citation quotes from it.
 */

const EMPHASIS = /(\*\*|__)(?=\S)([\s\S]*?\S)\1/g;
const STRAY_EMPHASIS = /\*\*|(?<![\p{L}\p{N}])__|__(?![\p{L}\p{N}])/gu;
const LINK = /!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g;
const HEADING_MARK = /^[ \t]*#{1,6}[ \t]+/gm;
/** A table row: a line that starts or ends with a pipe, or holds two or more. */
const TABLE_ROW = /^[ \t]*\|.*$|^.*\|.*\|.*$|^.*\|[ \t]*$/gm;
/** A markdown table's rule line: "|---|:---:|". */
const TABLE_RULE = /^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$\n?/gm;

export function withoutMarkup(text: string): string {
  if (!/[*_[#|]/.test(text)) return text;
  return text
    .replace(TABLE_RULE, "")
    .replace(TABLE_ROW, tableRowText)
    .replace(LINK, "$1")
    .replace(EMPHASIS, "$2")
    .replace(STRAY_EMPHASIS, "")
    .replace(HEADING_MARK, "");
}

/** "| Formueafkast i alt | -13,8 | -72,1 |" → "Formueafkast i alt; -13,8; -72,1". */
function tableRowText(row: string): string {
  return row
    .split("|")
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "")
    .join("; ");
}
