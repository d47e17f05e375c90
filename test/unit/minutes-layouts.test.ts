import { describe, expect, it } from "vitest";
import { readCaseNumber } from "../../src/minutes/case-numbers.ts";
import { findDate, findStartTime } from "../../src/minutes/dates.ts";
import { parseMinutesWithLayout } from "../../src/minutes/index.ts";

/** Layout rules, each on a small minutes text written the way other municipalities write them. */

function parse(text: string) {
  return parseMinutesWithLayout(text, "test.txt");
}

function headings(text: string) {
  return parse(text).meeting.items.map((item) => item.sections.map((section) => section.heading));
}

describe("Punkt layout", () => {
  it("joins a title that wraps onto a second line", () => {
    const { meeting, layout } = parse(
      [
        "Referat fra Økonomiudvalget den 3. marts 2025 kl. 15.00",
        "",
        "Punkt 1: Godkendelse af anlægsbevilling til renovering af",
        "svømmehallen i Nørreby",
        "Sagsnr.: 20/33839",
        "",
        "Beslutning",
        "Godkendt.",
      ].join("\n"),
    );
    expect(layout).toBe("punkt");
    expect(meeting.items[0]).toMatchObject({
      number: 1,
      title: "Godkendelse af anlægsbevilling til renovering af svømmehallen i Nørreby",
      caseNumber: "20/33839",
    });
    expect(meeting.body).toBe("Økonomiudvalget");
    expect(meeting.time).toBe("15:00");
  });

  it("reads 'Lukket: <title>' as a closed item and keeps only the decision it publishes", () => {
    const { meeting } = parse(
      [
        "Referat fra Byrådet den 01.02.2025",
        "Punkt 1: Lukket: Salg af grund",
        "",
        "EMN-2025-003383",
        "",
        "Sagsfremstilling",
        "Køber og pris er fortrolige oplysninger.",
        "",
        "Beslutning",
        "Godkendt.",
        "",
        "Punkt 2: Eventuelt",
        "",
        "Beslutning",
        "Intet.",
      ].join("\n"),
    );
    expect(meeting.items[0]).toMatchObject({
      title: "Salg af grund",
      closed: true,
      caseNumber: "EMN-2025-003383",
    });
    expect(meeting.items[0]?.sections.map((section) => [section.kind, section.text])).toEqual([
      ["beslutning", "Godkendt."],
    ]);
    expect(meeting.items[1]).toMatchObject({ title: "Eventuelt", closed: false });
  });

  it("takes the decision first when minutes put it before the case", () => {
    expect(
      headings(
        [
          "Referat fra Teknik- og Miljøudvalget den 12. juni 2024",
          "Punkt 4: Trafiksikkerhedsplan",
          "",
          "Beslutninger",
          "Godkendt.",
          "Resumé",
          "Planen beskriver indsatser.",
          "Sagsforløb",
          "Sagen blev behandlet i maj.",
          "Problemstilling",
          "Der mangler cykelstier.",
          "Løsning",
          "Nye stier.",
          "Lovgrundlag",
          "Vejloven.",
          "Videre proces",
          "Udbud i efteråret.",
          "BESLUTNINGSPUNKTER:",
          "1. at planen godkendes",
        ].join("\n"),
      ),
    ).toEqual([
      [
        "Beslutninger",
        "Resumé",
        "Sagsforløb",
        "Problemstilling",
        "Løsning",
        "Lovgrundlag",
        "Videre proces",
        "BESLUTNINGSPUNKTER",
      ],
    ]);
  });

  it("keeps numbered lists inside items and table-of-contents lines out of the items", () => {
    const { meeting } = parse(
      [
        "REFERAT Socialudvalget d. 05-05-2021",
        "Indholdsfortegnelse",
        "Punkt 1: Budget.....\t3",
        "Punkt 2: Eventuelt.....\t4",
        "",
        "Punkt 1: Budget",
        "",
        "Indstilling",
        "",
        "1. at budgettet godkendes",
        "2. at sagen sendes videre",
        "",
        "Punkt 2: Eventuelt",
        "",
        "Beslutning",
        "",
        "Intet.",
      ].join("\n"),
    );
    expect(meeting.items.map((item) => [item.number, item.title])).toEqual([
      [1, "Budget"],
      [2, "Eventuelt"],
    ]);
    expect(meeting.items[0]?.sections[0]?.text).toBe(
      "1. at budgettet godkendes\n2. at sagen sendes videre",
    );
  });

  it("reads markdown headings and bold headings", () => {
    const { meeting } = parse(
      [
        "# Referat fra Kulturudvalget den 2. april 2024",
        "",
        "## Punkt 3: Bibliotek",
        "",
        "**Beslutning**",
        "",
        "Godkendt.",
      ].join("\n"),
    );
    expect(meeting.items[0]?.title).toBe("Bibliotek");
    expect(meeting.items[0]?.sections.map((section) => [section.heading, section.text])).toEqual([
      ["Beslutning", "Godkendt."],
    ]);
  });

  it("splits a heading glued to the end of the paragraph before it", () => {
    expect(
      headings(
        [
          "Referat fra Udvalget den 2. april 2024",
          "Punkt 1: Eventuelt",
          "",
          "Sagsfremstilling",
          "",
          "EventueltØkonomi",
          "",
          "Ingen.",
        ].join("\n"),
      ),
    ).toEqual([["Sagsfremstilling", "Økonomi"]]);
  });
});

