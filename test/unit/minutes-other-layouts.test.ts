import { describe, expect, it } from "vitest";
import { readCaseNumber } from "../../src/minutes/case-numbers.ts";
import { parseMinutesWithLayout } from "../../src/minutes/index.ts";

/**
 * Layouts none of the bundled samples use, written the way other municipalities and exports
 * write them: the parser is measured on minutes it has never seen.
 */

function parse(text: string) {
  return parseMinutesWithLayout(text, "other.txt");
}

function outline(text: string) {
  return parse(text).meeting.items.map((item) => ({
    number: item.number,
    title: item.title,
    caseNumber: item.caseNumber,
    closed: item.closed,
    sections: item.sections.map((section) => [section.heading, section.text]),
  }));
}

describe("headings with their text on the same line", () => {
  it("splits 'Beslutning: …' and '**Beslutning:** …' into heading and text", () => {
    const items = outline(
      [
        "Referat af møde i Ældrerådet den 3. marts 2025 kl. 14.00",
        "",
        "Punkt 1: Orientering om budget 2026",
        "Resumé: Forvaltningen orienterer om budgettet.",
        "Indstilling: Det indstilles, at orienteringen tages til efterretning.",
        "Beslutning: Taget til efterretning.",
        "",
        "Punkt 2: Ældrepolitik",
        "**Beslutning:** Godkendt.",
        "Rådet ønsker at følge sagen: Der skal afholdes et nyt møde.",
      ].join("\n"),
    );
    expect(items[0]?.sections).toEqual([
      ["Resumé", "Forvaltningen orienterer om budgettet."],
      ["Indstilling", "Det indstilles, at orienteringen tages til efterretning."],
      ["Beslutning", "Taget til efterretning."],
    ]);
    expect(items[1]?.sections).toEqual([
      ["Beslutning", "Godkendt.\nRådet ønsker at følge sagen: Der skal afholdes et nyt møde."],
    ]);
  });
});

describe("item lines", () => {
  it("reads 'Ad 1.', 'Ad punkt 2:' and 'Sag 45:' items, and not prose about an item", () => {
    const text = (first: string, second: string) =>
      [
        "Beslutningsreferat",
        "Mødedato: 20.01.2025",
        "",
        `${first} Godkendelse af referat`,
        "Referatet blev godkendt.",
        "Punkt 3 blev udsat til næste møde.",
        "",
        `${second} Ny skolestruktur`,
        "Bestyrelsen besluttede at sende forslaget i høring.",
      ].join("\n");
    for (const [first, second, numbers] of [
      ["Ad 1.", "Ad 2.", [1, 2]],
      ["Ad punkt 1:", "Ad punkt 2:", [1, 2]],
      ["Sag 45:", "Sag 46:", [45, 46]],
    ] as const) {
      const items = outline(text(first, second));
      expect(items.map((item) => [item.number, item.title])).toEqual([
        [numbers[0], "Godkendelse af referat"],
        [numbers[1], "Ny skolestruktur"],
      ]);
      expect(items[0]?.sections).toEqual([
        ["Tekst", "Referatet blev godkendt.\nPunkt 3 blev udsat til næste møde."],
      ]);
    }
  });

  it("keeps a short title and its first line of text apart, and joins a wrapped title", () => {
    const items = outline(
      [
        "Referat fra Byrådet den 01.02.2025",
        "Punkt 1: Eventuelt",
        "Intet.",
        "",
        "Punkt 2: Godkendelse af kommissorium for den tværgående arbejdsgruppe",
        "Ældre Sagen og frivillighed",
        "Beslutning",
        "Godkendt.",
      ].join("\n"),
    );
    expect(items.map((item) => item.title)).toEqual([
      "Eventuelt",
      "Godkendelse af kommissorium for den tværgående arbejdsgruppe Ældre Sagen og frivillighed",
    ]);
    expect(items[0]?.sections).toEqual([["Tekst", "Intet."]]);
  });

  it("joins a short title line that stops mid-phrase with the capitalised line below", () => {
    const items = outline(
      [
        "Referat fra Ældrerådet den 5. marts 2025",
        "Punkt 1: Godkendelse af regnskab for",
        "Ældrecentret Solhøj",
        "Beslutning",
        "Godkendt.",
      ].join("\n"),
    );
    expect(items[0]?.title).toBe("Godkendelse af regnskab for Ældrecentret Solhøj");
  });

  it("reads 'Åbent punkt' and 'Lukket punkt' marks below a title, before or after the case number", () => {
    const items = outline(
      [
        "Referat fra Økonomiudvalget den 5. juni 2023",
        "Punkt 1: Budgetopfølgning",
        "Åbent punkt",
        "Sagsnr.: 20/33839",
        "Beslutning",
        "Godkendt.",
        "",
        "Punkt 2: Køb af ejendom",
        "EMN-2025-003383",
        "Lukket punkt",
        "Beslutning",
        "Fortroligt.",
      ].join("\n"),
    );
    expect(items).toEqual([
      {
        number: 1,
        title: "Budgetopfølgning",
        caseNumber: "20/33839",
        closed: false,
        sections: [["Beslutning", "Godkendt."]],
      },
      {
        number: 2,
        title: "Køb af ejendom",
        caseNumber: "EMN-2025-003383",
        closed: true,
        sections: [["Beslutning", "Fortroligt."]],
      },
    ]);
  });
});

