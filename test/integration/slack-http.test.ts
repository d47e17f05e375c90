import { readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.ts";
import { AppError } from "../../src/shared/errors.ts";
import {
  sampleAnswer,
  sampleCitation,
  sampleSummary,
  scriptedAnswerQuestion,
  scriptedSummariseMeeting,
} from "../fakes/answer-functions.ts";
import type { RecordedCall } from "../fakes/slack-web-api.ts";
import { type SlackHarness, startSlackHarness } from "../support/slack-bot-harness.ts";
import { loadSlackFixture, postSignedToSlack, slackSignature } from "../support/slack-signing.ts";

/**
 * The bot in HTTP mode: Slack's published payloads, signed as Slack signs them, posted to Bolt's
 * real HTTP receiver; replies land in a loopback Slack Web API.
 */

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const BOT = "U0LAN0Z89";
type Block = {
  type: string;
  text?: { text: string };
  elements?: { text?: string | { text: string }; action_id?: string; value?: string }[];
};

function blocksOf(call: RecordedCall | { body: Record<string, unknown> }): Block[] {
  const source = "args" in call ? call.args : call.body;
  return (source.blocks ?? []) as Block[];
}

function textOf(blocks: Block[]): string {
  return blocks
    .flatMap((block) => [
      block.text?.text ?? "",
      ...(block.elements ?? []).map((element) =>
        typeof element.text === "string" ? element.text : (element.text?.text ?? ""),
      ),
    ])
    .join("\n");
}

function buttons(blocks: Block[]) {
  return blocks
    .filter((block) => block.type === "actions")
    .flatMap((block) => block.elements ?? []);
}

describe("Slack HTTP mode: request verification", () => {
  it("answers Slack's url_verification challenge", async () => {
    harness = await startSlackHarness();
    const fixture = loadSlackFixture("url_verification.json");
    const result = await postSignedToSlack(harness.eventsUrl, JSON.stringify(fixture), {
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      contentType: "application/json",
    });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ challenge: fixture.challenge });
  });

  it("rejects a bad signature and a stale timestamp without doing anything", async () => {
    harness = await startSlackHarness();
    const body = { event: { text: `<@${BOT}> hvad blev besluttet?` } };
    const forged = await harness.postEvent("app_mention.json", body, {
      signature: slackSignature("not-the-secret", Math.floor(Date.now() / 1000), "{}"),
    });
    expect(forged.status).toBe(401);

    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const stale = await harness.postEvent("app_mention.json", body, { timestamp: sixMinutesAgo });
    expect(stale.status).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.slack.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("answers paths other than /slack/events with 404 instead of throwing", async () => {
    harness = await startSlackHarness();
    const response = await fetch(harness.eventsUrl.replace("/slack/events", "/slack/other"), {
      method: "POST",
    });
    expect(response.status).toBe(404);
  });
});

describe("Slack HTTP mode: mentions, DMs and threads", () => {
  it("replies to a mention in a thread under the question, replacing a placeholder", async () => {
    const answerQuestion = scriptedAnswerQuestion({ delayMs: 150 });
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const fixture = loadSlackFixture("app_mention.json").event as { ts: string; channel: string };

    const result = await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> Hvad blev besluttet om budget 2020?` },
    });
    expect(result.status).toBe(200);
    expect(result.elapsedMs).toBeLessThan(1000);

    const placeholder = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(placeholder.args).toMatchObject({ channel: fixture.channel, thread_ts: fixture.ts });
    expect(textOf(blocksOf(placeholder))).toContain("Kigger i referaterne…");
    // The placeholder is there before the answer function has finished.
    expect(slack.callsTo("chat.update")).toHaveLength(0);

    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    const placeholderTs = slack
      .messages(fixture.channel)
      .find((message) => message.thread_ts === fixture.ts)?.ts;
    expect(update.args.ts).toBe(placeholderTs);
    const blocks = blocksOf(update);
    const text = textOf(blocks);
    expect(text).toContain("Udsatterådet tog orienteringen om budget 2020 til efterretning.");
    expect(text).toContain(
      "<http://localhost:3000/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning|Udsatterådet 18.09.2019 · Punkt 32 › Beslutning>",
    );
    expect(text).toContain("> Udsatterådet tog orienteringen til efterretning.");
    expect(text).toContain("Uddrag fra referaterne (ekstraktivt svar)");
    expect(buttons(blocks).map((button) => button.action_id)).toEqual([
      "referat_feedback_up",
      "referat_feedback_down",
    ]);
    expect(answerQuestion.calls).toHaveLength(1);
    expect(answerQuestion.calls[0]?.question).toBe("Hvad blev besluttet om budget 2020?");
    expect(answerQuestion.calls[0]?.options?.history).toEqual([]);
  });

  it("replies to a direct message in the DM, with English labels for an English question", async () => {
    const answerQuestion = scriptedAnswerQuestion({
      answer: () =>
        sampleAnswer({ language: "en", mode: "llm", text: "The council noted the budget." }),
    });
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const result = await harness.postEvent("message_im.json", {
      event: { text: "What was decided about the budget?" },
    });
    expect(result.status).toBe(200);

    const placeholder = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(placeholder.args.channel).toBe("D024BE91L");
    expect(placeholder.args.thread_ts).toBeUndefined();
    expect(textOf(blocksOf(placeholder))).toContain("Looking in the minutes…");

    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    const text = textOf(blocksOf(update));
    expect(text).toContain("The council noted the budget.");
    expect(text).toContain("Udsatterådet 18.09.2019 · Item 32 › Beslutning");
    expect(text).toContain("Generated answer (language model): check the sources");
    expect(text).toContain("👍 Helpful");
  });

  it("answers a retried event (same event_id, X-Slack-Retry-Num: 1) only once", async () => {
    const answerQuestion = scriptedAnswerQuestion({ delayMs: 100 });
    harness = await startSlackHarness({ answerQuestion });
    const event = { event: { text: `<@${BOT}> hvad blev besluttet?` }, eventId: "Ev0RETRY1" };
    const first = await harness.postEvent("app_mention.json", event);
    const retry = await harness.postEvent("app_mention.json", event, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const { slack } = harness;
    await slack.waitFor(() => slack.callsTo("chat.update").length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answerQuestion.calls).toHaveLength(1);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(
      harness.logs.some(
        (line) => line.msg === "repeated Slack event ignored" && line.retryNum === 1,
      ),
    ).toBe(true);
  });

  it("continues a thread it answered in, passing the earlier turns as history", async () => {
    const answerQuestion = scriptedAnswerQuestion({
      answer: (question) =>
        sampleAnswer({
          text: question.includes("hvem") ? "Det var Søren Nielsen." : "Budgettet blev godkendt.",
        }),
    });
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const channel = "C123ABC456";
    const rootTs = slack.nextTs();
    const rootText = `<@${BOT}> Hvad blev besluttet om budgettet?`;
    slack.seedMessage(channel, { ts: rootTs, user: "U061F7AUR", text: rootText });
    await harness.postEvent("app_mention.json", {
      event: { text: rootText, ts: rootTs, event_ts: rootTs, channel },
      eventId: "Ev0ROOT",
    });
    await slack.waitFor(() => slack.callsTo("chat.update").length === 1);

    const followUpTs = slack.nextTs();
    const followUpText = "Og hvem fremlagde sagen?";
    slack.seedMessage(channel, {
      ts: followUpTs,
      user: "U061F7AUR",
      text: followUpText,
      thread_ts: rootTs,
    });
    const result = await harness.postEvent("app_mention.json", {
      event: {
        type: "message",
        channel_type: "channel",
        text: followUpText,
        ts: followUpTs,
        event_ts: followUpTs,
        thread_ts: rootTs,
        channel,
      },
      eventId: "Ev0FOLLOWUP",
    });
    expect(result.status).toBe(200);
    await slack.waitFor(() => slack.callsTo("chat.update").length === 2, {
      what: "the follow-up answer",
    });

    expect(answerQuestion.calls).toHaveLength(2);
    expect(answerQuestion.calls[1]?.question).toBe(followUpText);
    expect(answerQuestion.calls[1]?.options?.history).toEqual([
      { role: "user", text: "Hvad blev besluttet om budgettet?" },
      { role: "assistant", text: "Budgettet blev godkendt." },
    ]);
    const followUpPlaceholder = slack.callsTo("chat.postMessage")[1];
    expect(followUpPlaceholder?.args.thread_ts).toBe(rootTs);
    expect(textOf(blocksOf(slack.callsTo("chat.update")[1] as RecordedCall))).toContain(
      "Det var Søren Nielsen.",
    );
  });

  it("continues a DM conversation from the last half hour of messages", async () => {
    const answerQuestion = scriptedAnswerQuestion({
      answer: (question) => sampleAnswer({ text: `Svar på: ${question}` }),
    });
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const channel = "D024BE91L";
    const longAgo = `${Math.floor(Date.now() / 1000) - 2 * 60 * 60}.000001`;
    slack.seedMessage(channel, { ts: longAgo, user: "U2147483697", text: "Gammelt spørgsmål" });
    const firstTs = slack.nextTs();
    slack.seedMessage(channel, {
      ts: firstTs,
      user: "U2147483697",
      text: "Hvad blev besluttet om budgettet?",
    });
    await harness.postEvent("message_im.json", {
      event: { text: "Hvad blev besluttet om budgettet?", ts: firstTs, event_ts: firstTs },
      eventId: "EvDM1",
    });
    await slack.waitFor(() => slack.callsTo("chat.update").length === 1);
    expect(answerQuestion.calls[0]?.options?.history).toEqual([]);

    const secondTs = slack.nextTs();
    slack.seedMessage(channel, { ts: secondTs, user: "U2147483697", text: "Og i 2021?" });
    await harness.postEvent("message_im.json", {
      event: { text: "Og i 2021?", ts: secondTs, event_ts: secondTs },
      eventId: "EvDM2",
    });
    await slack.waitFor(() => slack.callsTo("chat.update").length === 2);
    expect(answerQuestion.calls[1]?.options?.history).toEqual([
      { role: "user", text: "Hvad blev besluttet om budgettet?" },
      { role: "assistant", text: "Svar på: Hvad blev besluttet om budgettet?" },
    ]);
  });

  it("stays out of threads it is not part of, and ignores bots, edits and joins", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const channel = "C0OTHER";
    const rootTs = slack.nextTs();
    slack.seedMessage(channel, { ts: rootTs, user: "U1", text: "Frokost?" });
    const replyTs = slack.nextTs();
    slack.seedMessage(channel, { ts: replyTs, user: "U2", text: "Ja tak", thread_ts: rootTs });
    const base = { type: "message", channel, channel_type: "channel" };
    await harness.postEvent("app_mention.json", {
      event: { ...base, user: "U2", text: "Ja tak", ts: replyTs, thread_ts: rootTs },
      eventId: "Ev1",
    });
    await slack.waitFor(() => slack.callsTo("conversations.replies").length === 1);

    await harness.postEvent("message_im.json", {
      event: { bot_id: "B0OTHER", text: "hvad blev besluttet?" },
      eventId: "Ev2",
    });
    await harness.postEvent("message_im.json", {
      event: { user: BOT, bot_id: slack.botId, text: "mit eget svar" },
      eventId: "Ev3",
    });
    await harness.postEvent("message_im.json", {
      event: { subtype: "message_changed", text: "redigeret" },
      eventId: "Ev4",
    });
    await harness.postEvent("message_im.json", {
      event: { subtype: "channel_join", text: "<@U1> has joined" },
      eventId: "Ev5",
    });
    // Top-level channel chatter without a mention is not for the bot either.
    await harness.postEvent("app_mention.json", {
      event: { ...base, user: "U2", text: "hvad blev besluttet?", ts: slack.nextTs() },
      eventId: "Ev6",
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answerQuestion.calls).toHaveLength(0);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("tells the user in the thread when answering fails, and logs the error code", async () => {
    const answerQuestion = scriptedAnswerQuestion({
      error: new AppError("llm_unavailable", "connection refused"),
    });
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> hvad blev besluttet?` },
    });
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    const text = textOf(blocksOf(update));
    expect(text).toContain("Beklager, noget gik galt");
    expect(text).toContain("llm_unavailable");
    expect(update.args.ts).toBe(
      slack.callsTo("chat.postMessage")[0] && slack.messages("C123ABC456")[0]?.ts,
    );
    const logged = harness.logs.find((line) => line.msg === "answering failed");
    expect(logged).toMatchObject({ code: "llm_unavailable", level: 50, surface: "mention" });
  });

  it("gives up after the answer timeout with a friendly message", async () => {
    const answerQuestion = scriptedAnswerQuestion({ delayMs: 5000 });
    harness = await startSlackHarness({ answerQuestion, answerTimeoutMs: 200 });
    const { slack } = harness;
    await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> hvad blev besluttet?` },
    });
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    expect(textOf(blocksOf(update))).toContain("det tog for lang tid");
    expect(answerQuestion.calls[0]?.options?.signal?.aborted).toBe(true);
    expect(harness.logs.find((line) => line.msg === "answering failed")?.code).toBe(
      "answer_timeout",
    );
  });

  it("still tells the user when the placeholder cannot be replaced", async () => {
    harness = await startSlackHarness({
      answerQuestion: scriptedAnswerQuestion({ error: new Error("boom") }),
    });
    const { slack } = harness;
    slack.failNext("chat.update", "message_not_found");
    await harness.postEvent("message_im.json", { event: { text: "hvad blev besluttet?" } });
    await slack.waitFor(() => slack.callsTo("chat.postMessage").length === 2);
    expect(textOf(blocksOf(slack.callsTo("chat.postMessage")[1] as RecordedCall))).toContain(
      "internal_error",
    );
  });

  it("logs a failed placeholder post with its code instead of crashing", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion });
    harness.slack.failNext("chat.postMessage", "channel_not_found");
    await harness.postEvent("message_im.json", { event: { text: "hvad blev besluttet?" } });
    const logged = await harness.slack.waitFor(() =>
      harness?.logs.find((line) => line.msg === "could not post placeholder"),
    );
    expect(logged).toMatchObject({ code: "slack_failed", level: 50 });
    expect(String(logged.error)).toContain("channel_not_found");
    expect(answerQuestion.calls).toHaveLength(0);
  });

  it("splits a long answer into sections of at most 3,000 characters", async () => {
    const paragraph =
      "Udsatterådet drøftede budgettet grundigt og bad om en ny orientering. ".repeat(30);
    const long: Answer = sampleAnswer({
      text: Array.from({ length: 5 }, () => paragraph).join("\n\n"),
      citations: Array.from({ length: 12 }, (_, index) =>
        sampleCitation({ number: 30 + index, sectionSlug: `s${index}` }),
      ),
    });
    harness = await startSlackHarness({
      answerQuestion: scriptedAnswerQuestion({ answer: () => long }),
    });
    const { slack } = harness;
    await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> fortæl om budgettet` },
    });
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    const blocks = blocksOf(update);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sections = blocks.filter((block) => block.type === "section");
    for (const block of sections) expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    const answerText = sections.map((block) => block.text?.text ?? "").join(" ");
    expect(answerText.replace(/\s+/g, " ")).toContain(paragraph.trim().replace(/\s+/g, " "));
    const sources = sections.filter((block) => /^\[\d+\] \*<http/.test(block.text?.text ?? ""));
    expect(sources.map((block) => block.text?.text.split(" ")[0])).toEqual(
      Array.from({ length: 10 }, (_, index) => `[${index + 1}]`),
    );
    expect(String(update.args.text).length).toBeLessThanOrEqual(3000);
  });

  it("never logs the question text at info level", async () => {
    const secret = "Hvad er den hemmelige plan for Poverty Walk?";
    harness = await startSlackHarness();
    await harness.postEvent("app_mention.json", { event: { text: `<@${BOT}> ${secret}` } });
    const { slack } = harness;
    await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    const atInfo = harness.logs.filter((line) => line.level >= 30);
    expect(atInfo.some((line) => line.msg === "answer posted")).toBe(true);
    expect(JSON.stringify(atInfo)).not.toContain("Poverty Walk");
    expect(harness.logs.some((line) => line.level === 20 && line.question === secret)).toBe(true);
  });
});

