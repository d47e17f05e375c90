import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText, economyText } from "./lib/text-bank.ts";

/** FirstAgenda Prepare's printed referat: cover page, contents with leaders, items running on mid-page. */

interface Item extends ProbeItem {
  caseNumber: string | null;
  responsible: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "24/00312",
    responsible: "Mette Krogh",
    decision: "Dagsordenen blev godkendt.",
    sections: [
      ["Indstilling", ["Direktionen indstiller, at dagsordenen godkendes."]],
      ["Beslutning", ["Dagsordenen blev godkendt.", "Fraværende: Jens Holm (A)"]],
    ],
  },
  {
    number: 2,
    title: "Meddelelser fra borgmesteren",
    caseNumber: "24/00313",
    responsible: "Mette Krogh",
    decision: "Til efterretning.",
    sections: [
      [
        "Sagsfremstilling",
        [
          "Borgmesteren orienterer om aktuelle sager, herunder status på budgetlægningen og det kommende borgermøde om skolestrukturen.",
        ],
      ],
      ["Beslutning", ["Til efterretning."]],
    ],
  },
  {
    number: 3,
    title: "Regnskab 2023 for Fjordby Kommune",
    caseNumber: "24/00876",
    responsible: "Lars Vinther",
    decision: "Indstillingen godkendt.",
    sections: [
      ["Sagsfremstilling", [...caseText(0, 4), ...caseText(5, 4)]],
      ["Økonomi", [economyText(2)]],
      [
        "Indstilling",
        [
          "Direktionen indstiller, at regnskab 2023 godkendes og oversendes til revisionen, og at de foreslåede overførsler til 2024 godkendes.",
        ],
      ],
      ["Beslutning", ["Indstillingen godkendt."]],
      ["Bilag", ["1. Regnskab 2023 - hovedoversigt", "2. Overførsler fra 2023 til 2024"]],
    ],
  },
  {
    number: 4,
    title: "Lokalplan 1.47 for boligområde ved Kærvej - endelig vedtagelse",
    caseNumber: "23/14402",
    responsible: "Susanne Bro",
    decision: "Byrådet vedtog lokalplanen endeligt",
    sections: [
      ["Sagsfremstilling", caseText(2, 5)],
      [
        "Indstilling",
        [
          "Direktionen indstiller, at lokalplan 1.47 vedtages endeligt med de ændringer, der fremgår af sagsfremstillingen.",
        ],
      ],
      ["Beslutning i Økonomiudvalget den 16-04-2024", ["Anbefales."]],
      [
        "Beslutning i Byrådet den 24-04-2024",
        [
          "Byrådet vedtog lokalplanen endeligt med de ændringer, der fremgår af sagsfremstillingen.",
        ],
      ],
    ],
  },
  {
    number: 5,
    title: "Ansøgning om kommunegaranti til Fjordby Fjernvarme A.m.b.a.",
    caseNumber: "24/01100",
    responsible: "Lars Vinther",
    decision: "Godkendt.",
    sections: [
      ["Sagsfremstilling", caseText(6, 3)],
      ["Økonomi", [economyText(0)]],
      [
        "Indstilling",
        ["Direktionen indstiller, at der stilles kommunegaranti for et lån på 14,5 mio. kr."],
      ],
      ["Beslutning", ["Godkendt."]],
    ],
  },
  {
    number: 6,
    title: "Valg af nyt medlem til Folkeoplysningsudvalget",
    caseNumber: "24/01310",
    responsible: "Mette Krogh",
    decision: "Byrådet valgte Kirsten Bach (V) som nyt medlem.",
    sections: [
      [
        "Sagsfremstilling",
        [
          "Anders Møller (V) er udtrådt af Folkeoplysningsudvalget. Venstre har indstillet Kirsten Bach som nyt medlem.",
        ],
      ],
      ["Beslutning", ["Byrådet valgte Kirsten Bach (V) som nyt medlem."]],
    ],
  },
  {
    number: 7,
    title: "Eventuelt",
    caseNumber: null,
    responsible: "",
    decision: "Ingen bemærkninger.",
    sections: [["Beslutning", ["Ingen bemærkninger."]]],
  },
  {
    number: 8,
    title: "Salg af byggegrund i Skovparken",
    caseNumber: "24/00977",
    closed: true,
    responsible: "Susanne Bro",
    decision: "Godkendt.",
    sections: [["Beslutning", ["Godkendt."]]],
  },
  {
    number: 9,
    title: "Personalesag",
    caseNumber: "24/01402",
    closed: true,
    responsible: "Mette Krogh",
    decision: "Drøftet.",
    sections: [["Beslutning", ["Drøftet."]]],
  },
];

