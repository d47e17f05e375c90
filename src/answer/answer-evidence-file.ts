import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../index/embedders/embedding-cache.ts";
import type { TermStatisticsData } from "./term-statistics.ts";

/**
 * What the answer stage counts over the whole corpus before its first answer (the words its
 * analyser learns, the items holding each term), saved beside the index so that a start over an
 * unchanged corpus reads it instead of analysing every item again. One binary file:
 *
 *   "RFANSEV1" u32 headerBytes  header (JSON: counts, run counts, byte lengths)
 *   vocabulary  UTF-8, a word per line
 *   terms       UTF-8, a term per line
 *   starts      Uint32[termCount + 1]
 *   items       Uint16 or Uint32 [starts[termCount]]
 *
 * Anything that does not fit what the header says is not used (and the stage is built anew).
 */

export interface AnswerEvidence {
  vocabulary: string[];
  statistics: TermStatisticsData;
}

const MAGIC = "RFANSEV1";

interface Header {
  itemCount: number;
  vocabularyBytes: number;
  termCount: number;
  termBytes: number;
  itemWidth: 2 | 4;
  runCounts: [string, number][];
}

export async function writeAnswerEvidence(path: string, evidence: AnswerEvidence): Promise<void> {
  const { statistics } = evidence;
  const vocabulary = Buffer.from(evidence.vocabulary.join("\n"), "utf8");
  const terms = Buffer.from(statistics.terms.join("\n"), "utf8");
  const header: Header = {
    itemCount: statistics.itemCount,
    vocabularyBytes: vocabulary.length,
    termCount: statistics.terms.length,
    termBytes: terms.length,
    itemWidth: statistics.itemNumbers instanceof Uint16Array ? 2 : 4,
    runCounts: statistics.runCounts,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(json.length, MAGIC.length);
  await writeFileAtomic(
    path,
    Buffer.concat([
      prefix,
      json,
      vocabulary,
      terms,
      bytesOf(statistics.starts),
      bytesOf(statistics.itemNumbers),
    ]),
  );
}

/** The saved evidence, or null when the file is missing or does not hold what its header says. */
export async function readAnswerEvidence(path: string): Promise<AnswerEvidence | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  try {
    if (bytes.toString("latin1", 0, MAGIC.length) !== MAGIC) return null;
    const headerLength = bytes.readUInt32LE(MAGIC.length);
    let offset = MAGIC.length + 4;
    const header = JSON.parse(bytes.toString("utf8", offset, offset + headerLength)) as Header;
    offset += headerLength;
    const take = (length: number) => {
      if (!Number.isInteger(length) || length < 0 || offset + length > bytes.length) {
        throw new Error("truncated");
      }
      const part = new Uint8Array(length);
      part.set(bytes.subarray(offset, offset + length));
      offset += length;
      return part;
    };
    const text = (length: number) => Buffer.from(take(length)).toString("utf8");
    const vocabulary = header.vocabularyBytes === 0 ? [] : text(header.vocabularyBytes).split("\n");
    const terms = header.termCount === 0 ? [] : text(header.termBytes).split("\n");
    const starts = new Uint32Array(take((header.termCount + 1) * 4).buffer);
    const total = starts[header.termCount] ?? -1;
    const width = header.itemWidth === 2 ? 2 : 4;
    const raw = take(total * width);
    const itemNumbers = width === 2 ? new Uint16Array(raw.buffer) : new Uint32Array(raw.buffer);
    if (
      terms.length !== header.termCount ||
      offset !== bytes.length ||
      !Array.isArray(header.runCounts) ||
      !Number.isInteger(header.itemCount) ||
      itemNumbers.some((item) => item >= header.itemCount)
    ) {
      return null;
    }
    return {
      vocabulary,
      statistics: {
        itemCount: header.itemCount,
        terms,
        starts,
        itemNumbers,
        runCounts: header.runCounts,
      },
    };
  } catch {
    return null;
  }
}

function bytesOf(array: Uint32Array | Uint16Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
