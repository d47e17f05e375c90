import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROMPTS_DIRECTORY, loadPrompts } from "../../src/answer/prompts.ts";
import { createSummariseMeeting } from "../../src/answer/summarise-meeting.ts";
import type { MeetingSummary, SummariseMeeting, SummaryEntry } from "../../src/answer/types.ts";
import { createMeetingCatalog, ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";

/**
 * Extractive meeting summaries of real minutes nobody tuned for (../shared/real-minutes: Greve,
 * Aalborg, Kolding, Køge, Odense, Frederiksberg, Region Hovedstaden, Syddjurs; ../shared/seeds):
 * the decision and, beside a bare one, the gist; closed items by title only; no markup.
 */

const PUBLIC_BASE_URL = "http://referat.test";
let meetings: Meeting[];
let summarise: SummariseMeeting;

beforeAll(async () => {
  const ingested = await Promise.all(
    ["../shared/real-minutes", "../shared/seeds"].map((directory) => ingestDirectory(directory)),
  );
  const failures = ingested.flatMap((result) => result.failures);
  expect(failures.map((failure) => failure.file)).toEqual(["README.md"]);
  meetings = ingested.flatMap((result) => result.meetings);
  summarise = createSummariseMeeting({
    catalog: createMeetingCatalog(meetings),
    prompts: await loadPrompts(DEFAULT_PROMPTS_DIRECTORY),
    publicBaseUrl: PUBLIC_BASE_URL,
    logger: createSilentLogger(),
  });
});

function entry(summary: MeetingSummary, number: number): SummaryEntry {
  const found = summary.entries.find((candidate) => candidate.number === number);
  if (!found) throw new Error(`no entry ${number} in ${summary.meeting.id}`);
  return found;
}

const MARKUP = /\*\*|__|\]\(|<https?:|<\/?[a-z]+[\s>]|\|\s*-{2,}|&[a-z]+;/i;

describe("extractive summaries of real minutes", () => {
  it("gives a 34-item Greve council meeting's bare decisions their gist from the Resume", async () => {
    const summary = await summarise("byrådsmødet 05.09.2022");
    expect(summary.meeting.id).toBe("byraad-2022-09-05");
    expect(summary.entries.map((candidate) => candidate.number)).toEqual(
      Array.from({ length: 34 }, (_, index) => index + 1),
    );

    const signing = entry(summary, 5);
    expect(signing.parts?.[0]).toEqual({
      kind: "decision",
      label: "Beslutning",
      text: "Byrådet godkendte administrationens indstilling.",
    });
    expect(signing.parts?.[1]).toMatchObject({ kind: "gist", label: "Resumé" });
    expect(signing.parts?.[1]?.text).toMatch(
      /^Direktør Morten Bøgelund Andersen skal bemyndiges som tegningsberettiget/,
    );
    expect(signing.text).toBe(
      `Beslutning: ${signing.parts?.[0]?.text}\nResumé: ${signing.parts?.[1]?.text}`,
    );
    expect(signing.citations.map((citation) => citation.url)).toEqual([
      `${PUBLIC_BASE_URL}/meetings/byraad-2022-09-05#punkt-5-beslutning`,
      `${PUBLIC_BASE_URL}/meetings/byraad-2022-09-05#punkt-5-resume`,
    ]);

    const bare = summary.entries.filter((candidate) =>
      /^Byrådet godkendte (?:Økonomiudvalgets|administrationens) indstilling\.$/.test(
        candidate.parts?.[0]?.text ?? "",
      ),
    );
    expect(bare.length).toBeGreaterThanOrEqual(20);
    for (const candidate of bare) {
      expect(candidate.parts?.[1]?.kind, `item ${candidate.number}`).toBe("gist");
      expect(candidate.parts?.[1]?.text.length).toBeLessThanOrEqual(262);
    }

    // A decision that says what was decided stands alone, without the attendance note.
    expect(entry(summary, 4).parts).toEqual([
      {
        kind: "decision",
        label: "Beslutning",
        text: "Borgmesteren lykønskede byrådsmedlem Anne Marie Lyduch med tildeling af Dannebrogordenens Ridderkors.",
      },
    ]);
    for (const number of [1, 2, 3, 4])
      expect(entry(summary, number).text).not.toContain("Fraværende");

    // A long decision (the budget, with its votes) is a shortened quote.
    const budget = entry(summary, 8).parts?.[0]?.text ?? "";
    expect(budget).toMatch(/^1\. Byrådet 1\. behandlede budgetforslaget/);
    expect(budget).toMatch(/ …$/);
    expect(budget.length).toBeLessThanOrEqual(322);
  });

  it("lists closed items by title only, marked closed", async () => {
    const summary = await summarise("byraad-2022-09-05");
    for (const number of [31, 32]) {
      const closed = entry(summary, number);
      expect(closed).toMatchObject({ closed: true, text: "Lukket punkt." });
      expect(closed.parts).toBeUndefined();
      expect(closed.citations).toHaveLength(1);
      expect(closed.citations[0]).toMatchObject({ closed: true, quote: "", section: "" });
    }
    // Greve publishes a closed item's decision; the summary never repeats it.
    expect(JSON.stringify(summary)).not.toContain("konkret personalesag");
  });

  it("takes the gist of an approval from the recommendation, of a briefing from the case text", async () => {
    const aalborg = await summarise("seneste byrådsmøde");
    expect(aalborg.meeting.id).toBe("byraadet-2023-06-19");
    expect(entry(aalborg, 4).text).toBe(
      "Beslutning: Godkendt.\nIndstilling: Økonomi og Erhverv indstiller, at byrådet godkender indkaldelse af stedfortræder for Tobias Bøgeskov Eriksen i perioden 1. august til 1. december 2023 – begge dage inklusive.",
    );

    const randers = await summarise("udsatterådet 18.09.2019");
    // "Taget til efterretning" with no Resume: the case text, not the recommendation restating it.
    expect(entry(randers, 35).parts?.[1]).toMatchObject({
      kind: "gist",
      label: "Sagsfremstilling",
    });
    expect(entry(randers, 35).parts?.[1]?.text).toContain("Poverty Walk i Randers");
    expect(entry(randers, 34).parts?.[1]).toMatchObject({ kind: "gist", label: "Resumé" });
    // A decision with its own content, and the agenda's own approval, need no gist.
    expect(entry(randers, 32).parts).toHaveLength(1);
    expect(entry(randers, 30).text).toBe("Beslutning: Godkendt");

    const region = await summarise("forretningsudvalg 08.11.2022");
    // The recommendation is cut off after its colon on this page: the case text says it instead.
    expect(entry(region, 2).text).toMatch(
      /^Beslutning: Anbefalet\.\nSagsfremstilling: Regionsrådet skal i henhold til § 18 i lov om forurenet jord/,
    );
  });

  it("opens an item with no decision by its most telling section, lines the page wrapped joined", async () => {
    const koege = await summarise("klima- og planudvalget 09.01.2020");
    expect(entry(koege, 1).text).toBe("Beslutning: Godkendt. Sag 3 udgår.");
    expect(entry(koege, 2).parts?.[0]).toMatchObject({ kind: "gist", label: "Indstilling" });
    expect(entry(koege, 2).text).toMatch(
      /^Indstilling: Teknik- og Miljøforvaltningen indstiller, at Klima- og Planudvalget beslutter/,
    );
    const kolding = await summarise("byrådet 25.09.2018");
    expect(entry(kolding, 2).text).toBe(
      "Resumé: Havnebestyrelsen anmoder om Byrådets godkendelse af, at T. B. Bonne udtræder af Havnebestyrelsen og Lotte G. Lundberg indtræder i Havnebestyrelsen.",
    );
  });

  it("quotes no markup anywhere, and cites every quoted part", async () => {
    for (const meeting of meetings) {
      for (const language of ["da", "en"] as const) {
        const summary = await summarise(meeting.id, { language });
        for (const candidate of summary.entries) {
          const where = `${meeting.id} item ${candidate.number}`;
          expect(candidate.text, where).not.toMatch(MARKUP);
          if (candidate.closed) continue;
          expect(candidate.citations.length, where).toBe(Math.max(1, candidate.parts?.length ?? 0));
          for (const part of candidate.parts ?? []) {
            expect(part.text.length, where).toBeLessThanOrEqual(322);
            expect(part.text, where).not.toBe("");
          }
        }
      }
    }
  });

  it("says once, in English, that the quotes are in Danish", async () => {
    const english = await summarise("latest økonomiudvalget", { language: "en" });
    expect(english.meeting.id).toBe("oekonomiudvalget-2022-10-24");
    expect(english.quotesNote).toBe("The quotes are in Danish, the language of the minutes.");
    expect(entry(english, 9).text).toMatch(
      /^Decision: Økonomiudvalget anbefaler overfor Byrådet at administrationens indstilling godkendes\. Mehmet Zeki Dogru \(Ø\) undlod at tage stilling\.\nSummary: Byrådet skal i denne sag godkende en ny rammeaftale/,
    );
    expect(entry(english, 2).text).toBe("Closed item.");
    const danish = await summarise("latest økonomiudvalget");
    expect(danish.quotesNote).toBeUndefined();
    expect(entry(danish, 9).text).toMatch(/^Beslutning: .*\nResumé: /);
  });
});
