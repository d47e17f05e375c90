import type { RetrievalLeg } from "./types.ts";

/**
 * Reciprocal rank fusion, done per item: each ranked list of chunks (one per leg and query) is
 * read as a ranking of the items those chunks belong to (an item ranks where its best chunk
 * ranks), and an item scores Σ weight / (k + rank) over the lists. Ranking items rather than
 * chunks keeps one long item with many matching passages from filling the result.
 */

export const RRF_K = 60;

export interface RankedList {
  leg: RetrievalLeg;
  /** Relative weight of the list: the asker's own question counts more than a rewrite. */
  weight: number;
  /** Chunk ids, best first. */
  chunkIds: string[];
}

export interface FusedItem {
  itemKey: string;
  /** Σ weight / (k + rank), divided by the most any item could get, so 1 = first everywhere. */
  score: number;
  legs: RetrievalLeg[];
  /** Chunk ids of the item found by any list, best first, with their own fused scores. */
  chunks: { chunkId: string; score: number }[];
}

export function fuseByItem(
  lists: readonly RankedList[],
  itemKeyOf: (chunkId: string) => string | undefined,
  k: number = RRF_K,
): FusedItem[] {
  const maximum = lists.reduce((sum, list) => sum + list.weight / (k + 1), 0);
  if (maximum === 0) return [];
  const items = new Map<
    string,
    { score: number; legs: Set<RetrievalLeg>; chunks: Map<string, number> }
  >();

  for (const list of lists) {
    const itemRanks = new Map<string, number>();
    list.chunkIds.forEach((chunkId, position) => {
      const itemKey = itemKeyOf(chunkId);
      if (itemKey === undefined) return;
      let entry = items.get(itemKey);
      if (!entry) {
        entry = { score: 0, legs: new Set(), chunks: new Map() };
        items.set(itemKey, entry);
      }
      entry.legs.add(list.leg);
      entry.chunks.set(
        chunkId,
        (entry.chunks.get(chunkId) ?? 0) + list.weight / (k + position + 1),
      );
      if (!itemRanks.has(itemKey)) itemRanks.set(itemKey, itemRanks.size + 1);
    });
    for (const [itemKey, rank] of itemRanks) {
      const entry = items.get(itemKey);
      if (entry) entry.score += list.weight / (k + rank);
    }
  }

  const legOrder: RetrievalLeg[] = ["lexical", "dense"];
  return [...items]
    .map(([itemKey, entry]) => ({
      itemKey,
      score: entry.score / maximum,
      legs: legOrder.filter((leg) => entry.legs.has(leg)),
      chunks: [...entry.chunks]
        .map(([chunkId, score]) => ({ chunkId, score: score / maximum }))
        .sort((a, b) => b.score - a.score),
    }))
    .sort((a, b) => b.score - a.score || a.itemKey.localeCompare(b.itemKey));
}