describe("capital headings, case numbers in titles and decision phrases", () => {
  it("reads a Copenhagen-style referat", () => {
    const { meeting } = parse(
      [
        "Københavns Kommune",
        "Børne- og Ungdomsudvalget",
        "REFERAT",
        "Mødedato: 13.03.2024",
        "Mødetid: 15:00 - 18:00",
        "Mødested: Rådhuset, Udvalgsværelse D",
        "",
        "Punkt 1, Godkendelse af dagsorden (2024-0012345)",
        "Beslutning",
        "Godkendt.",
        "",
        "Punkt nr. 2, Kapacitet i dagtilbud (Sagsnr. 2024-0009876)",
        "INDSTILLING OG BESLUTNING",
        "Forvaltningen indstiller, at udvalget godkender planen.",
        "",
        "Børne- og Ungdomsudvalgets beslutning den 13. marts 2024",
        "Indstillingen blev godkendt.",
        "",
        "PROBLEMSTILLING",
        "Der mangler pladser i Valby.",
        "",
        "VIDERE PROCES",
        "Byggeriet starter i 2025.",
        "",
        "Dagsordenpunkt 3: Eventuelt",
        "Beslutning Byrådet den 13-03-2024",
        "Intet.",
      ].join("\n"),
    );
    expect(meeting).toMatchObject({
      body: "Børne- og Ungdomsudvalget",
      organisation: "Københavns Kommune",
      date: "2024-03-13",
      time: "15:00",
      location: "Rådhuset, Udvalgsværelse D",
    });
    expect(
      meeting.items.map((item) => ({
        number: item.number,
        title: item.title,
        caseNumber: item.caseNumber,
        kinds: item.sections.map((section) => section.kind),
      })),
    ).toEqual([
      {
        number: 1,
        title: "Godkendelse af dagsorden",
        caseNumber: "2024-0012345",
        kinds: ["beslutning"],
      },
      {
        number: 2,
        title: "Kapacitet i dagtilbud",
        caseNumber: "2024-0009876",
        kinds: ["indstilling", "beslutning", "problemstilling", "videre-proces"],
      },
      { number: 3, title: "Eventuelt", caseNumber: null, kinds: ["beslutning"] },
    ]);
  });
});

