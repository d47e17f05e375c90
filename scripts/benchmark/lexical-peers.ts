import { statSync } from "node:fs";
import Database from "better-sqlite3";
import MiniSearch from "minisearch";
import { createDanishAnalyzer, createPlainAnalyzer } from "../../src/index/danish-analyzer.ts";
import type { Chunk } from "../../src/index/types.ts";
import { formatDanishDate } from "../../src/minutes/index.ts";

/**
 * Peers of Referat's lexical leg, built over the same chunks and asked the same questions (with
 * the same synonym expansions) in the same run, so their latencies can be read as ratios:
 *
 * - SQLite FTS5 (better-sqlite3) fed with Referat's own Danish analysis: each field's index
 *   terms joined by spaces; the query is the analyser's query terms of the question and of its
 *   expansions, OR-ed; ranked by bm25 with Referat's field weights (title 2, context 0.5, text 1).
 *   FTS5 has no per-term weights, so compound parts and expansions count as much as the words.
 * - SQLite FTS5 with its own `unicode61 remove_diacritics 2` tokenizer on the raw text, the words
 *   of question and expansions OR-ed: what FTS5 gives without any Danish analysis.
 * - minisearch (plain BM25+) with its default tokenizer on the raw text.
 */

export const PEER_LIMIT = 60;

/** The fields Referat's lexical index reads from a chunk. */
export interface PeerDocument {
  id: string;
  title: string;
  context: string;
  text: string;
}

export interface LexicalPeer {
  readonly name: string;
  readonly description: string;
  /** Chunk ids, best first, at most PEER_LIMIT. */
  search(question: string, expansions: readonly string[]): string[];
  /** Bytes on disk (SQLite file) or serialised (minisearch). */
  sizeBytes(): number;
  close(): void;
}

export interface PeerBuilder {
  readonly name: string;
  /** `file`: where an on-disk peer keeps its database. */
  build(documents: readonly PeerDocument[], file: string): LexicalPeer;
}

export function peerDocuments(chunks: readonly Chunk[]): PeerDocument[] {
  return chunks.map((chunk) => ({
    id: chunk.id,
    title: chunk.itemTitle,
    context: `${chunk.body} ${formatDanishDate(chunk.date)} Punkt ${chunk.itemNumber} ${chunk.sectionHeading}`,
    text: chunk.text,
  }));
}

/** Characters FTS5's unicode61 tokenizer is told to keep inside a token (amounts, case numbers). */
const TOKEN_CHARACTERS = ".-/,§_";
/** Anything else that is not a letter or digit would split an analysed term into two. */
const NOT_TOKEN_CHARACTER = /[^\p{L}\p{N}.\-/,§_]/gu;

function sanitiseTerm(term: string): string {
  return term.replace(NOT_TOKEN_CHARACTER, "_");
}

function matchExpression(terms: Iterable<string>): string {
  return [...terms].map((term) => `"${term.replaceAll('"', '""')}"`).join(" OR ");
}

function createFts5Table(file: string, tokenizer: string): Database {
  const database = new Database(file);
  database.pragma("journal_mode = OFF");
  database.pragma("synchronous = OFF");
  database.exec(
    `CREATE VIRTUAL TABLE fts USING fts5(title, context, text, tokenize = "${tokenizer}")`,
  );
  return database;
}

function fts5Peer(
  database: Database,
  file: string,
  documents: readonly PeerDocument[],
  identity: { name: string; description: string },
  terms: (question: string, expansions: readonly string[]) => Set<string>,
): LexicalPeer {
  const query = database
    .prepare<number>(
      `SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 2, 0.5, 1) LIMIT ${PEER_LIMIT}`,
    )
    .pluck();
  return {
    ...identity,
    search(question, expansions) {
      const wanted = terms(question, expansions);
      if (wanted.size === 0) return [];
      return query.all(matchExpression(wanted)).map((row) => documents[row]?.id ?? "");
    },
    sizeBytes: () => statSync(file).size,
    close: () => database.close(),
  };
}

function insertAll(
  database: Database,
  documents: readonly PeerDocument[],
  fields: (document: PeerDocument) => [string, string, string],
): void {
  const insert = database.prepare(
    "INSERT INTO fts(rowid, title, context, text) VALUES (?, ?, ?, ?)",
  );
  database.transaction(() => {
    documents.forEach((document, row) => {
      insert.run(row, ...fields(document));
    });
  })();
  // Merges the segments written during the build, as a finished index would be kept.
  database.exec("INSERT INTO fts(fts) VALUES ('optimize')");
}

export const analysedFts5Peer: PeerBuilder = {
  name: "SQLite FTS5, Referat's analysis",
  build(documents, file) {
    const analyzer = createDanishAnalyzer();
    analyzer.learn(documents.flatMap((document) => [document.title, document.text]));
    const analysed = (text: string) => analyzer.indexTerms(text).map(sanitiseTerm).join(" ");
    const database = createFts5Table(
      file,
      `unicode61 remove_diacritics 0 tokenchars '${TOKEN_CHARACTERS}'`,
    );
    insertAll(database, documents, (document) => [
      analysed(document.title),
      analysed(document.context),
      analysed(document.text),
    ]);
    return fts5Peer(
      database,
      file,
      documents,
      {
        name: this.name,
        description:
          "createDanishAnalyzer terms (learned on the chunks) in title/context/text; query terms and synonym expansions OR-ed; bm25(fts, 2, 0.5, 1)",
      },
      (question, expansions) => {
        const terms = new Set<string>();
        for (const text of [question, ...expansions]) {
          for (const { term } of analyzer.queryTerms(text)) terms.add(sanitiseTerm(term));
        }
        return terms;
      },
    );
  },
};

/** Words as the evaluation's plain-BM25 baseline splits them: lower case, letters and digits. */
const plainWords = createPlainAnalyzer();

export const rawFts5Peer: PeerBuilder = {
  name: "SQLite FTS5, unicode61",
  build(documents, file) {
    const database = createFts5Table(file, "unicode61 remove_diacritics 2");
    insertAll(database, documents, (document) => [document.title, document.context, document.text]);
    return fts5Peer(
      database,
      file,
      documents,
      {
        name: this.name,
        description:
          "raw text, tokenize unicode61 remove_diacritics 2; words of question and expansions OR-ed; bm25(fts, 2, 0.5, 1)",
      },
      (question, expansions) =>
        new Set([question, ...expansions].flatMap((text) => plainWords.indexTerms(text))),
    );
  },
};

export const minisearchPeer: PeerBuilder = {
  name: "minisearch, plain BM25",
  build(documents) {
    const index = new MiniSearch<PeerDocument>({
      fields: ["title", "context", "text"],
      storeFields: [],
      searchOptions: { boost: { title: 2, context: 0.5, text: 1 } },
    });
    index.addAll(documents as PeerDocument[]);
    return {
      name: this.name,
      description:
        "raw text, minisearch's default tokenizer; question and expansions as one OR query; same field boosts",
      search(question, expansions) {
        return index
          .search([question, ...expansions].join(" "))
          .slice(0, PEER_LIMIT)
          .map((result) => String(result.id));
      },
      sizeBytes: () => Buffer.byteLength(JSON.stringify(index)),
      close() {},
    };
  },
};

export const LEXICAL_PEERS: readonly PeerBuilder[] = [
  analysedFts5Peer,
  rawFts5Peer,
  minisearchPeer,
];
