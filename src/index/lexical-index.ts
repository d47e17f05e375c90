import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { formatDanishDate, whenWords } from "../minutes/dates.ts";
import { AppError, describeError } from "../shared/errors.ts";
import { createDanishAnalyzer, createPlainAnalyzer, type TextAnalyzer } from "./danish-analyzer.ts";
import { writeFileAtomic } from "./embedders/embedding-cache.ts";
import {
  type AnalysedDocument,
  encodeSegment,
  FIELD_COUNT,
  mergeSegments,
  openSegmentFile,
  openSegmentFromBuffer,
  type Postings,
  type Segment,
} from "./lexical-segment.ts";
import { topScored } from "./top-scored.ts";
import type { Chunk, LexicalIndex, LexicalSearchOptions } from "./types.ts";

/**
 * Referat's lexical search engine: BM25 over chunks in immutable segments (lexical-segment.ts),
 * with the Danish analyser as tokenizer. Item title, context (body, date, item number, section
 * heading) and passage are separate fields, so a word in the title counts more than the same word
 * deep in a long passage. Adding chunks writes a new segment; removing a meeting marks its
 * documents deleted; many segments or many deletions are merged into one. Scores are those of
 * BM25+ (k 1.2, b 0.7, δ 0.5) per field with field boosts, summed over the query's weighted terms,
 * times the weight of the terms matched (so weak compound parts and expansions that happen to
 * match do not outweigh the asker's own words). Scoring runs over typed arrays with
 * accumulators reused across queries: no objects per posting, no garbage per query.
 */

/** `danish`: the full analyser. `plain`: lower-cased words only, the evaluation baseline. */
export type LexicalAnalysis = "danish" | "plain";

export interface LexicalIndexStats {
  documents: number;
  deleted: number;
  segments: number;
  terms: number;
  postings: number;
  bytes: number;
}

export interface DanishLexicalIndex extends LexicalIndex {
  readonly analysis: LexicalAnalysis;
  readonly size: number;
  /** The analyser the index was built with, taught the corpus's vocabulary. */
  readonly analyzer: TextAnalyzer;
  has(chunkId: string): boolean;
  /** Marks every chunk of the meeting deleted; returns how many were. */
  removeMeeting(meetingId: string): number;
  stats(): LexicalIndexStats;
  /**
   * Writes segments not yet on disk into `directory` (merging first when there are many
   * segments or deletions) and returns what a manifest must hold to load the index again.
   */
  save(directory: string): Promise<LexicalSnapshot>;
  /** Closes the segment files. */
  close(): void;
}

export const DEFAULT_LEXICAL_LIMIT = 50;
/** Expansions are the system's guesses at what the asker meant; the asker's own words weigh more. */
export const EXPANSION_WEIGHT = 0.6;

/** title, context, text: the order of the segment's fields. */
const FIELD_BOOSTS = [2, 0.5, 1] as const;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
/** Merge when there are more segments than this, or when this share of documents is deleted. */
const MAX_SEGMENTS = 8;
const MAX_DELETED_SHARE = 0.25;
/** Postings kept in memory per segment after a query read them (hot terms stay hot). */
const POSTINGS_CACHE_BYTES = 32 * 1024 * 1024;
const SEGMENT_FILE = /^[0-9a-f]{16}\.seg$/;

/**
 * Bump whenever the analyser's output changes (stop words, stemming rules, compound rules, fields,
 * boosts): an index saved by an older analyser then fails to load as `index_invalid` and is rebuilt
 * instead of silently mismatching the terms of new queries.
 */
export const LEXICAL_FORMAT_VERSION = 3;

export const lexicalSnapshotSchema = z.object({
  formatVersion: z.literal(LEXICAL_FORMAT_VERSION),
  analysis: z.enum(["danish", "plain"]),
  segments: z.array(
    z.object({
      file: z.string().regex(SEGMENT_FILE),
      documents: z.number().int().nonnegative(),
      /** Document numbers deleted since the segment was written. */
      deleted: z.array(z.number().int().nonnegative()),
    }),
  ),
});
export type LexicalSnapshot = z.infer<typeof lexicalSnapshotSchema>;

