import { describe, expect, it } from "vitest";
import { topScored, topScoredBySelection } from "../../src/index/top-scored.ts";

function sortedAll(scores: number[], limit: number) {
  return scores
    .map((score, index) => ({ chunkId: `c${String(index).padStart(4, "0")}`, score }))
    .sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1))
    .slice(0, limit);
}

describe("top scored", () => {
  it("heap and selection both give the best by score, ties by id, as a full sort does", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const [count, limit, distinct] of [
      [0, 5, 3],
      [3, 5, 3],
      [500, 60, 1000],
      [500, 60, 4],
      [2000, 1, 2],
    ] as const) {
      const scores = Array.from({ length: count }, () => Math.floor(random() * distinct));
      const candidates = Uint32Array.from(scores.keys());
      const scoreOf = (candidate: number) => scores[candidate] as number;
      const idOf = (candidate: number) => `c${String(candidate).padStart(4, "0")}`;
      const expected = sortedAll(scores, limit);
      expect(topScored(candidates, scoreOf, idOf, limit)).toEqual(expected);
      expect(
        topScoredBySelection(candidates, scoreOf, idOf, limit, new Float64Array(count)),
      ).toEqual(expected);
    }
  });
});