describe("Slack HTTP mode: /referat", () => {
  it("acks a slow question within 3 s, then answers at response_url with a share button", async () => {
    const answerQuestion = scriptedAnswerQuestion({ delayMs: 3500 });
    harness = await startSlackHarness({ answerQuestion });
    const result = await harness.postCommand("Hvad blev besluttet om budget 2020?", "cmd1");
    expect(result.status).toBe(200);
    expect(result.elapsedMs).toBeLessThan(3000);
    const ack = JSON.parse(result.body) as { response_type: string; text: string };
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text).toContain("Kigger i referaterne…");

    const { slack } = harness;
    const answer = await slack.waitFor(() => slack.responsesTo("cmd1")[0], { timeoutMs: 8000 });
    expect(answer.body.response_type).toBe("ephemeral");
    const blocks = blocksOf(answer);
    expect(textOf(blocks)).toContain("Dit spørgsmål: _Hvad blev besluttet om budget 2020?_");
    expect(textOf(blocks)).toContain("Udsatterådet 18.09.2019 · Punkt 32 › Beslutning");
    expect(buttons(blocks).map((button) => button.action_id)).toEqual([
      "referat_feedback_up",
      "referat_feedback_down",
      "referat_share",
    ]);
    expect(buttons(blocks)[2]?.text).toMatchObject({ text: "Del i kanalen" });
  });

  it("shares an ephemeral answer in the channel when the button is clicked", async () => {
    harness = await startSlackHarness();
    const { slack } = harness;
    await harness.postCommand("Hvad blev besluttet om budget 2020?", "cmd2");
    const answer = await slack.waitFor(() => slack.responsesTo("cmd2")[0]);
    const share = buttons(blocksOf(answer)).find((button) => button.action_id === "referat_share");
    expect(share?.value).toBeDefined();

    const click = await harness.postAction(
      "referat_share",
      share?.value ?? "",
      "click1",
      "U0SHARER",
    );
    expect(click.status).toBe(200);
    const posts = await slack.waitFor(() =>
      slack.responsesTo("click1").length === 2 ? slack.responsesTo("click1") : undefined,
    );
    expect(posts[0]?.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    const shared = textOf(blocksOf(posts[0] as { body: Record<string, unknown> }));
    expect(shared).toContain("Delt af <@U0SHARER>: _Hvad blev besluttet om budget 2020?_");
    expect(shared).toContain("Udsatterådet tog orienteringen om budget 2020 til efterretning.");
    expect(
      buttons(blocksOf(posts[0] as { body: Record<string, unknown> })).map(
        (button) => button.action_id,
      ),
    ).not.toContain("referat_share");
    expect(posts[1]?.body).toEqual({ delete_original: true });
  });

  it("records 👍/👎 with the question id, hashed user and time, and thanks the user", async () => {
    harness = await startSlackHarness();
    const { slack } = harness;
    await harness.postCommand("Hvad er den hemmelige plan?", "cmd3");
    const answer = await slack.waitFor(() => slack.responsesTo("cmd3")[0]);
    const up = buttons(blocksOf(answer)).find(
      (button) => button.action_id === "referat_feedback_up",
    );
    const questionId = (JSON.parse(up?.value ?? "{}") as { q: string }).q;

    await harness.postAction("referat_feedback_up", up?.value ?? "", "vote1", "U0VOTER");
    await harness.postAction("referat_feedback_down", up?.value ?? "", "vote2", "U0VOTER");
    const thanks = await slack.waitFor(() => slack.responsesTo("vote2")[0]);
    expect(textOf(blocksOf(thanks))).toContain("Tak for din feedback.");
    expect(thanks.body).toMatchObject({ response_type: "ephemeral", replace_original: false });

    const lines = (await readFile(harness.feedbackPath, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        questionId,
        vote: "up",
        userHash: expect.stringMatching(/^[0-9a-f]{16}$/),
        at: expect.any(String),
      },
      { questionId, vote: "down", userHash: lines[0].userHash, at: expect.any(String) },
    ]);
    expect(lines[0].userHash).not.toContain("U0VOTER");
    const infoLines = harness.logs.filter((line) => line.msg === "feedback recorded");
    expect(infoLines.map((line) => [line.questionId, line.vote, line.level])).toEqual([
      [questionId, "up", 30],
      [questionId, "down", 30],
    ]);
    expect(JSON.stringify(harness.logs.filter((line) => line.level >= 30))).not.toContain(
      "hemmelige",
    );
    expect(harness.logs.some((line) => line.msg === "feedback question" && line.level === 20)).toBe(
      true,
    );
  });

  it("tells the voter when feedback cannot be saved, and logs the code", async () => {
    harness = await startSlackHarness();
    await writeFile(dirname(harness.feedbackPath), "a file where the folder should be");
    const value = JSON.stringify({ q: "q-unsaved", l: "en" });
    await harness.postAction("referat_feedback_down", value, "unsaved");
    const reply = await harness.slack.waitFor(() => harness?.slack.responsesTo("unsaved")[0]);
    expect(textOf(blocksOf(reply))).toContain("your feedback could not be saved");
    expect(harness.logs.find((line) => line.msg === "feedback not recorded")).toMatchObject({
      code: "feedback_unwritable",
      questionId: "q-unsaved",
      vote: "down",
    });
  });

  it("answers a forged button value with a clear message instead of silence", async () => {
    harness = await startSlackHarness();
    await harness.postAction("referat_feedback_up", "not json", "forged");
    const reply = await harness.slack.waitFor(() => harness?.slack.responsesTo("forged")[0]);
    expect(textOf(blocksOf(reply))).toContain("Jeg forstod ikke forespørgslen");
    expect(harness.logs.some((line) => line.code === "bad_request")).toBe(true);
  });

  it("summarises a long meeting over several messages, each within Slack's limits", async () => {
    const summary = sampleSummary();
    const entry = summary.entries[0];
    if (!entry) throw new Error("sample summary has entries");
    summary.entries = Array.from({ length: 200 }, (_, index) => ({ ...entry, number: index + 1 }));
    const summariseMeeting = scriptedSummariseMeeting({ summary });
    harness = await startSlackHarness({ summariseMeeting });
    const result = await harness.postCommand("resume udsatterådet 18.09.2019", "sum1");
    expect(JSON.parse(result.body).text).toContain("Laver et resumé af mødet…");
    const { slack } = harness;
    // The last message carries the share button: once it is there, every part has been posted.
    const posts = await slack.waitFor(() => {
      const sent = slack.responsesTo("sum1");
      const last = sent.at(-1);
      return last && buttons(blocksOf(last)).some((button) => button.action_id === "referat_share")
        ? sent
        : undefined;
    });
    expect(summariseMeeting.calls).toEqual(["udsatterådet 18.09.2019"]);
    const all = slack.responsesTo("sum1").map((post) => blocksOf(post));
    expect(all.length).toBeGreaterThan(1);
    for (const blocks of all) {
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(12_000);
    }
    const text = textOf(all.flat());
    for (let number = 1; number <= 200; number += 1) {
      expect(text.split(`|Punkt ${number}. Orientering om budget 2020>*`)).toHaveLength(2);
    }
    expect(textOf(all[0] ?? [])).toContain("Resumé: Udsatterådet 18.09.2019");
    expect(buttons(all.at(-1) ?? []).map((button) => button.action_id)).toContain("referat_share");
    expect(posts.length).toBe(all.length);
  });

  it("says so when a meeting to summarise does not exist", async () => {
    harness = await startSlackHarness({
      summariseMeeting: scriptedSummariseMeeting({ unknownReferences: ["1999-01-01"] }),
    });
    await harness.postCommand("summary 1999-01-01", "sum2");
    const reply = await harness.slack.waitFor(() => harness?.slack.responsesTo("sum2")[0]);
    expect(textOf(blocksOf(reply))).toContain("I could not find the meeting “1999-01-01”");
  });

  it("answers help and meetings in the ack itself, in the language of the sub-command", async () => {
    harness = await startSlackHarness();
    const danish = JSON.parse((await harness.postCommand("hjælp", "h1")).body) as { text: string };
    expect(danish.text).toContain("`/referat møder`");
    const english = JSON.parse((await harness.postCommand("help", "h2")).body) as { text: string };
    expect(english.text).toContain("`/referat meetings`");
    const meetings = JSON.parse((await harness.postCommand("meetings", "m1")).body) as {
      text: string;
    };
    expect(meetings.text).toContain("No minutes have been loaded yet.");
  });
});

describe("Slack HTTP mode inside Referat's HTTP server", () => {
  it("gets /slack/events from the server untouched: signature verified, mention answered, command acked", async () => {
    harness = await startSlackHarness({ server: "referat-http" });
    const { slack } = harness;
    const forged = await harness.postEvent("app_mention.json", {}, { signature: "v0=00" });
    expect(forged.status).toBe(401);

    const mention = await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> hvad blev besluttet?` },
    });
    expect(mention.status).toBe(200);
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[0]);
    expect(textOf(blocksOf(update))).toContain("Udsatterådet 18.09.2019 · Punkt 32 › Beslutning");

    const command = await harness.postCommand("hjælp", "via-server");
    expect(JSON.parse(command.body).text).toContain("/referat resume &lt;møde&gt;");
  });
});