interface LiveSegment {
  segment: Segment;
  /** The encoded bytes of a segment built in memory and not yet written. */
  bytes: Buffer | null;
  /** File name once written; null while the segment exists only in memory. */
  file: string | null;
  deleted: Uint8Array;
  deletedCount: number;
  /** Global number of its first document. */
  base: number;
  /** BM25's length normalisation per document and field, k·(1 − b + b·length/average). */
  norms: Float64Array;
  cache: PostingsCache;
}

export function createLexicalIndex(
  options: { analysis?: LexicalAnalysis } = {},
): DanishLexicalIndex {
  const analysis = options.analysis ?? "danish";
  return createIndex(analysis, analyzerFor(analysis, []), []);
}

/** The baseline of the evaluation: BM25 with no stemming, folding, compounds or synonyms. */
export function createPlainBm25Index(): DanishLexicalIndex {
  return createLexicalIndex({ analysis: "plain" });
}

/** Opens the segments a snapshot names in `directory`; anything unreadable is an `index_invalid`. */
export function loadLexicalIndex(directory: string, snapshot: unknown): DanishLexicalIndex {
  const parsed = lexicalSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    throw new AppError(
      "index_invalid",
      `Lexical index manifest is invalid: ${z.prettifyError(parsed.error)}`,
    );
  }
  const opened: LiveSegment[] = [];
  try {
    for (const entry of parsed.data.segments) {
      let segment: Segment;
      try {
        segment = openSegmentFile(join(directory, entry.file));
      } catch (error) {
        throw new AppError(
          "index_invalid",
          `Lexical segment ${entry.file} is unreadable: ${describeError(error)}`,
          { cause: error },
        );
      }
      const live = liveSegment(segment, entry.file);
      opened.push(live);
      if (segment.docCount !== entry.documents) {
        throw new AppError(
          "index_invalid",
          `Lexical segment ${entry.file} holds ${segment.docCount} documents, its manifest says ${entry.documents}`,
        );
      }
      for (const doc of entry.deleted) {
        if (doc >= segment.docCount) {
          throw new AppError(
            "index_invalid",
            `Lexical segment ${entry.file} has no document ${doc} to delete`,
          );
        }
        if (!live.deleted[doc]) live.deletedCount += 1;
        live.deleted[doc] = 1;
      }
    }
  } catch (error) {
    for (const live of opened) live.segment.close();
    throw error;
  }
  const vocabulary =
    parsed.data.analysis === "plain" ? [] : opened.flatMap((live) => live.segment.vocabulary());
  return createIndex(parsed.data.analysis, analyzerFor(parsed.data.analysis, vocabulary), opened);
}

/** The segment files a snapshot uses, so that a store can keep them and delete the others. */
export function segmentFilesOf(snapshot: LexicalSnapshot): string[] {
  return snapshot.segments.map((segment) => segment.file);
}

export function isSegmentFile(name: string): boolean {
  return SEGMENT_FILE.test(name);
}

function analyzerFor(analysis: LexicalAnalysis, vocabulary: string[]): TextAnalyzer {
  return analysis === "plain" ? createPlainAnalyzer() : createDanishAnalyzer({ vocabulary });
}

function liveSegment(
  segment: Segment,
  file: string | null,
  bytes: Buffer | null = null,
): LiveSegment {
  return {
    segment,
    bytes,
    file,
    deleted: new Uint8Array(segment.docCount),
    deletedCount: 0,
    base: 0,
    norms: new Float64Array(segment.docCount * FIELD_COUNT),
    cache: createPostingsCache(POSTINGS_CACHE_BYTES),
  };
}

/**
 * Analyses a batch of chunks. An item's title (and nearly its context) is the same for all of its
 * chunks, so each distinct title and context is analysed once per batch.
 */
function analyseAll(chunks: Chunk[], analyzer: TextAnalyzer): AnalysedDocument[] {
  const seen = new Map<string, string[]>();
  const termsOf = (text: string) => {
    let terms = seen.get(text);
    if (!terms) {
      terms = analyzer.indexTerms(text);
      seen.set(text, terms);
    }
    return terms;
  };
  return chunks.map((chunk) => {
    // The month and year in words too: questions say "i september", "in 2022".
    const context = `${chunk.body} ${formatDanishDate(chunk.date)} ${whenWords(chunk.date)} Punkt ${chunk.itemNumber} ${chunk.sectionHeading}`;
    return {
      id: chunk.id,
      fields: [termsOf(chunk.itemTitle), termsOf(context), analyzer.indexTerms(chunk.text)],
    };
  });
}

