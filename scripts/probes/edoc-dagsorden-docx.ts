import { Document, HeadingLevel, Paragraph, TabStopType, TextRun } from "docx";
import { fieldTable, packDocx, text, texts } from "./lib/docx.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** An eDoc-style Word dagsorden: a stored table of contents (TOC 1 paragraphs with dot leaders). */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "2024-000211",
    sections: [
      ["Forslag til beslutning", ["Det foreslås, at dagsordenen godkendes."]],
      ["Beslutning", []],
    ],
  },
  {
    number: 2,
    title: "Boligsocial helhedsplan for Engparken 2025-2028",
    caseNumber: "2024-001877",
    sections: [
      ["Sagsfremstilling", caseText(1, 3)],
      [
        "Tidligere beslutninger",
        [
          "Beslutning i Plan- og Boligudvalget den 6. februar 2024: Udsat med henblik på en dialog med boligorganisationen.",
        ],
      ],
      [
        "Forslag til beslutning",
        ["Det foreslås, at udvalget anbefaler helhedsplanen over for Økonomiudvalget."],
      ],
      ["Beslutning", []],
    ],
  },
  {
    number: 3,
    title: "Ansøgning om dispensation fra lokalplan 212 - Søvej 4",
    caseNumber: "2024-002003",
    sections: [
      ["Sagsfremstilling", caseText(3, 2)],
      ["Forslag til beslutning", ["Det foreslås, at der meddeles afslag på dispensation."]],
      ["Beslutning", []],
    ],
  },
  {
    number: 4,
    title: "Orientering om boligprognose 2024",
    caseNumber: "2024-000990",
    sections: [
      ["Sagsfremstilling", caseText(5, 2)],
      ["Forslag til beslutning", ["Det foreslås, at orienteringen tages til efterretning."]],
    ],
  },
  { number: 5, title: "Eventuelt", caseNumber: "2024-000212", sections: [] },
  {
    number: 6,
    title: "Ekspropriation af areal til cykelsti",
    caseNumber: "2024-001400",
    closed: true,
    sections: [],
  },
];

const TOC_TAB = [{ type: TabStopType.RIGHT, position: 9000, leader: "dot" as const }];

export const probe: Probe = {
  file: "edoc-dagsorden.docx",
  imitates:
    "An eDoc-style Word dagsorden: Title 'Dagsorden', a stored Word table of contents (TOC 1 paragraphs, right tab with dot leader and page number), items as Heading 1 'Punkt N - Title', sections as Heading 3",
  tricky:
    "the contents lines are 'Punkt 2 - Title<TAB>3' with a dotted tab leader (no dots in the text); empty 'Beslutning' headings; 'Forslag til beslutning' (a proposal) in every item; an earlier meeting's 'Beslutning i Plan- og Boligudvalget den 6. februar 2024: Udsat …' under 'Tidligere beslutninger'; a closed item 'Punkt 6 - Lukket punkt: …' with no text; 'Eventuelt' with no text at all",
  meeting: {
    date: "2024-03-05",
    body: ["Plan- og Boligudvalget"],
    documentType: "dagsorden",
    itemCount: 6,
  },
  items: ITEMS.map(({ number, title, caseNumber, closed }) => ({
    number,
    title,
    caseNumber,
    closed: closed ?? false,
    decision: null,
  })),
  notes:
    "A dagsorden: no decisions. 'Forslag til beslutning' is the proposal; the empty 'Beslutning' headings are placeholders; the dated decision under 'Tidligere beslutninger' is history. The TOC 1 paragraphs repeat every item with a tab before the page number (the dots are a tab leader, not text). Item 6 is closed; item 5 has no text.",
  render: () =>
    packDocx(
      new Document({
        creator: "eDoc",
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Dagsorden")] }),
              fieldTable([
                ["Udvalg", "Plan- og Boligudvalget"],
                ["Mødedato", "05-03-2024 16:00"],
                ["Mødested", "Udvalgsværelse 2"],
              ]),
              text(""),
              text("Indholdsfortegnelse", { bold: true, size: 28 }),
              ...ITEMS.map(
                (item, index) =>
                  new Paragraph({
                    style: "TOC1",
                    tabStops: TOC_TAB,
                    children: [
                      new TextRun(
                        `Punkt ${item.number} - ${item.closed ? "Lukket punkt: " : ""}${item.title}\t${2 + Math.floor(index / 2)}`,
                      ),
                    ],
                  }),
              ),
              ...ITEMS.flatMap((item) => [
                new Paragraph({
                  heading: HeadingLevel.HEADING_1,
                  pageBreakBefore: item.number === 1,
                  children: [
                    new TextRun(
                      `Punkt ${item.number} - ${item.closed ? "Lukket punkt: " : ""}${item.title}`,
                    ),
                  ],
                }),
                text(`Sagsnr.: ${item.caseNumber}`, { size: 18 }),
                ...item.sections.flatMap(([heading, body]) => [
                  new Paragraph({
                    heading: HeadingLevel.HEADING_3,
                    children: [new TextRun(heading)],
                  }),
                  ...texts(body),
                ]),
              ]),
            ],
          },
        ],
        styles: {
          paragraphStyles: [{ id: "TOC1", name: "toc 1", basedOn: "Normal", next: "Normal" }],
        },
      }),
    ),
};
