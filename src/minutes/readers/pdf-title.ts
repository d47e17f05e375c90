/** A PDF's title metadata when it names the document (not a file name, a placeholder or an id). */

const FILE_NAME = /\.(?:pdf|docx?|dotx?|rtf|odt|txt|html?|xlsx?|pptx?|tmp|xml|msg)$/iu;
const PLACEHOLDER = /^(?:untitled|unbenannt|uden titel|dokument\d*|document\d*|microsoft word)$/iu;

export function usableTitle(raw: string): string | null {
  const title = raw
    .replace(/^Microsoft (?:Word|PowerPoint|Excel) - /u, "")
    .replace(/\s+/gu, " ")
    .trim();
  if (title === "" || FILE_NAME.test(title) || PLACEHOLDER.test(title)) return null;
  if (/^[\da-f-]{16,}$/iu.test(title) || /^[A-Z]:\\|^\//u.test(title)) return null;
  return title;
}
