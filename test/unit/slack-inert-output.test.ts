import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Meeting } from "../../src/minutes/model.ts";
import { AppError } from "../../src/shared/errors.ts";
import type { Block, SlackMessage } from "../../src/slack/blocks.ts";
import { describeFailure } from "../../src/slack/error-message.ts";
import { renderAnswer } from "../../src/slack/render-answer.ts";
import { renderMeetings } from "../../src/slack/render-meetings.ts";
import { renderHelp } from "../../src/slack/render-notice.ts";
import { renderSummary } from "../../src/slack/render-summary.ts";
import { sampleAnswer, sampleCitation, sampleSummary } from "../fakes/answer-functions.ts";

/**
 * Minutes text and LLM output are data, not markup: whatever they hold, the bot's messages carry
 * no links, mentions or formatting but the ones Referat builds to its own source pages.
 */

const BASE = "http://localhost:3000";

/** Every text Slack would parse in a message: block texts and the fallback `text`. */
function slackTexts(message: SlackMessage): string[] {
  return [message.text, ...message.blocks.flatMap(blockTexts)];
}

function blockTexts(block: Block): string[] {
  if (block.type === "section") return [block.text?.text ?? ""];
  if (block.type === "context")
    return block.elements.map((element) => ("text" in element ? String(element.text) : ""));
  if (block.type === "header") return [block.text.text];
  return [];
}

function mrkdwnObjects(message: SlackMessage): { type: string; verbatim?: boolean }[] {
  return message.blocks.flatMap((block) => {
    if (block.type === "section" && block.text) return [block.text];
    if (block.type === "context")
      return block.elements.filter((element) => element.type === "mrkdwn");
    return [];
  });
}

/** The text without the markup Referat writes itself: its source links and its quote marks. */
function withoutReferatLinks(text: string): string {
  return text
    .replace(/<http:\/\/localhost:3000\/meetings\/[^<>|\s]*\|[^<>]*>/g, "⟦link⟧")
    .replace(/^> /gm, "");
}

/** What must never be left once Referat's links are out: Slack's control syntax or a URL. */
function expectInert(text: string): void {
  const rest = withoutReferatLinks(text);
  expect(rest).not.toMatch(/[<>]/);
  expect(rest).not.toMatch(/&(?!amp;|lt;|gt;)/);
  expect(rest).not.toMatch(/:\/\//);
  expect(rest).not.toMatch(/\bwww\./i);
  expect(rest).not.toMatch(/@(channel|here|everyone)/i);
}

function allTexts(messages: SlackMessage[]): string {
  return messages.flatMap(slackTexts).join("\n");
}

const PHISHING = "[Beslutningen](https://evil.example/login)";

describe("answers: minutes text and LLM output are inert", () => {
  it("renders a Markdown link in the answer text as words, not a live masked link", () => {
    const messages = renderAnswer(sampleAnswer({ text: `Se ${PHISHING} for detaljer.` }), {
      questionId: "q",
      shareable: false,
    });
    const all = allTexts(messages);
    expect(all).not.toContain("<https://evil");
    expect(all).not.toContain("evil.example");
    expect(all).toContain("Beslutningen (https:");
    expectInert(all);
  });

  it("breaks bare URLs and domains so that Slack cannot linkify them", () => {
    const messages = renderAnswer(
      sampleAnswer({ text: "Læs https://evil.example/x og www.evil.example og evil.example.com" }),
      { questionId: "q", shareable: false },
    );
    const all = allTexts(messages);
    expect(all).not.toMatch(/evil\.example/);
    expectInert(all);
    // Slack's own switch for not linkifying URLs and names in a text object.
    for (const object of mrkdwnObjects(messages[0] as SlackMessage))
      expect(object.verbatim).toBe(true);
  });

  it("escapes Slack's special mentions, user, channel and group references", () => {
    const text =
      "<!channel> <!here> <!everyone> @channel <@U123> <#C123|general> <!subteam^S123> <https://evil.example|klik>";
    const messages = renderAnswer(
      sampleAnswer({
        text,
        citations: [sampleCitation({ title: text, quote: text, body: "<!here> Rådet" })],
      }),
      { questionId: "q", shareable: false },
    );
    const all = allTexts(messages);
    for (const token of ["<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C123", "<!subteam"])
      expect(all).not.toContain(token);
    expect(all).toContain("&lt;!channel&gt;");
    expectInert(all);
  });

  it("keeps formatting characters in quotes and titles from formatting the message", () => {
    const messages = renderAnswer(
      sampleAnswer({
        citations: [sampleCitation({ title: "*Fed* _kursiv_ ~streg~ `kode`", quote: "*Alarm*!" })],
      }),
      { questionId: "q", shareable: false },
    );
    const source = messages[0]?.blocks.flatMap(blockTexts).find((text) => text.startsWith("[1] "));
    expect(source).toBeDefined();
    const [, title = "", quote = ""] = (source ?? "").split("\n");
    // Only the italics Referat wraps the title in are left.
    expect(title.slice(1, -1)).not.toMatch(/[*_~`]/);
    expect(title).toContain("Fed");
    expect(quote.replace(/^> /, "")).not.toMatch(/[*_~`]/);
  });

  it("makes a phishing link in a quote, a 'maybe related' title and the fallback note inert", () => {
    const messages = renderAnswer(
      sampleAnswer({
        abstained: true,
        text: "Det kan jeg ikke finde.",
        citations: [sampleCitation({ quote: `Læs ${PHISHING}` })],
        related: [sampleCitation({ number: 40, sectionSlug: "r", title: `Se ${PHISHING}` })],
        note: `Se ${PHISHING}`,
      }),
      { questionId: "q", shareable: true, question: { text: `Hvad med ${PHISHING}?` } },
    );
    const all = allTexts(messages);
    expect(all).toContain("Beslutningen (https:");
    expectInert(all);
  });

  it("keeps the links Referat builds to its source pages", () => {
    const [message] = renderAnswer(sampleAnswer(), { questionId: "q", shareable: false });
    expect(allTexts(message ? [message] : [])).toContain(
      "<http://localhost:3000/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning|Udsatterådet 18.09.2019 · Punkt 32 › Beslutning>",
    );
  });

  it("does not link a citation whose URL is not http(s)", () => {
    const [message] = renderAnswer(
      sampleAnswer({ citations: [sampleCitation({ url: "javascript:alert(1)" })] }),
      { questionId: "q", shareable: false },
    );
    const all = allTexts(message ? [message] : []);
    expect(all).not.toContain("<javascript");
    expect(all).toContain("Udsatterådet 18.09.2019 · Punkt 32 › Beslutning");
  });

  it("property: arbitrary text in an answer, a quote or a title never becomes Slack markup", () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 60, unit: "grapheme" }),
      fc
        .array(
          fc.constantFrom(
            "<",
            ">",
            "&",
            "|",
            "[",
            "](",
            ")",
            "https://",
            "http://",
            "www.",
            "evil.example",
            ".",
            "@channel",
            "<!here>",
            "<@U1>",
            "<#C1>",
            "<!subteam^S1>",
            "*",
            "_",
            "~",
            "`",
            "\n",
            " ",
            "**",
            "# ",
            "&amp;",
            "&lt;",
            "a",
            "æ",
          ),
          { maxLength: 40 },
        )
        .map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (text, quote, title, section) => {
        const messages = renderAnswer(
          sampleAnswer({
            text,
            abstained: true,
            citations: [sampleCitation({ quote, title, section })],
            related: [sampleCitation({ number: 9, sectionSlug: "x", title })],
            note: quote,
          }),
          { questionId: "q", shareable: true, question: { text: title } },
        );
        for (const message of messages) for (const piece of slackTexts(message)) expectInert(piece);
      }),
      { numRuns: 400 },
    );
  });
});

