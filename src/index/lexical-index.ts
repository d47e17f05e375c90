import MiniSearch from "minisearch";
import { z } from "zod";
import { formatDanishDate } from "../minutes/dates.ts";
import { AppError, describeError } from "../shared/errors.ts";
import { createDanishAnalyzer, createPlainAnalyzer, type TextAnalyzer } from "./danish-analyzer.ts";
import type { Chunk, LexicalIndex, LexicalSearchOptions, ScoredChunk } from "./types.ts";

/**
 * BM25 (minisearch scores with BM25+) over chunks, with the Danish analyser as tokenizer. Item
 * title, context (body, date, item number, section heading) and passage are separate fields, so a
 * word in the title counts more than the same word deep in a long passage.
 */

/** `danish`: the full analyser. `plain`: lower-cased words only, the evaluation baseline. */
export type LexicalAnalysis = "danish" | "plain";

export interface DanishLexicalIndex extends LexicalIndex {
  readonly analysis: LexicalAnalysis;
  readonly size: number;
  has(chunkId: string): boolean;
}

export const DEFAULT_LEXICAL_LIMIT = 50;
/** Expansions are the system's guesses at what the asker meant; the asker's own words weigh more. */
export const EXPANSION_WEIGHT = 0.6;

const FIELD_BOOSTS = { title: 2, context: 0.5, text: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);
/**
 * Bump whenever the analyser's output changes (stop words, stemming rules, compound rules, fields,
 * boosts): an index saved by an older analyser then fails to load as `index_invalid` and is rebuilt
 * instead of silently mismatching the terms of new queries.
 */
export const LEXICAL_FORMAT_VERSION = 1;

interface LexicalDocument {
  id: string;
  title: string;
  context: string;
  text: string;
}

const serializedSchema = z.object({
  formatVersion: z.literal(LEXICAL_FORMAT_VERSION),
  analysis: z.enum(["danish", "plain"]),
  vocabulary: z.array(z.string()),
  // minisearch validates its own structure in loadJS; only its presence is checked here.
  index: z.record(z.string(), z.unknown()),
});

export function createLexicalIndex(
  options: { analysis?: LexicalAnalysis } = {},
): DanishLexicalIndex {
  const analysis = options.analysis ?? "danish";
  const analyzer = analyzerFor(analysis, []);
  return wrap(analysis, analyzer, new MiniSearch<LexicalDocument>(miniSearchOptions(analyzer)));
}

/** The baseline of the evaluation: BM25 with no stemming, folding, compounds or synonyms. */
export function createPlainBm25Index(): DanishLexicalIndex {
  return createLexicalIndex({ analysis: "plain" });
}

/** Restores an index from `serialize()`; anything unreadable is an `index_invalid` AppError. */
export function loadLexicalIndex(serialized: string): DanishLexicalIndex {
  let payload: z.infer<typeof serializedSchema>;
  try {
    payload = serializedSchema.parse(JSON.parse(serialized));
  } catch (error) {
    throw new AppError("index_invalid", `Lexical index is unreadable: ${describeError(error)}`, {
      cause: error,
    });
  }
  const analyzer = analyzerFor(payload.analysis, payload.vocabulary);
  let miniSearch: MiniSearch<LexicalDocument>;
  try {
    miniSearch = MiniSearch.loadJS(
      payload.index as unknown as Parameters<typeof MiniSearch.loadJS>[0],
      miniSearchOptions(analyzer),
    );
  } catch (error) {
    throw new AppError("index_invalid", `Lexical index is corrupt: ${describeError(error)}`, {
      cause: error,
    });
  }
  return wrap(payload.analysis, analyzer, miniSearch);
}

function analyzerFor(analysis: LexicalAnalysis, vocabulary: string[]): TextAnalyzer {
  return analysis === "plain" ? createPlainAnalyzer() : createDanishAnalyzer({ vocabulary });
}

function miniSearchOptions(analyzer: TextAnalyzer) {
  return {
    fields: FIELDS,
    storeFields: [],
    tokenize: (text: string) => analyzer.indexTerms(text),
    processTerm: (term: string) => term,
    searchOptions: { boost: { ...FIELD_BOOSTS } },
  };
}

function toDocument(chunk: Chunk): LexicalDocument {
  return {
    id: chunk.id,
    title: chunk.itemTitle,
    context: `${chunk.body} ${formatDanishDate(chunk.date)} Punkt ${chunk.itemNumber} ${chunk.sectionHeading}`,
    text: chunk.text,
  };
}

function wrap(
  analysis: LexicalAnalysis,
  analyzer: TextAnalyzer,
  miniSearch: MiniSearch<LexicalDocument>,
): DanishLexicalIndex {
  return {
    analysis,
    get size() {
      return miniSearch.documentCount;
    },
    has(chunkId) {
      return miniSearch.has(chunkId);
    },
    add(chunks) {
      const documents = chunks.map(toDocument);
      // Learn the words first, so compounds in this batch split into parts seen in this batch.
      analyzer.learn(documents.flatMap((document) => [document.title, document.text]));
      for (const document of documents) {
        if (miniSearch.has(document.id)) miniSearch.replace(document);
        else miniSearch.add(document);
      }
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
      if (weights.size === 0) return [];
      const limit = options.limit ?? DEFAULT_LEXICAL_LIMIT;
      const results = miniSearch.search([...weights.keys()].join(" "), {
        tokenize: (text) => text.split(" "),
        processTerm: (term) => term,
        boostTerm: (term) => weights.get(term) ?? 1,
      });
      // minisearch multiplies the BM25 sum by the number of query terms matched; here each
      // matched term counts by its weight instead, so weak compound parts and expansions that
      // happen to match do not outweigh the asker's own words.
      return results
        .map((result): ScoredChunk => {
          const bm25 = result.score / Math.max(1, result.queryTerms.length);
          const coordination = result.queryTerms.reduce(
            (sum, term) => sum + (weights.get(term) ?? 0),
            0,
          );
          return { chunkId: String(result.id), score: bm25 * coordination };
        })
        .sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId))
        .slice(0, limit);
    },
    serialize() {
      return JSON.stringify({
        formatVersion: LEXICAL_FORMAT_VERSION,
        analysis,
        vocabulary: analyzer.vocabulary(),
        index: miniSearch.toJSON(),
      });
    },
  };
}