describe("open and closed status written before the item", () => {
  it("reads 'Åbent punkt 1' / 'Lukket punkt 2' lines and 'Åbent punkt:' title prefixes", () => {
    const items = outline(
      [
        "Referat fra Økonomiudvalget den 5. juni 2023",
        "Åbent punkt 1 Budgetopfølgning",
        "Beslutning",
        "Godkendt.",
        "Lukket punkt 2 Køb af ejendom",
        "Beslutning",
        "Fortroligt.",
        "Punkt 3: Åbent punkt: Eventuelt",
        "Intet.",
      ].join("\n"),
    );
    expect(
      items.map((item) => [item.number, item.title, item.closed, item.sections.length]),
    ).toEqual([
      [1, "Budgetopfølgning", false, 1],
      [2, "Køb af ejendom", true, 1],
      [3, "Eventuelt", false, 1],
    ]);
  });
});

describe("plain numbered minutes (no contents, no headings)", () => {
  it("takes the run of numbers counting up, not the agenda above or the lists inside items", () => {
    // One list in lower case, one capitalised and counting past the item numbers.
    const itemLists = [
      "Rådet ønsker:",
      "1. en ny rampe",
      "2. bedre skiltning",
      "Prioriteret rækkefølge:",
      "1. Rampe",
      "2. Skilte",
      "3. Belysning",
      "4. Bænke",
    ];
    const { meeting, layout } = parse(
      [
        "Referat fra møde i Handicaprådet",
        "Dato: 12.02.2024 kl. 16.00",
        "Sted: Byrådssalen",
        "",
        "Dagsorden:",
        "1. Godkendelse af dagsorden",
        "2. Tilgængelighed på stationen",
        "3. Eventuelt",
        "",
        "1. Godkendelse af dagsorden",
        "Godkendt.",
        "",
        "2. Tilgængelighed på stationen",
        ...itemLists,
        "",
        "3. Eventuelt. Næste møde er den 4. april 2024.",
      ].join("\n"),
    );
    expect(layout).toBe("numbered");
    expect(meeting).toMatchObject({
      body: "Handicaprådet",
      date: "2024-02-12",
      time: "16:00",
      location: "Byrådssalen",
    });
    expect(meeting.items.map((item) => [item.number, item.title, item.sections[0]?.text])).toEqual([
      [1, "Godkendelse af dagsorden", "Godkendt."],
      [2, "Tilgængelighed på stationen", itemLists.join("\n")],
      [3, "Eventuelt", "Næste møde er den 4. april 2024."],
    ]);
  });
});

describe("markdown exports", () => {
  it("reads '## 1 Title' headings numbered without a full stop", () => {
    const { meeting } = parse(
      [
        "# Referat fra møde i Kulturudvalget",
        "Mødedato: 2. september 2024",
        "",
        "## 1 Godkendelse af dagsorden",
        "Godkendt.",
        "",
        "## 2 Biblioteksplan 2025",
        "### Beslutning",
        "Planen blev vedtaget.",
      ].join("\n"),
    );
    expect(meeting.body).toBe("Kulturudvalget");
    expect(meeting.items.map((item) => [item.number, item.title])).toEqual([
      [1, "Godkendelse af dagsorden"],
      [2, "Biblioteksplan 2025"],
    ]);
    expect(meeting.items[1]?.sections.map((section) => [section.heading, section.text])).toEqual([
      ["Beslutning", "Planen blev vedtaget."],
    ]);
  });
});

describe("numbered minutes where only some items have headings", () => {
  it("takes the items without headings that fit the count, but not lists inside items", () => {
    const { meeting, layout } = parse(
      [
        "Referat fra møde i Integrationsrådet den 4. juni 2024",
        "",
        "1. Godkendelse af dagsorden",
        "Godkendt.",
        "",
        "2. Sprogcaféer i bibliotekerne",
        "Sagsfremstilling",
        "Der er tre forslag:",
        "",
        "1. Caféer om aftenen",
        "2. Caféer i weekenden",
        "3. Online caféer",
        "",
        "Beslutning",
        "Rådet anbefaler forslag 1.",
        "",
        "3. Eventuelt",
        "Intet.",
      ].join("\n"),
    );
    expect(layout).toBe("numbered");
    expect(meeting.items.map((item) => [item.number, item.title])).toEqual([
      [1, "Godkendelse af dagsorden"],
      [2, "Sprogcaféer i bibliotekerne"],
      [3, "Eventuelt"],
    ]);
    expect(meeting.items[1]?.sections.map((section) => section.heading)).toEqual([
      "Sagsfremstilling",
      "Beslutning",
    ]);
  });
});

