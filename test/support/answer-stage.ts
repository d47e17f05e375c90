import { catalogAnalyzer } from "../../src/answer/answer-question.ts";
import { buildTermIndex, type TermIndex } from "../../src/answer/term-evidence.ts";
import type { TextAnalyzer } from "../../src/index/danish-analyzer.ts";
import type { MeetingCatalog } from "../../src/minutes/catalog.ts";
import { createMeetingCatalog, ingestDirectory, type Meeting } from "../../src/minutes/index.ts";

/** What the answer stage judges by, over real minutes: the catalogue, its analyser, its term index. */
export interface AnswerStage {
  meetings: Meeting[];
  catalog: MeetingCatalog;
  analyzer: TextAnalyzer;
  termIndex: TermIndex;
}

/** Reads the minutes folders and builds the answer stage over them, as the pipeline does. */
export async function answerStageOver(directories: readonly string[]): Promise<AnswerStage> {
  const read = await Promise.all(directories.map((directory) => ingestDirectory(directory)));
  const meetings = read.flatMap((result) => result.meetings);
  const catalog = createMeetingCatalog(meetings);
  const analyzer = catalogAnalyzer(catalog);
  return { meetings, catalog, analyzer, termIndex: buildTermIndex(catalog.list(), analyzer) };
}
