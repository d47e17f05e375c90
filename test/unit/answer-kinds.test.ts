import { beforeAll, describe, expect, it } from "vitest";
import { catalogAnalyzer } from "../../src/answer/answer-question.ts";
import { prepareCandidates } from "../../src/answer/candidates.ts";
import { composeExtractiveAnswer } from "../../src/answer/extractive-answer.ts";
import { namesCount, namesMoneyOrShare } from "../../src/answer/fact-patterns.ts";
import { detectLanguage } from "../../src/answer/language.ts";
import { answerKindOf } from "../../src/answer/question-intent.ts";
import { toItemRef, toMeetingRef } from "../../src/answer/refs.ts";
import { UNRANKED_SIGNALS } from "../../src/answer/retriever.ts";
import { loadSynonyms, type SynonymTable } from "../../src/answer/synonyms.ts";
import {
  dropUnknownPhrases,
  questionConcepts,
  type TermIndex,
  termIndexOf,
} from "../../src/answer/term-evidence.ts";
import { buildTermStatistics } from "../../src/answer/term-statistics.ts";
import type { TextAnalyzer } from "../../src/index/danish-analyzer.ts";
import type { MeetingCatalog } from "../../src/minutes/catalog.ts";
import { createMeetingCatalog, ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { answerStageOver } from "../support/answer-stage.ts";

/**
 * The extractive answer gives the kind of thing each question asks for, on real minutes of eight
 * municipalities and regions and the five Randers/Region Midtjylland seeds: the item that answers
 * is handed over as the relevant candidate (as the relevance judgement does), and what is quoted
 * from it is checked.
 */

const REAL_MINUTES = new URL("../../../shared/real-minutes", import.meta.url).pathname;
const SEEDS = new URL("../../../shared/seeds", import.meta.url).pathname;
const BASE_URL = "https://referat.example.dk";

let meetings: Meeting[];
let catalog: MeetingCatalog;
let analyzer: TextAnalyzer;
let termIndex: TermIndex;
let synonyms: SynonymTable;

beforeAll(async () => {
  ({ meetings, catalog, analyzer, termIndex } = await answerStageOver([REAL_MINUTES, SEEDS]));
  synonyms = await loadSynonyms();
});

/** The answer to `question` from item `number` of meeting `meetingId`, judged relevant. */
function answerFrom(meetingId: string, number: number, question: string) {
  const meeting = catalog.get(meetingId);
  const item = meeting?.items.find((candidate) => candidate.number === number);
  if (!meeting || !item) throw new Error(`no item ${meetingId} ${number}`);
  const concepts = dropUnknownPhrases(questionConcepts(question, analyzer, synonyms), termIndex);
  const candidates = prepareCandidates(
    [
      {
        meeting: toMeetingRef(meeting),
        item: toItemRef(item),
        score: 1,
        legs: ["lexical"],
        signals: UNRANKED_SIGNALS,
        passages: [],
      },
    ],
    {
      catalog,
      concepts,
      analyzer,
      termIndex,
      limit: 1,
      language: detectLanguage(question),
      kind: answerKindOf(question),
      question,
    },
  );
  const kind = answerKindOf(question);
  const answer = composeExtractiveAnswer(candidates, {
    language: detectLanguage(question),
    kind,
    concepts,
    termIndex,
    analyzer,
    publicBaseUrl: BASE_URL,
  });
  return { ...answer, kind };
}

function sectionText(meetingId: string, number: number, slug: string): string {
  return (
    catalog
      .get(meetingId)
      ?.items.find((item) => item.number === number)
      ?.sections.find((section) => section.slug === slug)?.text ?? ""
  );
}

/** The quoted sentences of an answer (the text between its citation markers). */
function quotedParts(text: string): string[] {
  return text
    .split(/\s*\[\d+\]\s*/u)
    .map((part) => part.replace(/^[^:]*:\s*/u, "").trim())
    .filter((part) => part !== "");
}

describe("decision questions", () => {
  it("quote this meeting's decision, and the recommendation a bare 'Godkendt.' approves", () => {
    const answer = answerFrom(
      "byraadet-2023-06-19",
      3,
      "Fik den nye borgmester lov til at skrive under på køb og salg af ejendomme?",
    );
    expect(answer.kind).toBe("decision");
    expect(answer.text).toMatch(/^Beslutning, punkt 3 \(Punkt 3\): Godkendt\./u);
    expect(answer.text).toContain("Indstillingen, som beslutningen henviser til:");
    expect(answer.text).toContain("tegningsbemyndigelse vedrørende alle områder");
    expect(answer.citations.map((citation) => citation.sectionKind)).toEqual([
      "beslutning",
      "indstilling",
    ]);
  });

  it("add the recommendation when the decision approves 'administrationens indstilling'", () => {
    const answer = answerFrom(
      "oekonomiudvalget-2022-10-24",
      5,
      "What did the finance committee recommend about the lease with Nordholm?",
    );
    expect(answer.kind).toBe("decision");
    expect(answer.text).toContain(
      "Økonomiudvalget anbefaler overfor Byrådet at administrationens indstilling godkendes.",
    );
    expect(answer.text).toContain("The recommendation the decision refers to (in Danish):");
    expect(answer.text).toContain("indtægtsbevilling på 29.400 kr.");
  });

  it("add the recommendation to 'Anbefalet.' under a dated decision heading", () => {
    const answer = answerFrom(
      "forretningsudvalg-2022-11-08",
      2,
      "Hvad mente forretningsudvalget om den prioriterede liste for jordforurening?",
    );
    expect(answer.kind).toBe("decision");
    expect(answer.citations[0]?.section).toBe(
      "Forretningsudvalgets beslutning den 8. november 2022",
    );
    expect(answer.text).toContain("Anbefalet.");
    expect(answer.citations[1]?.sectionKind).toBe("indstilling");
  });

  it("quote this meeting's decision, not the earlier decisions the item carries", () => {
    const answer = answerFrom(
      "udvalget-for-plan-udvikling-og-kultur-puk-2013-06-20",
      715,
      "Hvad besluttede udvalget om Kulturkommune 2017?",
    );
    expect(answer.text).toContain("Punktet blev drøftet.");
    expect(answer.text).not.toContain("Punktet genoptages.");
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]?.section).toMatch(/den 20-06-2013$/u);
  });

  it("do not add the recommendation to a decision that says what was decided", () => {
    const answer = answerFrom(
      "odense-byraad-2008-03-26",
      1,
      "Hvad blev besluttet om bestyrelsen for Infra Service?",
    );
    expect(answer.text).toContain("Jesper Kinch-Jensen");
    expect(answer.citations).toHaveLength(1);
  });
});

