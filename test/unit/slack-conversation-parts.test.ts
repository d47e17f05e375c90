import { describe, expect, it } from "vitest";
import { BoundedCache } from "../../src/slack/bounded-cache.ts";
import { parseReferatCommand } from "../../src/slack/parse-command.ts";
import { botTookPart, threadHistory } from "../../src/slack/thread-history.ts";

const bot = { userId: "U0BOT", botId: "B0BOT" };

describe("threadHistory", () => {
  const thread = [
    { ts: "100.000001", user: "U1", text: "<@U0BOT> Hvad blev besluttet om budgettet?" },
    { ts: "100.000002", user: "U0BOT", bot_id: "B0BOT", text: "Budgettet blev godkendt." },
    { ts: "100.000003", user: "U2", subtype: "channel_join", text: "<@U2> has joined" },
    { ts: "100.000004", bot_id: "B0OTHER", text: "Husk frokost" },
    { ts: "100.000005", user: "U0BOT", bot_id: "B0BOT", text: "_Kigger i referaterne…_" },
    { ts: "100.000006", user: "U1", text: "Og hvem fremlagde det?" },
    { ts: "100.000007", user: "U1", text: "Senere besked" },
  ];

  it("turns earlier messages into turns, leaving out joins, other bots and placeholders", () => {
    expect(threadHistory(thread, { bot, beforeTs: "100.000006" })).toEqual([
      { role: "user", text: "Hvad blev besluttet om budgettet?" },
      { role: "assistant", text: "Budgettet blev godkendt." },
    ]);
  });

  it("keeps only the most recent turns", () => {
    expect(threadHistory(thread, { bot, beforeTs: "200", maxTurns: 2 })).toEqual([
      { role: "user", text: "Og hvem fremlagde det?" },
      { role: "user", text: "Senere besked" },
    ]);
  });

  it("knows whether the bot took part", () => {
    expect(botTookPart(thread, bot)).toBe(true);
    expect(
      botTookPart(
        thread.filter((message) => message.user !== "U0BOT"),
        bot,
      ),
    ).toBe(false);
  });
});

describe("parseReferatCommand", () => {
  it.each([
    ["", { kind: "help", language: "da" }],
    ["hjælp", { kind: "help", language: "da" }],
    ["help", { kind: "help", language: "en" }],
    ["møder", { kind: "meetings", language: "da" }],
    ["meetings udsatterådet", { kind: "meetings", language: "en", body: "udsatterådet" }],
    ["resume seneste", { kind: "summary", language: "da", reference: "seneste" }],
    ["Resumé 18.09.2019", { kind: "summary", language: "da", reference: "18.09.2019" }],
    ["summary", { kind: "summary", language: "en", reference: "latest" }],
    [
      "summary udsatterådet 2019-09-18",
      { kind: "summary", language: "en", reference: "udsatterådet 2019-09-18" },
    ],
    [
      "What was decided about the budget?",
      { kind: "question", language: "en", question: "What was decided about the budget?" },
    ],
    [
      "  hvad  blev besluttet? ",
      { kind: "question", language: "da", question: "hvad blev besluttet?" },
    ],
    [
      "help me find the budget decision",
      { kind: "question", language: "en", question: "help me find the budget decision" },
    ],
  ])("%j", (text, expected) => {
    expect(parseReferatCommand(text)).toEqual(expected);
  });
});

describe("BoundedCache", () => {
  it("forgets entries after the TTL and evicts the oldest when full", () => {
    let now = 0;
    const cache = new BoundedCache<true>({ maxEntries: 2, ttlMs: 100, now: () => now });
    expect(cache.addIfAbsent("a", true)).toBe(true);
    expect(cache.addIfAbsent("a", true)).toBe(false);
    cache.set("b", true);
    cache.set("c", true);
    expect(cache.has("a")).toBe(false);
    expect(cache.size).toBe(2);
    now = 150;
    expect(cache.has("b")).toBe(false);
    expect(cache.addIfAbsent("c", true)).toBe(true);
  });
});
