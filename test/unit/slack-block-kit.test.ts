import { describe, expect, it } from "vitest";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import { createSummariseMeeting } from "../../src/answer/summarise-meeting.ts";
import { createMeetingCatalog, ingestDirectory } from "../../src/minutes/index.ts";
import type { Meeting } from "../../src/minutes/model.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import { SLACK_LIMITS, splitText, truncateText } from "../../src/slack/block-limits.ts";
import type { Block } from "../../src/slack/blocks.ts";
import { answerTextToMrkdwn } from "../../src/slack/inert-text.ts";
import { mrkdwnLink, slackTextToPlain } from "../../src/slack/mrkdwn.ts";
import { renderAnswer } from "../../src/slack/render-answer.ts";
import { renderMeetings } from "../../src/slack/render-meetings.ts";
import { renderSummary } from "../../src/slack/render-summary.ts";
import { sampleAnswer, sampleCitation, sampleSummary } from "../fakes/answer-functions.ts";

function texts(blocks: Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "section") return [block.text?.text ?? ""];
    if (block.type === "context")
      return block.elements.map((element) => ("text" in element ? String(element.text) : ""));
    if (block.type === "header") return [block.text.text];
    return [];
  });
}

function buttonsOf(blocks: Block[]): string[] {
  return blocks.flatMap((block) =>
    block.type === "actions"
      ? block.elements.map((element) => ("action_id" in element ? String(element.action_id) : ""))
      : [],
  );
}

describe("splitText and truncateText", () => {
  it("splits at paragraph, then sentence, then word boundaries, never over the limit", () => {
    const text = `${"Første afsnit. ".repeat(10).trim()}\n\n${"Andet afsnit har flere ord. ".repeat(10).trim()}`;
    const pieces = splitText(text, 200);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    expect(pieces[0]).toBe("Første afsnit. ".repeat(10).trim());
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
    for (const piece of pieces.slice(1)) expect(piece).toMatch(/^Andet afsnit/);
  });

  it("never cuts a link or an entity in half", () => {
    const link = mrkdwnLink(
      "https://example.org/meetings/x#punkt-32-beslutning",
      "Udsatterådet 18.09.2019 · Punkt 32",
    );
    const text = `${"ord ".repeat(40)}${link} &amp; mere`;
    for (let limit = 150; limit < 260; limit += 7) {
      const pieces = splitText(text, limit);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(limit);
        expect((piece.match(/</g) ?? []).length).toBe((piece.match(/>/g) ?? []).length);
        expect(piece).not.toMatch(/&[a-z]*$/);
      }
      expect(pieces.some((piece) => piece.includes(link))).toBe(true);
    }
  });

  it("cuts text with no spaces hard at the limit", () => {
    const pieces = splitText("x".repeat(7000), 3000);
    expect(pieces.map((piece) => piece.length)).toEqual([3000, 3000, 1000]);
  });

  it("truncates at a word boundary with a suffix, within the limit", () => {
    const result = truncateText("en to tre fire fem seks syv", 15, "…");
    expect(result).toBe("en to tre fire…");
    expect(truncateText("kort", 15)).toBe("kort");
  });
});

describe("mrkdwn", () => {
  it("escapes control characters, keeps bold and turns a Markdown link into words", () => {
    expect(answerTextToMrkdwn("**Vigtigt**: 3 < 4 & [kilde](https://x.dk/a) > 2")).toBe(
      "*Vigtigt*: 3 &lt; 4 &amp; kilde (https:\u2215\u2215x\u2024dk/a) &gt; 2",
    );
  });

  it("keeps a link label from breaking out of <url|label>", () => {
    expect(mrkdwnLink("https://x.dk/a|b", "a|b <c>")).toBe("<https://x.dk/a%7Cb|a¦b &lt;c&gt;>");
  });

  it("reduces Slack message text to what the person typed", () => {
    expect(
      slackTextToPlain(
        "<@U0BOT> hvad sagde <@U1|anna> om <#C1|budget> &amp; <https://x.dk|linket>?",
        "U0BOT",
      ),
    ).toBe("hvad sagde @anna om #budget & linket?");
  });
});