/** Chunk ids are `<meetingId>#<item>/<section>/<ordinal>`. */
function meetingOf(chunkId: string): string {
  const hash = chunkId.indexOf("#");
  return hash < 0 ? chunkId : chunkId.slice(0, hash);
}

function addToMeeting(byMeeting: Map<string, Set<string>>, chunkId: string): void {
  const meeting = meetingOf(chunkId);
  const ids = byMeeting.get(meeting) ?? new Set<string>();
  byMeeting.set(meeting, ids);
  ids.add(chunkId);
}

function createIndex(
  analysis: LexicalAnalysis,
  analyzer: TextAnalyzer,
  initial: LiveSegment[],
): DanishLexicalIndex {
  let segments: LiveSegment[] = [];
  /** Chunk id → global document number, live documents only. */
  let live = new Map<string, number>();
  /** Chunk ids per meeting, built on the first removal (a read-only index never needs it). */
  let byMeeting: Map<string, Set<string>> | null = null;
  const chunksByMeeting = () => {
    if (!byMeeting) {
      const built = new Map<string, Set<string>>();
      for (const id of live.keys()) addToMeeting(built, id);
      byMeeting = built;
    }
    return byMeeting;
  };
  const lengthSums = new Float64Array(FIELD_COUNT);
  let totalDocs = 0;
  let accumulators = createAccumulators(0);
  /** Averages change with every add and delete; the norms follow before the next query. */
  let normsStale = true;

  const refreshNorms = () => {
    const documents = Math.max(1, live.size);
    for (const owner of segments) {
      const lengths = owner.segment.fieldLengths;
      const norms = owner.norms;
      for (let at = 0; at < lengths.length; at += 1) {
        const average = (lengthSums[at % FIELD_COUNT] as number) / documents;
        norms[at] = BM25.k * (1 - BM25.b + (BM25.b * (lengths[at] as number)) / average);
      }
    }
    normsStale = false;
  };

  const locate = (global: number): { owner: LiveSegment; doc: number } => {
    // Segments are few: a linear scan from the end finds the owner.
    for (let index = segments.length - 1; index >= 0; index -= 1) {
      const owner = segments[index] as LiveSegment;
      if (global >= owner.base) return { owner, doc: global - owner.base };
    }
    throw new Error(`no segment holds document ${global}`);
  };

  const attach = (owner: LiveSegment) => {
    owner.base = totalDocs;
    segments.push(owner);
    const { segment } = owner;
    for (let doc = 0; doc < segment.docCount; doc += 1) {
      if (owner.deleted[doc]) continue;
      const id = segment.docId(doc);
      const previous = live.get(id);
      if (previous !== undefined) deleteDocument(previous);
      live.set(id, totalDocs + doc);
      if (byMeeting) addToMeeting(byMeeting, id);
      for (let field = 0; field < FIELD_COUNT; field += 1) {
        lengthSums[field] = (lengthSums[field] as number) + segment.fieldLength(doc, field);
      }
    }
    totalDocs += segment.docCount;
    accumulators = createAccumulators(totalDocs);
    normsStale = true;
  };

  const deleteDocument = (global: number) => {
    const { owner, doc } = locate(global);
    if (owner.deleted[doc]) return;
    owner.deleted[doc] = 1;
    owner.deletedCount += 1;
    const id = owner.segment.docId(doc);
    live.delete(id);
    byMeeting?.get(meetingOf(id))?.delete(id);
    for (let field = 0; field < FIELD_COUNT; field += 1) {
      lengthSums[field] = (lengthSums[field] as number) - owner.segment.fieldLength(doc, field);
    }
    normsStale = true;
  };

  const rebuild = (replacement: LiveSegment[]) => {
    segments = [];
    live = new Map();
    byMeeting = null;
    lengthSums.fill(0);
    totalDocs = 0;
    for (const owner of replacement) attach(owner);
  };

  rebuild(initial);

  const mergeIfNeeded = () => {
    const deleted = segments.reduce((sum, owner) => sum + owner.deletedCount, 0);
    if (segments.length <= MAX_SEGMENTS && deleted <= MAX_DELETED_SHARE * Math.max(1, totalDocs)) {
      return;
    }
    const merged = mergeSegments(
      segments.map((owner) => ({
        segment: owner.segment,
        deleted: owner.deletedCount > 0 ? owner.deleted : null,
      })),
    );
    const previous = segments;
    rebuild([liveSegment(openSegmentFromBuffer(merged), null, merged)]);
    for (const owner of previous) owner.segment.close();
  };

  return {
    analysis,
    analyzer,
    get size() {
      return live.size;
    },
    has(chunkId) {
      return live.has(chunkId);
    },
    add(chunks) {
      if (chunks.length === 0) return;
      // Learn the words first, so compounds in this batch split into parts seen in this batch.
      const learned = analyzer.learn(chunks.flatMap((chunk) => [chunk.itemTitle, chunk.text]));
      const documents = analyseAll(chunks, analyzer);
      const bytes = encodeSegment(documents, learned);
      attach(liveSegment(openSegmentFromBuffer(bytes), null, bytes));
    },
    removeMeeting(meetingId) {
      const meetings = chunksByMeeting();
      const ids = [...(meetings.get(meetingId) ?? [])];
      for (const id of ids) {
        const global = live.get(id);
        if (global !== undefined) deleteDocument(global);
      }
      meetings.delete(meetingId);
      return ids.length;
    },
    search(query, options: LexicalSearchOptions = {}) {
      const weights = new Map<string, number>();
      for (const { term, weight } of analyzer.queryTerms(query)) weights.set(term, weight);
      for (const expansion of options.expansions ?? []) {
        for (const { term, weight } of analyzer.queryTerms(expansion)) {
          const expanded = weight * EXPANSION_WEIGHT;
          if (expanded > (weights.get(term) ?? 0)) weights.set(term, expanded);
        }
      }
      if (weights.size === 0 || live.size === 0) return [];
      if (normsStale) refreshNorms();
      const terms = [...weights]
        .filter(([, weight]) => weight > 0)
        .map(([term, weight]) => queryTerm(term, weight, segments, live.size));
      const limit = options.limit ?? DEFAULT_LEXICAL_LIMIT;
      const touchedCount = accumulate(terms, accumulators);
      const { score, matched, touched } = accumulators;

      const idOf = (global: number) => {
        const { owner, doc } = locate(global);
        return owner.segment.docId(doc);
      };
      const accept = options.accept;
      const finalScore = (global: number) =>
        (score[global] as number) * (matched[global] as number);
      const candidates = touched.subarray(0, touchedCount);
      const results = topScored(candidates, finalScore, idOf, limit, accumulators.scratch, accept);
      for (let index = 0; index < touchedCount; index += 1) {
        const global = touched[index] as number;
        score[global] = 0;
        matched[global] = 0;
      }
      return results;
    },
    stats() {
      return {
        documents: live.size,
        deleted: segments.reduce((sum, owner) => sum + owner.deletedCount, 0),
        segments: segments.length,
        terms: segments.reduce((sum, owner) => sum + owner.segment.termCount, 0),
        postings: segments.reduce((sum, owner) => sum + owner.segment.postingCount, 0),
        bytes: segments.reduce((sum, owner) => sum + owner.segment.byteLength, 0),
      };
    },
    async save(directory) {
      mergeIfNeeded();
      for (const owner of segments) {
        if (owner.file !== null || owner.bytes === null) continue;
        const file = `${randomBytes(8).toString("hex")}.seg`;
        await writeFileAtomic(join(directory, file), owner.bytes);
        // From now on the postings are read from the file: the bytes leave the heap.
        owner.segment.close();
        owner.segment = openSegmentFile(join(directory, file));
        owner.bytes = null;
        owner.file = file;
      }
      return {
        formatVersion: LEXICAL_FORMAT_VERSION,
        analysis,
        segments: segments.map((owner) => ({
          file: owner.file as string,
          documents: owner.segment.docCount,
          deleted: deletedList(owner),
        })),
      };
    },
    close() {
      for (const owner of segments) owner.segment.close();
    },
  } satisfies DanishLexicalIndex;
}

