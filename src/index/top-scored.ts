import type { ScoredChunk } from "./types.ts";

/**
 * The `limit` best of `candidates` by score (ties: id ascending), best first. The `limit`-th best
 * score is found by quickselect over the scores in `scratch` (no heap, no id look-ups while
 * selecting), then only the candidates at or above it are given ids and sorted. With `accept`,
 * candidates it refuses are left out before selecting (every candidate's id is then looked up).
 */
export function topScored(
  candidates: Uint32Array,
  scoreOf: (candidate: number) => number,
  idOf: (candidate: number) => string,
  limit: number,
  scratch: Float64Array,
  accept?: (id: string) => boolean,
): ScoredChunk[] {
  if (limit <= 0 || candidates.length === 0) return [];
  // With a filter, the accepted candidates and their ids; without one, ids come later.
  const kept: number[] = [];
  const keptIds: string[] = [];
  let count = 0;
  for (const candidate of candidates) {
    if (accept) {
      const id = idOf(candidate);
      if (!accept(id)) continue;
      kept.push(candidate);
      keptIds.push(id);
    }
    scratch[count] = scoreOf(candidate);
    count += 1;
  }
  const scores = scratch.subarray(0, count);
  const candidateAt = (index: number) => (accept ? kept[index] : candidates[index]) as number;
  const idAt = (index: number) => (accept ? keptIds[index] : idOf(candidateAt(index))) as string;
  const cut = count <= limit ? Number.NEGATIVE_INFINITY : kthLargest(scores.slice(), limit);
  const above: ScoredChunk[] = [];
  const atCut: ScoredChunk[] = [];
  for (let index = 0; index < count; index += 1) {
    const score = scores[index] as number;
    if (score < cut) continue;
    const entry = { chunkId: idAt(index), score };
    if (score > cut) above.push(entry);
    else atCut.push(entry);
  }
  const byId = (a: ScoredChunk, b: ScoredChunk) =>
    a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0;
  atCut.sort(byId);
  const chosen = [...above, ...atCut.slice(0, Math.max(0, limit - above.length))];
  return chosen.sort((a, b) => b.score - a.score || byId(a, b)).slice(0, limit);
}

/** The k-th largest value (k ≥ 1), rearranging `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let left = low;
    let right = high;
    while (left <= right) {
      while ((values[left] as number) > pivot) left += 1;
      while ((values[right] as number) < pivot) right -= 1;
      if (left <= right) {
        const swap = values[left] as number;
        values[left] = values[right] as number;
        values[right] = swap;
        left += 1;
        right -= 1;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else break;
  }
  return values[target] as number;
}