describe("renderAnswer", () => {
  it("shows maybe-related items when the answer abstained, and the fallback note", () => {
    const answer = sampleAnswer({
      text: "Det kan jeg ikke finde i referaterne.",
      abstained: true,
      citations: [],
      related: [sampleCitation({ number: 33, title: "Budget & regnskab", sectionSlug: "resume" })],
      note: "Sprogmodellen svarede ikke; svaret er uddrag.",
    });
    const [message, ...more] = renderAnswer(answer, { questionId: "q1", shareable: false });
    expect(more).toHaveLength(0);
    const all = texts(message?.blocks ?? []).join("\n");
    expect(all).toContain("*Måske relateret*");
    expect(all).toContain(
      "Udsatterådet 18.09.2019 · Punkt 33 › Beslutning>: Budget &amp; regnskab",
    );
    expect(all).toContain("⚠️ Bemærk: Sprogmodellen svarede ikke; svaret er uddrag.");
    expect(all).not.toContain("*Kilder*");
  });

  it("marks closed items without quoting them and de-duplicates sources", () => {
    const closed = sampleCitation({
      number: 35,
      closed: true,
      section: "",
      sectionSlug: "",
      quote: "",
    });
    const answer = sampleAnswer({ citations: [sampleCitation(), sampleCitation(), closed] });
    const [message] = renderAnswer(answer, { questionId: "q2", shareable: true });
    const sources = texts(message?.blocks ?? []).filter((text) => /^\[\d+\] \*<http/.test(text));
    expect(sources).toHaveLength(2);
    // Numbers follow the answer's [n] markers: the repeated citation [2] is shown as [1].
    expect(sources.map((text) => text.slice(0, 3))).toEqual(["[1]", "[3]"]);
    expect(sources[1]).toContain("Punkt 35 (lukket)");
    expect(sources[1]).toContain("Lukket punkt: indholdet gengives ikke.");
  });

  it("shortens a runaway answer and stays within 50 blocks and 3,000 characters a block", () => {
    const answer = sampleAnswer({
      text: "Meget lang tekst. ".repeat(10_000),
      citations: Array.from({ length: 30 }, (_, index) =>
        sampleCitation({ number: index, sectionSlug: `s${index}` }),
      ),
    });
    const messages = renderAnswer(answer, { questionId: "q3", shareable: true });
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      for (const text of texts(message.blocks))
        expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    }
    const all = messages.flatMap((message) => texts(message.blocks)).join("\n");
    expect(all).toContain("(forkortet, se kilden for hele teksten)");
    expect(all.match(/^\[\d+\] \*<http/gm)).toHaveLength(10);
  });
});

