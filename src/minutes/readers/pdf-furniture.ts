import type { PdfLine } from "./pdf-lines.ts";

/**
 * Running headers, footers and page stamps, found by repetition across pages (as pdf2md's
 * RemoveRepetitiveElements does): the first and last lines of each page are compared with digits
 * and white space removed and case folded, and a line recurring on at least max(2, ⅔ of the
 * pages with text) is furniture. Four guards keep content out:
 *
 * - numbers must be constant (a meeting date) or run with the page number and be labelled as a
 *   page number ("Side 3", "3 of 5"): "Sagsnr.: 12/27845" under the header of every item's first
 *   page, or "2. Punkt" on the page after "1. Punkt", is not a running header;
 * - a running header keeps its place: only occurrences within ~20 pt (on A4) of where most of
 *   them stand are counted, so a closing "Godkendt." that moves with each item's length is not;
 * - furniture is a band from the page edge inwards: scanning from the top (and from the bottom)
 *   stops at the first line that is not furniture, so a recurring line below an item title stays
 *   content;
 * - the band stands apart from the text: its innermost line is not set as close to the next line
 *   as the lines of a paragraph are.
 *
 * Lone page numbers ("3", "- 3 -", "Side 3", "3 af 12", "Page 3 of 5") in that band are furniture
 * too, and so is text a tagged PDF marks as an artifact. A line that ends in a page-number label
 * ("Økonomiudvalget, tillægsdagsorden 05.03.2024   Side 1 af 1") is furniture without
 * repetition (a one-page PDF has none to find) when it stands in the outer PAGE_EDGE_BAND of the
 * page, in the furniture band as above, and its label is one: "Side N af M" / "Page N of M" with
 * N ≤ M, or a bare "Side N", "N af M", "N/M" (the last two as a cell of their own) whose N is the
 * page's number.
 */

/** How many lines from the top and from the bottom of a page are candidates. */
const EDGE_LINES = 5;
/** Lines closer than this (baseline to baseline, in glyph sizes) belong together. */
const ATTACHED_PITCH = 1.5;
/** How far a running header may move between pages, as a fraction of the page height (about 20 pt on A4). */
const POSITION_TOLERANCE = 0.025;

/** A page-number label stands this close to the top or bottom edge (fraction of the page height). */
const PAGE_EDGE_BAND = 0.12;

/** "… Side 1 af 1", "… Page 2 of 5", "… side 3", "… s. 3": a worded label closing the line. */
const WORDED_PAGE_LABEL =
  /(?:^|[^\p{L}])(?:side|page|sida|pag\.|s\.)\s*(\d{1,4})(?:\s*(?:af|of|fra|ud af|\/)\s*(\d{1,4}))?$/iu;
/** "2 af 5", "2/5", "2 of 5": a bare label, only as a cell of its own. */
const BARE_PAGE_LABEL = /^(\d{1,4})\s*(?:af|of|fra|ud af|\/)\s*(\d{1,4})$/iu;

const LONE_PAGE_NUMBER =
  /^(?:(?:side|page|pag\.|s\.)\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:af|of|fra|ud af|\/)\s*\d{1,4})?$/iu;

const PAGE_NUMBER_LABEL =
  /(?:^|[^\p{L}])(?:side|page|pag|sida|blad|s)\.?\s*\d{1,4}(?!\d)|\d{1,4}\s*(?:af|of|fra|ud af|\/)\s*\d{1,4}/iu;

export function isLonePageNumber(text: string): boolean {
  return LONE_PAGE_NUMBER.test(text.trim());
}

/**
 * Whether `line` (a line of page `page`) closes with a page-number label: "Side N af M" or
 * "Page N of M" with N ≤ M, or a bare "Side N", or "N af M" / "N/M" as its last cell, whose N is
 * the page's number.
 */
export function endsInPageLabel(line: Pick<PdfLine, "text" | "segments">, page: number): boolean {
  const worded = WORDED_PAGE_LABEL.exec(line.text.trim());
  if (worded) {
    const number = Number(worded[1]);
    const of = worded[2] === undefined ? undefined : Number(worded[2]);
    return of === undefined ? number === page : number >= 1 && number <= of;
  }
  const lastCell = line.segments.length > 1 ? line.segments.at(-1)?.text.trim() : undefined;
  const bare = lastCell === undefined ? null : BARE_PAGE_LABEL.exec(lastCell);
  if (!bare) return false;
  const number = Number(bare[1]);
  return number === page && number <= Number(bare[2]);
}

