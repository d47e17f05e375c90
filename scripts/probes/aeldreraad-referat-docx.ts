import { AlignmentType, Document, LevelFormat, Paragraph, TextRun } from "docx";
import { packDocx, text } from "./lib/docx.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";

/** A small body's own Word referat: Normal style only, a Word list for the items, bold titles. */

interface Item extends ProbeItem {
  title: string;
  /** Paragraphs; "a) …" entries become level-2 list paragraphs of the same list. */
  body: string[];
  /** Typed by hand rather than numbered by Word. */
  typed?: boolean;
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    body: ["Beslutning: Godkendt."],
    decision: "Godkendt.",
  },
  {
    number: 2,
    title: "Nyt fra formanden",
    body: [
      "Formanden orienterede om:",
      "a) Møde med borgmesteren om budget 2025",
      "b) Invitation til temadag om ensomhed den 14. maj",
      "c) Henvendelse fra en borger om busruten til plejecentret",
      "Referat: Orienteringen blev taget til efterretning.",
    ],
    decision: null,
  },
  {
    number: 3,
    title: "Høring: Kvalitetsstandard for hjemmehjælp",
    body: [
      "Ældrerådet har modtaget kvalitetsstandarden i høring med frist 20. april. Rådet drøftede især reglerne for rengøring og tøjvask.",
      "Beslutning: Ældrerådet afgiver høringssvar. Næstformanden skriver udkast, som rundsendes.",
    ],
    decision: "Ældrerådet afgiver høringssvar.",
  },
  {
    number: 4,
    title: "Valg af repræsentant til Brugerrådet på Solgården",
    body: ["Beslutning: Inge Poulsen blev valgt."],
    decision: "Inge Poulsen blev valgt.",
  },
  {
    number: 5,
    title: "Næste møde",
    body: ["Næste møde holdes tirsdag den 14. maj kl. 10.00."],
    decision: null,
  },
  { number: 6, title: "Eventuelt", body: ["Intet."], decision: null, typed: true },
];

export const probe: Probe = {
  file: "aeldreraad-referat.docx",
  imitates:
    "An Ældreråd's own Word referat (no agenda system): Normal style only, the items a Word numbered list with bold titles, sub-points as the same list's second level",
  tricky:
    "item numbers come from numbering.xml (level 0 '%1.'), sub-points 'a)' 'b)' 'c)' from level 1 of the same list; the last item '6. Eventuelt' typed by hand after the list; decisions as 'Beslutning: …' on the same line; 'Referat: …' is not a decision; the meeting date only in the title sentence; NBSP in 'kl. 10.00'",
  meeting: { date: "2024-04-09", body: ["Ældrerådet"], documentType: "referat", itemCount: 6 },
  items: ITEMS.map(({ number, title, decision }) => ({
    number,
    title,
    caseNumber: null,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Items 1-5 are list paragraphs numbered by Word (level 0); sub-points a)-c) in item 2 are level 1 of the same list and are not items. Item 6 is typed '6. Eventuelt' by hand (no numbering). Decisions are written 'Beslutning: …' inline; 'Referat: …' (item 2) records an orientation, not a decision heading, so no decision is expected there. Items 5 and 6 have no decision.",
  render: () => {
    const list = (level: number, children: TextRun[]) =>
      new Paragraph({
        style: "ListParagraph",
        numbering: { reference: "dagsorden", level },
        children,
      });
    return packDocx(
      new Document({
        creator: "Ældrerådet",
        styles: {
          paragraphStyles: [
            {
              id: "ListParagraph",
              name: "List Paragraph",
              basedOn: "Normal",
              paragraph: { indent: { left: 720 } },
            },
          ],
        },
        numbering: {
          config: [
            {
              reference: "dagsorden",
              levels: [
                {
                  level: 0,
                  format: LevelFormat.DECIMAL,
                  text: "%1.",
                  alignment: AlignmentType.LEFT,
                  style: { paragraph: { indent: { left: 360, hanging: 360 } } },
                },
                {
                  level: 1,
                  format: LevelFormat.LOWER_LETTER,
                  text: "%2)",
                  alignment: AlignmentType.LEFT,
                  style: { paragraph: { indent: { left: 1080, hanging: 360 } } },
                },
              ],
            },
          ],
        },
        sections: [
          {
            children: [
              text("Ældrerådet", { bold: true, size: 32 }),
              text(
                "Referat fra Ældrerådets møde tirsdag den 9. april 2024 kl.\u00a010.00 på Lindå Bibliotek",
                { bold: true },
              ),
              text(""),
              text(
                "Til stede: Karl Dam (formand), Inge Poulsen, Bodil Vang, Svend Aa. Hansen, Ruth Lund",
              ),
              text("Afbud: Ejvind Borg"),
              text(""),
              ...ITEMS.flatMap((item) => {
                const title = item.typed
                  ? new Paragraph({
                      children: [
                        new TextRun({ text: `${item.number}. ${item.title}`, bold: true }),
                      ],
                    })
                  : list(0, [new TextRun({ text: item.title, bold: true })]);
                const body = item.body.map((paragraph) => {
                  const sub = paragraph.match(/^[a-z]\) (.*)$/u);
                  if (sub) return list(1, [new TextRun(sub[1] ?? "")]);
                  return new Paragraph({
                    indent: { left: 360 },
                    children: [new TextRun(paragraph)],
                  });
                });
                return [title, ...body, text("")];
              }),
              text("Referent: Bodil Vang"),
            ],
          },
        ],
      }),
    );
  },
};
