import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Meeting, parseMinutes } from "../../src/minutes/index.ts";

/**
 * Golden tests: each bundled sample, read exactly right. Item tuples are
 * [number, title, case number, closed, section headings in order].
 */
type GoldenItem = [number, string, string | null, boolean, string[]];
interface Golden {
  file: string;
  meeting: Pick<Meeting, "id" | "body" | "organisation" | "date" | "time" | "location">;
  items: GoldenItem[];
}

const GOLDEN: Golden[] = [
  {
    file: "randers_beskaeftigelsesudvalget_2020-01-14.txt",
    meeting: {
      id: "beskaeftigelsesudvalget-2020-01-14",
      body: "Beskæftigelsesudvalget",
      organisation: "Randers Kommune",
      date: "2020-01-14",
      time: "16:00",
      location: "Laksetorvet, mødelokale C.2.25",
    },
    items: [
      [
        1,
        'Orientering om deltagelse i projekt "Flere skal med 2"',
        "15.20.00-Ø34-1-19",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi", "Bilag"],
      ],
      [
        2,
        "Status på SoSu-projektet",
        "15.03.00-P20-1-19",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi"],
      ],
      [
        3,
        "Ledighed og indsats januar 2020",
        "15.00.15-A00-1-20",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi", "Bilag"],
      ],
      [
        4,
        "Status på arbejdet i Alliancen om den nære psykiatri",
        "27.00.00-A00-17-19",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi"],
      ],
      [5, "Lukket", "32.00.00-G01-2-19", true, []],
      [6, "Lukket", "15.00.00-G01-57-19", true, []],
      [
        7,
        "Opsamling på arbejdet i beskæftigelsesudvalget",
        "00.22.02-A21-2-17",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi", "Bilag"],
      ],
      [
        8,
        "Punkter til næste møde",
        "00.22.02-P35-19-17",
        false,
        ["Beslutning", "Sagsfremstilling"],
      ],
      [9, "Gensidig orientering", "00.22.02-G01-5-17", false, ["Beslutning"]],
    ],
  },
  {
    file: "randers_lom-psykiatri-og-socialt-udsatte_2023-10-11.txt",
    meeting: {
      id: "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11",
      body: "LOM i Center for Psykiatri og Socialt Udsatte",
      organisation: "Randers Kommune",
      date: "2023-10-11",
      time: "10:00",
      location: "Det store mødelokale i Psykiatriens Hus",
    },
    items: [
      [1, "Godkendelse af dagsorden", null, false, ["Tekst"]],
      [2, "Godkendelse af referat", null, false, ["Tekst"]],
      [3, "Orientering fra Sektormed/Hovedmed", null, false, ["Tekst"]],
      [4, "Orientering om strategi- og aftaleplan v. Tine Horn", null, false, ["Tekst"]],
      [5, "Orientering om APV-handleplaner på området v. Tine Horn", null, false, ["Tekst"]],
      [6, "Temadrøftelse og oplæg – kønsligestilling", null, false, ["Tekst"]],
      [7, "Drøftelse af retningslinje vedr. sociale medier og adfærd", null, false, ["Tekst"]],
      [8, "Temadrøftelse – personale- og ledelsespolitik", null, false, ["Tekst"]],
      [9, "Notat vedr. seniorer i Center for Psykiatri og Socialt Udsatte", null, false, ["Tekst"]],
      [10, "Orientering vedr. fondsansøgninger v. Tine", null, false, ["Tekst"]],
      [11, "Evt.", null, false, ["Tekst"]],
    ],
  },
  {
    file: "randers_udsatteraadet_2019-09-18.txt",
    meeting: {
      id: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      organisation: "Randers Kommune",
      date: "2019-09-18",
      time: "16:00",
      location: "Mødelokale C.2.25, Laksetorvet",
    },
    items: [
      [
        30,
        "Godkendelse af dagsorden og tidsplan 18, september 2019",
        "27.15.00-A08-1-19",
        false,
        [
          "Resume",
          "Forvaltningen indstiller til udsatterådet",
          "Beslutning",
          "Sagsfremstilling",
          "Økonomi",
        ],
      ],
      [
        31,
        "Høring af udkast til socialområdets kvalitetsstandarder",
        "27.00.00-P23-3-18",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi", "Bilag"],
      ],
      [
        32,
        "Medlem til styregruppen for ACT-indsatsen",
        "27.57.16-P20-2-18",
        false,
        ["Forvaltningen indstiller til udsatterådet", "Beslutning", "Sagsfremstilling"],
      ],
      [
        33,
        "Udvikling af ny børne- og voksenhandicapplaner",
        "27.00.00-A00-11-19",
        false,
        ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi", "Videre proces"],
      ],
      [
        34,
        "Status på implementering af Psykiatriplan 2018-2021",
        "27.03.00-P16-1-18",
        false,
        [
          "Resume",
          "Indstilling",
          // The social committee's decision on the case the week before: history, not this meeting's.
          "Socialudvalget, 26. august 2019, pkt. 70",
          "Beslutning",
          "Sagsfremstilling",
          "Økonomi",
          "Videre proces",
          "Bilag",
        ],
      ],
      [
        35,
        "Orientering om Poverty Walk",
        "27.00.00-G01-33-19",
        false,
        ["Forvaltningen indstiller til udsatterådet", "Beslutning", "Sagsfremstilling"],
      ],
      [
        36,
        "Orientering om dialogmøde mellem socialudvalget og Udsatterådet den 23. september 2019",
        "00.22.02-P35-7-17",
        false,
        [
          "Resume",
          "Forvaltningen indstiller til Udsatterådet",
          "Beslutning",
          "Sagsfremstilling",
          "Økonomi",
        ],
      ],
      [
        37,
        "Drøftelse af program for udsatterådets stormøde 2019",
        "27.00.00-G01-31-19",
        false,
        ["Forvaltningen indstiller til udsatterådet", "Beslutning", "Sagsfremstilling", "Bilag"],
      ],
      [
        38,
        "Drøftelse af stand til Sindets dag 10. oktober 2019",
        "27.15.00-A08-1-19",
        false,
        ["Forvaltningen indstiller til udsatterådet", "Beslutning", "Sagsfremstilling"],
      ],
    ],
  },
  {
    file: "randers_udsatteraadet_2021-09-27.txt",
    meeting: {
      id: "udsatteraadet-2021-09-27",
      body: "Udsatterådet",
      organisation: "Randers Kommune",
      date: "2021-09-27",
      time: "17:00",
      location: "Mødelokale C.3.10, Laksetorvet",
    },
    items: [
      [
        17,
        "Godkendelse af dagsorden og tidsplan",
        "27.15.00-A08-1-21",
        false,
        ["Forvaltningen indstiller til Udsatterådet", "Beslutning", "Sagsfremstilling"],
      ],
      [
        18,
        "Opsamling på dialogmøde med socialudvalget",
        "27.15.00-A08-1-21",
        false,
        ["Forvaltningen indstiller til Udsatterådet", "Beslutning", "Sagsfremstilling"],
      ],
      [
        19,
        "Status på implementering af plan for udsatteområdet",
        "00.00.00-P20-4-18",
        false,
        [
          "Resume",
          "Forvaltningen indstiller til udsatterådet",
          "Beslutning",
          "Sagsfremstilling",
          "Økonomi",
          "Bilag",
        ],
      ],
      [
        20,
        "Aftaler om stormødet den 27. oktober 2021",
        "27.15.00-A08-1-21",
        false,
        ["Forvaltningen indstiller til Udsatterådet", "Beslutning", "Sagsfremstilling", "Bilag"],
      ],
      [
        21,
        "Indledende drøftelse af valg til Udsatterådet for perioden 2022-2025",
        "27.15.00-A08-1-21",
        false,
        ["Forvaltningen indstiller til Udsatterådet", "Beslutning", "Sagsfremstilling", "Bilag"],
      ],
      [
        22,
        "Opsamling på landspanelsmøde i Rådet for Socialt Udsatte",
        "27.15.00-A08-1-21",
        false,
        ["Forvaltningen indstiller til Udsatterådet", "Beslutning", "Sagsfremstilling", "Bilag"],
      ],
      [23, "Nyt fra rådsmedlemmerne", "27.15.00-A08-1-21", false, ["Resume", "Sagsfremstilling"]],
      [24, "Eventuelt", "27.15.00-A08-1-21", false, ["Resume", "Sagsfremstilling"]],
    ],
  },
  {
    file: "region-midtjylland_hmu-socialomraadet_2022-04-20.txt",
    meeting: {
      id: "hmu-socialomraadet-2022-04-20",
      body: "HMU Socialområdet",
      organisation: "Region Midtjylland",
      date: "2022-04-20",
      time: "12:00",
      location: "SAU, Lokale 5 på Samsøvej 33, 8382 Hinnerup",
    },
    items: [
      [
        1,
        "Godkendelse af dagsorden og referat",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning", "Bilag"],
      ],
      [
        2,
        "Opsamling fra HMU døgnsseminaret",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        3,
        "Oplæg ved Specialområde Autisme",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        4,
        "Resultater og erfaringsopsamling på sygefraværprojektet BIDI",
        "1-13-3-28-20",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        5,
        "Målbilledet og arbejdet med indikatorer",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning", "Bilag"],
      ],
      [
        6,
        "Rekruttering, onboarding og fastholdelse på Socialområdet",
        null,
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning", "Bilag"],
      ],
      [
        7,
        "Kommende udbudsproces af socialfagligt IT-system",
        "1-16-4-276-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        8,
        "Tilbage melding fra HMUs Underudvalg for Arbejds miljø og Sikkerhed",
        "1-13-3-140-21",
        false,
        ["Det indstilles, at HMU", "Beslutning"],
      ],
      [
        9,
        "Økonomistatus socialområdet 2022",
        "1-21-73-3-22",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        10,
        "Orienteringer fra RMU",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        11,
        "Arbejdsmiljøtemadag 2022 - rekruttering, onboarding og fastholdelse",
        "1-13-3-126-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning", "Bilag"],
      ],
      [
        12,
        "Orientering om tilsynsbesøg på socialområdet",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        13,
        "Kommunikation fra mødet",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning"],
      ],
      [
        14,
        "Gensidig orientering (inkl. punkter til det kommende møde) eventuelt og evaluering af mødet",
        "1-13-3-131-21",
        false,
        ["Det indstilles, at HMU", "Sagsfremstilling", "Beslutning", "Bilag"],
      ],
    ],
  },
];

