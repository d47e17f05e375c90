import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** A tillægsdagsorden: items added after the agenda went out, numbered on from it. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 14,
    title: "Ekstraordinær vinterpakke til foreningslivet",
    caseNumber: "24/02231",
    sections: [
      [
        "Resume",
        [
          "Sagen er optaget på dagsordenen efter udsendelse af den ordinære dagsorden, da ansøgningsfristen hos fonden udløber den 15. marts.",
        ],
      ],
      ["Sagsfremstilling", caseText(4, 3)],
      ["Indstilling", ["Direktionen indstiller, at der afsættes 1,5 mio. kr. til en vinterpakke."]],
      ["Beslutning", []],
    ],
  },
  {
    number: 15,
    title: "Høringssvar vedrørende regional trafikplan",
    caseNumber: "24/02240",
    sections: [
      ["Resume", ["Regionen har sendt forslag til trafikplan i høring med frist den 8. marts."]],
      ["Sagsfremstilling", caseText(10, 2)],
      ["Indstilling", ["Direktionen indstiller, at udkast til høringssvar godkendes."]],
      ["Beslutning", []],
    ],
  },
];

export const probe: Probe = {
  file: "tillaegsdagsorden-oekonomiudvalget.pdf",
  imitates:
    "A tillægsdagsorden (supplementary agenda) PDF sent out after the ordinary agenda, as municipalities publish them beside it",
  tricky:
    "only items 14 and 15 (numbered on from the ordinary agenda); the header says 'Tillægsdagsorden til mødet i Økonomiudvalget den 5. marts 2024'; empty 'Beslutning' headings; 'Punkt 14' alone on a line with the title beside the number in bold",
  meeting: {
    date: "2024-03-05",
    body: ["Økonomiudvalget"],
    documentType: "dagsorden",
    itemCount: 2,
  },
  items: ITEMS.map(({ number, title, caseNumber }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: null,
  })),
  notes:
    "A supplementary agenda: two items, 14 and 15, and no decisions (the 'Beslutning' headings are empty). The document type is dagsorden ('Tillægsdagsorden'). Items are 'Punkt 14: Title' in bold.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(16).text("Tillægsdagsorden", pdf.left, 110);
        doc
          .font(pdf.regular)
          .fontSize(12)
          .text("til mødet i Økonomiudvalget den 5. marts 2024 kl. 15.00 i Mødelokale B");
        pdf.gap(1);
        pdf.para("Følgende punkter optages på dagsordenen som tillæg til den udsendte dagsorden:");
        for (const item of ITEMS) pdf.para(`Punkt ${item.number}: ${item.title}`, { gap: 0.2 });
        for (const item of ITEMS) {
          pdf.heading(`Punkt ${item.number}: ${item.title}`, 12, { gap: 1.5 });
          pdf.para(`Sagsnr.: ${item.caseNumber}`, { size: 9 });
          for (const [heading, texts] of item.sections) {
            pdf.heading(heading, 10.5, { gap: 0.5 });
            pdf.paras(texts);
          }
        }
      },
      {
        title: "Tillægsdagsorden Økonomiudvalget",
        footer: (page, pages) => ({
          left: "Økonomiudvalget, tillægsdagsorden 05.03.2024",
          right: `Side ${page} af ${pages}`,
        }),
      },
    ),
};
