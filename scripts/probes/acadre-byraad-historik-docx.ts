import { Document, HeadingLevel, Paragraph, TextRun } from "docx";
import { fieldTable, grid, packDocx, text, texts } from "./lib/docx.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText, economyText } from "./lib/text-bank.ts";

/** An Acadre Word referat of a council meeting: typed numbers through the year, decision history. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const THIS = "Beslutning i Byrådet den 23-04-2024";

const ITEMS: Item[] = [
  {
    number: 142,
    title: "Godkendelse af dagsorden",
    caseNumber: "24/00050",
    decision: "Godkendt.",
    sections: [[THIS, ["Godkendt."]]],
  },
  {
    number: 143,
    title: "Skolestruktur. Endelig beslutning efter høring",
    caseNumber: "23/11800",
    decision: "Byrådet besluttede at fastholde Vestskolen",
    sections: [
      ["Resume", ["Byrådet skal træffe endelig beslutning om skolestrukturen efter høringen."]],
      ["Sagsfremstilling", caseText(0, 4)],
      ["Beslutning i Børne- og Skoleudvalget den 05-02-2024", ["Udsat."]],
      [
        "Beslutning i Børne- og Skoleudvalget den 04-03-2024",
        ["Anbefales, idet udvalget ønsker Vestskolen bevaret som selvstændig skole."],
      ],
      ["Beslutning i Økonomiudvalget den 09-04-2024", ["Anbefales over for byrådet."]],
      ["Beslutning i Byrådet den 27-02-2024", ["Sendt tilbage til Børne- og Skoleudvalget."]],
      [
        "Supplerende sagsfremstilling",
        ["Forvaltningen har beregnet de økonomiske konsekvenser af at bevare Vestskolen."],
      ],
      [
        THIS,
        [
          "Byrådet besluttede at fastholde Vestskolen som selvstændig skole.",
          "For stemte 15, imod stemte 4 (C og Ø).",
        ],
      ],
    ],
  },
  {
    number: 144,
    title: "Anlægsregnskab for renovering af Lindå Svømmehal",
    caseNumber: "21/09931",
    decision: "Godkendt.",
    sections: [
      ["Sagsfremstilling", caseText(6, 2)],
      ["Økonomi", [economyText(1)]],
      ["Beslutning i Økonomiudvalget den 09-04-2024", ["Anbefales."]],
      [THIS, ["Godkendt."]],
    ],
  },
  {
    number: 145,
    title: "Forslag fra Enhedslisten om kommunal boligforsyning",
    caseNumber: "24/01999",
    decision: "Forslaget blev forkastet",
    sections: [
      ["Sagsfremstilling", ["Enhedslisten har anmodet om at få sagen optaget på dagsordenen."]],
      [THIS, ["Forslaget blev forkastet med 17 stemmer imod 2."]],
    ],
  },
  {
    number: 146,
    title: "Meddelelser",
    caseNumber: "24/00051",
    decision: "Til efterretning.",
    sections: [[THIS, ["Til efterretning."]]],
  },
];

export const probe: Probe = {
  file: "acadre-byraad-historik.docx",
  imitates:
    "An Acadre Word referat of a council meeting: Heading 1 titles with the number typed ('143. …'), a two-by-two 'Sagsnr.'/'Sagen afgøres i' table under each, and the case's whole decision history",
  tricky:
    "item 143 carries five earlier decisions: two from the committee, one from Økonomiudvalget and one from an earlier Byråd meeting ('Beslutning i Byrådet den 27-02-2024'), and only 'Beslutning i Byrådet den 23-04-2024' is this meeting's; a 'Supplerende sagsfremstilling' between them; numbers 142-146 through the year; titles with a full stop inside",
  meeting: {
    date: "2024-04-23",
    body: ["Byrådet", "Byråd"],
    documentType: "referat",
    itemCount: 5,
  },
  items: ITEMS.map(({ number, title, caseNumber, decision }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "The meeting is Byrådet 23-04-2024. Every 'Beslutning i <udvalg> den <dato>' with another body or another date is history: in item 143 even 'Beslutning i Byrådet den 27-02-2024' (same body, earlier meeting). The item numbers are typed into Heading 1 ('143. Skolestruktur. Endelig beslutning efter høring'). The meeting data are in a table at the top ('Mødedato' / '23-04-2024').",
  render: () =>
    packDocx(
      new Document({
        creator: "Acadre",
        sections: [
          {
            children: [
              text("Referat", { bold: true, size: 40 }),
              fieldTable([
                ["Byrådet", ""],
                ["Mødedato", "23-04-2024"],
                ["Mødetidspunkt", "18:00"],
                ["Mødested", "Byrådssalen"],
                ["Afbud", "Ingen"],
              ]),
              ...ITEMS.flatMap((item) => [
                new Paragraph({
                  heading: HeadingLevel.HEADING_1,
                  children: [new TextRun(`${item.number}. ${item.title}`)],
                }),
                grid(
                  [
                    ["Sagsnr.:", "Sagen afgøres i:"],
                    [item.caseNumber, "Byrådet"],
                  ],
                  [3000, 6000],
                  false,
                ),
                ...item.sections.flatMap(([heading, body]) => [
                  new Paragraph({
                    heading: HeadingLevel.HEADING_2,
                    children: [new TextRun(heading)],
                  }),
                  ...texts(body),
                ]),
              ]),
              new Paragraph({
                heading: HeadingLevel.HEADING_1,
                pageBreakBefore: true,
                children: [new TextRun("Underskriftsside")],
              }),
              ...texts(["Ole Brandt (borgmester)", "Mette Krogh", "Kirsten Bach"]),
            ],
          },
        ],
      }),
    ),
};