describe("numbered minutes with a dotted table of contents", () => {
  it("reads the contents, keeps its rows out of the items, and confirms a closed last item", () => {
    const { meeting, layout } = parse(
      [
        "Økonomiudvalget",
        "Referat",
        "Dato: Mandag den 12. februar 2024",
        "Mødetidspunkt: Kl. 15:00",
        "Mødested: Udvalgsværelset",
        "",
        "Indholdsfortegnelse",
        "1. Godkendelse af dagsorden ........ 2",
        "2. Budgetopfølgning pr. 31. januar .......... 3",
        "3. Lukket punkt: Køb af grund ........ 5",
        "",
        "1. Godkendelse af dagsorden",
        "Beslutning i Økonomiudvalget den 12-02-2024",
        "Godkendt.",
        "",
        "2. Budgetopfølgning pr. 31. januar",
        "Sagsnr.: 00.30.10-S00-1-24    Sagsansvarlig: Jens Hansen",
        "Indstilling",
        "Direktionen indstiller, at",
        "1. budgetopfølgningen godkendes",
        "Beslutning i Økonomiudvalget den 12-02-2024",
        "Godkendt.",
        "",
        "3. Lukket punkt: Køb af grund",
      ].join("\n"),
    );
    expect(layout).toBe("numbered");
    expect(meeting).toMatchObject({
      body: "Økonomiudvalget",
      date: "2024-02-12",
      time: "15:00",
      location: "Udvalgsværelset",
    });
    expect(
      meeting.items.map((item) => [item.number, item.title, item.caseNumber, item.closed]),
    ).toEqual([
      [1, "Godkendelse af dagsorden", null, false],
      [2, "Budgetopfølgning pr. 31. januar", "00.30.10-S00-1-24", false],
      [3, "Køb af grund", null, true],
    ]);
  });

  it("confirms a closed item without contents or headings by its 'Lukket' title", () => {
    const { meeting } = parse(
      [
        "Referat af møde i Klimaudvalget",
        "Torsdag den 7. november 2024 kl. 17.00 i Byrådssalen",
        "",
        "1. Klimaplan 2030",
        "Beslutning",
        "Udvalget anbefaler planen.",
        "",
        "2. Lukket: Erstatningssag",
      ].join("\n"),
    );
    expect(meeting.location).toBe("Byrådssalen");
    expect(meeting.items.map((item) => [item.title, item.closed])).toEqual([
      ["Klimaplan 2030", false],
      ["Erstatningssag", true],
    ]);
    expect(meeting.items[0]?.sections.map((section) => section.text)).toEqual([
      "Udvalget anbefaler planen.",
    ]);
  });
});

describe("meeting header", () => {
  it.each([
    ["## Social- og Sundhedsudvalget", "Social- og Sundhedsudvalget"],
    ["Bestyrelsen for Ungdomsskolen", "Bestyrelsen for Ungdomsskolen"],
    ["Referat fra møde i Handicaprådet", "Handicaprådet"],
  ])("reads the body from a line naming it: %s", (line, body) => {
    const { meeting } = parse(
      ["# REFERAT", line, "Mødedato: 5. juni 2023", "", "Punkt 1: Budget", "Godkendt."].join("\n"),
    );
    expect(meeting.body).toBe(body);
  });

  it("takes a place on the line after the date", () => {
    const { meeting } = parse(
      [
        "Børne- og Skoleudvalget",
        "Onsdag den 9. oktober 2024 kl. 08:00",
        "Mødelokale 1, Rådhuset",
        "",
        "Punkt 1: Kvalitetsrapport",
        "Godkendt.",
      ].join("\n"),
    );
    expect(meeting).toMatchObject({
      body: "Børne- og Skoleudvalget",
      time: "08:00",
      location: "Mødelokale 1, Rådhuset",
    });
  });
});

