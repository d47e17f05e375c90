import { AlignmentType, Document, HeadingLevel, LevelFormat, Paragraph, TextRun } from "docx";
import { packDocx, text } from "./lib/docx.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";

/** A school board's Word referat with a multilevel list on the headings: 4, 4.1, 4.2. */

interface Part {
  title: string;
  body: string[];
}

interface Item extends ProbeItem {
  title: string;
  body: string[];
  parts?: Part[];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    body: ["Beslutning:", "Godkendt."],
    decision: "Godkendt.",
  },
  {
    number: 2,
    title: "Meddelelser fra skoleleder",
    body: ["Skolelederen orienterede om ansættelse af to nye lærere og om status på sygefraværet."],
    decision: null,
  },
  {
    number: 3,
    title: "Principper for lektiecafé",
    body: [
      "Udkast til principper blev gennemgået.",
      "Beslutning:",
      "Principperne blev vedtaget med enkelte sproglige rettelser.",
    ],
    decision: "Principperne blev vedtaget",
  },
  {
    number: 4,
    title: "Skolens økonomi",
    body: [],
    parts: [
      { title: "Budget 2025", body: ["Beslutning:", "Budgettet blev godkendt."] },
      {
        title: "Forbrug på lejrskoler",
        body: ["Beslutning:", "Bestyrelsen ønsker en samlet oversigt til næste møde."],
      },
    ],
    decision: "Budgettet blev godkendt.",
  },
  { number: 5, title: "Evt.", body: ["Intet."], decision: null },
];

export const probe: Probe = {
  file: "skolebestyrelse-multilevel.docx",
  imitates:
    "A school board's (skolebestyrelse) Word referat whose headings carry a multilevel list (numbering.xml: '%1.' for Heading 1, '%1.%2.' for Heading 2)",
  tricky:
    "item 4 has sub-items 4.1 and 4.2 as numbered Heading 2 (sub-items are not in the model: they are part of item 4); 'Beslutning:' as a bold paragraph of its own; the last item titled 'Evt.'; the date as '12.03.24' in the subtitle",
  meeting: {
    date: "2024-03-12",
    body: ["Skolebestyrelsen ved Østerby Skole", "Skolebestyrelsen"],
    documentType: "referat",
    itemCount: 5,
  },
  items: ITEMS.map(({ number, title, decision }) => ({
    number,
    title,
    caseNumber: null,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Items are Heading 1 paragraphs numbered by a multilevel list (level 0 '%1.'); 4.1 'Budget 2025' and 4.2 'Forbrug på lejrskoler' are Heading 2 paragraphs numbered by level 1 ('%1.%2.') and belong to item 4, whose first decision (under 4.1) is expected as item 4's. 'Evt.' keeps its full stop as a title is written (the scorer normalises punctuation).",
  render: () =>
    packDocx(
      new Document({
        creator: "Skolebestyrelsen",
        numbering: {
          config: [
            {
              reference: "overskrifter",
              levels: [
                {
                  level: 0,
                  format: LevelFormat.DECIMAL,
                  text: "%1.",
                  alignment: AlignmentType.LEFT,
                },
                {
                  level: 1,
                  format: LevelFormat.DECIMAL,
                  text: "%1.%2.",
                  alignment: AlignmentType.LEFT,
                },
              ],
            },
          ],
        },
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Referat")] }),
              text("Skolebestyrelsen ved Østerby Skole, møde 12.03.24 kl. 17.00-19.00"),
              text(
                "Deltagere: Camilla Lind (formand), Jakob Friis, Sara Bay, skoleleder Hanne Dyhr, elevrådsrepræsentanter",
              ),
              text(""),
              ...ITEMS.flatMap((item) => [
                new Paragraph({
                  heading: HeadingLevel.HEADING_1,
                  numbering: { reference: "overskrifter", level: 0 },
                  children: [new TextRun(item.title)],
                }),
                ...item.body.map((line) => text(line, { bold: line === "Beslutning:" })),
                ...(item.parts ?? []).flatMap((part) => [
                  new Paragraph({
                    heading: HeadingLevel.HEADING_2,
                    numbering: { reference: "overskrifter", level: 1 },
                    children: [new TextRun(part.title)],
                  }),
                  ...part.body.map((line) => text(line, { bold: line === "Beslutning:" })),
                ]),
              ]),
            ],
          },
        ],
      }),
    ),
};
