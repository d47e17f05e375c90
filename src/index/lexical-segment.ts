import { closeSync, openSync, readSync } from "node:fs";
import { AppError } from "../shared/errors.ts";

/**
 * An immutable segment of the lexical index: the postings of a batch of documents (chunks), the
 * way Lucene keeps its segments. Every document has three fields (title, context, text); a
 * posting holds the term's frequency in each of them. On disk a segment is one binary file:
 *
 *   "RFTSEG01" u32 headerBytes  header (JSON: counts and the byte range of every part)
 *   docIds        UTF-8, one document id per line
 *   terms         UTF-8, one term per line, sorted
 *   termStarts    Uint32[termCount + 1]  first posting of each term
 *   fieldLengths  Uint16[docCount × 3]   distinct terms per field (BM25 length normalisation)
 *   postingDocs   Uint32[postingCount]   document number, ascending within a term
 *   postingFreqs  Uint8[postingCount × 3] frequency per field, capped at 255
 *   vocabulary    UTF-8, one word per line: the words the analyser learned from these documents
 *
 * A loaded segment keeps the term dictionary, the document ids and field lengths in memory and
 * reads a term's postings from the file when a query asks for that term, so start-up reads a
 * small part of the file and the postings of rarely asked terms never enter the heap.
 */

export const FIELD_COUNT = 3;
export const SEGMENT_MAGIC = "RFTSEG01";
const SEGMENT_FORMAT_VERSION = 1;
const MAX_FREQUENCY = 255;
const MAX_FIELD_LENGTH = 65_535;

/** One document as the analyser made it: per field, its terms in text order (repeats included). */
export interface AnalysedDocument {
  id: string;
  fields: readonly [readonly string[], readonly string[], readonly string[]];
}

export interface Postings {
  docs: Uint32Array;
  /** FIELD_COUNT frequencies per posting. */
  freqs: Uint8Array;
}

export interface Segment {
  readonly docCount: number;
  readonly termCount: number;
  readonly postingCount: number;
  docId(doc: number): string;
  /** Distinct terms of a field of a document. */
  fieldLength(doc: number, field: number): number;
  /** The same for every document: FIELD_COUNT per document. */
  readonly fieldLengths: Uint16Array;
  /** Postings of a term, or undefined when the segment does not hold it. */
  postings(term: string): Postings | undefined;
  /** Every term, in sorted order (for merging). */
  terms(): IterableIterator<string>;
  /** The words the analyser learned from this segment's documents (read from the file on call). */
  vocabulary(): string[];
  /** Bytes of the encoded segment. */
  readonly byteLength: number;
  close(): void;
}

interface HeaderPart {
  offset: number;
  length: number;
}

type PartName =
  | "docIds"
  | "terms"
  | "termStarts"
  | "fieldLengths"
  | "postingDocs"
  | "postingFreqs"
  | "vocabulary";

interface SegmentHeader {
  formatVersion: number;
  docCount: number;
  termCount: number;
  postingCount: number;
  vocabularyCount: number;
  parts: Record<PartName, HeaderPart>;
}