describe("case numbers sharing a line with other fields", () => {
  it("reads a labelled case number followed by other fields, but not an unlabelled one", () => {
    expect(readCaseNumber("Sagsnr.: 20/33839    Sagsansvarlig: Jens Hansen")).toBe("20/33839");
    expect(readCaseNumber("Sagsnr.: 27.15.00-A08-1-19, Dok.nr. 12345")).toBe("27.15.00-A08-1-19");
    expect(readCaseNumber("20/33839    Jens Hansen")).toBeUndefined();
  });
});

/**
 * The failures the issue names, each on a small text written the way those minutes are
 * (expected parse written before running the parser on it).
 */
describe("layouts the first parser lost", () => {
  it("keeps items that have no text of their own, directly followed by the next item", () => {
    const items = outline(
      [
        "Referat fra Handicaprådet den 2. maj 2024",
        "",
        "1. Godkendelse af dagsorden",
        "2. Valg af referent",
        "3. Tilgængelighed i svømmehallen",
        "Sagsfremstilling",
        "Rampen er bestilt.",
        "Beslutning",
        "Taget til efterretning.",
        "4. Eventuelt",
      ].join("\n"),
    );
    expect(items.map((item) => [item.number, item.title])).toEqual([
      [1, "Godkendelse af dagsorden"],
      [2, "Valg af referent"],
      [3, "Tilgængelighed i svømmehallen"],
      [4, "Eventuelt"],
    ]);
    expect(items[2]?.sections.map(([heading]) => heading)).toEqual([
      "Sagsfremstilling",
      "Beslutning",
    ]);
  });

  it("reads '1.Title' without a space, with 'Sag nr. 129' below the title as its case number", () => {
    const items = outline(
      [
        "Referat af møde i Skoleudvalget den 8. april 2024",
        "",
        "1.Kvalitetsrapport 2023",
        "Sag nr. 129",
        "Beslutning",
        "Godkendt.",
        "",
        "2.Skoledistrikter",
        "Sag nr. 130",
        "Beslutning",
        "Sendt i høring.",
      ].join("\n"),
    );
    expect(items.map((item) => [item.number, item.title, item.caseNumber])).toEqual([
      [1, "Kvalitetsrapport 2023", "129"],
      [2, "Skoledistrikter", "130"],
    ]);
  });

  it("reads numbers running on through the year and items grouped A–D out of numeric order", () => {
    const { meeting } = parse(
      [
        "Økonomiudvalget – Referat – 10. april 2012",
        "",
        "A. Sager til afgørelse i byrådet",
        "",
        "715. Budgetopfølgning",
        "Åbent - 00.30.10-S00-1-12",
        "BESLUTNING",
        "Anbefales.",
        "",
        "723. Salg af grund",
        "Åbent - 02.34.02-G01-3-12",
        "BESLUTNING",
        "Anbefales.",
        "",
        "B. Sager til afgørelse i udvalget",
        "",
        "716. Indkøbsaftale",
        "Åbent - 02.15.00-G01-8-12",
        "BESLUTNING",
        "Godkendt.",
      ].join("\n"),
    );
    expect(meeting.body).toBe("Økonomiudvalget");
    expect(meeting.date).toBe("2012-04-10");
    expect(meeting.items.map((item) => [item.number, item.title, item.caseNumber])).toEqual([
      [715, "Budgetopfølgning", "00.30.10-S00-1-12"],
      [723, "Salg af grund", "02.34.02-G01-3-12"],
      [716, "Indkøbsaftale", "02.15.00-G01-8-12"],
    ]);
    expect(meeting.items[1]?.sections.map((section) => section.text)).toEqual(["Anbefales."]);
  });

  it("splits a heading glued to 'Indholdsfortegnelse' and reads the contents that follow it", () => {
    const { meeting } = parse(
      [
        "Byrådet - Referat",
        "Dato: 29. januar 2020",
        "",
        "Indholdsfortegnelse1. Fraværende",
        "2. Spørgetid",
        "",
        "1. Fraværende",
        "Beslutning",
        "Ingen.",
        "",
        "2. Spørgetid",
        "Beslutning",
        "Der blev stillet to spørgsmål.",
      ].join("\n"),
    );
    expect(meeting.body).toBe("Byrådet");
    expect(meeting.items.map((item) => [item.number, item.title, item.sections.length])).toEqual([
      [1, "Fraværende", 1],
      [2, "Spørgetid", 1],
    ]);
  });

  it("ingests a meeting with no visible date and keeps an item whose title is only a time slot", () => {
    const { meeting } = parse(
      [
        "Referat fra Ældrerådet",
        "",
        "Punkt 1: (kl. 10.00-10.15)",
        "Beslutning",
        "Formanden bød velkommen.",
        "",
        "Punkt 2: Madordning",
        "Beslutning",
        "Godkendt.",
      ].join("\n"),
    );
    expect(meeting.date).toBeNull();
    expect(meeting.warnings).toContain("no meeting date found in the document or its file name");
    expect(meeting.items.map((item) => [item.number, item.title])).toEqual([
      [1, "Punkt 1"],
      [2, "Madordning"],
    ]);
  });

  it("takes the body from a label and value on separate lines", () => {
    const { meeting } = parse(
      [
        "Dagsorden eller referat",
        "Dato: |",
        "25-09-2018 19:00:00 |",
        "Udvalg: |",
        "Byrådet |",
        "Sted: |",
        "Byrådssalen |",
        "",
        "Punkt 1: Omkonstituering",
        "Beslutning",
        "Godkendt.",
      ].join("\n"),
    );
    expect(meeting).toMatchObject({
      body: "Byrådet",
      date: "2018-09-25",
      time: "19:00",
      location: "Byrådssalen",
    });
  });

  it("never files the proposal that follows the decisions under the decision", () => {
    const { meeting } = parse(
      [
        "Referat fra Byrådet den 12. juni 2024",
        "",
        "Punkt 5: Forslag om gratis bybusser",
        "Beslutninger",
        "Forslaget blev forkastet med 20 stemmer mod 11.",
        "",
        "BESLUTNINGSFORSLAG FRA DF",
        "Byrådet indfører gratis bybusser fra 2025.",
      ].join("\n"),
    );
    expect(
      meeting.items[0]?.sections.map((section) => [section.heading, section.kind, section.text]),
    ).toEqual([
      ["Beslutninger", "beslutning", "Forslaget blev forkastet med 20 stemmer mod 11."],
      ["BESLUTNINGSFORSLAG FRA DF", "indstilling", "Byrådet indfører gratis bybusser fra 2025."],
    ]);
  });

  it("keeps only this meeting's decision as the decision when an item carries its history", () => {
    const { meeting } = parse(
      [
        "Referat fra Teknisk Udvalg den 20-06-2013",
        "",
        "Punkt 12: Trafikplan",
        "Indstilling",
        "Direktøren indstiller, at planen godkendes.",
        "Beslutning i Teknisk Udvalg den 10-04-2013",
        "Udsat.",
        "Beslutning i Teknisk Udvalg den 20-06-2013",
        "Godkendt.",
      ].join("\n"),
    );
    expect(meeting.items[0]?.sections.map((section) => [section.kind, section.text])).toEqual([
      ["indstilling", "Direktøren indstiller, at planen godkendes."],
      ["tidligere-beslutning", "Udsat."],
      ["beslutning", "Godkendt."],
    ]);
  });

  it("reads case numbers in the forms agenda systems write them", () => {
    expect(readCaseNumber("J.nr. 01118.0007/05")).toBe("01118.0007/05");
    expect(readCaseNumber("330-2018-3619")).toBe("330-2018-3619");
    expect(readCaseNumber("12/27845")).toBe("12/27845");
    expect(readCaseNumber("19-033355K")).toBe("19-033355K");
    expect(readCaseNumber("Sagsnr.: 330-2018-3619     Dok.nr.: 330-2018-500301   Åbent")).toBe(
      "330-2018-3619",
    );
  });
});
