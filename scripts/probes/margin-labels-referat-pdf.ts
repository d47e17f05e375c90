import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** Older KMD-style minutes: section labels in a left margin column, the text beside them. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 31,
    title: "Godkendelse af dagsorden",
    caseNumber: "00.01.00-G01-3-24",
    decision: "Godkendt.",
    sections: [["Beslutning", ["Godkendt."]]],
  },
  {
    number: 32,
    title: "Fritidspas for børn og unge - evaluering",
    caseNumber: "18.00.00-G01-12-23",
    decision: "Evalueringen blev taget til efterretning",
    sections: [
      ["Sagsfremstilling", caseText(0, 3)],
      [
        "Økonomi",
        ["Ordningen koster 600.000 kr. årligt og er finansieret inden for udvalgets ramme."],
      ],
      [
        "Indstilling",
        [
          "Kultur- og Fritidsforvaltningen indstiller, at evalueringen tages til efterretning, og at ordningen gøres permanent.",
        ],
      ],
      [
        "Beslutning",
        [
          "Evalueringen blev taget til efterretning, og udvalget besluttede at gøre ordningen permanent.",
        ],
      ],
    ],
  },
  {
    number: 33,
    title: "Lokaletilskud 2025",
    caseNumber: "18.15.00-Ø40-2-24",
    decision: "Indstillingen godkendt.",
    sections: [
      ["Sagsfremstilling", caseText(3, 4)],
      [
        "Indstilling",
        ["Kultur- og Fritidsforvaltningen indstiller, at tilskudsprocenten fastholdes på 70."],
      ],
      ["Beslutning", ["Indstillingen godkendt."]],
    ],
  },
  {
    number: 34,
    title: "Kulturnat 2024",
    caseNumber: "20.00.00-A00-4-24",
    decision: "Udvalget tog orienteringen til efterretning.",
    sections: [
      ["Sagsfremstilling", caseText(7, 2)],
      ["Beslutning", ["Udvalget tog orienteringen til efterretning."]],
    ],
  },
];

const LABEL_WIDTH = 110;

export const probe: Probe = {
  file: "margin-labels-referat.pdf",
  imitates:
    "Older KMD/Word minutes layout with section labels in a left margin column and the text in a right column starting on the label's baseline (Helvetica)",
  tricky:
    "every section heading shares its first line with the first line of its text ('Beslutning   Godkendt.'); item titles 'Punkt 32.' left with the title beside it; 'Sags nr.:' in the label column too; items numbered 31-34 through the year; 'Indstillingen godkendt.'",
  meeting: {
    date: "2024-05-22",
    body: ["Kultur- og Fritidsudvalget"],
    documentType: "referat",
    itemCount: 4,
  },
  items: ITEMS.map(({ number, title, caseNumber, decision }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Section labels (Sagsfremstilling, Økonomi, Indstilling, Beslutning) stand in a left column and the section's text starts on the same line in a right column, so a line-based reading gets 'Beslutning Godkendt.' as one line unless the two columns are kept apart. The title line is 'Punkt 32.' in the label column with the title in the right column. Case numbers are KLE-style ('18.00.00-G01-12-23').",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        const right = pdf.left + LABEL_WIDTH;
        const rightWidth = pdf.width - LABEL_WIDTH;
        const labelled = (
          label: string,
          texts: readonly string[],
          options: { bold?: boolean } = {},
        ) => {
          texts.forEach((text, index) => {
            pdf.keep(30);
            const y = doc.y;
            if (index === 0)
              doc
                .font(pdf.bold)
                .fontSize(10)
                .text(label, pdf.left, y, { width: LABEL_WIDTH - 8 });
            doc
              .font(options.bold ? pdf.bold : pdf.regular)
              .fontSize(10)
              .text(text, right, y, { width: rightWidth, lineGap: 1.5 });
            doc.moveDown(0.5);
          });
          doc.x = pdf.left;
        };
        doc.font(pdf.bold).fontSize(14).text("Kultur- og Fritidsudvalget", pdf.left, 100);
        doc
          .font(pdf.regular)
          .fontSize(11)
          .text(
            "Referat af ordinært møde onsdag den 22. maj 2024 kl. 15.30 i Kulturhuset, lokale 4",
          );
        pdf.gap(0.5);
        pdf.para("Til stede: Bente Kjær (formand), Niels Rask, Susan Holm, Per Vad, Lise Brok");
        for (const item of ITEMS) {
          pdf.keep(80);
          pdf.gap(1.2);
          doc
            .moveTo(pdf.left, doc.y)
            .lineTo(pdf.left + pdf.width, doc.y)
            .lineWidth(0.5)
            .stroke();
          pdf.gap(0.4);
          labelled(`Punkt ${item.number}.`, [item.title], { bold: true });
          labelled("Sags nr.:", [item.caseNumber]);
          for (const [heading, texts] of item.sections) labelled(heading, texts);
        }
      },
      {
        fonts: "helvetica",
        size: 10,
        title: "Kultur- og Fritidsudvalget 22-05-2024",
        header: (page) =>
          page === 1
            ? undefined
            : { left: "Kultur- og Fritidsudvalget 22.05.2024", right: `Side ${page}` },
      },
    ),
};
