import { readFileSync } from "node:fs";
import { loadSynonyms } from "../../src/answer/synonyms.ts";
import { chunkMeetings } from "../../src/index/chunking.ts";
import { createLexicalIndex } from "../../src/index/lexical-index.ts";
import { ingestDirectory } from "../../src/minutes/index.ts";

/** `tsx scripts/dev/profile-lexical.ts <minutes dir> <questions.jsonl>…`: build, then time searches (run under --cpu-prof). */
const [dir = "data/minutes", ...files] = process.argv.slice(2);
const { meetings } = await ingestDirectory(dir, {
  corpusFile: process.env.CORPUS_FILE ?? `/tmp/profile-corpus-${process.pid}.json`,
});
const chunks = chunkMeetings(meetings);
let started = performance.now();
const cpu = process.cpuUsage();
const index = createLexicalIndex();
index.add(chunks);
const cpuMs = Math.round(process.cpuUsage(cpu).user / 1000);
console.log(
  `build ${chunks.length} chunks: ${Math.round(performance.now() - started)} ms (${cpuMs} ms CPU)`,
);
const synonyms = await loadSynonyms();
const questions = files.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).q as string),
);
const expansions = questions.map((question) => synonyms.expand(question));
const samples: number[] = [];
for (let round = 0; round < Number(process.env.ROUNDS ?? 10); round += 1) {
  questions.forEach((question, position) => {
    started = performance.now();
    index.search(question, { limit: 60, expansions: expansions[position] ?? [] });
    samples.push(performance.now() - started);
  });
}
samples.sort((a, b) => a - b);
const at = (share: number) => samples[Math.floor(share * (samples.length - 1))]?.toFixed(2);
console.log(
  `search p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms over ${samples.length}`,
);
