import { makeProbePdf } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** A regional council's beslutningsprotokol: "Sag nr. N" above each title, fields in capitals. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  fields: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "24000101",
    decision: "Dagsordenen blev godkendt.",
    fields: [
      ["ADMINISTRATIONENS INDSTILLING", ["Administrationen indstiller, at dagsordenen godkendes."]],
      ["REGIONSRÅDETS BESLUTNING", ["Dagsordenen blev godkendt."]],
      ["JOURNALNUMMER", ["24000101"]],
    ],
  },
  {
    number: 2,
    title:
      "Regnskab 2023 for Region Nordfjord med tilhørende revisionsberetning og påtegning fra den eksterne revisor",
    caseNumber: "24000388",
    decision: "Regionsrådet godkendte regnskabet.",
    fields: [
      [
        "ADMINISTRATIONENS INDSTILLING",
        [
          "Administrationen indstiller til forretningsudvalget og regionsrådet, at regnskab 2023 godkendes.",
        ],
      ],
      ["RESUMÉ", ["Regnskabet viser et samlet overskud på driften på 212 mio. kr."]],
      ["SAGSFREMSTILLING", caseText(1, 6)],
      ["ØKONOMISKE KONSEKVENSER", ["Sagen har ingen selvstændige økonomiske konsekvenser."]],
      ["FORRETNINGSUDVALGETS BESLUTNING", ["Anbefalet."]],
      [
        "REGIONSRÅDETS BESLUTNING",
        ["Regionsrådet godkendte regnskabet.", "Peter Lund (Ø) kunne ikke medvirke."],
      ],
      ["JOURNALNUMMER", ["24000388"]],
    ],
  },
  {
    number: 3,
    title: "Akutberedskab i den nordlige del af regionen",
    caseNumber: "23012977",
    decision: "Regionsrådet tog orienteringen til efterretning.",
    fields: [
      [
        "ADMINISTRATIONENS INDSTILLING",
        ["Administrationen indstiller, at orienteringen tages til efterretning."],
      ],
      ["SAGSFREMSTILLING", caseText(4, 4)],
      ["FORRETNINGSUDVALGETS BESLUTNING", ["Forretningsudvalget anbefalede indstillingen."]],
      ["REGIONSRÅDETS BESLUTNING", ["Regionsrådet tog orienteringen til efterretning."]],
      ["JOURNALNUMMER", ["23012977"]],
    ],
  },
  {
    number: 4,
    title: "Udpegning af medlem til bestyrelsen for Nordfjord Trafikselskab",
    caseNumber: "24000512",
    decision: "Regionsrådet udpegede Karen Holt (A).",
    fields: [
      [
        "ADMINISTRATIONENS INDSTILLING",
        ["Administrationen indstiller, at regionsrådet udpeger et medlem."],
      ],
      ["SAGSFREMSTILLING", ["Det hidtidige medlem er udtrådt af regionsrådet."]],
      ["REGIONSRÅDETS BESLUTNING", ["Regionsrådet udpegede Karen Holt (A)."]],
      ["JOURNALNUMMER", ["24000512"]],
    ],
  },
  {
    number: 5,
    title: "Eventuelt",
    caseNumber: "24000102",
    decision: "Intet.",
    fields: [
      ["REGIONSRÅDETS BESLUTNING", ["Intet."]],
      ["JOURNALNUMMER", ["24000102"]],
    ],
  },
];

export const probe: Probe = {
  file: "regionsraad-beslutningsprotokol.pdf",
  imitates:
    "A region's beslutningsprotokol PDF (eDagsorden-style fields in capitals, Times): 'Sag nr. N' on its own line above a bold title",
  tricky:
    "the item number stands on a line of its own ('Sag nr. 2') and the title on the next, wrapping over two lines; field headings in capitals; FORRETNINGSUDVALGETS BESLUTNING (another body: history) before REGIONSRÅDETS BESLUTNING (this meeting); 'JOURNALNUMMER' field at the end of each item instead of a case number below the title; header 'Regionsrådet - Beslutningsprotokol - 27. februar 2024' on every page",
  meeting: {
    date: "2024-02-27",
    body: ["Regionsrådet", "Regionsråd"],
    documentType: "referat",
    itemCount: 5,
  },
  items: ITEMS.map(({ number, title, caseNumber, decision }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Each item begins 'Sag nr. N' (bold, alone on its line) with the title in bold below; item 2's title wraps onto a second line. The case number is the JOURNALNUMMER field at the end of the item. FORRETNINGSUDVALGETS BESLUTNING is the committee's earlier recommendation (another body) and must not be this meeting's decision; REGIONSRÅDETS BESLUTNING is. Item 2's decision is followed by an attendance note.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc.font(pdf.bold).fontSize(18).text("Region Nordfjord", pdf.left, 120);
        pdf.gap(1);
        doc.fontSize(16).text("Beslutningsprotokol");
        doc
          .font(pdf.regular)
          .fontSize(12)
          .text(
            "fra mødet i Regionsrådet den 27. februar 2024 kl. 17.00 i Regionshuset, mødesal 1",
          );
        pdf.gap(1);
        pdf.para("Mødet blev hævet kl. 19.10.");
        pdf.para("Fraværende: Peter Lund (Ø) under punkt 2.");
        for (const item of ITEMS) {
          pdf.keep(120);
          pdf.heading(`Sag nr. ${item.number}`, 12, { gap: 1.6 });
          pdf.heading(item.title, 12, { gap: 0 });
          pdf.gap(0.4);
          for (const [heading, texts] of item.fields) {
            pdf.heading(heading, 10.5, { gap: 0.6 });
            pdf.paras(texts);
          }
        }
      },
      {
        fonts: "times",
        size: 11,
        title: "Beslutningsprotokol",
        header: (page) =>
          page === 1
            ? undefined
            : { left: "Regionsrådet - Beslutningsprotokol - 27. februar 2024" },
        footer: (page) => ({ center: `- ${page} -` }),
      },
    ),
};