describe("how much and how many", () => {
  it("quote the sentence holding the amount of money", () => {
    const answer = answerFrom(
      "beskaeftigelsesudvalget-2020-01-14",
      2,
      "Hvor meget kostede forforløbet?",
    );
    expect(answer.kind).toBe("amount");
    expect(answer.text).toContain("392.000 kr.");
  });

  it("never quote a sentence without an amount while another sentence of the item has one", () => {
    const questions: [string, number, string][] = [
      [
        "kommunalbestyrelsen-2015-09-28",
        229,
        "How much money did the schools get for substitutes?",
      ],
      ["byraad-2022-09-05", 13, "Hvad koster den nye daginstitution Lunas Ark?"],
      ["oekonomiudvalget-2022-10-24", 10, "Hvor meget er kommunens aktier og obligationer værd?"],
      [
        "hmu-socialomraadet-2022-04-20",
        9,
        "How much is the expected surplus carried over from 2021?",
      ],
    ];
    for (const [meetingId, number, question] of questions) {
      const answer = answerFrom(meetingId, number, question);
      expect(answer.kind).toBe("amount");
      const parts = quotedParts(answer.text);
      expect(parts.length).toBeGreaterThan(0);
      for (const part of parts) expect(namesMoneyOrShare(part)).toBe(true);
    }
  });

  it("find a count written in digits or in words", () => {
    expect(
      answerFrom(
        "byraad-2022-09-05",
        13,
        "How many children will the new Lunas Ark kindergarten have room for?",
      ).text,
    ).toContain("210");
    expect(
      answerFrom(
        "byraad-2022-09-05",
        17,
        "Hvor mange SOSU-elever skal overflyttes til den nye voksenelevordning?",
      ).text,
    ).toContain("overflytter otte social- og sundhedselever");
    expect(
      answerFrom("udsatteraadet-2021-09-27", 19, "Hvor mange indsatsområder har planen?").text,
    ).toContain("syv indsatsområder");
  });

  it("quote the entry of a long list that holds the number, not the list's cut-off opening", () => {
    const answer = answerFrom(
      "klima-og-planudvalget-2020-01-09",
      2,
      "Hvor langt væk skal bygherre orientere naboerne om arbejde efter kl. 18?",
    );
    expect(answer.kind).toBe("number");
    expect(answer.text).toContain(
      "6. Bygherre skal orientere naboerne mindst 1 uge i forvejen i en radius af 100 meter",
    );
    const quote = answer.citations[0]?.quote.replace(/ …$/u, "") ?? "";
    expect(
      sectionText("klima-og-planudvalget-2020-01-09", 2, "indstilling").replace(/\s+/gu, " "),
    ).toContain(quote);
  });

  it("tell counts from years, ordinals, references and addresses", () => {
    expect(namesCount("Byrådet 1. behandlede budgetforslaget den 5. september 2022.")).toBe(false);
    expect(namesCount("jf. Kommunestyrelseslovens § 28, stk. 2")).toBe(false);
    expect(namesCount("den nuværende bygning på Hundigegårdsvej 16")).toBe(false);
    expect(namesCount("Miljøvurderingen forventes at tage ca. syv måneder.")).toBe(true);
    expect(namesCount("I alt 65 deltog i informationsmøderne.")).toBe(true);
    // "en"/"et" are articles, and ordinals are not counts.
    expect(namesCount("Der er etableret en arbejdsgruppe for første gang.")).toBe(false);
  });
});

