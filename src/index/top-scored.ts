import type { ScoredChunk } from "./types.ts";

/**
 * The `limit` best of `candidates` by score (ties: id ascending), best first, with a bounded heap:
 * a query touching a hundred thousand documents sorts only the few it returns.
 */
export function topScored(
  candidates: Uint32Array,
  scoreOf: (candidate: number) => number,
  idOf: (candidate: number) => string,
  limit: number,
  accept?: (id: string) => boolean,
): ScoredChunk[] {
  if (limit <= 0) return [];
  const heap: ScoredChunk[] = [];
  // Worse-first order: the root is the weakest of the best found so far.
  const worse = (a: ScoredChunk, b: ScoredChunk) =>
    a.score < b.score || (a.score === b.score && a.chunkId > b.chunkId);
  const siftUp = (start: number) => {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!worse(heap[index] as ScoredChunk, heap[parent] as ScoredChunk)) break;
      [heap[index], heap[parent]] = [heap[parent] as ScoredChunk, heap[index] as ScoredChunk];
      index = parent;
    }
  };
  const siftDown = () => {
    let index = 0;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let weakest = index;
      if (left < heap.length && worse(heap[left] as ScoredChunk, heap[weakest] as ScoredChunk))
        weakest = left;
      if (right < heap.length && worse(heap[right] as ScoredChunk, heap[weakest] as ScoredChunk))
        weakest = right;
      if (weakest === index) return;
      [heap[index], heap[weakest]] = [heap[weakest] as ScoredChunk, heap[index] as ScoredChunk];
      index = weakest;
    }
  };
  for (const candidate of candidates) {
    const score = scoreOf(candidate);
    const root = heap[0];
    // Cheap rejection before the id is looked up: most candidates lose on score alone.
    if (heap.length >= limit && root && score < root.score) continue;
    const chunkId = idOf(candidate);
    if (accept && !accept(chunkId)) continue;
    const entry = { chunkId, score };
    if (heap.length < limit) {
      heap.push(entry);
      siftUp(heap.length - 1);
    } else if (root && worse(root, entry)) {
      heap[0] = entry;
      siftDown();
    }
  }
  return heap.sort(
    (a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : a.chunkId > b.chunkId ? 1 : 0),
  );
}

/**
 * The same selection without a filter, for many candidates: the `limit`-th best score is found
 * by quickselect over the scores in `scratch` (no heap, no id look-ups while selecting), then only
 * the candidates at or above it are given ids and sorted. Ties at the cut go by id, as above.
 */
export function topScoredBySelection(
  candidates: Uint32Array,
  scoreOf: (candidate: number) => number,
  idOf: (candidate: number) => string,
  limit: number,
  scratch: Float64Array,
): ScoredChunk[] {
  const count = candidates.length;
  if (limit <= 0 || count === 0) return [];
  const scores = scratch.subarray(0, count);
  for (let index = 0; index < count; index += 1) {
    scores[index] = scoreOf(candidates[index] as number);
  }
  const cut = count <= limit ? Number.NEGATIVE_INFINITY : kthLargest(scores.slice(), limit);
  const above: ScoredChunk[] = [];
  const atCut: ScoredChunk[] = [];
  for (let index = 0; index < count; index += 1) {
    const score = scores[index] as number;
    if (score < cut) continue;
    const entry = { chunkId: idOf(candidates[index] as number), score };
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