describe("numbered layout", () => {
  it("confirms 'N. Title' items by the table of contents, with case numbers above the items", () => {
    const { meeting, layout } = parse(
      [
        "Referat",
        "til",
        "møde i HMU Psykiatri",
        "3. februar 2022 kl. 09:00",
        "i Lokale 2, Aarhus",
        "Pkt\tTekst\tSide",
        "1\tGodkendelse af dagsorden (kl. 9.00-9.05)\t1",
        "2\tBudget (kl. 9.05-9.30)\t2",
        "",
        "1-13-3-131-21",
        "",
        "1. Godkendelse af dagsorden (kl. 9.00-9.05)",
        "Det indstilles, at HMU",
        "1. at dagsordenen godkendes",
        "Beslutning",
        "Godkendt.",
        "",
        "1-16-4-276-21",
        "",
        "2. Budget (kl. 9.05-9.30)**Det indstilles, at HMU**",
        "- tager budgettet til efterretning",
        "Beslutning",
        "Taget til efterretning.",
      ].join("\n"),
    );
    expect(layout).toBe("numbered");
    expect(meeting).toMatchObject({
      body: "HMU Psykiatri",
      date: "2022-02-03",
      time: "09:00",
      location: "Lokale 2, Aarhus",
    });
    expect(meeting.items.map((item) => [item.number, item.title, item.caseNumber])).toEqual([
      [1, "Godkendelse af dagsorden", "1-13-3-131-21"],
      [2, "Budget", "1-16-4-276-21"],
    ]);
    expect(meeting.items[0]?.sections.map((section) => section.text)).toEqual([
      "1. at dagsordenen godkendes",
      "Godkendt.",
    ]);
    expect(meeting.items[1]?.sections.map((section) => section.slug)).toEqual([
      "indstilling",
      "beslutning",
    ]);
  });

  it("confirms items by a heading below them when there is no table of contents", () => {
    const { meeting } = parse(
      [
        "Referat fra Ældrerådet den 4. maj 2023",
        "1. Velkomst",
        "Beslutning",
        "Formanden bød velkommen.",
        "2. Ældrepolitik",
        "Sagsfremstilling",
        "Politikken skal revideres:",
        "1. at der nedsættes en gruppe",
        "2. at gruppen melder tilbage",
        "Beslutning",
        "Drøftet.",
      ].join("\n"),
    );
    expect(meeting.items.map((item) => item.title)).toEqual(["Velkomst", "Ældrepolitik"]);
  });
});

describe("flattened list layout", () => {
  it("numbers '1. …' items in order, runs text on, and ends with Evt.", () => {
    const { meeting, layout } = parse(
      [
        "Referat fra LOM den 11.10.23 fra kl. 10.00-12.00",
        "Møde vedr.:\tLOM i Center for Handicap",
        "Mødested:\tMødelokale 1",
        "",
        "1. Godkendelse af dagsorden. Godkendt.",
        "1. Orientering v. Tine Horn (orientering – 5 min.). Tine orienterer.",
        "Fortsat tekst om orienteringen.",
        "1. Evt. Intet.",
      ].join("\n"),
    );
    expect(layout).toBe("flattened-list");
    expect(meeting).toMatchObject({
      body: "LOM i Center for Handicap",
      date: "2023-10-11",
      time: "10:00",
      location: "Mødelokale 1",
    });
    expect(meeting.items.map((item) => [item.number, item.title, item.sections[0]?.text])).toEqual([
      [1, "Godkendelse af dagsorden", "Godkendt."],
      [
        2,
        "Orientering v. Tine Horn",
        "(orientering – 5 min.). Tine orienterer.\nFortsat tekst om orienteringen.",
      ],
      [3, "Evt.", "Intet."],
    ]);
  });
});

describe("dates, times and case numbers", () => {
  it.each([
    ["18-09-2019", "2019-09-18"],
    ["Tirsdag d. 14. januar 2020 kl. 16:00", "2020-01-14"],
    ["20. april 2022 kl. 12:00", "2022-04-20"],
    ["Referat fra LOM den 11.10.23 fra kl. 10.00-12.00", "2023-10-11"],
    ["Mødedato: 11.10.2023", "2023-10-11"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %s", (text, iso) => {
    expect(findDate(text)?.iso).toBe(iso);
  });

  it("rejects impossible dates", () => {
    expect(findDate("31-02-2023")).toBeUndefined();
  });

  it("reads start times", () => {
    expect(findStartTime("kl. 16:00")).toBe("16:00");
    expect(findStartTime("fra kl. 10.00-12.00")).toBe("10:00");
    expect(findStartTime("kl. 9.05")).toBe("09:05");
  });

  it.each([
    ["27.15.00-A08-1-19", "27.15.00-A08-1-19"],
    ["15.20.00-Ø34-1-19", "15.20.00-Ø34-1-19"],
    ["1-13-3-131-21", "1-13-3-131-21"],
    ["EMN-2025-003383", "EMN-2025-003383"],
    ["Sagsnr.: 20/33839", "20/33839"],
  ])("reads case number %s", (text, expected) => {
    expect(readCaseNumber(text)).toBe(expected);
  });

  it("does not take dates or prose for case numbers", () => {
    expect(readCaseNumber("18-09-2019 blev mødet holdt")).toBeUndefined();
    expect(readCaseNumber("Godkendt")).toBeUndefined();
  });
});
