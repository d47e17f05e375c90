import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText, economyText } from "./lib/text-bank.ts";

/** An Acadre "Åben dagsorden" printed before the meeting: numbers run on through the year. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 118,
    title: "Godkendelse af dagsorden",
    caseNumber: "23/00041",
    sections: [["Indstilling", ["Forvaltningen indstiller, at dagsordenen godkendes."]]],
  },
  {
    number: 119,
    title: "Trafiksikkerhedsplan 2024-2027. Godkendelse af høringsudkast",
    caseNumber: "23/09120",
    sections: [
      [
        "Resume",
        [
          "Udvalget skal tage stilling til, om udkast til trafiksikkerhedsplan kan sendes i høring.",
        ],
      ],
      ["Sagsfremstilling", caseText(0, 5)],
      ["Økonomi", [economyText(3)]],
      [
        "Indstilling",
        ["Forvaltningen indstiller, at udkastet sendes i offentlig høring i fire uger."],
      ],
      ["Beslutning i Teknik- og Miljøudvalget den 12-09-2023", []],
      ["Bilag", ["Udkast til trafiksikkerhedsplan (145678/23)", "Kort over skoleveje (145702/23)"]],
    ],
  },
  {
    number: 120,
    title: "Vintertjeneste 2023/24. Serviceniveau",
    caseNumber: "23/08812",
    sections: [
      ["Resume", ["Forvaltningen forelægger forslag til serviceniveau for vintertjenesten."]],
      ["Sagsfremstilling", caseText(5, 3)],
      ["Indstilling", ["Forvaltningen indstiller, at serviceniveauet fastholdes som i 2022/23."]],
      ["Beslutning i Teknik- og Miljøudvalget den 12-09-2023", []],
    ],
  },
  {
    number: 121,
    title: "Ansøgning om tilskud til stiforbindelse mellem Bjerre og Lindå",
    caseNumber: "23/05530",
    sections: [
      [
        "Resume",
        [
          "Sagen blev udsat på udvalgets møde den 15. august 2023 med henblik på yderligere oplysninger.",
        ],
      ],
      ["Sagsfremstilling", caseText(8, 3)],
      ["Indstilling", ["Forvaltningen indstiller, at der gives tilsagn om tilskud på 400.000 kr."]],
      [
        "Beslutning i Teknik- og Miljøudvalget den 15-08-2023",
        ["Udsat med henblik på yderligere oplysninger om grundejernes bidrag."],
      ],
      [
        "Supplerende sagsfremstilling",
        ["Grundejerforeningen har oplyst, at den bidrager med 150.000 kr."],
      ],
      ["Beslutning i Teknik- og Miljøudvalget den 12-09-2023", []],
    ],
  },
  {
    number: 122,
    title: "Orientering om affaldsindsamling i sommerhusområder",
    caseNumber: "23/10001",
    sections: [
      ["Sagsfremstilling", caseText(3, 2)],
      ["Indstilling", ["Forvaltningen indstiller, at orienteringen tages til efterretning."]],
    ],
  },
  {
    number: 123,
    title: "Meddelelser",
    caseNumber: "23/00042",
    sections: [["Sagsfremstilling", ["Formanden og forvaltningen orienterer om aktuelle sager."]]],
  },
  {
    number: 124,
    title: "Udbud af vintertjeneste - tildeling af kontrakt",
    caseNumber: "23/07777",
    closed: true,
    sections: [],
  },
];

export const probe: Probe = {
  file: "acadre-tmu-dagsorden.pdf",
  imitates:
    "Acadre 'Åben dagsorden' PDF (Word → PDF, Helvetica) published before the meeting, as Acadre municipalities print it",
  tricky:
    "item numbers run on through the year (118-124); case number and 'Sagen afgøres i' in a two-by-two table whose labels stand above their values; this meeting's decision heading printed empty; an earlier meeting's dated decision ('Udsat') inside an agenda item; a closed item with only its title and a 'Lukket punkt' line; dotted contents; running header with the meeting date",
  meeting: {
    date: "2023-09-12",
    body: ["Teknik- og Miljøudvalget"],
    documentType: "dagsorden",
    itemCount: 7,
  },
  items: ITEMS.map(({ number, title, caseNumber, closed }) => ({
    number,
    title,
    caseNumber,
    closed: closed ?? false,
    decision: null,
  })),
  notes:
    "A dagsorden: no item has a decision of this meeting. The empty 'Beslutning i Teknik- og Miljøudvalget den 12-09-2023' headings must not produce a decision (they are empty), and item 121's 'Beslutning … den 15-08-2023: Udsat …' is an earlier meeting's decision (history), not this meeting's. Numbers 118-124 run on through the year. Titles hold full stops ('Trafiksikkerhedsplan 2024-2027. Godkendelse af høringsudkast'). Each item's table puts 'Sagsnr.:' and 'Sagen afgøres i:' on one row and their values on the next. Item 124 is closed: 'Lukket punkt' stands below its title.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(20).text("Teknik- og Miljøudvalget", pdf.left, 150);
        doc.fontSize(14).text("Åben dagsorden");
        pdf.gap(1.5);
        pdf.row("Mødedato:", "12-09-2023", { column: 110 });
        pdf.row("Mødetidspunkt:", "08:00", { column: 110 });
        pdf.row("Mødested:", "Mødelokale 2, Rådhuset", { column: 110 });
        pdf.row("Deltagere:", "Hans Friis, Lone Juhl, Erik Skov, Tina Bak, Morten Ravn", {
          column: 110,
        });
        pdf.gap(2);
        pdf.heading("Indholdsfortegnelse", 12, { gap: 0 });
        pdf.gap(0.5);
        ITEMS.forEach((item, index) => {
          pdf.contentsRow(`${item.number}.`, item.title, 2 + Math.floor(index / 2), {
            numberWidth: 34,
          });
        });
        doc.addPage();
        for (const item of ITEMS) {
          pdf.heading(`${item.number}. ${item.title}`, 12, { gap: 1.5 });
          pdf.gap(0.4);
          const y = doc.y;
          doc
            .font(pdf.bold)
            .fontSize(9)
            .text("Sagsnr.:", pdf.left, y)
            .text("Sagen afgøres i:", pdf.left + 140, y);
          doc
            .font(pdf.regular)
            .text(item.caseNumber, pdf.left, y + 12)
            .text("Teknik- og Miljøudvalget", pdf.left + 140, y + 12);
          doc.x = pdf.left;
          doc.y = y + 28;
          if (item.closed) pdf.para("Lukket punkt", { font: pdf.italic });
          for (const [heading, texts] of item.sections) {
            pdf.heading(heading, 10.5, { gap: 0.7 });
            pdf.gap(0.2);
            pdf.paras(texts);
          }
        }
      },
      {
        fonts: "helvetica",
        size: 10,
        title: "Teknik- og Miljøudvalget - Åben dagsorden",
        header: (page) =>
          page === 1
            ? undefined
            : { left: "Dagsorden for Teknik- og Miljøudvalget den 12-09-2023" },
        footer: (page, pages) => ({ right: `Side ${page} af ${pages}` }),
      },
    ),
};
