import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createMeetingCatalog } from "../../src/minutes/catalog.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { createFileFeedbackRecorder, createSlackBot } from "../../src/slack/index.ts";
import { scriptedAnswerQuestion, scriptedSummariseMeeting } from "../fakes/answer-functions.ts";
import { startFakeSlack } from "../fakes/slack-web-api.ts";
import { type SlackHarness, startSlackHarness } from "../support/slack-bot-harness.ts";
import {
  blockActionsBody,
  eventCallbackBody,
  postSignedToSlack,
  slackSignature,
  slashCommandBody,
} from "../support/slack-signing.ts";

/**
 * Slack HTTP mode against an attacker: requests signed for the future, bodies too large to be
 * Slack's, posted to Bolt's real receiver on loopback (alone, and inside Referat's server).
 */

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const BOT = "U0LAN0Z89";
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

interface RawResult {
  status: number;
  elapsedMs: number;
}

/**
 * Sends the headers of a POST declaring `declaredBytes` (or chunked), then `sentBytes` of body,
 * and waits for the status line without sending the rest.
 */
function postPartialBody(
  url: string,
  options: { declaredBytes?: number; sentBytes: number },
): Promise<RawResult> {
  const { hostname, port, pathname } = new URL(url);
  const timestamp = Math.floor(Date.now() / 1000);
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer within 5 s: the server is waiting for the whole body"));
    }, 5000);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(status[1]), elapsedMs: performance.now() - startedAt });
      }
    });
    socket.on("error", (error) => {
      if (!received) reject(error);
    });
    const framing =
      options.declaredBytes !== undefined
        ? `Content-Length: ${options.declaredBytes}\r\n`
        : "Transfer-Encoding: chunked\r\n";
    socket.write(
      `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
        `X-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: v0=${"0".repeat(64)}\r\n` +
        `${framing}\r\n`,
    );
    const chunk = "x".repeat(16 * 1024);
    for (let sent = 0; sent < options.sentBytes; sent += chunk.length) {
      socket.write(
        options.declaredBytes !== undefined
          ? chunk
          : `${chunk.length.toString(16)}\r\n${chunk}\r\n`,
      );
    }
  });
}

describe("Slack HTTP mode: the replay window and the body limit", () => {
  for (const server of ["node", "referat-http"] as const) {
    it(`rejects a correctly signed request from 6 minutes in the future (${server})`, async () => {
      harness = await startSlackHarness({ server });
      const inSixMinutes = Math.floor(Date.now() / 1000) + 6 * 60;
      const body = { event: { text: `<@${BOT}> hvad blev besluttet?` }, eventId: "EvFUTURE" };
      const future = await harness.postEvent("app_mention.json", body, {
        timestamp: inSixMinutes,
      });
      expect(future.status).toBe(401);
      // The same request signed for 4 minutes ahead is within Slack's window.
      const inFourMinutes = Math.floor(Date.now() / 1000) + 4 * 60;
      const near = await harness.postEvent(
        "app_mention.json",
        { ...body, eventId: "EvNEAR" },
        { timestamp: inFourMinutes },
      );
      expect(near.status).toBe(200);
      const { slack } = harness;
      await slack.waitFor(() => slack.callsTo("chat.update").length === 1);
      expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    });

    it(`answers a 1 MB body with 413 without waiting for it (${server})`, async () => {
      harness = await startSlackHarness({ server });
      const declared = await postPartialBody(harness.eventsUrl, {
        declaredBytes: 1024 * 1024,
        sentBytes: 16 * 1024,
      });
      expect(declared.status).toBe(413);
      const chunked = await postPartialBody(harness.eventsUrl, { sentBytes: 320 * 1024 });
      expect(chunked.status).toBe(413);
      expect(harness.logs.filter((line) => line.code === "payload_too_large")).toHaveLength(2);
    });
  }

  it("still accepts a signed body near the limit, as a click on a long answer makes", async () => {
    harness = await startSlackHarness();
    const padding = "æ".repeat(60_000);
    const raw = eventCallbackBody("message_im.json", {
      event: { text: "hvad blev besluttet?", blocks: [{ type: "rich_text", padding }] },
      eventId: "EvLARGE",
    });
    expect(Buffer.byteLength(raw)).toBeGreaterThan(110_000);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(harness.eventsUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": slackSignature(SECRET, timestamp, raw),
      },
      body: raw,
    });
    expect(response.status).toBe(200);
    const { slack } = harness;
    await slack.waitFor(() => slack.callsTo("chat.update").length === 1);
  });
});

type Posted = { body: Record<string, unknown> };

function buttonValue(post: Posted, actionId: string): string {
  const blocks = (post.body.blocks ?? []) as {
    elements?: { action_id?: string; value?: string }[];
  }[];
  const value = blocks
    .flatMap((block) => block.elements ?? [])
    .find((element) => element.action_id === actionId)?.value;
  if (!value) throw new Error(`no ${actionId} button`);
  return value;
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe("Slack HTTP mode: a replayed request does not act again", () => {
  const form = "application/x-www-form-urlencoded" as const;

  it("answers a slash command posted twice, identically signed, once", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const raw = slashCommandBody({
      command: "/referat",
      text: "Hvad blev besluttet om budget 2020?",
      response_url: slack.responseUrl("replayed"),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const post = () =>
      postSignedToSlack(harness?.eventsUrl ?? "", raw, {
        signingSecret: SECRET,
        contentType: form,
        timestamp,
      });
    const first = await post();
    const replay = await post();
    expect([first.status, replay.status]).toEqual([200, 200]);
    await slack.waitFor(() => slack.responsesTo("replayed").length === 1);
    await settle();
    expect(answerQuestion.calls).toHaveLength(1);
    expect(slack.responsesTo("replayed")).toHaveLength(1);
    expect(harness.logs.some((line) => line.msg === "repeated Slack request ignored")).toBe(true);
  });

  it("shares once and counts a 👍 once when the clicks are replayed", async () => {
    harness = await startSlackHarness();
    const { slack } = harness;
    await harness.postCommand("Hvad blev besluttet om budget 2020?", "to-share");
    const answer = await slack.waitFor(() => slack.responsesTo("to-share")[0]);
    const timestamp = Math.floor(Date.now() / 1000);
    const replayTwice = async (raw: string) => {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const result = await postSignedToSlack(harness?.eventsUrl ?? "", raw, {
          signingSecret: SECRET,
          contentType: form,
          timestamp,
        });
        expect(result.status).toBe(200);
      }
    };

    await replayTwice(
      blockActionsBody({
        actionId: "referat_feedback_up",
        value: buttonValue(answer, "referat_feedback_up"),
        responseUrl: slack.responseUrl("vote"),
        userId: "U0VOTER",
      }),
    );
    await replayTwice(
      blockActionsBody({
        actionId: "referat_share",
        value: buttonValue(answer, "referat_share"),
        responseUrl: slack.responseUrl("share"),
        userId: "U0SHARER",
      }),
    );
    await slack.waitFor(() => slack.responsesTo("share").length >= 2);
    await settle();
    const votes = (await readFile(harness.feedbackPath, "utf8")).trim().split("\n");
    expect(votes).toHaveLength(1);
    expect(slack.responsesTo("vote")).toHaveLength(1);
    // One shared message and the deletion of the ephemeral original.
    expect(slack.responsesTo("share")).toHaveLength(2);
  });

  it("in Socket Mode, answers a command envelope delivered twice (its trigger_id repeats) once", async () => {
    const fake = await startFakeSlack();
    const logger = createSilentLogger();
    const answerQuestion = scriptedAnswerQuestion();
    const bot = await createSlackBot({
      mode: "socket",
      botToken: fake.botToken,
      appToken: fake.appToken,
      slackApiUrl: fake.apiUrl,
      webApiRetries: 0,
      socketMode: { autoReconnect: false },
      answerQuestion,
      summariseMeeting: scriptedSummariseMeeting(),
      catalog: createMeetingCatalog([]),
      feedback: createFileFeedbackRecorder({ path: "/nonexistent/never.jsonl", logger }),
      logger,
    });
    try {
      await bot.start();
      const payload = Object.fromEntries(
        new URLSearchParams(
          slashCommandBody({
            command: "/referat",
            text: "What was decided?",
            response_url: fake.responseUrl("sock-twice"),
          }),
        ),
      );
      for (const envelopeId of ["env-1", "env-2"]) {
        fake.sendSocketFrame({
          envelope_id: envelopeId,
          type: "slash_commands",
          accepts_response_payload: true,
          payload,
        });
        await fake.waitFor(() =>
          fake.socketFrames.find((frame) => frame.envelope_id === envelopeId),
        );
      }
      await fake.waitFor(() => fake.responsesTo("sock-twice")[0]);
      await settle();
      expect(answerQuestion.calls).toHaveLength(1);
      expect(fake.responsesTo("sock-twice")).toHaveLength(1);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it("counts one person's repeated 👍 on one answer once, but a change of mind too", async () => {
    harness = await startSlackHarness();
    const { slack } = harness;
    await harness.postCommand("Hvad blev besluttet om budget 2020?", "to-vote");
    const answer = await slack.waitFor(() => slack.responsesTo("to-vote")[0]);
    const value = buttonValue(answer, "referat_feedback_up");
    await harness.postAction("referat_feedback_up", value, "up1", "U0VOTER");
    await harness.postAction("referat_feedback_up", value, "up2", "U0VOTER");
    await harness.postAction("referat_feedback_down", value, "down1", "U0VOTER");
    await harness.postAction("referat_feedback_up", value, "other", "U0OTHER");
    await slack.waitFor(() => slack.responsesTo("other").length === 1);
    await settle();
    const votes = (await readFile(harness.feedbackPath, "utf8"))
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { vote: string }).vote);
    expect(votes).toEqual(["up", "down", "up"]);
    // The repeated click is still thanked, not met with silence.
    expect(slack.responsesTo("up2")).toHaveLength(1);
  });
});

/** Everything the bot said to people: posts, ephemeral notices, updates, command answers. */
function everythingSaid(harness: SlackHarness): string {
  const { slack } = harness;
  return JSON.stringify([
    ...slack.calls.filter((call) => call.method.startsWith("chat.")).map((call) => call.args),
    ...slack.responses.map((post) => post.body),
  ]);
}

describe("Slack: questions are bounded in length and per person per minute", () => {
  it("tells the asker that a mention, a DM or a command over 2,000 characters is too long", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion });
    const { slack } = harness;
    const long = `Hvad blev besluttet om ${"budgettet ".repeat(220)}?`;
    expect(long.length).toBeGreaterThan(2000);

    await harness.postEvent("app_mention.json", {
      event: { text: `<@${BOT}> ${long}` },
      eventId: "EvLONG1",
    });
    // In a channel only the asker sees the notice; in a DM it is the reply.
    const reply = await slack.waitFor(() => slack.callsTo("chat.postEphemeral")[0]);
    expect(reply.args).toMatchObject({ channel: "C123ABC456", user: "U061F7AUR" });
    expect(JSON.stringify(reply.args)).toContain("for langt");
    expect(JSON.stringify(reply.args)).toContain("2.000");

    await harness.postEvent("message_im.json", { event: { text: long }, eventId: "EvLONG2" });
    const dm = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(JSON.stringify(dm.args)).toContain("for langt");

    const command = await harness.postCommand(long, "long-command");
    expect(command.body).toContain("for langt");
    await settle();
    expect(answerQuestion.calls).toHaveLength(0);
    expect(slack.callsTo("chat.update")).toHaveLength(0);
    // Exactly 2,000 characters is still a question.
    await harness.postCommand(`${"a".repeat(1999)}?`, "just-fits");
    await slack.waitFor(() => slack.responsesTo("just-fits")[0]);
    expect(answerQuestion.calls).toHaveLength(1);
  });

  it("asks a person who asks too often to slow down, once, and answers the others", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion, questionsPerMinute: 2 });
    const { slack } = harness;
    for (let index = 1; index <= 4; index += 1) {
      const ts = slack.nextTs();
      await harness.postEvent("message_im.json", {
        event: { text: `Hvad blev besluttet om punkt ${index}?`, ts, event_ts: ts },
        eventId: `EvRATE${index}`,
      });
    }
    await slack.waitFor(() => slack.callsTo("chat.update").length === 2);
    await settle();
    expect(answerQuestion.calls).toHaveLength(2);
    const posts = slack.callsTo("chat.postMessage").map((call) => JSON.stringify(call.args));
    // Two placeholders, one "slow down", and nothing for the fourth.
    expect(posts).toHaveLength(3);
    expect(posts.filter((post) => post.includes("Sæt farten lidt ned"))).toHaveLength(1);

    // Someone else is not held back, and a command from the first person is limited too.
    const other = slack.nextTs();
    await harness.postEvent("message_im.json", {
      event: { text: "Hvad med budgettet?", user: "U0SOMEONE", ts: other, event_ts: other },
      eventId: "EvRATE-OTHER",
    });
    await slack.waitFor(() => slack.callsTo("chat.update").length === 3);
    // The command fixture's asker is the same person as message_im.json's.
    const command = await harness.postCommand("Hvad blev besluttet?", "limited");
    expect(command.body).toContain("Sæt farten lidt ned");
    expect(answerQuestion.calls).toHaveLength(3);
    expect(JSON.stringify(harness.logs.filter((line) => line.level >= 30))).not.toContain(
      "punkt 3",
    );
  });
});

describe("Slack: the channels the bot answers in", () => {
  it("answers in allowed channels and DMs; elsewhere says once that it is not enabled there", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion, allowedChannels: ["C0ALLOWED"] });
    const { slack } = harness;
    const question = `<@${BOT}> hvad blev besluttet?`;
    await harness.postEvent("app_mention.json", { event: { text: question }, eventId: "EvNO" });
    const notice = await slack.waitFor(() => slack.callsTo("chat.postEphemeral")[0]);
    expect(notice.args).toMatchObject({ channel: "C123ABC456", user: "U061F7AUR" });
    expect(JSON.stringify(notice.args)).toContain("ikke slået til i denne kanal");

    const command = await harness.postCommand("hvad blev besluttet?", "not-here");
    expect(command.body).toContain("ikke slået til i denne kanal");

    const allowedTs = slack.nextTs();
    await harness.postEvent("app_mention.json", {
      event: { text: question, channel: "C0ALLOWED", ts: allowedTs, event_ts: allowedTs },
      eventId: "EvYES",
    });
    await harness.postEvent("message_im.json", { event: { text: "Hvad med budgettet?" } });
    await slack.waitFor(() => slack.callsTo("chat.update").length === 2);
    await settle();
    expect(answerQuestion.calls).toHaveLength(2);
    expect(slack.callsTo("chat.postEphemeral")).toHaveLength(1);
    expect(slack.callsTo("chat.postMessage").map((call) => call.args.channel)).toEqual([
      "C0ALLOWED",
      "D024BE91L",
    ]);
  });

  it("refuses DMs when they are turned off, with a notice in the DM", async () => {
    const answerQuestion = scriptedAnswerQuestion();
    harness = await startSlackHarness({ answerQuestion, allowDms: false });
    const { slack } = harness;
    await harness.postEvent("message_im.json", { event: { text: "Hvad med budgettet?" } });
    const notice = await slack.waitFor(() => slack.callsTo("chat.postMessage")[0]);
    expect(notice.args.channel).toBe("D024BE91L");
    expect(JSON.stringify(notice.args)).toContain("direkte beskeder");
    // Channels are still answered.
    await harness.postEvent("app_mention.json", { event: { text: `<@${BOT}> hvad så?` } });
    await slack.waitFor(() => slack.callsTo("chat.update").length === 1);
    expect(answerQuestion.calls).toHaveLength(1);
    expect(everythingSaid(harness)).not.toContain("ikke slået til i denne kanal");
  });
});
