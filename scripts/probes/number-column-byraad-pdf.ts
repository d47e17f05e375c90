import { makeProbePdf, type PdfWriter } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText, economyText } from "./lib/text-bank.ts";

/** Item headings as a shaded bar: the number in a narrow column of its own, no full stop. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string | null;
  status: "Åben" | "Lukket";
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Meddelelser",
    status: "Åben",
    caseNumber: "J.nr. 00.01.00-A00-1-24",
    decision: "Taget til efterretning.",
    sections: [["Beslutning", ["Taget til efterretning."]]],
  },
  {
    number: 2,
    title: "Kommuneplantillæg nr. 9 for erhvervsområde ved motorvejen",
    status: "Åben",
    caseNumber: "J.nr. 01.02.03-P16-3-23",
    decision: "Byrådet vedtog kommuneplantillægget.",
    sections: [
      ["Sagsfremstilling", caseText(2, 4)],
      [
        "Indstilling",
        ["Udvalget for Teknik og Miljø indstiller, at kommuneplantillægget vedtages endeligt."],
      ],
      ["Beslutning", ["Byrådet vedtog kommuneplantillægget.", "Imod stemte Ø (1)."]],
    ],
  },
  {
    number: 3,
    title: "Anlægsbevilling til ny daginstitution i Østerby",
    status: "Åben",
    caseNumber: "J.nr. 82.06.00-G01-2-24",
    decision: "Godkendt.",
    sections: [
      ["Sagsfremstilling", caseText(6, 3)],
      ["Økonomi", [economyText(2)]],
      [
        "Indstilling",
        ["Økonomiudvalget indstiller, at der gives en anlægsbevilling på 38 mio. kr."],
      ],
      ["Beslutning", ["Godkendt."]],
    ],
  },
  {
    number: 4,
    title: "Takster for vand og spildevand 2025",
    status: "Åben",
    caseNumber: "J.nr. 06.00.05-S55-1-24",
    decision: "Godkendt.",
    sections: [
      ["Sagsfremstilling", caseText(9, 2)],
      ["Beslutning", ["Godkendt."]],
    ],
  },
  {
    number: 5,
    title: "Forslag fra SF om gratis frugt i indskolingen",
    status: "Åben",
    caseNumber: "J.nr. 17.00.00-A00-9-24",
    decision: "Punktet udgik.",
    sections: [["Beslutning", ["Punktet udgik."]]],
  },
  {
    number: 6,
    title: "Eventuelt",
    status: "Åben",
    caseNumber: null,
    decision: "Intet.",
    sections: [["Beslutning", ["Intet."]]],
  },
  {
    number: 7,
    title: "Forpagtning af kommunale landbrugsarealer",
    status: "Lukket",
    closed: true,
    caseNumber: "J.nr. 02.11.00-G10-1-24",
    decision: "Godkendt.",
    sections: [["Beslutning", ["Godkendt."]]],
  },
];

function itemBar(pdf: PdfWriter, item: Item): void {
  const doc = pdf.doc;
  pdf.keep(90);
  pdf.gap(1.2);
  const y = doc.y;
  doc
    .rect(pdf.left, y - 3, pdf.width, 20)
    .fill("#d9e2ef")
    .fillColor("#000000");
  doc
    .font(pdf.bold)
    .fontSize(12)
    .text(String(item.number), pdf.left, y, { width: 22, align: "right" });
  doc.text(item.title, pdf.left + 34, y, { width: pdf.width - 90 });
  doc
    .font(pdf.regular)
    .fontSize(9)
    .text(item.status, pdf.left + pdf.width - 50, y + 2, { width: 48, align: "right" });
  doc.x = pdf.left;
  doc.y = Math.max(doc.y, y + 20);
  pdf.gap(0.3);
}

export const probe: Probe = {
  file: "number-column-byraad.pdf",
  imitates:
    "A council referat whose item headings are shaded bars with the number in a column of its own (Prepare/Cubic-like templates), with a 'Pkt. Tekst Side' contents table; Liberation Sans",
  tricky:
    "the number has no full stop and stands in its own cell ('2' then the title), so the item line reads '2 Kommuneplantillæg …'; 'Åben'/'Lukket' at the right end of the bar; case numbers labelled 'J.nr.'; the contents is a table with a header row 'Pkt. Tekst Side'; a withdrawn item ('Punktet udgik.')",
  meeting: {
    date: "2024-06-20",
    body: ["Byrådet", "Byråd"],
    documentType: "referat",
    itemCount: 7,
  },
  items: ITEMS.map(({ number, title, caseNumber, closed, decision }) => ({
    number,
    title,
    caseNumber: caseNumber ? [caseNumber.replace(/^J\.nr\. /u, ""), caseNumber] : null,
    closed: closed ?? false,
    decision: decision ?? null,
  })),
  notes:
    "Each item heading is a shaded bar: the number right-aligned in a narrow cell, the bold title, and the status 'Åben'/'Lukket' at the right, all on one baseline. The status is not part of the title; 'Lukket' at the end of the bar makes item 7 closed. 'J.nr. 01.02.03-P16-3-23' below the bar is the case number (with or without its label). The contents table's header row 'Pkt. Tekst Side' is not an entry. Item 5 was withdrawn ('Punktet udgik.' is its decision).",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(20).text("Byrådet", pdf.left, 110);
        doc.font(pdf.regular).fontSize(12).text("Referat");
        pdf.gap(1);
        pdf.row("Dato:", "Torsdag den 20. juni 2024", { column: 80 });
        pdf.row("Tid:", "Kl. 19.00", { column: 80 });
        pdf.row("Sted:", "Byrådssalen", { column: 80 });
        pdf.gap(1.5);
        const y = doc.y;
        doc
          .font(pdf.bold)
          .fontSize(10)
          .text("Pkt.", pdf.left, y)
          .text("Tekst", pdf.left + 40, y)
          .text("Side", pdf.left + pdf.width - 30, y);
        doc.x = pdf.left;
        pdf.gap(0.3);
        ITEMS.forEach((item, index) => {
          const rowY = doc.y;
          doc
            .font(pdf.regular)
            .fontSize(10)
            .text(String(item.number), pdf.left, rowY, { width: 30 });
          doc.text(item.title, pdf.left + 40, rowY, { width: pdf.width - 80 });
          doc.text(String(2 + Math.floor(index / 3)), pdf.left + pdf.width - 30, rowY, {
            width: 30,
            align: "right",
          });
          doc.x = pdf.left;
          doc.y += 2;
        });
        doc.addPage();
        for (const item of ITEMS) {
          itemBar(pdf, item);
          if (item.caseNumber) pdf.para(item.caseNumber, { size: 9 });
          for (const [heading, texts] of item.sections) {
            pdf.heading(heading, 10.5, { gap: 0.5 });
            pdf.paras(texts);
          }
        }
      },
      {
        size: 10,
        title: "Byrådet - referat 20-06-2024",
        footer: (page, pages) => ({
          left: "Byrådet 20.06.2024",
          right: `Side ${page} af ${pages}`,
        }),
      },
    ),
};
