import { afterEach, describe, expect, it } from "vitest";
import { createMeetingCatalog } from "../../src/minutes/catalog.ts";
import { isAppError } from "../../src/shared/errors.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import {
  createFileFeedbackRecorder,
  createSlackBot,
  type SlackBot,
  type SlackBotOptions,
} from "../../src/slack/index.ts";
import { scriptedAnswerQuestion, scriptedSummariseMeeting } from "../fakes/answer-functions.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import { loadSlackFixture, slashCommandBody } from "../support/slack-signing.ts";

/**
 * Socket Mode: Bolt's SocketModeReceiver asks the loopback apps.connections.open for a URL,
 * connects to the local WebSocket server behind it, and receives envelopes there.
 */

let slack: FakeSlack | undefined;
let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await slack?.close();
  bot = undefined;
  slack = undefined;
});

function options(fake: FakeSlack, overrides: Partial<SlackBotOptions> = {}): SlackBotOptions {
  const logger = createSilentLogger();
  return {
    mode: "socket",
    botToken: fake.botToken,
    appToken: fake.appToken,
    slackApiUrl: fake.apiUrl,
    webApiRetries: 0,
    socketMode: { autoReconnect: false },
    answerQuestion: scriptedAnswerQuestion({ delayMs: 50 }),
    summariseMeeting: scriptedSummariseMeeting(),
    catalog: createMeetingCatalog([]),
    feedback: createFileFeedbackRecorder({ path: "/nonexistent/never-written.jsonl", logger }),
    logger,
    ...overrides,
  };
}

describe("Slack Socket Mode", () => {
  it("connects through apps.connections.open, acks an events_api envelope and replies in the thread", async () => {
    slack = await startFakeSlack();
    const answerQuestion = scriptedAnswerQuestion({ delayMs: 50 });
    bot = await createSlackBot(options(slack, { answerQuestion }));
    expect(bot.requestListener).toBeNull();
    await bot.start();

    const open = slack.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(slack.appToken);
    expect(slack.socketConnections()).toBe(1);

    const payload = loadSlackFixture("app_mention.json");
    const event = payload.event as Record<string, unknown>;
    const envelope = {
      envelope_id: "env-1",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: {
        ...payload,
        event: { ...event, text: "<@U0LAN0Z89> hvad blev besluttet om budgettet?" },
      },
    };
    const fake = slack;
    fake.sendSocketFrame(envelope);
    const ack = await fake.waitFor(() =>
      fake.socketFrames.find((frame) => frame.envelope_id === "env-1"),
    );
    expect(ack).toEqual({ envelope_id: "env-1", payload: {} });

    const update = await fake.waitFor(() => fake.callsTo("chat.update")[0]);
    expect(JSON.stringify(update.args.blocks)).toContain(
      "Udsatterådet 18.09.2019 · Punkt 32 › Beslutning",
    );
    expect(fake.callsTo("chat.postMessage")[0]?.args.thread_ts).toBe(event.ts);
    expect(answerQuestion.calls[0]?.question).toBe("hvad blev besluttet om budgettet?");

    // Slack redelivers the same event on a new envelope: acked, not answered again.
    fake.sendSocketFrame({
      ...envelope,
      envelope_id: "env-2",
      retry_attempt: 1,
      retry_reason: "timeout",
    });
    await fake.waitFor(() => fake.socketFrames.find((frame) => frame.envelope_id === "env-2"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answerQuestion.calls).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("acks a slash command over the socket with the placeholder, then answers at response_url", async () => {
    slack = await startFakeSlack();
    bot = await createSlackBot(
      options(slack, { answerQuestion: scriptedAnswerQuestion({ delayMs: 300 }) }),
    );
    await bot.start();
    const fields = Object.fromEntries(
      new URLSearchParams(
        slashCommandBody({
          command: "/referat",
          text: "What was decided?",
          response_url: slack.responseUrl("sock-cmd"),
        }),
      ),
    );
    const fake = slack;
    fake.sendSocketFrame({
      envelope_id: "env-cmd",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: fields,
    });
    const ack = await fake.waitFor(() =>
      fake.socketFrames.find((frame) => frame.envelope_id === "env-cmd"),
    );
    expect(JSON.stringify(ack.payload)).toContain("Looking in the minutes…");
    const answer = await fake.waitFor(() => fake.responsesTo("sock-cmd")[0]);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer.body.blocks)).toContain("referat_share");
  });

  it("stop() closes the WebSocket", async () => {
    slack = await startFakeSlack();
    bot = await createSlackBot(options(slack));
    await bot.start();
    expect(slack.socketConnections()).toBe(1);
    await bot.stop();
    const fake = slack;
    await fake.waitFor(() => fake.socketConnections() === 0);
  });

  it("refuses to start with a bot token Slack rejects, naming the failure", async () => {
    slack = await startFakeSlack();
    const error = await createSlackBot(options(slack, { botToken: "xoxb-wrong" })).catch(
      (caught: unknown) => caught,
    );
    expect(isAppError(error, "slack_failed")).toBe(true);
    expect(String((error as Error).message)).toContain("invalid_auth");
  });

  it("needs an app token in Socket Mode and a signing secret in HTTP mode", async () => {
    slack = await startFakeSlack();
    const { appToken: _appToken, ...withoutAppToken } = options(slack);
    await expect(createSlackBot(withoutAppToken)).rejects.toMatchObject({ code: "config_invalid" });
    await expect(createSlackBot({ ...options(slack), mode: "http" })).rejects.toMatchObject({
      code: "config_invalid",
      message: expect.stringContaining("SLACK_SIGNING_SECRET"),
    });
  });
});