describe("inert text costs linear time", () => {
  it("renders 100,000 characters of brackets, dots, newlines and markers in well under 2 s", () => {
    const hostile = [
      "[".repeat(50_000),
      "[a](".repeat(12_000),
      "a.".repeat(50_000),
      "\n ".repeat(50_000),
      "*_~`>".repeat(20_000),
    ];
    const startedAt = performance.now();
    for (const text of hostile) {
      renderAnswer(
        sampleAnswer({ text, citations: [sampleCitation({ title: text, quote: text })] }),
        {
          questionId: "q",
          shareable: false,
        },
      );
    }
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });
});

describe("summaries, meeting lists and notices are inert too", () => {
  it("summary entries, labels, location and notes", () => {
    const summary = sampleSummary();
    summary.meeting.location = `Rådhuset ${PHISHING}`;
    summary.meeting.body = "<!channel> Rådet www.evil.example";
    summary.quotesNote = PHISHING;
    const [entry, closed] = summary.entries;
    if (!entry || !closed) throw new Error("sample summary has two entries");
    entry.title = `Titel ${PHISHING} *fed*`;
    entry.parts = [{ kind: "decision", label: "<@U1>", text: `Vedtaget, se ${PHISHING}` }];
    closed.text = "x";
    const llmSummary = sampleSummary();
    const [llmEntry] = llmSummary.entries;
    if (!llmEntry) throw new Error("sample summary has entries");
    llmEntry.text = `Modellen skrev ${PHISHING} og <!here>`;
    for (const rendered of [summary, llmSummary]) {
      const messages = renderSummary(rendered, { questionId: "s", shareable: true });
      const all = allTexts(messages);
      expectInert(all);
      expect(all).not.toContain("*fed*");
    }
  });

  it("meeting lists: body, location and id", () => {
    const meeting = {
      id: "m`*x*`",
      body: `Rådet ${PHISHING}`,
      date: "2019-09-18",
      location: "<!channel> https://evil.example",
      items: [],
    } as unknown as Meeting;
    for (const publicBaseUrl of [undefined, BASE]) {
      const messages = renderMeetings([meeting], {
        language: "da",
        ...(publicBaseUrl ? { publicBaseUrl } : {}),
      });
      const all = allTexts(messages);
      expectInert(all);
      expect(withoutReferatLinks(all)).not.toContain("*x*");
    }
  });

  it("help and the meeting list's hint write their <placeholders> escaped, not as links", () => {
    for (const language of ["da", "en"] as const) {
      const texts = [
        ...slackTexts(renderHelp(language)),
        ...renderMeetings([], { language }).flatMap(slackTexts),
      ];
      for (const text of texts) expect(withoutReferatLinks(text)).not.toMatch(/[<>]/);
    }
  });

  it("error notices that repeat what the person typed", () => {
    const failure = describeFailure(new AppError("meeting_not_found", "no"), "da", {
      meetingReference: `${PHISHING} <!channel>`,
    });
    expectInert(failure.text.replace(/`\/referat møder`/, ""));
  });
});