/** Encodes documents into a segment file's bytes. Document numbers follow the order given. */
export function encodeSegment(
  documents: readonly AnalysedDocument[],
  vocabulary: readonly string[],
): Buffer {
  const termIds = new Map<string, number>();
  // Postings as flat parallel arrays, grown as documents come: (term, doc, freq × 3).
  let capacity = 1024;
  let postingTerms = new Uint32Array(capacity);
  let postingDocs = new Uint32Array(capacity);
  let postingFreqs = new Uint8Array(capacity * FIELD_COUNT);
  let count = 0;
  const fieldLengths = new Uint16Array(documents.length * FIELD_COUNT);
  const local = new Map<number, number>();

  documents.forEach((document, doc) => {
    local.clear();
    document.fields.forEach((terms, field) => {
      const distinct = new Set<string>();
      for (const term of terms) {
        distinct.add(term);
        let termId = termIds.get(term);
        if (termId === undefined) {
          termId = termIds.size;
          termIds.set(term, termId);
        }
        let slot = local.get(termId);
        if (slot === undefined) {
          if (count === capacity) {
            capacity *= 2;
            postingTerms = grow(postingTerms, capacity);
            postingDocs = grow(postingDocs, capacity);
            postingFreqs = grow(postingFreqs, capacity * FIELD_COUNT);
          }
          slot = count;
          count += 1;
          postingTerms[slot] = termId;
          postingDocs[slot] = doc;
          local.set(termId, slot);
        }
        const at = slot * FIELD_COUNT + field;
        postingFreqs[at] = Math.min(MAX_FREQUENCY, (postingFreqs[at] ?? 0) + 1);
      }
      fieldLengths[doc * FIELD_COUNT + field] = Math.min(MAX_FIELD_LENGTH, distinct.size);
    });
  });

  // Terms in sorted order; postings grouped by term (counting sort keeps document order).
  const sortedTerms = [...termIds.keys()].sort();
  const rank = new Uint32Array(termIds.size);
  sortedTerms.forEach((term, position) => {
    rank[termIds.get(term) as number] = position;
  });
  const termStarts = new Uint32Array(sortedTerms.length + 1);
  for (let slot = 0; slot < count; slot += 1) {
    const after = (rank[postingTerms[slot] as number] as number) + 1;
    termStarts[after] = (termStarts[after] as number) + 1;
  }
  for (let term = 0; term < sortedTerms.length; term += 1) {
    termStarts[term + 1] = (termStarts[term + 1] as number) + (termStarts[term] as number);
  }
  const next = termStarts.slice(0, sortedTerms.length);
  const docsOut = new Uint32Array(count);
  const freqsOut = new Uint8Array(count * FIELD_COUNT);
  for (let slot = 0; slot < count; slot += 1) {
    const term = rank[postingTerms[slot] as number] as number;
    const target = next[term] as number;
    next[term] = target + 1;
    docsOut[target] = postingDocs[slot] as number;
    freqsOut.set(
      postingFreqs.subarray(slot * FIELD_COUNT, slot * FIELD_COUNT + FIELD_COUNT),
      target * FIELD_COUNT,
    );
  }

  return assemble(
    {
      docIds: Buffer.from(documents.map((document) => document.id).join("\n"), "utf8"),
      terms: Buffer.from(sortedTerms.join("\n"), "utf8"),
      termStarts: bytesOf(termStarts),
      fieldLengths: bytesOf(fieldLengths),
      postingDocs: bytesOf(docsOut),
      postingFreqs: bytesOf(freqsOut),
      vocabulary: Buffer.from(vocabulary.join("\n"), "utf8"),
    },
    {
      docCount: documents.length,
      termCount: sortedTerms.length,
      postingCount: count,
      vocabularyCount: vocabulary.length,
    },
  );
}

/** A segment read from bytes held in memory (a segment just built, or tests). */
export function openSegmentFromBuffer(bytes: Buffer): Segment {
  const header = readHeader(bytes.subarray(0, headerEnd(bytes)));
  return openSegment(
    header,
    (part) => copyPart(bytes, part),
    bytes.length,
    () => {},
  );
}

/**
 * An index replaced by a newer one (a re-ingest) may still serve a request in flight, so nobody
 * closes its segments at the swap; their files are closed when the segments are collected.
 */
