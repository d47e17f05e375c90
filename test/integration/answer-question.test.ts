import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCitationLabel } from "../../src/answer/citations.ts";
import type { Answer } from "../../src/answer/types.ts";
import { AppError } from "../../src/shared/errors.ts";
import {
  answerFunctions,
  BUNDLED_MINUTES,
  buildRetrievalStack,
  PUBLIC_BASE_URL,
  type RetrievalStack,
} from "./answer-pipeline.ts";

/** Extractive answers and summaries on the bundled minutes, through the real retriever. */

let stack: RetrievalStack;
let answers: ReturnType<typeof answerFunctions>;

beforeAll(async () => {
  stack = await buildRetrievalStack([BUNDLED_MINUTES]);
  answers = answerFunctions(stack);
});
afterAll(async () => {
  await stack.dispose();
});

function sectionText(meetingId: string, number: number, slug: string): string {
  const item = stack.catalog.get(meetingId)?.items.find((candidate) => candidate.number === number);
  return item?.sections.find((section) => section.slug === slug)?.text ?? "";
}

/** Every quote is a verbatim piece of the section it cites. */
function expectVerbatimQuotes(answer: Answer) {
  for (const citation of [...answer.citations, ...answer.related]) {
    if (citation.closed) continue;
    const source = sectionText(citation.meetingId, citation.number, citation.sectionSlug);
    expect(source.replace(/\s+/g, " ")).toContain(citation.quote.replace(/ …$/, ""));
  }
}

describe("answerQuestion, extractive, on the bundled minutes", () => {
  it("answers a decision question with the decision, verbatim, cited to the Beslutning", async () => {
    const answer = await answers.answerQuestion(
      "Hvad blev der besluttet om styregruppen for ACT-indsatsen?",
    );
    expect(answer).toMatchObject({ mode: "extractive", abstained: false, language: "da" });
    expect(answer.text).toContain(
      "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
    );
    const [citation] = answer.citations;
    expect(citation).toMatchObject({
      meetingId: "udsatteraadet-2019-09-18",
      number: 32,
      section: "Beslutning",
      url: `${PUBLIC_BASE_URL}/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning`,
    });
    expect(citation && formatCitationLabel(citation, "da")).toBe(
      "Udsatterådet 18.09.2019 · Punkt 32 › Beslutning",
    );
    expectVerbatimQuotes(answer);
  });

  it("leads a who-question with the decision naming the person, ahead of the recommendation", async () => {
    const answer = await answers.answerQuestion(
      "Hvem blev medlem af styregruppen for ACT-indsatsen?",
    );
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]).toMatchObject({ number: 32, section: "Beslutning" });
    expect(answer.citations[0]?.quote).toBe(
      "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
    );
    expect(answer.text).toMatch(/^Fra referatet: Udsatterådet udpeger Henrik Juncher/);
    expectVerbatimQuotes(answer);
  });

  it("leads with the decision sentence of an item that has no Beslutning section", async () => {
    const answer = await answers.answerQuestion(
      "What was decided about the seniors working group?",
    );
    expect(answer).toMatchObject({ abstained: false, language: "en" });
    expect(answer.citations[0]).toMatchObject({
      meetingId: "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
      number: 9,
      section: "Tekst",
    });
    expect(answer.citations[0]?.quote).toMatch(/^Det besluttes at nedsætte en arbejdsgruppe/);
    expectVerbatimQuotes(answer);
  });

  it("answers an English who-question with the sentence naming someone the question does not", async () => {
    const contact = await answers.answerQuestion(
      "Who is the primary contact person for citizens in the Flere skal med 2 model?",
    );
    expect(contact.citations[0]?.number).toBe(1);
    expect(contact.citations[0]?.quote).toContain(
      "en personlig jobformidler er borgerens primære kontaktperson",
    );

    // "Sensus Bosted" and "leverandøren" are the question's own words; the new name answers.
    const supplier = await answers.answerQuestion(
      "Which supplier announced that Sensus Bosted will be phased out?",
    );
    expect(supplier.citations[0]).toMatchObject({ meetingId: "hmu-socialomraadet-2022-04-20" });
    expect(supplier.citations[0]?.quote).toBe(
      "Sensus Bosted leveres af leverandør EG Digital Welfare.",
    );
    expectVerbatimQuotes(contact);
    expectVerbatimQuotes(supplier);
  });

  it("answers other questions with the best supporting sentences, each cited", async () => {
    const answer = await answers.answerQuestion(
      "Hvor mange deltog i informationsmøderne om SoSu-projektet?",
    );
    expect(answer.text).toContain("I alt 65 deltog i informationsmøderne.");
    expect(answer.citations[0]).toMatchObject({
      meetingId: "beskaeftigelsesudvalget-2020-01-14",
      number: 2,
    });
    const markers = answer.text.match(/\[\d+\]/g) ?? [];
    expect(markers.length).toBe(answer.citations.length);
    expectVerbatimQuotes(answer);
  });

  it("labels an English question's answer in English", async () => {
    const answer = await answers.answerQuestion(
      "Who voted against the briefing on unemployment in January 2020?",
    );
    expect(answer.language).toBe("en");
    // A vote question is answered by the decision that records the vote.
    expect(answer.text).toMatch(
      /^Decision, item 3 \(Ledighed og indsats januar 2020\), quoted in Danish:/,
    );
    expect(answer.text).toContain("Imod stemte Nick Zimmermann.");
    const labels = answer.citations.map((citation) => formatCitationLabel(citation, "en"));
    expect(labels[0]).toMatch(/^Beskæftigelsesudvalget 14\.01\.2020 · Item 3 › /);
  });

  it("cites a closed item as closed and says nothing of its content", async () => {
    const answer = await answers.answerQuestion("Hvad skete der i punkt 5 lukket?", {
      filters: { meetingId: "beskaeftigelsesudvalget-2020-01-14" },
    });
    expect(answer.text).toBe("Punkt 5 er et lukket punkt; indholdet gengives ikke. [1]");
    expect(answer.citations).toEqual([
      expect.objectContaining({ number: 5, closed: true, quote: "", section: "" }),
    ]);
  });

  it("abstains on a question the minutes do not cover, listing the nearest items as related", async () => {
    const answer = await answers.answerQuestion(
      "Hvad blev der besluttet om parkeringsafgifter i midtbyen?",
    );
    expect(answer).toMatchObject({ abstained: true, citations: [] });
    expect(answer.text).toMatch(/^Referaterne ser ikke ud til at dække det spørgsmål/);
    expect(answer.related.length).toBeGreaterThan(0);
    expect(answer.related.length).toBeLessThanOrEqual(3);
    expectVerbatimQuotes(answer);

    const english = await answers.answerQuestion(
      "What did the committee decide about the new swimming stadium?",
    );
    expect(english).toMatchObject({ abstained: true, citations: [], language: "en" });
    expect(english.text).toMatch(/^The minutes do not seem to cover that question/);
  });

  it("uses the thread's earlier question to understand a follow-up", async () => {
    const alone = await answers.answerQuestion("og hvem blev valgt?");
    expect(alone.text).not.toContain("Henrik Juncher");

    const followUp = await answers.answerQuestion("og hvem blev valgt?", {
      history: [
        { role: "user", text: "Hvad blev der besluttet om ACT-indsatsen?" },
        { role: "assistant", text: "Udsatterådet skulle udvælge et medlem til styregruppen. [1]" },
      ],
    });
    expect(followUp.abstained).toBe(false);
    expect(followUp.text).toContain("Henrik Juncher");
    expect(followUp.citations.some((citation) => citation.number === 32)).toBe(true);
  });

  it("answers an English follow-up in English", async () => {
    const followUp = await answers.answerQuestion("and when is it held?", {
      history: [{ role: "user", text: "Hvad handler arbejdsmiljøtemadagen 2022 om?" }],
    });
    expect(followUp).toMatchObject({ abstained: false, language: "en" });
    expect(followUp.text).toContain("Årets arbejdsmiljøtemadag afholdes 12. maj 2022.");
    expect(followUp.text).toMatch(/^From the minutes \(quoted in Danish\):/);
  });

  it("keeps to the filters it is given", async () => {
    const answer = await answers.answerQuestion("Hvad blev der besluttet om stormødet?", {
      filters: { meetingId: "udsatteraadet-2021-09-27" },
    });
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(
      answer.citations.every((citation) => citation.meetingId === "udsatteraadet-2021-09-27"),
    ).toBe(true);
  });
});

