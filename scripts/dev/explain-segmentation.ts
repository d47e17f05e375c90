/**
 * Shows how the segmenter reads one minutes file: every item candidate with its score and the
 * cues that fired, the table of contents, and the item lines chosen. For tuning and bug reports:
 * `npx tsx scripts/dev/explain-segmentation.ts <file>`.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { blocksToLines } from "../../src/minutes/blocks.ts";
import { toLines } from "../../src/minutes/lines.ts";
import { findReader } from "../../src/minutes/readers/index.ts";
import { scoreCandidates } from "../../src/minutes/segmenter/item-evidence.ts";
import { selectItems } from "../../src/minutes/segmenter/item-selection.ts";
import { readItemMarker } from "../../src/minutes/segmenter/markers.ts";
import { findTableOfContents } from "../../src/minutes/segmenter/table-of-contents.ts";

const path = process.argv[2];
if (!path) throw new Error("usage: explain-segmentation <file>");
const file = { path: basename(path), bytes: await readFile(path) };
const reader = findReader(file);
if (!reader) throw new Error("no reader for this file");
const result = await reader.read(file, { siblings: async () => [] });
if (result.kind !== "text" && result.kind !== "blocks") {
  console.log(`read as ${result.kind}: nothing to segment`);
  process.exit(0);
}
const lines = result.kind === "text" ? toLines(result.text) : blocksToLines(result.blocks);
const markers = lines.flatMap((line, index) => readItemMarker(line, index) ?? []);
const contents = findTableOfContents(lines, markers);
console.log(
  `contents: ${contents.entries.map((entry) => `${entry.number}:${entry.title.slice(0, 30)}`).join(" | ")}`,
);
const candidates = scoreCandidates(lines, markers, contents);
const chosen = new Set(selectItems(candidates).map((candidate) => candidate.lineIndex));
for (const candidate of candidates) {
  const mark = chosen.has(candidate.lineIndex) ? "*" : " ";
  console.log(
    `${mark} line ${String(lines[candidate.lineIndex]?.number ?? 0).padStart(4)}  #${candidate.number}  ${candidate.score.toFixed(1).padStart(5)}  [${candidate.cues.join(", ")}]  ${candidate.rest.slice(0, 60)}`,
  );
}
