import { makeProbePdf, type PdfWriter } from "./lib/pdf.ts";
import type { Probe, ProbeItem } from "./lib/probe.ts";

/** A MED/HMU referat typed as a Word table: one row per item, the decision in a column. */

interface Item extends ProbeItem {
  title: string;
  text: string;
  responsible: string;
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden og referat fra mødet den 29. august",
    text: "Dagsorden og referat blev godkendt uden bemærkninger.",
    decision: "Dagsorden og referat blev godkendt uden bemærkninger.",
    responsible: "Formand",
  },
  {
    number: 2,
    title: "Sygefravær 2. kvartal",
    text: "Sygefraværet er faldet fra 6,8 % til 6,1 %. Faldet ses især i hjemmeplejen. HMU drøftede, hvordan de gode erfaringer fra hjemmeplejen kan bredes ud. Det blev aftalt, at arbejdsmiljørepræsentanterne inddrages i opfølgningen på de enkelte arbejdspladser. Opfølgning på næste møde.",
    decision: "Sygefraværet er faldet fra 6,8 % til 6,1 %.",
    responsible: "HR",
  },
  {
    number: 3,
    title: "Budget 2025 - konsekvenser for medarbejderne",
    text: "Områdechefen gennemgik budgetforliget. Der er ingen afskedigelser som følge af budgettet. To stillinger nedlægges ved naturlig afgang. Medarbejdersiden udtrykte bekymring for arbejdspresset i visitationen og ønsker sagen på igen i december. Taget til efterretning.",
    decision: "Områdechefen gennemgik budgetforliget.",
    responsible: "Områdechef",
  },
  {
    number: 4,
    title: "Trivselsmåling 2024 - tidsplan",
    text: "Målingen gennemføres i uge 44-45. Resultaterne behandles i de lokale MED-udvalg i januar. HMU godkendte tidsplanen.",
    decision: "Målingen gennemføres i uge 44-45.",
    responsible: "HR",
  },
  {
    number: 5,
    title: "Nyt fra arbejdsmiljøgruppen",
    text: "Intet nyt.",
    decision: "Intet nyt.",
    responsible: "AMR",
  },
  {
    number: 6,
    title: "Eventuelt",
    text: "Næste møde holdes den 5. december 2024 kl. 13.00.",
    decision: "Næste møde holdes den 5. december 2024 kl. 13.00.",
    responsible: "",
  },
];

const COLUMNS = [
  { header: "Pkt.", width: 30 },
  { header: "Emne", width: 140 },
  { header: "Beslutning / aftaler", width: 210 },
  { header: "Ansvarlig", width: 75 },
];

function drawRow(pdf: PdfWriter, cells: string[], bold: boolean): void {
  const doc = pdf.doc;
  doc.font(bold ? pdf.bold : pdf.regular).fontSize(9.5);
  const heights = cells.map((cell, index) =>
    doc.heightOfString(cell, { width: (COLUMNS[index]?.width ?? 50) - 8 }),
  );
  const height = Math.max(...heights) + 10;
  pdf.keep(height + 4);
  if (!bold && doc.y < doc.page.margins.top + 2)
    drawRow(
      pdf,
      COLUMNS.map((column) => column.header),
      true,
    );
  const top = doc.y;
  let x = pdf.left;
  cells.forEach((cell, index) => {
    const width = COLUMNS[index]?.width ?? 50;
    doc.rect(x, top, width, height).lineWidth(0.5).stroke();
    doc
      .font(bold || index === 1 ? pdf.bold : pdf.regular)
      .text(cell, x + 4, top + 5, { width: width - 8 });
    x += width;
  });
  doc.x = pdf.left;
  doc.y = top + height;
}

export const probe: Probe = {
  file: "hmu-table-referat.pdf",
  imitates:
    "A MED/HMU referat typed in Word as a four-column table (Pkt. | Emne | Beslutning / aftaler | Ansvarlig) and printed to PDF",
  tricky:
    "items are table rows: the number alone in its cell, the bold title in the next, the decision text in a third column beside it on the same baselines, a fourth column with the responsible person; the header row repeats on the second page; no section headings at all; meeting data as 'Dato:'/'Sted:'/'Deltagere:' lines",
  meeting: {
    date: "2024-10-03",
    body: [
      "HMU Ældre og Sundhed",
      "HMU",
      "Hoved-MED-udvalget Ældre og Sundhed",
      "Hovedudvalget for Ældre og Sundhed",
    ],
    documentType: "referat",
    itemCount: 6,
  },
  items: ITEMS.map(({ number, title, decision }) => ({
    number,
    title,
    caseNumber: null,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "The column headed 'Beslutning / aftaler' is where HMU records its decisions and agreements, so each row's text there is expected as the item's decision (a label, not a heading, marks it, as with Næstved's text). Titles are the 'Emne' cells; the number cells hold only '1', '2' … with no full stop. The 'Ansvarlig' cell ('HR', 'Formand') is not part of the title or the decision's first words.",
  render: () =>
    makeProbePdf(
      (pdf) => {
        const doc = pdf.doc;
        doc
          .font(pdf.bold)
          .fontSize(15)
          .text("Referat af møde i HMU Ældre og Sundhed", pdf.left, 90);
        pdf.gap(0.8);
        pdf.para("Dato: 3. oktober 2024 kl. 13.00-15.00", { gap: 0 });
        pdf.para("Sted: Mødelokale 3, Sundhedshuset", { gap: 0 });
        pdf.para(
          "Deltagere: Birgit Sand (formand), Allan Toft (næstformand), Rikke Lyng, Jonas Brix, Hanne Vest, Ali Demir",
          { gap: 0 },
        );
        pdf.para("Afbud: Karin Mose", { gap: 0 });
        pdf.para("Referent: Jonas Brix");
        pdf.gap(0.5);
        drawRow(
          pdf,
          COLUMNS.map((column) => column.header),
          true,
        );
        for (const item of ITEMS)
          drawRow(pdf, [String(item.number), item.title, item.text, item.responsible], false);
      },
      {
        size: 10,
        margins: { top: 60, bottom: 60, left: 60, right: 60 },
        title: "Referat HMU",
        footer: (page, pages) => ({ right: `${page}/${pages}` }),
      },
    ),
};
