import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

/**
 * A FreeDict dictionary as Debian installs it for dictd (`/usr/share/dictd/freedict-X-Y.index`
 * and `.dict.dz`): the index lists each headword with the offset and length of its entry in the
 * (dictzip, i.e. gzip) text; an entry is the headword line (`bro /bɐ̯ˈʔo/ <n>`) followed by its
 * translations, comma-separated, one line per sense (`1. …`, `2. …` when numbered).
 */

export interface DictionaryEntry {
  headword: string;
  /** Translations, one list per sense, in the dictionary's order (the first is the main sense). */
  senses: string[][];
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** dictd writes offsets and lengths as base-64 numbers. */
export function decodeDictNumber(text: string): number {
  let value = 0;
  for (const character of text) {
    const digit = BASE64.indexOf(character);
    if (digit === -1) throw new Error(`not a dictd number: ${text}`);
    value = value * 64 + digit;
  }
  return value;
}

export async function readFreeDict(
  indexPath: string,
  dictPath: string,
): Promise<DictionaryEntry[]> {
  const [index, compressed] = await Promise.all([readFile(indexPath, "utf8"), readFile(dictPath)]);
  const text = gunzipSync(compressed);
  const entries: DictionaryEntry[] = [];
  for (const line of index.split("\n")) {
    const [headword, offset, length] = line.split("\t");
    if (!headword || !offset || !length || headword.startsWith("00database")) continue;
    const start = decodeDictNumber(offset);
    const body = text.subarray(start, start + decodeDictNumber(length)).toString("utf8");
    const senses = parseSenses(body);
    if (senses.length > 0) entries.push({ headword, senses });
  }
  return entries;
}

const SENSE_NUMBER = /^\s*\d+\.\s*/u;
/** Notes in brackets or parentheses are not part of the translation. */
const NOTE = /\[[^\]]*\]|\([^)]*\)|<[^>]*>/gu;

function parseSenses(body: string): string[][] {
  const [, ...lines] = body.split("\n");
  const senses: string[][] = [];
  for (const line of lines) {
    const sense = line
      .replace(SENSE_NUMBER, "")
      .replace(NOTE, " ")
      .split(/[,;]/u)
      .map((translation) => translation.replace(/\s+/gu, " ").trim())
      .filter((translation) => translation !== "");
    if (sense.length > 0) senses.push(sense);
  }
  return senses;
}
