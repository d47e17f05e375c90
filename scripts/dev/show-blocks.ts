/**
 * Prints the blocks a reader makes of one file, one JSON line each (text, role, level, bold,
 * size, page, cells), or the text of a text file: to see what the segmenter is given.
 * `npx tsx scripts/dev/show-blocks.ts <file>`.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { findReader } from "../../src/minutes/readers/index.ts";

const path = process.argv[2];
if (!path) throw new Error("usage: show-blocks <file>");
const file = { path: basename(path), bytes: new Uint8Array(await readFile(path)) };
const reader = findReader(file);
if (!reader) throw new Error("no reader for this file");
const result = await reader.read(file, { siblings: async () => [] });
if (result.kind === "blocks") {
  for (const block of result.blocks) {
    console.log(
      JSON.stringify({
        text: block.text,
        role: block.role,
        level: block.level,
        bold: block.bold,
        size: block.size === undefined ? undefined : Math.round(block.size * 100) / 100,
        page: block.page,
        cells: block.cells,
      }),
    );
  }
} else if (result.kind === "text") {
  console.log(result.text);
} else {
  console.log(`read as ${result.kind}: no blocks`);
}
