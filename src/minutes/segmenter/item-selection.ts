import type { Candidate } from "./item-evidence.ts";

/**
 * Chooses the item lines among the candidates: the chain, in reading order, that scores best,
 * where each chosen line adds its own evidence and how its number follows the previous item's.
 * Numbers counting on by one are the strongest sign; gaps (a withdrawn item, a page cut off) cost
 * a little; a number out of order costs a lot unless the table of contents lists the items in
 * that same order (Odense lists item 17 between 6 and 7); mixing numbering forms costs too.
 * Numbers may start anywhere (Randers numbers items across the year: 30–38, Syddjurs 715).
 */

const TRANSITION = {
  next: 2,
  gap: 1,
  gapStep: 0.25,
  maxGapCost: 1.5,
  outOfOrder: -3.5,
  repeated: -5,
  contentsOrder: 1.5,
  otherScheme: -2,
  startsAtOne: 0.5,
} as const;

/** Below this, a document's best chain is not evidence enough that it has items at all. */
const MIN_EVIDENCE = 2.5;

export function selectItems(candidates: readonly Candidate[]): Candidate[] {
  const total: number[] = [];
  const previous: number[] = [];
  candidates.forEach((candidate, position) => {
    total[position] = candidate.score + (candidate.number === 1 ? TRANSITION.startsAtOne : 0);
    previous[position] = -1;
    for (let earlier = 0; earlier < position; earlier++) {
      const value =
        (total[earlier] ?? 0) +
        candidate.score +
        transition(candidates[earlier] as Candidate, candidate);
      if (value > (total[position] ?? 0)) {
        total[position] = value;
        previous[position] = earlier;
      }
    }
  });
  let end = -1;
  total.forEach((value, position) => {
    if (end < 0 || value > (total[end] ?? 0)) end = position;
  });
  if (end < 0 || (total[end] ?? 0) < MIN_EVIDENCE) return [];
  const chain: Candidate[] = [];
  for (let position = end; position >= 0; position = previous[position] ?? -1) {
    chain.unshift(candidates[position] as Candidate);
  }
  return chain;
}

function transition(before: Candidate, after: Candidate): number {
  let value = 0;
  const step = after.number - before.number;
  if (step === 1) value += TRANSITION.next;
  else if (step > 1)
    value += TRANSITION.gap - Math.min(TRANSITION.maxGapCost, TRANSITION.gapStep * (step - 1));
  else if (
    (before.contentsPosition !== undefined &&
      after.contentsPosition === before.contentsPosition + 1) ||
    after.group > before.group
  )
    // The contents list them in this order, or a new group of items begins (A–D groups).
    value += TRANSITION.contentsOrder;
  else value += step === 0 ? TRANSITION.repeated : TRANSITION.outOfOrder;
  if (before.scheme !== after.scheme) value += TRANSITION.otherScheme;
  return value;
}