describe("who", () => {
  it("prefers the formand to the næstformand, and the other way round", () => {
    const chair = answerFrom("byraad-2022-09-05", 34, "Hvem er formand for udvalget?");
    expect(chair.kind).toBe("person");
    expect(quotedParts(chair.text)[0]).toMatch(/^Heidi Serny Jacobsen \(A\) har følgende/u);
    expect(chair.text).toContain("Formand i Social- og Handicapudvalget");
    expect(chair.text).not.toContain("Claus Jensen");
    for (const question of ["Hvem er næstformand i udvalget?", "Who is the vice chair?"]) {
      const deputy = answerFrom("byraad-2022-09-05", 34, question);
      expect(quotedParts(deputy.text)[0]).toContain("næstformanden, Claus Jensen (V)");
      expect(deputy.text).not.toContain("Formand i Social- og Handicapudvalget");
    }
  });

  it("names the formand given with an apposition", () => {
    const answer = answerFrom("hmu-socialomraadet-2022-04-20", 1, "Hvem er formand for HMU?");
    expect(quotedParts(answer.text)[0]).toContain(
      "Formand for HMU, Socialdirektør Ann-Britt Wetche",
    );
  });

  it("prefers a sentence with a new name to sentences naming only the person asked about", () => {
    const answer = answerFrom(
      "odense-byraad-2008-03-26",
      1,
      "Hvem afløste Søren Thorsager i bestyrelsen for Infra Service?",
    );
    expect(quotedParts(answer.text)[0]).toContain("udpeget byrådsmedlem Jesper Kinch-Jensen");
  });

  it("still answers with a role when the item names no one for it", () => {
    const answer = answerFrom(
      "udsatteraadet-2021-09-27",
      20,
      "Who will handle the questions from the audience at the stormøde?",
    );
    expect(answer.text).toContain("Næstformanden og sekretæren i rådet");
  });
});

describe("when and how long", () => {
  it("quotes the date or period asked for", () => {
    const period = answerFrom(
      "byraadet-2023-06-19",
      4,
      "I hvilken periode indkaldes der stedfortræder for Tobias Bøgeskov Eriksen?",
    );
    expect(period.kind).toBe("duration");
    expect(period.text).toContain("i perioden 1. august til 1. december 2023");
    const day = answerFrom(
      "forretningsudvalget-2012-09-25",
      3,
      "When is the conference on infrastructure and growth?",
    );
    expect(day.kind).toBe("date");
    expect(day.text).toContain("den 28. november 2012");
  });

  it("finds durations written in words: 'otte ugers', 'syv måneder', 'en time'", () => {
    const hearing = answerFrom(
      "oekonomiudvalget-2022-10-24",
      8,
      "Hvor længe skal lokalplanforslaget for plejecentret i Lunden i høring?",
    );
    expect(hearing.kind).toBe("duration");
    expect(hearing.text).toContain("otte ugers offentlig høring");
    expect(
      answerFrom("byraad-2022-09-05", 22, "Hvor lang tid tager miljøvurderingen af strandparken?")
        .text,
    ).toContain("ca. syv måneder");
    expect(
      answerFrom("udsatteraadet-2019-09-18", 36, "Hvor længe varer dialogmødet?").text,
    ).toContain("Dialogmødet varer en time.");
  });

  it("quotes the entry of a list that holds the notice period", () => {
    const answer = answerFrom(
      "klima-og-planudvalget-2020-01-09",
      2,
      "Hvor lang tid i forvejen skal naboerne have besked om aftenarbejde på byggepladsen?",
    );
    expect(answer.text).toContain("mindst 1 uge i forvejen");
  });
});

