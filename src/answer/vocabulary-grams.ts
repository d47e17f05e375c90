/**
 * Which terms of a vocabulary contain a given string, without reading the whole vocabulary: each
 * term is listed under every three-character slice of it, and a look-up reads only the terms
 * under the rarest slice of the string it looks for.
 */

const GRAM = 3;

export interface VocabularyGrams {
  /** Positions in `terms` of the terms that contain `part` (at least three characters long). */
  containing(part: string): number[];
}

export function indexVocabularyByGrams(terms: readonly string[]): VocabularyGrams {
  const gramIds = new Map<string, number>();
  const gramOf = (term: string, at: number) => term.slice(at, at + GRAM);
  // Two passes over the terms: count each gram's terms, then place them, each term once a gram.
  const counts: number[] = [];
  const lastTerm: number[] = [];
  terms.forEach((term, termId) => {
    for (let at = 0; at + GRAM <= term.length; at += 1) {
      const gram = gramOf(term, at);
      let gramId = gramIds.get(gram);
      if (gramId === undefined) {
        gramId = gramIds.size;
        gramIds.set(gram, gramId);
        counts.push(0);
        lastTerm.push(-1);
      }
      if (lastTerm[gramId] === termId) continue;
      lastTerm[gramId] = termId;
      counts[gramId] = (counts[gramId] as number) + 1;
    }
  });
  const starts = new Uint32Array(gramIds.size + 1);
  for (let gramId = 0; gramId < gramIds.size; gramId += 1) {
    starts[gramId + 1] = (starts[gramId] as number) + (counts[gramId] as number);
  }
  const termIds = new Uint32Array(starts[gramIds.size] as number);
  const filled = starts.slice(0, gramIds.size);
  lastTerm.fill(-1);
  terms.forEach((term, termId) => {
    for (let at = 0; at + GRAM <= term.length; at += 1) {
      const gramId = gramIds.get(gramOf(term, at)) as number;
      if (lastTerm[gramId] === termId) continue;
      lastTerm[gramId] = termId;
      termIds[filled[gramId] as number] = termId;
      filled[gramId] = (filled[gramId] as number) + 1;
    }
  });

  return {
    containing(part) {
      if (part.length < GRAM) throw new RangeError(`"${part}" is shorter than ${GRAM} characters`);
      let rarest: number | undefined;
      for (let at = 0; at + GRAM <= part.length; at += 1) {
        const gramId = gramIds.get(gramOf(part, at));
        if (gramId === undefined) return [];
        const size = (starts[gramId + 1] as number) - (starts[gramId] as number);
        if (rarest === undefined) rarest = gramId;
        else if (size < (starts[rarest + 1] as number) - (starts[rarest] as number))
          rarest = gramId;
      }
      if (rarest === undefined) return [];
      const found: number[] = [];
      for (let at = starts[rarest] as number; at < (starts[rarest + 1] as number); at += 1) {
        const termId = termIds[at] as number;
        if ((terms[termId] as string).includes(part)) found.push(termId);
      }
      return found;
    },
  };
}
