import { Document, Paragraph, TextRun } from "docx";
import { grid, packDocx, text } from "./lib/docx.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";

/** A local MED committee's (LMU) Word referat: one table row per item, "Punkt" | "Referat". */

interface Item extends ProbeItem {
  title: string;
  minutes: string;
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    minutes: "Beslutning: Godkendt.",
    decision: "Godkendt.",
  },
  {
    number: 2,
    title: "Opfølgning på APV",
    minutes:
      "Handleplanen blev gennemgået. Støj i køkkenet er løst.\nBeslutning: Handleplanen revideres inden sommerferien.",
    decision: "Handleplanen revideres inden sommerferien.",
  },
  {
    number: 3,
    title: "Ferieplanlægning 2024",
    minutes: "Ferieønsker afleveres senest 1. marts. Der er lukket i uge 29-30.",
    decision: null,
  },
  { number: 4, title: "Eventuelt", minutes: "", decision: null },
];

export const probe: Probe = {
  file: "lmu-tabel-referat.docx",
  imitates:
    "A local MED committee's (LMU) Word referat with the items as rows of a two-column table ('Punkt' | 'Referat'), the number typed into the first cell",
  tricky:
    "each item is a table row '1. Godkendelse af dagsorden' | 'Beslutning: Godkendt.'; a cell with two paragraphs; an empty referat cell for 'Eventuelt'; the date written '20/2-2024'",
  meeting: {
    date: "2024-02-20",
    body: ["LMU Dagcenter Lyngbo", "LMU", "Lokal-MED Dagcenter Lyngbo"],
    documentType: "referat",
    itemCount: 4,
  },
  items: ITEMS.map(({ number, title, decision }) => ({
    number,
    title,
    caseNumber: null,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Items are table rows; the first cell holds '2. Opfølgning på APV', the second the minutes, with 'Beslutning: …' inline where a decision was made. Item 3 records information only and item 4 is empty. The date '20/2-2024' is written the Danish informal way.",
  render: () =>
    packDocx(
      new Document({
        creator: "LMU",
        sections: [
          {
            children: [
              text("LMU Dagcenter Lyngbo", { bold: true, size: 32 }),
              new Paragraph({
                children: [
                  new TextRun({
                    text: "Referat af møde den 20/2-2024 kl. 13.30-15.00",
                    bold: true,
                  }),
                ],
              }),
              text("Deltagere: Lone (leder), Kasper (TR), Dorthe (AMR), Yasmin"),
              text(""),
              grid(
                [
                  ["Punkt", "Referat"],
                  ...ITEMS.map((item) => [`${item.number}. ${item.title}`, item.minutes]),
                ],
                [3200, 6000],
              ),
              text(""),
              text("Referent: Dorthe"),
            ],
          },
        ],
      }),
    ),
};