const closeOnCollect = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** A segment read from its file: postings are read from the file on demand. */
export function openSegmentFile(path: string): Segment {
  const fd = openSync(path, "r");
  try {
    const prefix = Buffer.alloc(SEGMENT_MAGIC.length + 4);
    readExactly(fd, prefix, 0, path);
    const end = headerEnd(prefix, path);
    const headerBytes = Buffer.alloc(end);
    readExactly(fd, headerBytes, 0, path);
    const header = readHeader(headerBytes, path);
    const read = (part: HeaderPart) => {
      const bytes = new Uint8Array(part.length);
      readExactly(fd, bytes, part.offset, path);
      return bytes;
    };
    const last = header.parts.vocabulary;
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      closeOnCollect.unregister(token);
      closeSync(fd);
    };
    const token = {};
    const segment = openSegment(header, read, last.offset + last.length, close);
    closeOnCollect.register(segment, fd, token);
    return segment;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Reads a part of the segment into bytes of its own (offset 0, so typed arrays can view them). */
type PartReader = (part: HeaderPart) => Uint8Array;

function openSegment(
  header: SegmentHeader,
  read: PartReader,
  byteLength: number,
  close: () => void,
): Segment {
  const { docCount, termCount, postingCount, parts } = header;
  const last = parts.vocabulary;
  if (!last || last.offset + last.length > byteLength) {
    throw new AppError("index_invalid", "Lexical segment is truncated");
  }
  const docIds = splitLines(read(parts.docIds), docCount);
  const termList = splitLines(read(parts.terms), termCount);
  const termNumbers = new Map<string, number>();
  termList.forEach((term, number) => {
    termNumbers.set(term, number);
  });
  const termStarts = new Uint32Array(read(parts.termStarts).buffer);
  const fieldLengths = new Uint16Array(read(parts.fieldLengths).buffer);
  if (
    termStarts.length !== termCount + 1 ||
    fieldLengths.length !== docCount * FIELD_COUNT ||
    termStarts[termCount] !== postingCount
  ) {
    throw new AppError("index_invalid", "Lexical segment tables do not match its header");
  }

  const postingsOf = (number: number): Postings => {
    const start = termStarts[number] as number;
    const end = termStarts[number + 1] as number;
    const docs = new Uint32Array(
      read({ offset: parts.postingDocs.offset + start * 4, length: (end - start) * 4 }).buffer,
    );
    const freqs = read({
      offset: parts.postingFreqs.offset + start * FIELD_COUNT,
      length: (end - start) * FIELD_COUNT,
    });
    return { docs, freqs };
  };

  return {
    docCount,
    termCount,
    postingCount,
    byteLength,
    docId: (doc) => docIds[doc] as string,
    fieldLength: (doc, field) => fieldLengths[doc * FIELD_COUNT + field] as number,
    fieldLengths,
    postings(term) {
      const number = termNumbers.get(term);
      return number === undefined ? undefined : postingsOf(number);
    },
    terms: () => termList[Symbol.iterator](),
    vocabulary: () => splitLines(read(parts.vocabulary), header.vocabularyCount),
    close,
  };
}

function assemble(
  parts: Record<keyof SegmentHeader["parts"], Buffer>,
  counts: Pick<SegmentHeader, "docCount" | "termCount" | "postingCount" | "vocabularyCount">,
): Buffer {
  const names = Object.keys(parts) as (keyof SegmentHeader["parts"])[];
  // The header names absolute offsets, which depend on the header's own length: lay out twice.
  let headerLength = 0;
  for (;;) {
    let offset = align(SEGMENT_MAGIC.length + 4 + headerLength);
    const layout = {} as SegmentHeader["parts"];
    for (const name of names) {
      layout[name] = { offset, length: parts[name].length };
      offset = align(offset + parts[name].length);
    }
    const header: SegmentHeader = {
      formatVersion: SEGMENT_FORMAT_VERSION,
      ...counts,
      parts: layout,
    };
    const json = Buffer.from(JSON.stringify(header), "utf8");
    if (json.length > headerLength) {
      headerLength = json.length + 64;
      continue;
    }
    const output = Buffer.alloc(offset);
    output.write(SEGMENT_MAGIC, 0, "latin1");
    output.writeUInt32LE(headerLength, SEGMENT_MAGIC.length);
    json.copy(output, SEGMENT_MAGIC.length + 4);
    output.fill(
      0x20,
      SEGMENT_MAGIC.length + 4 + json.length,
      SEGMENT_MAGIC.length + 4 + headerLength,
    );
    for (const name of names) parts[name].copy(output, layout[name].offset);
    return output;
  }
}

function headerEnd(bytes: Buffer, source = "lexical segment"): number {
  if (
    bytes.length < SEGMENT_MAGIC.length + 4 ||
    bytes.toString("latin1", 0, SEGMENT_MAGIC.length) !== SEGMENT_MAGIC
  ) {
    throw new AppError("index_invalid", `${source} is not a lexical segment`);
  }
  return SEGMENT_MAGIC.length + 4 + bytes.readUInt32LE(SEGMENT_MAGIC.length);
}

function readHeader(bytes: Buffer, source = "lexical segment"): SegmentHeader {
  let header: SegmentHeader;
  try {
    header = JSON.parse(
      bytes.toString("utf8", SEGMENT_MAGIC.length + 4).trimEnd(),
    ) as SegmentHeader;
  } catch {
    throw new AppError("index_invalid", `${source} has an unreadable header`);
  }
  const counts = [
    header?.docCount,
    header?.termCount,
    header?.postingCount,
    header?.vocabularyCount,
  ];
  if (
    header?.formatVersion !== SEGMENT_FORMAT_VERSION ||
    !counts.every((n) => Number.isInteger(n) && n >= 0)
  ) {
    throw new AppError("index_invalid", `${source} has an unknown format`);
  }
  return header;
}

function readExactly(fd: number, buffer: Uint8Array, position: number, path: string): void {
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (read === 0) throw new AppError("index_invalid", `${path} is truncated`);
    done += read;
  }
}