function deletedList(owner: LiveSegment): number[] {
  const list: number[] = [];
  if (owner.deletedCount === 0) return list;
  owner.deleted.forEach((flag, doc) => {
    if (flag) list.push(doc);
  });
  return list;
}

/** A term of a query with what scoring it needs: its postings per segment and per-field factors. */
interface QueryTerm {
  weight: number;
  found: { owner: LiveSegment; postings: Postings }[];
  /** Per field: weight × boost × idf, constant over the term's postings. */
  factors: number[];
}

function queryTerm(
  term: string,
  weight: number,
  segments: LiveSegment[],
  documents: number,
): QueryTerm {
  const found: QueryTerm["found"] = [];
  const frequencies = [0, 0, 0];
  for (const owner of segments) {
    const postings = owner.cache.get(owner.segment, term);
    if (!postings) continue;
    found.push({ owner, postings });
    countLive(postings, owner.deletedCount > 0 ? owner.deleted : null, frequencies);
  }
  const factors = frequencies.map((frequency, field) =>
    frequency === 0
      ? 0
      : weight *
        (FIELD_BOOSTS[field] as number) *
        Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5)),
  );
  return { weight, found, factors };
}

/** Scores the query's terms into the accumulators, term at a time; returns how many documents were touched. */
function accumulate(terms: QueryTerm[], accumulators: Accumulators): number {
  const { score, matched, touched } = accumulators;
  const saturated = BM25.k + 1;
  let touchedCount = 0;
  for (const term of terms) {
    const { weight } = term;
    const [title = 0, context = 0, text = 0] = term.factors;
    for (const { owner, postings } of term.found) {
      const { docs, freqs } = postings;
      const deleted = owner.deletedCount > 0 ? owner.deleted : null;
      const { norms, base } = owner;
      for (let index = 0; index < docs.length; index += 1) {
        const doc = docs[index] as number;
        if (deleted?.[doc]) continue;
        const global = base + doc;
        if (matched[global] === 0) {
          touched[touchedCount] = global;
          touchedCount += 1;
        }
        matched[global] = (matched[global] as number) + weight;
        // The three fields one after the other, added in field order (the same sums as a loop).
        const at = index * FIELD_COUNT;
        const norm = doc * FIELD_COUNT;
        let sum = score[global] as number;
        const inTitle = freqs[at] as number;
        if (inTitle !== 0) {
          sum += title * (BM25.d + (inTitle * saturated) / (inTitle + (norms[norm] as number)));
        }
        const inContext = freqs[at + 1] as number;
        if (inContext !== 0) {
          sum +=
            context *
            (BM25.d + (inContext * saturated) / (inContext + (norms[norm + 1] as number)));
        }
        const inText = freqs[at + 2] as number;
        if (inText !== 0) {
          sum += text * (BM25.d + (inText * saturated) / (inText + (norms[norm + 2] as number)));
        }
        score[global] = sum;
      }
    }
  }
  return touchedCount;
}

