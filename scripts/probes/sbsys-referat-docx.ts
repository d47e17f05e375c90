import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  PageNumber,
  Paragraph,
  TextRun,
} from "docx";
import { fieldTable, packDocx, text, texts } from "./lib/docx.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText, economyText } from "./lib/text-bank.ts";

/** An SBSYS referat exported to Word: items as auto-numbered Heading 1, sections as Heading 2. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "00.01.00-A00-2-24",
    decision: "Godkendt.",
    sections: [["Beslutning", ["Godkendt."]]],
  },
  {
    number: 2,
    title: "Kvalitetsstandard for praktisk hjælp 2025",
    caseNumber: "27.12.00-P22-1-24",
    decision: "Udvalget godkendte kvalitetsstandarden med den ændring",
    sections: [
      ["Resume", ["Kvalitetsstandarden skal revideres en gang årligt."]],
      ["Sagsfremstilling", caseText(0, 3)],
      ["Økonomi", [economyText(0)]],
      ["Indstilling", ["Sundhed og Omsorg indstiller, at kvalitetsstandarden godkendes."]],
      [
        "Beslutning",
        [
          "Udvalget godkendte kvalitetsstandarden med den ændring, at rengøring fortsat tilbydes hver 14. dag.",
        ],
      ],
    ],
  },
  {
    number: 3,
    title: "Demensstrategi - status",
    caseNumber: "29.30.00-A00-3-23",
    decision: "Orienteringen blev taget til efterretning.",
    sections: [
      ["Sagsfremstilling", caseText(3, 2)],
      ["Indstilling", ["Sundhed og Omsorg indstiller, at orienteringen tages til efterretning."]],
      ["Beslutning", ["Orienteringen blev taget til efterretning."]],
    ],
  },
  {
    number: 4,
    title: "Takster for madservice 2025",
    caseNumber: "27.36.00-S00-1-24",
    decision: "Anbefales over for Økonomiudvalget og Byrådet.",
    sections: [
      ["Sagsfremstilling", caseText(5, 2)],
      ["Økonomi", [economyText(3)]],
      ["Indstilling", ["Sundhed og Omsorg indstiller, at taksterne anbefales."]],
      ["Beslutning", ["Anbefales over for Økonomiudvalget og Byrådet.", "Fraværende: Tove Nyborg"]],
    ],
  },
  {
    number: 5,
    title: "Orientering fra formanden og direktøren",
    caseNumber: "00.01.00-A00-3-24",
    decision: null,
    sections: [
      ["Sagsfremstilling", ["Der orienteres om aktuelle sager."]],
      ["Beslutning", []],
    ],
  },
  {
    number: 6,
    title: "Eventuelt",
    caseNumber: "00.01.00-A00-4-24",
    decision: "Intet.",
    sections: [["Beslutning", ["Intet."]]],
  },
];

export const probe: Probe = {
  file: "sbsys-referat.docx",
  imitates:
    "An SBSYS referat exported to Word: item titles as Heading 1 with Word's automatic list numbering (numbering.xml), sections as Heading 2, meeting data in a label/value table",
  tricky:
    "the item numbers exist only in numbering.xml (the text of each heading has no number); 'Sagsnr.: 27.12.00-P22-1-24' paragraph below each heading; the page header and footer (body name, 'Side N') are Word header/footer parts; one 'Beslutning' heading with nothing under it (no decision recorded); a decision followed by an attendance line",
  meeting: {
    date: "2024-05-14",
    body: ["Social- og Sundhedsudvalget"],
    documentType: "referat",
    itemCount: 6,
  },
  items: ITEMS.map(({ number, title, caseNumber, decision }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Items are Heading 1 paragraphs numbered by Word (numPr → numbering.xml level '%1.'), so '1.' … '6.' are not in the paragraph text. Item 5's 'Beslutning' heading is empty: no decision. Sections are Heading 2.",
  render: () =>
    packDocx(
      new Document({
        creator: "SBSYS",
        title: "Referat",
        numbering: {
          config: [
            {
              reference: "punkter",
              levels: [
                {
                  level: 0,
                  format: LevelFormat.DECIMAL,
                  text: "%1.",
                  alignment: AlignmentType.LEFT,
                  style: { paragraph: { indent: { left: 567, hanging: 567 } } },
                },
              ],
            },
          ],
        },
        sections: [
          {
            headers: {
              default: new Header({
                children: [text("Social- og Sundhedsudvalget - Referat - 14. maj 2024")],
              }),
            },
            footers: {
              default: new Footer({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.RIGHT,
                    children: [
                      new TextRun({
                        children: ["Side ", PageNumber.CURRENT, " af ", PageNumber.TOTAL_PAGES],
                      }),
                    ],
                  }),
                ],
              }),
            },
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Referat")] }),
              fieldTable([
                ["Udvalg:", "Social- og Sundhedsudvalget"],
                ["Mødedato:", "14. maj 2024"],
                ["Mødetidspunkt:", "15:00"],
                ["Mødested:", "Mødelokale 1, Rådhuset"],
                ["Fraværende:", "Tove Nyborg (fra punkt 4)"],
              ]),
              text(""),
              ...ITEMS.flatMap((item) => [
                new Paragraph({
                  heading: HeadingLevel.HEADING_1,
                  numbering: { reference: "punkter", level: 0 },
                  children: [new TextRun(item.title)],
                }),
                text(`Sagsnr.: ${item.caseNumber}`),
                ...item.sections.flatMap(([heading, body]) => [
                  new Paragraph({
                    heading: HeadingLevel.HEADING_2,
                    children: [new TextRun(heading)],
                  }),
                  ...texts(body),
                ]),
              ]),
            ],
          },
        ],
      }),
    ),
};
