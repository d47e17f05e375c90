import { beforeAll, describe, expect, it } from "vitest";
import { judgeRelevance, prepareCandidates } from "../../src/answer/candidates.ts";
import { formatCitationLabel } from "../../src/answer/citations.ts";
import { composeExtractiveAnswer } from "../../src/answer/extractive-answer.ts";
import { detectLanguage } from "../../src/answer/language.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { toItemRef, toMeetingRef } from "../../src/answer/refs.ts";
import { UNRANKED_SIGNALS } from "../../src/answer/retriever.ts";
import { loadSynonyms, type SynonymTable } from "../../src/answer/synonyms.ts";
import {
  buildTermIndex,
  questionConcepts,
  type TermIndex,
} from "../../src/answer/term-evidence.ts";
import { itemText } from "../../src/answer/term-matching.ts";
import type { RetrievedItem } from "../../src/answer/types.ts";
import { createDanishAnalyzer, type TextAnalyzer } from "../../src/index/danish-analyzer.ts";
import type { MeetingCatalog } from "../../src/minutes/catalog.ts";
import { createMeetingCatalog, ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { answerStageOver } from "../support/answer-stage.ts";

/**
 * The extractive answer on the bundled minutes, given retrieved items built by hand from the real
 * parsed meetings (the retriever's own ranking is exercised in the end-to-end tests).
 */

const BASE_URL = "https://referat.example.dk";
let meetings: Meeting[];
let catalog: MeetingCatalog;
let analyzer: TextAnalyzer;
let termIndex: TermIndex;
let synonyms: SynonymTable;

beforeAll(async () => {
  ({ meetings, catalog, analyzer, termIndex } = await answerStageOver([
    new URL("../../data/minutes", import.meta.url).pathname,
  ]));
  synonyms = await loadSynonyms();
});

/** A retrieved item for `meetingId` / `number`, with its sections as passages. */
function retrieved(meetingId: string, number: number): RetrievedItem {
  const meeting = meetings.find((m) => m.id === meetingId);
  const item = meeting?.items.find((i) => i.number === number);
  if (!meeting || !item) throw new Error(`no item ${meetingId} ${number}`);
  return {
    meeting: toMeetingRef(meeting),
    item: toItemRef(item),
    score: 1,
    legs: ["lexical"],
    signals: { ...UNRANKED_SIGNALS, lexicalRank: 1, lexicalScore: 1 },
    passages: item.sections.map((section, index) => ({
      chunkId: `${meeting.id}#${item.number}/${section.slug}/${index}`,
      sectionHeading: section.heading,
      sectionKind: section.kind,
      sectionSlug: section.slug,
      text: section.text,
      start: 0,
      end: section.text.length,
      score: 1,
    })),
  };
}

function answer(question: string, items: RetrievedItem[]) {
  const language = detectLanguage(question);
  const concepts = questionConcepts(question, analyzer, synonyms);
  const candidates = prepareCandidates(items, {
    catalog,
    concepts,
    analyzer,
    termIndex,
    limit: 5,
    language,
    kind: answerKindOf(question),

    question,
  });
  const relevance = judgeRelevance(candidates);
  const ordered = relevance.best
    ? [relevance.best, ...candidates.filter((c) => c !== relevance.best)]
    : candidates;
  const composed = composeExtractiveAnswer(ordered, {
    language,
    kind: answerKindOf(question),
    concepts,
    termIndex,
    analyzer,
    publicBaseUrl: BASE_URL,
  });
  return { ...composed, relevant: relevance.relevant, language };
}

function sectionText(meetingId: string, number: number, slug: string): string {
  const section = meetings
    .find((m) => m.id === meetingId)
    ?.items.find((i) => i.number === number)
    ?.sections.find((s) => s.slug === slug);
  return section?.text ?? "";
}

const flat = (text: string) => text.replace(/\s+/g, " ").trim();

describe("extractive answers on the bundled minutes", () => {
  it("answers a decision question with the item's decision, verbatim and cited", () => {
    const result = answer("Hvad blev der besluttet om styregruppen for ACT-indsatsen?", [
      retrieved("udsatteraadet-2019-09-18", 30),
      retrieved("udsatteraadet-2019-09-18", 32),
    ]);
    expect(result.relevant).toBe(true);
    expect(result.text).toContain(
      "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
    );
    expect(result.text).toMatch(/^Beslutning, punkt 32/);
    expect(result.citations).toHaveLength(1);
    const [citation] = result.citations;
    expect(citation?.url).toBe(`${BASE_URL}/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning`);
    expect(citation && formatCitationLabel(citation, "da")).toBe(
      "Udsatterådet 18.09.2019 · Punkt 32 › Beslutning",
    );
  });

  it("labels the answer in English for an English question, quoting the Danish decision", () => {
    const result = answer("What was decided about the steering group for the ACT effort?", [
      retrieved("udsatteraadet-2019-09-18", 32),
    ]);
    expect(result.language).toBe("en");
    expect(result.text).toMatch(/^Decision, item 32 .*quoted in Danish:/);
    expect(result.text).toContain("Henrik Juncher");
    const [citation] = result.citations;
    expect(citation && formatCitationLabel(citation, "en")).toBe(
      "Udsatterådet 18.09.2019 · Item 32 › Beslutning (decision)",
    );
  });

  it("answers other questions with the best supporting sentence, each cited", () => {
    const result = answer("Hvor mange deltog i informationsmøderne om SoSu-projektet?", [
      retrieved("beskaeftigelsesudvalget-2020-01-14", 2),
      retrieved("beskaeftigelsesudvalget-2020-01-14", 1),
    ]);
    expect(result.text).toContain("I alt 65 deltog i informationsmøderne.");
    expect(result.text).toMatch(/\[1\]/);
    expect(result.citations.every((c) => c.number === 2)).toBe(true);
  });

  it("keeps a list with the sentence that introduces it", () => {
    const result = answer("Hvilke parter er kvalitetsstandarderne sendt i høring hos?", [
      retrieved("udsatteraadet-2019-09-18", 31),
    ]);
    expect(result.text).toContain("Handicaprådet");
    expect(result.text).toContain("MED-organisationen på socialområdet");
  });

  it("quotes only verbatim text of the cited section", () => {
    const questions: [string, RetrievedItem[]][] = [
      [
        "Hvem stemte imod orienteringen om ledighed og indsats januar 2020?",
        [retrieved("beskaeftigelsesudvalget-2020-01-14", 3)],
      ],
      [
        "Hvornår afholdes arbejdsmiljøtemadagen 2022?",
        [retrieved("hmu-socialomraadet-2022-04-20", 11)],
      ],
      [
        "Hvad blev der besluttet om arbejdsgruppen for seniorer?",
        [retrieved("lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 9)],
      ],
    ];
    for (const [question, items] of questions) {
      const result = answer(question, items);
      expect(result.citations.length).toBeGreaterThan(0);
      for (const citation of result.citations) {
        const source = flat(sectionText(citation.meetingId, citation.number, citation.sectionSlug));
        expect(source).toContain(citation.quote.replace(/ …$/, ""));
        expect(result.text).toContain(citation.quote.replace(/ …$/, "").slice(0, 40));
      }
    }
  });

  it("finds the decision in running text when an item has no Beslutning section", () => {
    const result = answer("Hvad blev der besluttet om arbejdsgruppen for seniorer?", [
      retrieved("lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 9),
    ]);
    expect(result.text).toContain(
      "Det besluttes at nedsætte en arbejdsgruppe bestående af Per Thuesen, Ina Bang, Tina Arent og Carsten Jensen.",
    );
    // The bracketed agenda note that opens the item is not an answer.
    expect(result.text).not.toContain("(orientering – 5 min.");
  });

  it("puts the decision before the recommendation for a who-question", () => {
    const result = answer("Hvem blev medlem af styregruppen for ACT-indsatsen?", [
      retrieved("udsatteraadet-2019-09-18", 32),
    ]);
    expect(result.citations[0]?.section).toBe("Beslutning");
    expect(result.citations[0]?.quote).toContain("Henrik Juncher");
    const recommendation = result.citations.findIndex((c) => c.sectionSlug === "indstilling");
    expect(recommendation === -1 || recommendation > 0).toBe(true);
  });

  it("leads with the agreement naming the members in an unheaded item", () => {
    const result = answer("Hvem skal lave en arbejdsgruppe om ukønnede stillingsopslag?", [
      retrieved("lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 6),
    ]);
    // The sentence that asks for volunteers ends in a question mark; the agreement answers.
    expect(result.citations[0]?.quote).toMatch(
      /^Det aftales, at Carsten Jensen, Tine Horn og Malene Rude laver en arbejdsgruppe/,
    );
  });

  it("leads with the decision sentence in running text for a decision question", () => {
    const result = answer("Hvad blev der besluttet om arbejdsgruppen for seniorer?", [
      retrieved("lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11", 9),
    ]);
    expect(result.citations[0]?.quote).toMatch(/^Det besluttes at nedsætte en arbejdsgruppe/);
  });

  it("does not take the name or role the question itself mentions for the answer", () => {
    const result = answer("Which supplier announced that Sensus Bosted will be phased out?", [
      retrieved("hmu-socialomraadet-2022-04-20", 7),
    ]);
    // What is quoted, whatever the relevance model makes of one hand-picked candidate.
    expect(result.citations[0]?.quote).toBe(
      "Sensus Bosted leveres af leverandør EG Digital Welfare.",
    );
  });

  it("cites a closed item as closed and describes nothing", () => {
    const result = answer("Hvad handlede det lukkede punkt 5 om?", [
      retrieved("beskaeftigelsesudvalget-2020-01-14", 5),
    ]);
    const citation = result.citations[0];
    expect(result.text).toBe("Punkt 5 er et lukket punkt; indholdet gengives ikke. [1]");
    expect(citation).toMatchObject({ closed: true, quote: "", number: 5 });
    expect(citation?.url).toBe(`${BASE_URL}/meetings/beskaeftigelsesudvalget-2020-01-14#punkt-5`);
  });
});

describe("relevance", () => {
  it("finds no evidence for a subject the minutes never mention", () => {
    const result = answer("Hvad blev der besluttet om parkeringsafgifter i midtbyen?", [
      retrieved("beskaeftigelsesudvalget-2020-01-14", 1),
      retrieved("udsatteraadet-2021-09-27", 20),
    ]);
    expect(result.relevant).toBe(false);
  });

  it("does not take common words as evidence", () => {
    const result = answer("Hvad koster det nye svømmestadion i Randers Kommune?", [
      retrieved("beskaeftigelsesudvalget-2020-01-14", 2),
      retrieved("udsatteraadet-2019-09-18", 31),
    ]);
    expect(result.relevant).toBe(false);
  });

  it("accepts an item holding the question's distinctive words", () => {
    const result = answer("Hvem var projektleder på sygefraværsprojektet BIDI?", [
      retrieved("hmu-socialomraadet-2022-04-20", 4),
    ]);
    expect(result.relevant).toBe(true);
    expect(result.text).toContain("Nørbjerg");
  });

  it("translates an English joined word as a whole, not by its parts", () => {
    const concepts = questionConcepts(
      "Who is the cross-cutting working environment coordinator?",
      analyzer,
      synonyms,
    );
    const crossCutting = concepts.find((concept) => concept.label === "cross-cutting");
    expect(crossCutting?.expansions).toContain(analyzer.queryTerms("tværgående")[0]?.term);
    const subGoals = questionConcepts("What about the sub-goals?", analyzer, synonyms).find(
      (concept) => concept.label === "sub-goals",
    );
    expect(subGoals?.expansions).toContain(analyzer.queryTerms("delmål")[0]?.term);
    // "goals" alone would be "mål": the whole word is more specific than its parts.
    expect(subGoals?.expansions).not.toContain(analyzer.queryTerms("mål")[0]?.term);

    const result = answer("Who is the cross-cutting working environment coordinator?", [
      retrieved("hmu-socialomraadet-2022-04-20", 11),
      retrieved("hmu-socialomraadet-2022-04-20", 8),
    ]);
    expect(result.relevant).toBe(true);
    expect(result.citations[0]?.quote).toContain(
      "Tværgående arbejdsmiljøkoordinator Lotte Koldtoft",
    );
  });

  it("takes a project name made of stop words as evidence", () => {
    const concepts = questionConcepts(
      "Hvor mange penge fik kommunen til Flere skal med 2?",
      analyzer,
    );
    expect(concepts.map((concept) => concept.label)).toContain('"flere skal med"');
  });
});