function countLive(postings: Postings, deleted: Uint8Array | null, into: number[]): void {
  const { docs, freqs } = postings;
  for (let index = 0; index < docs.length; index += 1) {
    if (deleted?.[docs[index] as number]) continue;
    for (let field = 0; field < FIELD_COUNT; field += 1) {
      if ((freqs[index * FIELD_COUNT + field] as number) > 0)
        into[field] = (into[field] as number) + 1;
    }
  }
}

interface Accumulators {
  score: Float64Array;
  matched: Float64Array;
  touched: Uint32Array;
  /** Room for the final scores while the best are selected. */
  scratch: Float64Array;
}

function createAccumulators(documents: number): Accumulators {
  return {
    score: new Float64Array(documents),
    matched: new Float64Array(documents),
    touched: new Uint32Array(documents),
    scratch: new Float64Array(documents),
  };
}

interface PostingsCache {
  get(segment: Segment, term: string): Postings | undefined;
}

/** Least recently used postings of a segment, up to a byte budget; absent terms are remembered too. */
function createPostingsCache(budget: number): PostingsCache {
  const entries = new Map<string, Postings | null>();
  let bytes = 0;
  const sizeOf = (postings: Postings | null) =>
    postings ? postings.docs.byteLength + postings.freqs.byteLength : 0;
  return {
    get(segment, term) {
      const cached = entries.get(term);
      if (cached !== undefined) {
        entries.delete(term);
        entries.set(term, cached);
        return cached ?? undefined;
      }
      const postings = segment.postings(term) ?? null;
      const size = sizeOf(postings);
      if (size > budget) return postings ?? undefined;
      entries.set(term, postings);
      bytes += size;
      for (const [oldest, value] of entries) {
        if (bytes <= budget && entries.size <= 100_000) break;
        entries.delete(oldest);
        bytes -= sizeOf(value);
      }
      return postings ?? undefined;
    },
  };
}
