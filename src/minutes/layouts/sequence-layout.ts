import type { Line } from "../lines.ts";
import {
  itemOnOneLine,
  type LayoutDetector,
  matchMarkdownNumberedHeading,
  stripTimeSlot,
} from "./item-start.ts";
import { splitTitleFromText } from "./title-text.ts";

/** "3. Title", "3) Title": a numbered line that could open an item. */
const NUMBERED_TITLE = /^(\d{1,3})[.)]\s+(\S.*)$/u;
const MIN_ITEMS = 2;

interface Candidate {
  index: number;
  number: number;
  content: string;
}

/**
 * Plain numbered minutes with neither a table of contents nor section headings to confirm the
 * items: "1. Godkendelse af dagsorden" / "Godkendt." / "2. …". The items are the longest run of
 * numbers counting up by one, in order, among lines that begin flush left with a capitalised
 * title. An agenda listing the same titles first, and numbered lists inside items ("1. en ny
 * rampe", or a capitalised list counting past the item numbers), fall outside that run.
 */
export const sequenceLayout: LayoutDetector = {
  name: "sequence",
  detect(lines) {
    const candidates = lines.flatMap((line, index): Candidate[] => {
      const flushLeft = line.raw === line.raw.trimStart();
      const match = flushLeft
        ? (line.text.match(NUMBERED_TITLE) ?? matchMarkdownNumberedHeading(line))
        : null;
      const content = (match?.[2] ?? "").trim();
      if (!match || !/^[\p{Lu}\d"«„]/u.test(content)) return [];
      return [{ index, number: Number(match[1]), content }];
    });
    const run = longestCountingRun(withBody(candidates, lines));
    if (run.length < MIN_ITEMS) return [];
    return run.map((candidate) =>
      itemOnOneLine(
        lines,
        candidate.index,
        candidate.number,
        splitTitleFromText(stripTimeSlot(candidate.content)),
      ),
    );
  },
};

/** Candidates that have text of their own below them: an agenda line followed by the next agenda line has none. */
function withBody(candidates: readonly Candidate[], lines: readonly Line[]): Candidate[] {
  return candidates.filter((candidate, position) => {
    const end = candidates[position + 1]?.index ?? lines.length;
    const hasText = lines.slice(candidate.index + 1, end).some((line) => line.text !== "");
    return hasText || position === candidates.length - 1 || isLastOfRun(candidates, position);
  });
}

/** The last line of a numbered block ("3. Eventuelt" after "2. …") may have no text and still be an item. */
function isLastOfRun(candidates: readonly Candidate[], position: number): boolean {
  const next = candidates[position + 1];
  const current = candidates[position] as Candidate;
  return next !== undefined && next.number !== current.number + 1;
}

/** Longest chain of candidates, in line order, whose numbers count up by one. */
function longestCountingRun(candidates: readonly Candidate[]): Candidate[] {
  const best: { length: number; previous: number }[] = candidates.map(() => ({
    length: 1,
    previous: -1,
  }));
  candidates.forEach((candidate, position) => {
    for (let earlier = 0; earlier < position; earlier++) {
      const before = candidates[earlier] as Candidate;
      const chain = best[earlier] as { length: number };
      if (
        before.number + 1 === candidate.number &&
        chain.length + 1 > (best[position] as { length: number }).length
      ) {
        best[position] = { length: chain.length + 1, previous: earlier };
      }
    }
  });
  let end = -1;
  best.forEach((entry, position) => {
    if (end < 0 || entry.length > (best[end] as { length: number }).length) end = position;
  });
  const run: Candidate[] = [];
  for (
    let position = end;
    position >= 0;
    position = (best[position] as { previous: number }).previous
  ) {
    run.unshift(candidates[position] as Candidate);
  }
  return run;
}