const PAGES = [3, 3, 3, 4, 5, 5, 5, 5, 5];

export const probe: Probe = {
  file: "prepare-byraad-referat.pdf",
  imitates:
    "FirstAgenda Prepare referat PDF (Word-made, embedded Liberation Sans): cover page with label/value meeting data, 'Indholdsfortegnelse' with dotted leaders, items in bold 13 pt running on mid-page",
  tricky:
    "contents entries duplicate every item; 'Sagsnr.:'/'Sagsansvarlig:' two-column rows under each title; running header and 'Side N af M' footer in the middle of items that span pages; an earlier committee's dated decision before this meeting's; 'Indstillingen godkendt.'; closed items printed 'Lukket punkt: Title' with their published decision",
  meeting: {
    date: "2024-04-24",
    body: ["Byrådet", "Byråd", "Fjordby Byråd"],
    documentType: "referat",
    itemCount: 9,
  },
  items: ITEMS.map(({ number, title, caseNumber, closed, decision }) => ({
    number,
    title,
    caseNumber,
    closed: closed ?? false,
    decision: decision ?? null,
  })),
  notes:
    "Items 1-9. The contents page repeats every title with dotted leaders and page numbers; they must not become extra items. Item 4 has 'Beslutning i Økonomiudvalget den 16-04-2024' (history, another body and date) before 'Beslutning i Byrådet den 24-04-2024' (this meeting). Items 8 and 9 are closed ('Lukket punkt: …'); their published decisions are this meeting's decisions. Item 7 'Eventuelt' has no case number. Footer 'Byrådet 24-04-2024 … Side N af M' and header 'Fjordby Kommune' are furniture.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(26).text("Referat", pdf.left, 140);
        doc.fontSize(16).text("Byrådet");
        pdf.gap(2);
        pdf.row("Mødedato", "Onsdag den 24. april 2024", { column: 130 });
        pdf.row("Mødetidspunkt", "17:00 - 19:40", { column: 130 });
        pdf.row("Mødested", "Byrådssalen, Rådhuset", { column: 130 });
        pdf.row(
          "Medlemmer",
          "Mette Krogh (A), Jens Holm (A), Kirsten Bach (V), Peter Dahl (V), Sofie Winther (F), Ole Brandt (C), Inge Lau (Ø)",
          { column: 130 },
        );
        pdf.row("Fraværende", "Jens Holm (A)", { column: 130 });
        doc.addPage();
        pdf.heading("Indholdsfortegnelse", 14, { gap: 0 });
        pdf.gap(0.5);
        ITEMS.forEach((item, index) => {
          const title = item.closed ? `Lukket punkt: ${item.title}` : (item.title as string);
          pdf.contentsRow(`${item.number}.`, title, PAGES[index] ?? 3);
        });
        doc.addPage();
        for (const item of ITEMS) {
          const title = item.closed ? `Lukket punkt: ${item.title}` : item.title;
          pdf.heading(`${item.number}. ${title}`, 13, { gap: 1.2 });
          pdf.gap(0.3);
          if (item.caseNumber) pdf.row("Sagsnr.:", item.caseNumber, { boldLabel: false, size: 9 });
          if (item.responsible)
            pdf.row("Sagsansvarlig:", item.responsible, { boldLabel: false, size: 9 });
          for (const [heading, texts] of item.sections) {
            pdf.heading(heading, 11, { gap: 0.6 });
            pdf.gap(0.2);
            pdf.paras(texts);
          }
        }
      },
      {
        title: "Referat - Byrådet - 24-04-2024",
        header: (page) => (page === 1 ? undefined : { right: "Fjordby Kommune" }),
        footer: (page, pages) => ({
          left: "Byrådet 24-04-2024",
          right: `Side ${page} af ${pages}`,
        }),
      },
    ),
};
