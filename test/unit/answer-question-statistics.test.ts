import { beforeAll, describe, expect, it } from "vitest";
import { createAnswerQuestion } from "../../src/answer/answer-question.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts, type Prompts } from "../../src/answer/prompts.ts";
import { loadSynonyms, type SynonymTable } from "../../src/answer/synonyms.ts";
import { itemText } from "../../src/answer/term-matching.ts";
import { buildTermStatistics } from "../../src/answer/term-statistics.ts";
import { createDanishAnalyzer } from "../../src/index/danish-analyzer.ts";
import { createMeetingCatalog, ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { createFakeAnswerFunctions } from "../fakes/keyword-answer-functions.ts";

/**
 * The term statistics an answer weighs its evidence by are built with the pipeline, or handed in
 * (by a search engine that keeps its own): the answers follow the statistics they are given.
 */

const QUESTION = "Hvem blev medlem af styregruppen for ACT-indsatsen?";
let meetings: Meeting[];
let prompts: Prompts;
let synonyms: SynonymTable;

beforeAll(async () => {
  meetings = (await ingestDirectory(new URL("../../data/minutes", import.meta.url).pathname))
    .meetings;
  prompts = await loadPrompts(DEFAULT_PROMPTS_DIRECTORY);
  synonyms = await loadSynonyms();
});

function answerQuestionWith(extra: Partial<Parameters<typeof createAnswerQuestion>[0]> = {}) {
  return createAnswerQuestion({
    retriever: createFakeAnswerFunctions({ meetings, publicBaseUrl: "https://r.example" })
      .retriever,
    catalog: createMeetingCatalog(meetings),
    prompts,
    publicBaseUrl: "https://r.example",
    logger: createSilentLogger(),
    synonyms,
    ...extra,
  });
}

describe("createAnswerQuestion's term statistics", () => {
  it("answers alike from statistics built by default and the same statistics handed in", async () => {
    const byDefault = await answerQuestionWith()(QUESTION);
    expect(byDefault.abstained).toBe(false);
    expect(byDefault.citations[0]?.number).toBe(32);

    const analyzer = createDanishAnalyzer();
    analyzer.learn(
      meetings.flatMap((meeting) => meeting.items.map((item) => itemText(item, meeting.body))),
    );
    const handedIn = await answerQuestionWith({
      analyzer,
      termStatistics: buildTermStatistics(meetings, analyzer),
    })(QUESTION);
    expect(handedIn).toEqual(byDefault);
  });

  it("finds nothing distinctive when the statistics say every item holds every term", async () => {
    const itemCount = meetings.reduce((sum, meeting) => sum + meeting.items.length, 0);
    const answer = await answerQuestionWith({
      termStatistics: { itemCount, itemFrequency: () => itemCount },
    })(QUESTION);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });
});
