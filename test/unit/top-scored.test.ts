import { describe, expect, it } from "vitest";
import { topScored } from "../../src/index/top-scored.ts";

const idOf = (candidate: number) => `c${String(candidate).padStart(4, "0")}`;

function sortedAll(scores: number[], limit: number, accept: (id: string) => boolean = () => true) {
  return scores
    .map((score, index) => ({ chunkId: idOf(index), score }))
    .filter((entry) => accept(entry.chunkId))
    .sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1))
    .slice(0, limit);
}

describe("topScored", () => {
  it("gives the best by score, ties by id, as a full sort does, with and without a filter", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const odd = (id: string) => Number(id.slice(1)) % 2 === 1;
    for (const [count, limit, distinct] of [
      [0, 5, 3],
      [3, 5, 3],
      [500, 60, 1000],
      [500, 60, 4],
      [2000, 1, 2],
      [300, Number.POSITIVE_INFINITY, 5],
    ] as const) {
      const scores = Array.from({ length: count }, () => Math.floor(random() * distinct));
      const candidates = Uint32Array.from(scores.keys());
      const scoreOf = (candidate: number) => scores[candidate] as number;
      const scratch = new Float64Array(count);
      expect(topScored(candidates, scoreOf, idOf, limit, scratch)).toEqual(
        sortedAll(scores, limit),
      );
      expect(topScored(candidates, scoreOf, idOf, limit, scratch, odd)).toEqual(
        sortedAll(scores, limit, odd),
      );
    }
  });
});