describe("votes", () => {
  it("quotes the vote record of the decision: who voted for, against and abstained", () => {
    const answer = answerFrom(
      "byraad-2022-09-05",
      16,
      "Hvordan stemte SF om Enhedslistens forslag om omgørelsesprocenten?",
    );
    expect(answer.kind).toBe("vote");
    expect(answer.text).toContain("Med stemmerne 20 for og 1 imod");
    expect(answer.text).toContain("Imod stemte: (V), (A), (C), (D) og Liselott Blixt (UP)");
    expect(answer.text).toContain("(F) undlod at tage stilling.");
  });

  it("answers 'was it unanimous' with the count of the votes", () => {
    const answer = answerFrom("byraad-2022-09-05", 8, "Was the budget's first reading unanimous?");
    expect(answer.kind).toBe("vote");
    expect(answer.text).toContain("med stemmerne 19 for og 2 imod");
    expect(answer.text).toContain("Imod stemte (Ø) og (F).");
  });

  it("finds the vote lines in the case text when the item has no decision yet", () => {
    const answer = answerFrom(
      "forretningsudvalget-2012-09-25",
      4,
      "Which Movia board members voted against the fare increase?",
    );
    expect(answer.text).toContain("Imod indstillingen stemte Peter Thiele og Steen Olesen.");
    expect(answer.text).toContain("For indstillingen stemte Finn Aaberg");
  });

  it("quotes who voted against in the Randers minutes", () => {
    const answer = answerFrom(
      "beskaeftigelsesudvalget-2020-01-14",
      3,
      "Hvem stemte imod orienteringen om ledighed?",
    );
    expect(answer.kind).toBe("vote");
    expect(answer.text).toContain("Imod stemte Nick Zimmermann.");
  });
});

describe("a question none of whose words the item holds", () => {
  it("is answered by what the item holds of the kind asked for", () => {
    // No lexicon translates "environmental assessment"; the item was judged relevant all the same.
    const answer = answerFrom(
      "byraad-2022-09-05",
      22,
      "How long will the environmental assessment take?",
    );
    expect(answer.text).toContain("Miljøvurderingen forventes at tage ca. syv måneder.");
  });
});

describe("items the minutes give only a title", () => {
  it("answer a count from the title, and show no decision they do not have", () => {
    const count = answerFrom(
      "kommunalbestyrelsen-2015-04-20",
      89,
      "Hvor mange senior-egnede lejligheder er der på Thurøvej?",
    );
    expect(count.text).toBe(
      'Referatet har kun punktets titel: punkt 89, "17 nye senior-egnede lejligheder på Thurøvej 13-15". [1]',
    );
    expect(count.citations[0]).toMatchObject({ number: 89, sectionSlug: "" });
    const decision = answerFrom(
      "kommunalbestyrelsen-2015-04-20",
      89,
      "Blev lejlighederne på Thurøvej godkendt?",
    );
    expect(decision.citations).toEqual([]);
  });
});

describe("markup", () => {
  it("is never quoted, while the source keeps it", () => {
    const answers = [
      answerFrom(
        "udsatteraadet-2019-09-18",
        36,
        "Hvad skulle dialogmødet sige om Udsatterådets stormøde på Underværket?",
      ),
      answerFrom(
        "udsatteraadet-2019-09-18",
        34,
        "Hvad indeholder indsatsområde 3 Sundhed for alle?",
      ),
      answerFrom("udsatteraadet-2019-09-18", 34, "What is indsatsområde 8 about?"),
    ];
    expect(sectionText("udsatteraadet-2019-09-18", 34, "sagsfremstilling")).toContain("**");
    for (const answer of answers) {
      expect(answer.citations.length).toBeGreaterThan(0);
      expect(answer.text).not.toMatch(/\*\*|__|\]\(|^#|\|/mu);
      for (const citation of answer.citations) expect(citation.quote).not.toContain("**");
    }
  });
});
