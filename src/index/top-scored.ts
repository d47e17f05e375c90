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
