import { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/shared/logger.ts";
import { createSlackViewers } from "../../src/slack/slack-viewers.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import { collectInto } from "../support/log-lines.ts";

let slack: FakeSlack | undefined;

afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

function clientFor(fake: FakeSlack) {
  return new webApi.WebClient(fake.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
  });
}

describe("who a Slack answer is for", () => {
  it("is the channel in a channel, and the person with their user groups in a DM, read once a while", async () => {
    slack = await startFakeSlack({ userGroups: { S0MED: ["U0ANNE"], S0HR: ["U0ANNE", "U0BO"] } });
    const viewerOf = createSlackViewers({ logger: createLogger({ level: "silent" }) });
    const client = clientFor(slack);
    expect(
      await viewerOf({ channelId: "C0PUBLIC", userId: "U0ANNE", direct: false }, client),
    ).toEqual({ audiences: ["C0PUBLIC"] });
    expect(await viewerOf({ channelId: "D0ANNE", userId: "U0ANNE", direct: true }, client)).toEqual(
      { audiences: ["U0ANNE", "S0MED", "S0HR"] },
    );
    expect(await viewerOf({ channelId: "D0BO", userId: "U0BO", direct: true }, client)).toEqual({
      audiences: ["U0BO", "S0HR"],
    });
    expect(slack.callsTo("usergroups.list")).toHaveLength(1);
  });

  it("falls back to the user id alone, with one warning, when user groups cannot be read", async () => {
    slack = await startFakeSlack({ userGroups: { S0MED: ["U0ANNE"] } });
    const lines: Record<string, unknown>[] = [];
    let now = 1_000_000;
    const viewerOf = createSlackViewers({
      logger: createLogger({ level: "info", destination: collectInto(lines) }),
      now: () => now,
    });
    const client = clientFor(slack);
    slack.failNext("usergroups.list", "missing_scope");
    expect(await viewerOf({ channelId: "D0ANNE", userId: "U0ANNE", direct: true }, client)).toEqual(
      { audiences: ["U0ANNE"] },
    );
    // The failure is kept like an answer, so DMs do not call Slack again and again meanwhile.
    await viewerOf({ channelId: "D0ANNE", userId: "U0ANNE", direct: true }, client);
    expect(slack.callsTo("usergroups.list")).toHaveLength(1);
    now += 6 * 60_000;
    slack.failNext("usergroups.list", "missing_scope");
    await viewerOf({ channelId: "D0ANNE", userId: "U0ANNE", direct: true }, client);
    expect(lines.filter((line) => String(line.msg).startsWith("Slack user groups"))).toHaveLength(
      1,
    );
    // Once the scope is granted, the groups count again.
    now += 6 * 60_000;
    expect(await viewerOf({ channelId: "D0ANNE", userId: "U0ANNE", direct: true }, client)).toEqual(
      { audiences: ["U0ANNE", "S0MED"] },
    );
  });
});