describe("renderSummary and renderMeetings", () => {
  it("renders the items packed into sections, titles linked to the source, closed items unquoted", () => {
    const [message, ...more] = renderSummary(sampleSummary(), {
      questionId: "s1",
      shareable: true,
    });
    expect(more).toEqual([]);
    const all = texts(message?.blocks ?? []);
    expect(all[0]).toBe("Resumé: Udsatterådet 18.09.2019");
    expect(all[1]).toBe("Rådhuset · 2 punkter");
    expect(all).toContain(
      [
        "*<http://localhost:3000/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning|Punkt 32. Orientering om budget 2020>*",
        "Rådet tog orienteringen til efterretning.",
        "",
        "*Punkt 33. Personsag*",
        "_Lukket punkt: indholdet gengives ikke._",
      ].join("\n"),
    );
    expect(all.join("\n")).toContain("Resumé med uddrag fra referatet (ekstraktivt)");
  });

  it("labels the quoted parts of an extractive entry and shows the notes under the heading", () => {
    const summary = sampleSummary();
    summary.language = "en";
    summary.quotesNote = "The quotes are in Danish, the language of the minutes.";
    summary.note = "The language model cannot be reached";
    const [entry] = summary.entries;
    if (!entry) throw new Error("sample summary has entries");
    entry.parts = [
      { kind: "decision", label: "Decision", text: "Taget til efterretning." },
      { kind: "gist", label: "Summary", text: "Budgettet for 2020 <er> lagt & vedtaget." },
    ];
    const all = texts(
      renderSummary(summary, { questionId: "s2", shareable: false })[0]?.blocks ?? [],
    );
    expect(all[1]).toBe("Rådhuset · 2 items");
    expect(all[2]).toBe("The quotes are in Danish, the language of the minutes.");
    expect(all[3]).toBe("⚠️ Note: The language model cannot be reached");
    expect(all[4]).toContain(
      "_Decision:_ Taget til efterretning.\n_Summary:_ Budgettet for 2020 &lt;er&gt; lagt &amp; vedtaget.",
    );
  });

  it("keeps a real 34-item council meeting within Block Kit's limits, every item once, in two messages", async () => {
    const { meetings } = await ingestDirectory("../shared/real-minutes");
    const summarise = createSummariseMeeting({
      catalog: createMeetingCatalog(meetings),
      prompts: await loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
      publicBaseUrl: "http://localhost:3000",
      logger: createSilentLogger(),
    });
    for (const language of ["da", "en"] as const) {
      const summary = await summarise("byraad-2022-09-05", { language });
      const messages = renderSummary(summary, { questionId: "q34", shareable: true });
      expect(messages.length).toBeLessThanOrEqual(2);
      for (const message of messages) {
        expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
        expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(
          SLACK_LIMITS.blockCharactersPerMessage,
        );
        for (const block of message.blocks) {
          if (block.type === "section") {
            expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          }
        }
      }
      const all = texts(messages.flatMap((message) => message.blocks)).join("\n");
      const itemWord = language === "en" ? "Item" : "Punkt";
      for (let number = 1; number <= 34; number += 1) {
        expect(all.split(`|${itemWord} ${number}. `)).toHaveLength(2);
      }
      expect(all).not.toMatch(/\*\*|\]\(/);
      expect(all).not.toContain("konkret personalesag");
      const labels = language === "en" ? ["Decision", "Summary"] : ["Beslutning", "Resumé"];
      expect(all).toContain(
        `|${itemWord} 5. Bemyndigelse til underskrift - tegningsberettigede>*\n_${labels[0]}:_ Byrådet godkendte administrationens indstilling.\n_${labels[1]}:_ Direktør Morten Bøgelund Andersen`,
      );
      expect(all).toContain(
        language === "en"
          ? "|Item 31. Orientering>*\n_Closed item: its content is not shown._"
          : "|Punkt 31. Orientering>*\n_Lukket punkt: indholdet gengives ikke._",
      );
      if (language === "en") {
        expect(all).toContain("The quotes are in Danish, the language of the minutes.");
      }
      expect(buttonsOf(messages.at(-1)?.blocks ?? [])).toContain("referat_share");
    }
  });

  it("lists meetings newest first with links to their source pages", () => {
    const meeting: Meeting = {
      id: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      organisation: "Randers Kommune",
      date: "2019-09-18",
      time: null,
      location: "Rådhuset",
      sourceFile: "x.txt",
      documentType: "referat",
      format: "text",
      sourceUrl: null,
      visibility: "public",
      audiences: [],
      warnings: [],
      items: [
        {
          number: 30,
          title: "A",
          caseNumber: null,
          closed: false,
          sections: [],
          lineStart: 1,
          lineEnd: 2,
        },
      ],
    };
    const [message] = renderMeetings([meeting], {
      language: "da",
      publicBaseUrl: "https://referat.example/",
    });
    expect(texts(message?.blocks ?? [])[0]).toBe(
      "*Seneste møder*\n• *<https://referat.example/meetings/udsatteraadet-2019-09-18|Udsatterådet 18.09.2019>* · 1 punkt · Rådhuset · `udsatteraadet-2019-09-18`",
    );
  });
});