describe("summariseMeeting, extractive", () => {
  it("lists every item in order with its decision, each cited", async () => {
    const summary = await answers.summariseMeeting("udsatterådet 18.09.2019");
    expect(summary.meeting).toMatchObject({
      id: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      date: "2019-09-18",
    });
    expect(summary.mode).toBe("extractive");
    expect(summary.entries.map((entry) => entry.number)).toEqual([
      30, 31, 32, 33, 34, 35, 36, 37, 38,
    ]);
    const act = summary.entries.find((entry) => entry.number === 32);
    expect(act?.title).toBe("Medlem til styregruppen for ACT-indsatsen");
    expect(act?.text).toBe(
      "Beslutning: Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
    );
    expect(act?.citations[0]?.url).toBe(
      `${PUBLIC_BASE_URL}/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning`,
    );
    // One citation per quoted part: the decision, and the gist beside a bare one.
    for (const entry of summary.entries) {
      expect(entry.citations).toHaveLength(Math.max(1, entry.parts?.length ?? 0));
    }
  });

  it("lists closed items as closed", async () => {
    const summary = await answers.summariseMeeting("14.01.2020", { language: "en" });
    expect(summary.quotesNote).toBe("The quotes are in Danish, the language of the minutes.");
    const closed = summary.entries.filter((entry) => entry.closed);
    expect(closed.map((entry) => entry.number)).toEqual([5, 6]);
    for (const entry of closed) {
      expect(entry.text).toBe("Closed item.");
      expect(entry.citations[0]).toMatchObject({ closed: true, quote: "" });
    }
    expect(summary.entries.find((entry) => entry.number === 3)?.text).toMatch(
      /^Decision: Taget til efterretning/,
    );
  });

  it("summarises an item without a decision by the opening of its text", async () => {
    const summary = await answers.summariseMeeting("latest");
    expect(summary.meeting.id).toBe("lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11");
    const seniors = summary.entries.find((entry) => entry.number === 9);
    expect(seniors?.text.length).toBeGreaterThan(20);
    expect(seniors?.citations[0]?.section).toBe("Tekst");
  });

  it("reports an unknown meeting as meeting_not_found", async () => {
    const error = await answers.summariseMeeting("1999-01-01").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("meeting_not_found");
  });
});
