import type { PdfLine } from "./pdf-lines.ts";

/**
 * Running headers, footers and page stamps, found by repetition across pages (as pdf2md's
 * RemoveRepetitiveElements does): the first and last lines of each page are compared with digits
 * and white space removed and case folded, and a line recurring on at least max(2, ⅔ of the
 * pages with text) is furniture. Three guards keep content out:
 *
 * - the numbers in a recurring line must be constant or run with the page number ("Side 3",
 *   "3 of 5", a meeting date), so "Sagsnr.: 12/27845" at the top of every item's first page is
 *   not a running header;
 * - a running header keeps its place: only occurrences within ~20 pt (on A4) of where most of
 *   them stand are counted;
 * - furniture is a band from the page edge inwards: scanning from the top (and from the bottom)
 *   stops at the first line that is not furniture, so a recurring line below an item title stays
 *   content.
 *
 * Lone page numbers ("3", "- 3 -", "Side 3", "3 af 12", "Page 3 of 5") in that band are furniture
 * too, and so is text a tagged PDF marks as an artifact.
 */

/** How many lines from the top and from the bottom of a page are candidates. */
const EDGE_LINES = 5;
/** How far a running header may move between pages, as a fraction of the page height (about 20 pt on A4). */
const POSITION_TOLERANCE = 0.025;

const LONE_PAGE_NUMBER =
  /^(?:(?:side|page|pag\.|s\.)\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:af|of|fra|ud af|\/)\s*\d{1,4})?$/iu;

export function isLonePageNumber(text: string): boolean {
  return LONE_PAGE_NUMBER.test(text.trim());
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
  const isFurniture = (line: PdfLine, edge: Edge) =>
    line.artifact ||
    isLonePageNumber(line.text) ||
    recurring.has(`${edge}:${repetitionKey(line.text)}`);
  for (const lines of pages) {
    for (const line of lines) if (line.artifact) furniture.add(line);
    for (let index = 0; index < Math.min(EDGE_LINES, lines.length); index += 1) {
      const line = lines[index];
      if (line === undefined || !isFurniture(line, "top")) break;
      furniture.add(line);
    }
    for (
      let index = lines.length - 1;
      index >= Math.max(0, lines.length - EDGE_LINES);
      index -= 1
    ) {
      const line = lines[index];
      if (line === undefined || !isFurniture(line, "bottom")) break;
      furniture.add(line);
    }
  }
  return furniture;
}

type Edge = "top" | "bottom";

interface Occurrence {
  page: number;
  numbers: number[];
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

/** Each number position holds the same value on every page, or the page number plus a fixed offset. */
function numbersRunWithPages(list: readonly Occurrence[]): boolean {
  const first = list[0];
  if (first === undefined) return false;
  if (list.some((entry) => entry.numbers.length !== first.numbers.length)) return false;
  return first.numbers.every((value, position) => {
    const constant = list.every((entry) => entry.numbers[position] === value);
    const offset = value - first.page;
    const withPage = list.every((entry) => entry.numbers[position] === entry.page + offset);
    return constant || withPage;
  });
}