function copyPart(bytes: Buffer, part: HeaderPart): Uint8Array {
  if (part.offset + part.length > bytes.length) {
    throw new AppError("index_invalid", "lexical segment is truncated");
  }
  return new Uint8Array(bytes.subarray(part.offset, part.offset + part.length));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function splitLines(bytes: Uint8Array, expected: number): string[] {
  let lines: string[];
  try {
    lines = expected === 0 ? [] : utf8.decode(bytes).split("\n");
  } catch {
    throw new AppError("index_invalid", "Lexical segment lists are not UTF-8");
  }
  if (lines.length !== expected) {
    throw new AppError("index_invalid", "Lexical segment lists do not match its header");
  }
  return lines;
}

function bytesOf(array: Uint32Array | Uint16Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

function grow<T extends Uint32Array | Uint8Array>(array: T, length: number): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  return larger;
}

/** A segment and the documents of it that were deleted after it was written. */
export interface SegmentWithDeletions {
  segment: Segment;
  /** 1 for a deleted document; null when none is. */
  deleted: Uint8Array | null;
}

/**
 * Merges segments into one, leaving deleted documents out: documents are renumbered in segment
 * order, postings of the same term concatenated, vocabularies joined.
 */
export function mergeSegments(sources: readonly SegmentWithDeletions[]): Buffer {
  const renumber: Int32Array[] = [];
  let docCount = 0;
  const docIds: string[] = [];
  const lengths: number[] = [];
  for (const { segment, deleted } of sources) {
    const map = new Int32Array(segment.docCount).fill(-1);
    for (let doc = 0; doc < segment.docCount; doc += 1) {
      if (deleted?.[doc]) continue;
      map[doc] = docCount;
      docCount += 1;
      docIds.push(segment.docId(doc));
      for (let field = 0; field < FIELD_COUNT; field += 1) {
        lengths.push(segment.fieldLength(doc, field));
      }
    }
    renumber.push(map);
  }
  const allTerms = [...new Set(sources.flatMap(({ segment }) => [...segment.terms()]))].sort();
  const termStarts = new Uint32Array(allTerms.length + 1);
  const docsOut: number[] = [];
  const freqsOut: number[] = [];
  const terms: string[] = [];
  for (const term of allTerms) {
    const before = docsOut.length;
    sources.forEach(({ segment }, source) => {
      const postings = segment.postings(term);
      const map = renumber[source] as Int32Array;
      if (!postings) return;
      for (let index = 0; index < postings.docs.length; index += 1) {
        const doc = map[postings.docs[index] as number] as number;
        if (doc < 0) continue;
        docsOut.push(doc);
        for (let field = 0; field < FIELD_COUNT; field += 1) {
          freqsOut.push(postings.freqs[index * FIELD_COUNT + field] as number);
        }
      }
    });
    if (docsOut.length === before) continue;
    terms.push(term);
    termStarts[terms.length] = docsOut.length;
  }
  const vocabulary = [...new Set(sources.flatMap(({ segment }) => segment.vocabulary()))];
  return assemble(
    {
      docIds: Buffer.from(docIds.join("\n"), "utf8"),
      terms: Buffer.from(terms.join("\n"), "utf8"),
      termStarts: bytesOf(termStarts.slice(0, terms.length + 1)),
      fieldLengths: bytesOf(Uint16Array.from(lengths)),
      postingDocs: bytesOf(Uint32Array.from(docsOut)),
      postingFreqs: bytesOf(Uint8Array.from(freqsOut)),
      vocabulary: Buffer.from(vocabulary.join("\n"), "utf8"),
    },
    {
      docCount,
      termCount: terms.length,
      postingCount: docsOut.length,
      vocabularyCount: vocabulary.length,
    },
  );
}