export function findFurniture(
  pages: readonly (readonly PdfLine[])[],
  pageHeights: ReadonlyMap<number, number>,
): Set<PdfLine> {
  const pagesWithText = pages.filter((lines) => lines.length > 0).length;
  const needed = Math.max(2, Math.ceil((2 / 3) * pagesWithText));
  const occurrences = new Map<string, Occurrence[]>();
  for (const lines of pages) {
    const seen = new Set<string>();
    for (const [edge, candidates] of edgeLines(lines)) {
      for (const line of candidates) {
        const text = repetitionKey(line.text);
        const key = `${edge}:${text}`;
        if (text === "" || seen.has(key)) continue;
        seen.add(key);
        const height = pageHeights.get(line.page) ?? 0;
        const list = occurrences.get(key) ?? [];
        list.push({
          page: line.page,
          numbers: numbersIn(line.text),
          labelsPageNumber: PAGE_NUMBER_LABEL.test(line.text) || isLonePageNumber(line.text),
          position: edge === "top" ? line.baseline : height - line.baseline,
        });
        occurrences.set(key, list);
      }
    }
  }
  const recurring = new Set<string>();
  for (const [key, list] of occurrences) {
    const inPlace = atTheSamePlace(list, pageHeights);
    if (inPlace.length >= needed && numbersRunWithPages(inPlace)) recurring.add(key);
  }

  const furniture = new Set<PdfLine>();
  const nearEdge = (line: PdfLine, edge: Edge) => {
    const height = pageHeights.get(line.page) ?? 0;
    const distance = edge === "top" ? line.baseline : height - line.baseline;
    return height > 0 && distance <= PAGE_EDGE_BAND * height;
  };
  const isFurniture = (line: PdfLine, edge: Edge) =>
    line.artifact ||
    isLonePageNumber(line.text) ||
    recurring.has(`${edge}:${repetitionKey(line.text)}`) ||
    (nearEdge(line, edge) && endsInPageLabel(line, line.page));
  for (const lines of pages) {
    for (const line of lines) if (line.artifact) furniture.add(line);
    const top = edgeBand(lines, (line) => isFurniture(line, "top"));
    const bottom = edgeBand([...lines].reverse(), (line) => isFurniture(line, "bottom"));
    for (const line of [...top, ...bottom]) furniture.add(line);
  }
  return furniture;
}

/**
 * The furniture lines from the page edge (the first of `lines`) inwards: up to the first line that
 * is not furniture, and without the innermost lines that sit as close to the text next to them as
 * the lines of one paragraph do. A header stands apart from the text; the same paragraph closing
 * every page in the same place does not.
 */
function edgeBand(lines: readonly PdfLine[], isFurniture: (line: PdfLine) => boolean): PdfLine[] {
  let end = 0;
  while (end < Math.min(EDGE_LINES, lines.length) && isFurniture(lines[end] as PdfLine)) end += 1;
  while (end > 0) {
    const innermost = lines[end - 1];
    const inward = lines[end];
    if (innermost === undefined || inward === undefined || !attached(innermost, inward)) break;
    end -= 1;
  }
  return lines.slice(0, end);
}

function attached(a: PdfLine, b: PdfLine): boolean {
  return (
    !a.artifact &&
    a.angle === b.angle &&
    Math.abs(a.baseline - b.baseline) <= ATTACHED_PITCH * Math.max(a.size, b.size)
  );
}

type Edge = "top" | "bottom";

interface Occurrence {
  page: number;
  numbers: number[];
  /** The line says it holds a page number: "Side 3", "Page 3", "3 af 12", "3/12". */
  labelsPageNumber: boolean;
  /** Distance of the baseline from the page edge the line is near. */
  position: number;
}

function edgeLines(lines: readonly PdfLine[]): [Edge, readonly PdfLine[]][] {
  return [
    ["top", lines.slice(0, EDGE_LINES)],
    ["bottom", lines.slice(-EDGE_LINES)],
  ];
}

/**
 * The occurrences that stand where most of them stand: a running header keeps its place on the
 * page, while a recurring closing line ("Godkendt.") moves with the length of each item.
 */
function atTheSamePlace(
  list: readonly Occurrence[],
  pageHeights: ReadonlyMap<number, number>,
): Occurrence[] {
  const positions = list.map((entry) => entry.position).sort((a, b) => a - b);
  const median = positions[Math.floor(positions.length / 2)] ?? 0;
  return list.filter((entry) => {
    const tolerance = POSITION_TOLERANCE * (pageHeights.get(entry.page) ?? 0);
    return Math.abs(entry.position - median) <= tolerance;
  });
}

function repetitionKey(text: string): string {
  return text.toLocaleLowerCase("da").replace(/[\d\s]+/gu, "");
}

function numbersIn(text: string): number[] {
  return (text.match(/\d+/gu) ?? []).map(Number);
}

/**
 * Each number position holds the same value on every page, or the page number plus a fixed offset;
 * a number that runs with the pages must be labelled as one ("Side 3", "3 of 5"), or "2. Punkt"
 * on the page after "1. Punkt" would pass for a running header.
 */
function numbersRunWithPages(list: readonly Occurrence[]): boolean {
  const first = list[0];
  if (first === undefined) return false;
  if (list.some((entry) => entry.numbers.length !== first.numbers.length)) return false;
  return first.numbers.every((value, position) => {
    const constant = list.every((entry) => entry.numbers[position] === value);
    if (constant) return true;
    const offset = value - first.page;
    const withPage = list.every((entry) => entry.numbers[position] === entry.page + offset);
    return withPage && first.labelsPageNumber;
  });
}