function parseSample(file: string): Meeting {
  return parseMinutes(
    readFileSync(new URL(`../../data/minutes/${file}`, import.meta.url), "utf8"),
    file,
  );
}

describe.each(GOLDEN)("golden: $file", ({ file, meeting: expectedMeeting, items }) => {
  const meeting = parseSample(file);

  it("reads the meeting metadata", () => {
    expect({
      id: meeting.id,
      body: meeting.body,
      organisation: meeting.organisation,
      date: meeting.date,
      time: meeting.time,
      location: meeting.location,
    }).toEqual(expectedMeeting);
    expect(meeting.sourceFile).toBe(file);
  });

  it("finds exactly the agenda items, in order, with titles, case numbers and closed flags", () => {
    expect(
      meeting.items.map((item) => [item.number, item.title, item.caseNumber, item.closed]),
    ).toEqual(
      items.map(([number, title, caseNumber, closed]) => [number, title, caseNumber, closed]),
    );
  });

  it("finds each item's section headings in order", () => {
    expect(meeting.items.map((item) => item.sections.map((section) => section.heading))).toEqual(
      items.map(([, , , , headings]) => headings),
    );
  });

  it("gives every item and section a line span inside the file, in order", () => {
    const lineCount = readFileSync(
      new URL(`../../data/minutes/${file}`, import.meta.url),
      "utf8",
    ).split("\n").length;
    let previousEnd = 0;
    for (const item of meeting.items) {
      expect(item.lineStart).toBeGreaterThan(previousEnd);
      expect(item.lineEnd).toBeGreaterThanOrEqual(item.lineStart);
      expect(item.lineEnd).toBeLessThanOrEqual(lineCount);
      previousEnd = item.lineEnd;
      for (const section of item.sections) {
        expect(section.lineStart).toBeGreaterThanOrEqual(item.lineStart);
        expect(section.lineEnd).toBeLessThanOrEqual(item.lineEnd);
      }
    }
  });

  it("gives sections anchors unique within their item", () => {
    for (const item of meeting.items) {
      const slugs = item.sections.map((section) => section.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
  });
});

function section(meeting: Meeting, itemNumber: number, heading: string): string {
  const item = meeting.items.find((candidate) => candidate.number === itemNumber);
  const found = item?.sections.find((candidate) => candidate.heading === heading);
  if (!found) throw new Error(`no section ${heading} in item ${itemNumber}`);
  return found.text;
}

describe("section text is verbatim", () => {
  it("keeps decisions, numbered lists and tab tables intact (Punkt layout)", () => {
    const meeting = parseSample("randers_udsatteraadet_2019-09-18.txt");
    expect(section(meeting, 32, "Beslutning")).toBe(
      "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
    );
    expect(section(meeting, 31, "Indstilling")).toBe(
      "Forvaltningen indstiller til Udsatterådet:\n\n1. at udkast til kvalitetsstandarder på socialområdet drøftes i forhold til at afgive et eventuelt høringssvar.",
    );
    expect(section(meeting, 31, "Sagsfremstilling")).toContain(
      "Nr.\tTitel på ny kvalitetsstandard\n1\tØkonomiske tilskud",
    );
    expect(section(meeting, 30, "Sagsfremstilling")).toContain(
      "1. Godkendelse af dagsorden og tidsplan\t16.00-16.05\n2. Høring af udkast",
    );
    expect(section(meeting, 31, "Bilag")).toMatch(
      /^1\. Udkast til kvalitetsstandard om økonomiske tilskud/,
    );
  });

  it("keeps markdown tables", () => {
    const meeting = parseSample("randers_udsatteraadet_2021-09-27.txt");
    expect(section(meeting, 17, "Sagsfremstilling")).toContain(
      "| Dagsordenspunkt | Tidspunkt |\n|--|-------------|\n| Godkendelse af dagsorden og tidsplan | 17.05-17.10 |",
    );
  });

  it("splits bold headings glued to a title or heading, and keeps bullets (numbered layout)", () => {
    const meeting = parseSample("region-midtjylland_hmu-socialomraadet_2022-04-20.txt");
    expect(section(meeting, 2, "Det indstilles, at HMU")).toBe(
      "- samler op og evaluerer HMU døgnsseminaret",
    );
    expect(section(meeting, 2, "Sagsfremstilling")).toMatch(
      /^Opsamling\/evaluering af programmet for døgnsseminaret\n\nDer ønskes/,
    );
    expect(section(meeting, 9, "Det indstilles, at HMU")).toContain("-");
    expect(section(meeting, 1, "Bilag")).toBe("- HMU 3. februar 2022_referat");
    // The case number line above item 2 belongs to item 2, not to item 1's text.
    expect(section(meeting, 1, "Bilag")).not.toContain("1-13-3-131-21");
  });

  it("keeps a sub-heading inside the case description", () => {
    const meeting = parseSample("region-midtjylland_hmu-socialomraadet_2022-04-20.txt");
    expect(section(meeting, 5, "Sagsfremstilling")).toContain(
      "\n\nBaggrund\n\nMålbilledet på socialområdet",
    );
  });

  it("runs flattened list items on into the next paragraph", () => {
    const meeting = parseSample("randers_lom-psykiatri-og-socialt-udsatte_2023-10-11.txt");
    expect(section(meeting, 1, "Tekst")).toBe("Godkendt.");
    expect(section(meeting, 3, "Tekst")).toMatch(
      /^\(orientering ved Carsten – 5 min\.\)\.\nCarsten Jensen oplyser/,
    );
    expect(section(meeting, 9, "Tekst")).toContain(
      "Per Thuesen, Ina Bang, Tina Arent og Carsten Jensen",
    );
    expect(section(meeting, 11, "Tekst")).toMatch(/^Tine Horn oplyser, at den nye Hjemløsereform/);
  });
});
