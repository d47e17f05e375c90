import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAnswerQuestion } from "../../src/answer/answer-question.ts";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import { createRetriever } from "../../src/answer/retriever.ts";
import { createSummariseMeeting } from "../../src/answer/summarise-meeting.ts";
import { loadSynonyms } from "../../src/answer/synonyms.ts";
import type { AnswerQuestion, SummariseMeeting } from "../../src/answer/types.ts";
import { buildSearchIndex } from "../../src/index/store.ts";
import {
  createMeetingCatalog,
  ingestDirectory,
  type MeetingCatalog,
} from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { createDeterministicEmbedder } from "../fakes/deterministic-embedder.ts";
import { type SlackHarness, startSlackHarness } from "../support/slack-bot-harness.ts";

/**
 * The bot over the real answer pipeline on the bundled minutes (extractive, hybrid retrieval with
 * the deterministic test embedder in a real hnswlib index in a temp dir).
 */

const BOT = "U0LAN0Z89";
const PUBLIC_BASE_URL = "http://referat.test";
let pipeline: {
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  catalog: MeetingCatalog;
};
let indexDir: string;
let harness: SlackHarness | undefined;

beforeAll(async () => {
  const logger = createSilentLogger();
  indexDir = await mkdtemp(join(tmpdir(), "referat-slack-index-"));
  const { meetings, failures } = await ingestDirectory("data/minutes");
  expect(failures).toEqual([]);
  const index = await buildSearchIndex({
    meetings,
    indexDir,
    embedder: createDeterministicEmbedder(),
    logger,
  });
  const retriever = createRetriever({
    chunks: index.chunks,
    lexical: index.lexical,
    dense: index.dense,
    synonyms: await loadSynonyms(),
    meetings,
    logger,
  });
  const catalog = createMeetingCatalog(meetings);
  const prompts = await loadPrompts(DEFAULT_PROMPTS_DIRECTORY);
  pipeline = {
    catalog,
    answerQuestion: createAnswerQuestion({
      retriever,
      catalog,
      prompts,
      publicBaseUrl: PUBLIC_BASE_URL,
      logger,
    }),
    summariseMeeting: createSummariseMeeting({
      catalog,
      prompts,
      publicBaseUrl: PUBLIC_BASE_URL,
      logger,
    }),
  };
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function allText(value: unknown): string {
  return JSON.stringify(value);
}

describe("Slack bot over the real answer pipeline", () => {
  it("answers a Danish mention with the person named in the minutes and a citation link", async () => {
    harness = await startSlackHarness({ ...pipeline, publicBaseUrl: PUBLIC_BASE_URL });
    const { slack } = harness;
    await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> Hvem blev medlem af styregruppen for ACT-indsatsen?` },
    });
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0], {
      timeoutMs: 15_000,
    });
    const text = allText(update.args.blocks);
    expect(text).toContain("Henrik Juncher");
    expect(text).toMatch(
      /<http:\/\/referat\.test\/meetings\/udsatteraadet-2019-09-18#punkt-\d+[^|]*\|Udsatterådet 18\.09\.2019 · Punkt \d+/,
    );
    expect(text).toContain("Uddrag fra referaterne (ekstraktivt svar)");
  });

  it("answers an English DM with English labels", async () => {
    harness = await startSlackHarness({ ...pipeline, publicBaseUrl: PUBLIC_BASE_URL });
    const { slack } = harness;
    await harness.postEvent("message_im.json", {
      event: {
        text: "Which representatives join the reference group for the new disability plans?",
      },
    });
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0], {
      timeoutMs: 15_000,
    });
    const text = allText(update.args.blocks);
    expect(text).toContain("Hans Lyng");
    expect(text).toMatch(/Udsatterådet 18\.09\.2019 · Item \d+/);
    expect(text).toContain("Quoted from the minutes (extractive answer)");
  });

  it("summarises a bundled meeting and lists the bundled meetings", async () => {
    harness = await startSlackHarness({ ...pipeline, publicBaseUrl: PUBLIC_BASE_URL });
    const { slack } = harness;
    await harness.postCommand("resume udsatterådet 18.09.2019", "real-summary");
    const summary = await slack.waitFor(() => slack.responsesTo("real-summary")[0], {
      timeoutMs: 15_000,
    });
    const meeting = pipeline.catalog.resolve("udsatterådet 18.09.2019");
    expect(meeting).toBeDefined();
    const text = allText(summary.body.blocks);
    expect(text).toContain("Resumé: Udsatterådet 18.09.2019");
    for (const item of meeting?.items ?? []) {
      expect(text).toContain(
        `*<http://referat.test/meetings/udsatteraadet-2019-09-18#punkt-${item.number}-`,
      );
      expect(text).toContain(`|Punkt ${item.number}. `);
    }
    expect(text).toContain(
      "_Beslutning:_ Taget til efterretning\\n_Resumé:_ Byrådet vedtog den 14. maj 2018",
    );

    const listing = JSON.parse((await harness.postCommand("møder", "real-meetings")).body) as {
      text: string;
      blocks: unknown;
    };
    const listed = allText(listing.blocks);
    for (const each of pipeline.catalog.list())
      expect(listed).toContain(`http://referat.test/meetings/${each.id}`);
  });
});
