import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText, economyText } from "./lib/text-bank.ts";

/** An agenda system's print with one page per item: "Punkt 3" large, the title below it. */

interface Item extends ProbeItem {
  title: string;
  sections: [string, string[]][];
}

const DECIDED = "Økonomiudvalget, 10. april 2024:";

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "24-001100",
    decision: "Godkendt.",
    sections: [["Beslutning", [DECIDED, "Godkendt."]]],
  },
  {
    number: 2,
    title: "Budgetopfølgning pr. 29. februar 2024",
    caseNumber: "24-002310",
    decision: "Indstillingen blev godkendt.",
    sections: [
      ["Resumé", ["Budgetopfølgningen viser et forventet mindreforbrug på 4,1 mio. kr."]],
      ["Sagsfremstilling", caseText(1, 4)],
      ["Økonomi", [economyText(1)]],
      ["Indstilling", ["Direktionen indstiller, at budgetopfølgningen tages til efterretning."]],
      ["Beslutning", [DECIDED, "Indstillingen blev godkendt.", "Fraværende: Ib Holt"]],
    ],
  },
  {
    number: 3,
    title: "Salg af Marsklev gamle skole",
    caseNumber: "23-019876",
    decision: "Økonomiudvalget anbefaler over for byrådet",
    sections: [
      ["Resumé", ["Der er indkommet tre bud på ejendommen efter offentligt udbud."]],
      ["Sagsfremstilling", caseText(6, 3)],
      ["Indstilling", ["Direktionen indstiller, at ejendommen sælges til højestbydende."]],
      [
        "Beslutning",
        [
          DECIDED,
          "Økonomiudvalget anbefaler over for byrådet, at ejendommen sælges til højestbydende.",
        ],
      ],
    ],
  },
  {
    number: 4,
    title: "Temadrøftelse: Kommunens ejendomsportefølje",
    caseNumber: "24-003001",
    decision: "Drøftet.",
    sections: [
      ["Sagsfremstilling", caseText(9, 2)],
      ["Beslutning", [DECIDED, "Drøftet."]],
    ],
  },
  {
    number: 5,
    title: "Meddelelser",
    caseNumber: null,
    decision: "Orienteringen blev taget til efterretning.",
    sections: [["Beslutning", [DECIDED, "Orienteringen blev taget til efterretning."]]],
  },
  {
    number: 6,
    title: "Køb af areal ved Havnevej",
    caseNumber: "24-000812",
    closed: true,
    decision: "Godkendt.",
    sections: [["Beslutning", [DECIDED, "Godkendt."]]],
  },
];

export const probe: Probe = {
  file: "one-item-per-page.pdf",
  imitates:
    "A one-page-per-item referat print (agenda systems that page-break before every item), Liberation Sans",
  tricky:
    "'Punkt 3' alone in 16 pt with the title on the next line in 13 pt; 'Åben sag' / 'Lukket sag' and 'Sagsnr. 24-002310' lines below; the decision section starts with a label line 'Økonomiudvalget, 10. april 2024:'; header 'Økonomiudvalget – Referat – 10. april 2024' and a bare 'N/M' footer on every page; a cover page and a closing 'Underskrifter' page",
  meeting: { date: "2024-04-10", body: ["Økonomiudvalget"], documentType: "referat", itemCount: 6 },
  items: ITEMS.map(({ number, title, caseNumber, closed, decision }) => ({
    number,
    title,
    caseNumber: caseNumber ?? null,
    closed: closed ?? false,
    decision: decision ?? null,
  })),
  notes:
    "Every item starts a page with 'Punkt N' alone (large) and the title below it. 'Åben sag'/'Lukket sag' and 'Sagsnr. 24-…' stand below the title. Decisions start with the label line 'Økonomiudvalget, 10. april 2024:' (skipped by the scorer). Item 6 is closed ('Lukket sag') and its decision is published. The last page 'Underskrifter' lists the members and is not part of item 6.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(22).text("Marsklev Kommune", pdf.left, 160);
        pdf.gap(1);
        doc.fontSize(18).text("Økonomiudvalget");
        doc.font(pdf.regular).fontSize(14).text("Referat");
        pdf.gap(1.5);
        pdf.para("Mødedato: 10. april 2024");
        pdf.para("Mødetid: 16.00-18.15");
        pdf.para("Mødested: Udvalgsværelse 1");
        pdf.para("Afbud: Ib Holt (punkt 2)");
        for (const item of ITEMS) {
          doc.addPage();
          doc
            .font(pdf.bold)
            .fontSize(16)
            .text(`Punkt ${item.number}`, pdf.left, doc.page.margins.top);
          doc.fontSize(13).text(item.title);
          pdf.gap(0.5);
          pdf.para(item.closed ? "Lukket sag" : "Åben sag", { gap: 0 });
          if (item.caseNumber) pdf.para(`Sagsnr. ${item.caseNumber}`);
          for (const [heading, texts] of item.sections) {
            pdf.heading(heading, 11, { gap: 0.8 });
            pdf.gap(0.2);
            pdf.paras(texts);
          }
        }
        doc.addPage();
        pdf.heading("Underskrifter", 13, { gap: 0 });
        pdf.gap(1);
        pdf.paras(["Carsten Vig (formand)", "Ib Holt", "Maja Friis", "Lene Skov", "Thomas Bech"]);
      },
      {
        title: "Økonomiudvalget – Referat – 10. april 2024",
        header: () => ({ left: "Økonomiudvalget – Referat – 10. april 2024" }),
        footer: (page, pages) => ({ right: `${page}/${pages}` }),
      },
    ),
};
