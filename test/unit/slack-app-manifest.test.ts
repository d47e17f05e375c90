import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SLACK_EVENTS_PATH } from "../../src/slack/index.ts";

/** The manifest promises what the bot listens for; a YAML list is read line by line here. */
const manifest = readFileSync(new URL("../../slack-app-manifest.yaml", import.meta.url), "utf8");

function listUnder(key: string): string[] {
  const lines = manifest.split("\n");
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  expect(start, `${key} in the manifest`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = line.match(/^\s*- (\S+)$/);
    if (!match?.[1]) break;
    items.push(match[1]);
  }
  return items;
}

describe("slack-app-manifest.yaml", () => {
  it("asks for the scopes the bot uses", () => {
    expect(listUnder("bot").sort()).toEqual(
      [
        "app_mentions:read",
        "channels:history",
        "chat:write",
        "commands",
        "groups:history",
        "im:history",
        "im:read",
        "im:write",
        "mpim:history",
        // Which user groups a person is in, for the internal minutes a DM may answer from.
        "usergroups:read",
      ].sort(),
    );
  });

  it("subscribes to mentions, DMs and channel messages (for thread follow-ups)", () => {
    expect(listUnder("bot_events")).toEqual(
      expect.arrayContaining(["app_mention", "message.im", "message.channels", "message.groups"]),
    );
  });

  it("declares /referat, interactivity, Socket Mode, and HTTP URLs on the bot's path", () => {
    expect(manifest).toMatch(/^\s+- command: \/referat$/m);
    expect(manifest).toMatch(/^\s+interactivity:\n\s+is_enabled: true$/m);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
    const urls = manifest.match(/https:\/\/YOUR-HOST\S*/g) ?? [];
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
  });
});
