/**
 * Text that lost its line breaks: PDF minutes rendered as one line per page, each line opening
 * with its page number ("3 1. Godkendelse af dagsorden Dok.nr.: 1965 Sagsid.: 14/40 Åben sag
 * Beslutning Økonomiudvalget den Godkendt. Side 2"), as document-viewer sites and copy-paste
 * deliver them. The lines are broken again where minutes always break them: before an item line,
 * a case-number field or a status, and around a section heading; page numbers and "Side N"
 * footers go. Text in any other shape is left as it is.
 */

/** A page of the render: its number, a space, and the page's text. */
const PAGE_LINE = /^(\d{1,3}) (\S.{40,})$/u;
/** At least one page must be long: a line of a normal text file is not a page. */
const LONG_PAGE = 600;

/** Where a new line begins inside a flattened page. */
const BREAK_BEFORE = new RegExp(
  [
    // Item lines: "Punkt nr. 42:", "Punkt 3:", "Pkt. 4", "Sag nr. 7", "1. Godkendelse af dagsorden".
    String.raw`(?:[Pp]unkt|PUNKT)\s+(?:nr\.?\s*)?\d{1,4}\s*:`,
    String.raw`[Pp]kt\.\s*\d{1,4}\b`,
    String.raw`Sag nr\.\s*\d{1,4}\b`,
    String.raw`(?<=\s)(?<!(?:nr|nr\.|pkt|pkt\.|kl|kl\.|den|d\.|pr|pr\.|ca|ca\.|Side|side|stk|stk\.|§|og|til)\s)\d{1,3}\.\s+(?=\p{Lu})`,
    // Fields and status below a title.
    String.raw`(?:Dok\.\s?nr\.|Sagsid\.|Sagsnr\.|Sags nr\.|J\.\s?nr\.|SAGSNR\.|J\.NR\.|Initialer|Sagsbehandler|Sagsbeh\.)\s*:`,
    String.raw`(?:Åben|Åbent|Lukket) (?:sag|punkt)\b`,
    String.raw`(?:Indholdsfortegnelse|INDHOLDSFORTEGNELSE|Bilagsfortegnelse|Underskriftsblad|Underskrifter)\b`,
    // The meeting's fields in the header.
    String.raw`(?:Mødedato|Mødetidspunkt|Mødetid|Mødested|Starttidspunkt|Sluttidspunkt|Deltagere|Afbud|Fraværende|Forum|Udvalg|Dato|Tid|Sted|Referent)\s*:`,
  ].join("|"),
  "gu",
);

/** Section headings run into their text: "… Sagsfremstilling De nærmere regler …". */
const HEADING_WORD =
  /(?<=\s)(Beslutning|Sagsfremstilling|Indstilling|Resume|Resumé|Sammendrag|Indledning|Baggrund|Økonomi|Lovgrundlag|Bilag)(?::|(?=\s+\p{Lu}))/gu;

const PAGE_FOOTER = /\s+Side \d{1,3}(?: af \d{1,3})?\s*$/u;

/** The text with its lines broken again, or undefined when it is not a flattened render. */
export function unflattenPages(text: string): string | undefined {
  const lines = text.split("\n");
  const pages = lines
    .map((line, index) => ({ index, match: line.match(PAGE_LINE) }))
    .filter((entry) => entry.match !== null);
  if (
    !pages.some((page) => (page.match?.[2]?.length ?? 0) >= LONG_PAGE) ||
    !countsUp(pages.map((page) => Number(page.match?.[1])))
  ) {
    return undefined;
  }
  const pageLines = new Set(pages.map((page) => page.index));
  return lines
    .map((line, index) => {
      if (!pageLines.has(index)) return line;
      const body = (line.match(PAGE_LINE)?.[2] ?? line).replace(PAGE_FOOTER, "");
      return body
        .replace(BREAK_BEFORE, (found) => `\n${found}`)
        .replace(HEADING_WORD, (heading) => `\n${heading}\n`)
        .split("\n")
        .map((part) => part.trim())
        .filter((part) => part !== "")
        .join("\n");
    })
    .join("\n\n");
}

/** Page numbers count up by one (a page may be missing from the render). */
function countsUp(numbers: readonly number[]): boolean {
  return numbers.every((number, index) => index === 0 || number > (numbers[index - 1] ?? 0));
}
