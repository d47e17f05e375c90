import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/minutes/blocks.ts";
import { pdfReader } from "../../src/minutes/readers/pdf-reader.ts";
import { makePdf, type PdfKitDocument } from "../support/pdf-files.ts";

/**
 * Table rows read cell by cell (ruling lines, shaded bars, borderless columns) and one-page
 * furniture found by its page-number label, on the layout probes and on PDFs made with pdfkit.
 */

const PROBES = "test/fixtures/layout-probes";
const context = { siblings: async () => [] };

async function blocksOf(path: string, bytes?: Uint8Array): Promise<Block[]> {
  const result = await pdfReader.read(
    { path, bytes: bytes ?? new Uint8Array(await readFile(path)) },
    context,
  );
  if (result.kind !== "blocks") throw new Error(`expected blocks, got ${result.kind}`);
  return result.blocks;
}

const rows = (blocks: readonly Block[]) => blocks.filter((block) => block.role === "table-row");
const content = (blocks: readonly Block[]) => blocks.filter((block) => block.role !== "furniture");

interface TableOptions {
  borders: boolean;
  columns: readonly number[];
  rows: readonly (readonly string[])[];
  /** Bold columns (the header row is bold throughout). */
  boldColumns?: readonly number[];
}

/** A table the way Word prints one: each cell's text wrapped inside its column, 4 pt padding. */
function drawTable(doc: PdfKitDocument, options: TableOptions, top: number): number {
  let y = top;
  options.rows.forEach((cells, rowIndex) => {
    const fontOf = (column: number) =>
      rowIndex === 0 || options.boldColumns?.includes(column) ? "Helvetica-Bold" : "Helvetica";
    doc.fontSize(9.5);
    const height =
      Math.max(
        ...cells.map((cell, column) =>
          doc
            .font(fontOf(column))
            .heightOfString(cell, { width: (options.columns[column] ?? 50) - 8 }),
        ),
      ) + 10;
    let x = 60;
    cells.forEach((cell, column) => {
      const width = options.columns[column] ?? 50;
      if (options.borders) doc.rect(x, y, width, height).lineWidth(0.5).stroke();
      doc.font(fontOf(column)).text(cell, x + 4, y + 5, { width: width - 8 });
      x += width;
    });
    y += height;
  });
  return y;
}

const HMU_COLUMNS = [30, 140, 210, 75];
const HMU_ROWS = [
  ["Pkt.", "Emne", "Beslutning / aftaler", "Ansvarlig"],
  [
    "1",
    "Godkendelse af dagsorden og referat fra mødet den 29. august",
    "Dagsorden og referat blev godkendt uden bemærkninger.",
    "Formand",
  ],
  [
    "2",
    "Budget 2025 - konsekvenser for medarbejderne",
    "Områdechefen gennemgik budgetforliget. Der er ingen afskedigelser som følge af budgettet.",
    "Områdechef",
  ],
  ["3", "Eventuelt", "Intet.", ""],
];

describe("table rows in the HMU probe (a ruled four-column Word table)", () => {
  it("reads each row as one block, every wrapped cell down its own column", async () => {
    const blocks = await blocksOf(`${PROBES}/hmu-table-referat.pdf`);
    expect(rows(blocks).map((block) => block.cells)).toEqual([
      ["Pkt.", "Emne", "Beslutning / aftaler", "Ansvarlig"],
      [
        "1",
        "Godkendelse af dagsorden og referat fra mødet den 29. august",
        "Dagsorden og referat blev godkendt uden bemærkninger.",
        "Formand",
      ],
      [
        "2",
        "Sygefravær 2. kvartal",
        "Sygefraværet er faldet fra 6,8 % til 6,1 %. Faldet ses især i hjemmeplejen. HMU " +
          "drøftede, hvordan de gode erfaringer fra hjemmeplejen kan bredes ud. Det blev aftalt, " +
          "at arbejdsmiljørepræsentanterne inddrages i opfølgningen på de enkelte arbejdspladser. " +
          "Opfølgning på næste møde.",
        "HR",
      ],
      [
        "3",
        "Budget 2025 - konsekvenser for medarbejderne",
        "Områdechefen gennemgik budgetforliget. Der er ingen afskedigelser som følge af " +
          "budgettet. To stillinger nedlægges ved naturlig afgang. Medarbejdersiden udtrykte " +
          "bekymring for arbejdspresset i visitationen og ønsker sagen på igen i december. " +
          "Taget til efterretning.",
        "Områdechef",
      ],
      [
        "4",
        "Trivselsmåling 2024 - tidsplan",
        "Målingen gennemføres i uge 44-45. Resultaterne behandles i de lokale MED-udvalg i " +
          "januar. HMU godkendte tidsplanen.",
        "HR",
      ],
      ["5", "Nyt fra arbejdsmiljøgruppen", "Intet nyt.", "AMR"],
      // The empty 'Ansvarlig' cell keeps its column.
      ["6", "Eventuelt", "Næste møde holdes den 5. december 2024 kl. 13.00.", ""],
    ]);
    // No line of the table is left over as a paragraph of its own.
    const afterTable = content(blocks).slice(content(blocks).indexOf(rows(blocks)[0] as Block));
    expect(afterTable.every((block) => block.role === "table-row")).toBe(true);
    expect(rows(blocks)[1]?.text).toBe(
      "1 Godkendelse af dagsorden og referat fra mødet den 29. august Dagsorden og referat " +
        "blev godkendt uden bemærkninger. Formand",
    );
  });
});

describe("table rows in PDFs made with pdfkit", () => {
  const expected = [
    ["Pkt.", "Emne", "Beslutning / aftaler", "Ansvarlig"],
    [
      "1",
      "Godkendelse af dagsorden og referat fra mødet den 29. august",
      "Dagsorden og referat blev godkendt uden bemærkninger.",
      "Formand",
    ],
    [
      "2",
      "Budget 2025 - konsekvenser for medarbejderne",
      "Områdechefen gennemgik budgetforliget. Der er ingen afskedigelser som følge af budgettet.",
      "Områdechef",
    ],
  ];

  it("reads a ruled table by its column borders, keeping an empty cell in its place", async () => {
    const bytes = await makePdf((doc) =>
      drawTable(
        doc,
        { borders: true, columns: HMU_COLUMNS, rows: HMU_ROWS, boldColumns: [1] },
        100,
      ),
    );
    const cells = rows(await blocksOf("ruled.pdf", bytes)).map((block) => block.cells);
    expect(cells).toEqual([...expected, ["3", "Eventuelt", "Intet.", ""]]);
  });

  it("reads a borderless table by the column starts its rows share, though the gutters are narrower than a cell gap", async () => {
    const bytes = await makePdf((doc) =>
      drawTable(
        doc,
        { borders: false, columns: HMU_COLUMNS, rows: HMU_ROWS, boldColumns: [1] },
        100,
      ),
    );
    const blocks = await blocksOf("borderless.pdf", bytes);
    const cells = rows(blocks).map((block) => block.cells);
    // 'Pkt.' and 'Emne' stand 12 pt apart, and no row above says a column starts there.
    expect(cells[0]).toEqual(["Pkt. Emne", "Beslutning / aftaler", "Ansvarlig"]);
    expect(cells.slice(1)).toEqual([...expected.slice(1), ["3", "Eventuelt", "Intet."]]);
    expect(content(blocks)).toHaveLength(4);
  });

  it("keeps a ruled row together across a paragraph break in a cell and a wrapped first column", async () => {
    const bytes = await makePdf((doc) =>
      drawTable(
        doc,
        {
          borders: true,
          columns: [70, 300],
          rows: [
            ["Felt", "Indhold"],
            [
              "Sagen afgøres i udvalget",
              "Udvalget for Teknik og Miljø.\n\nSagen blev udsat på sidste møde.",
            ],
            ["Sagsnr.", "24/01234"],
          ],
        },
        100,
      ),
    );
    const cells = rows(await blocksOf("paragraphs.pdf", bytes)).map((block) => block.cells);
    expect(cells).toEqual([
      ["Felt", "Indhold"],
      [
        "Sagen afgøres i udvalget",
        "Udvalget for Teknik og Miljø. Sagen blev udsat på sidste møde.",
      ],
      ["Sagsnr.", "24/01234"],
    ]);
  });

  it("does not read a box drawn around a label row and a paragraph as one table row", async () => {
    const bytes = await makePdf((doc) => {
      doc.rect(66, 92, 460, 60).lineWidth(0.5).stroke();
      doc.font("Helvetica-Bold").fontSize(10).text("Beslutning", 72, 100, { lineBreak: false });
      doc.font("Helvetica").text("Dato: 12.03.2024", 200, 100, { lineBreak: false });
      doc.text(
        "Udvalget godkendte indstillingen med den ændring, at sagen genoptages på næste møde, " +
          "når forvaltningen har redegjort for økonomien.",
        72,
        118,
        { width: 440 },
      );
    });
    const blocks = content(await blocksOf("box.pdf", bytes));
    expect(blocks.map((block) => [block.role, block.cells ?? block.text])).toEqual([
      ["table-row", ["Beslutning", "Dato: 12.03.2024"]],
      [
        "paragraph",
        "Udvalget godkendte indstillingen med den ændring, at sagen genoptages på næste møde, " +
          "når forvaltningen har redegjort for økonomien.",
      ],
    ]);
  });

  it("ends an unruled row where its first column has text again, at a vertical gap, and at a line running across its columns", async () => {
    const bytes = await makePdf((doc) => {
      doc.font("Helvetica-Bold").fontSize(10).text("Sagsnr.:", 72, 100, { lineBreak: false });
      doc.font("Helvetica").text("25/00112", 200, 100, { lineBreak: false });
      doc.font("Helvetica-Bold").text("Sagen afgøres i:", 72, 111.5, { lineBreak: false });
      doc.font("Helvetica").text("Udvalget for Teknik og Miljø", 200, 111.5, { lineBreak: false });
      doc.text("og Byrådet", 200, 123, { lineBreak: false });
      doc.text(
        "Forvaltningen indstiller, at sagen sendes videre til byrådet med udvalgets anbefaling.",
        72,
        134.5,
        { lineBreak: false },
      );
      doc.text("Bemærkning uden for tabellen.", 200, 165, { lineBreak: false });
    });
    const blocks = content(await blocksOf("rows.pdf", bytes));
    expect(blocks.map((block) => [block.role, block.cells ?? block.text])).toEqual([
      ["table-row", ["Sagsnr.:", "25/00112"]],
      ["table-row", ["Sagen afgøres i:", "Udvalget for Teknik og Miljø og Byrådet"]],
      [
        "paragraph",
        "Forvaltningen indstiller, at sagen sendes videre til byrådet med udvalgets anbefaling.",
      ],
      ["paragraph", "Bemærkning uden for tabellen."],
    ]);
  });
});

describe("heading bars and ruling lines between items", () => {
  it("parts a shaded heading bar into number, title and status cells (number-column probe)", async () => {
    const blocks = await blocksOf(`${PROBES}/number-column-byraad.pdf`);
    const bars = rows(blocks).filter((block) => block.page !== 1);
    expect(bars.map((block) => block.cells)).toEqual([
      ["1", "Meddelelser", "Åben"],
      ["2", "Kommuneplantillæg nr. 9 for erhvervsområde ved motorvejen", "Åben"],
      ["3", "Anlægsbevilling til ny daginstitution i Østerby", "Åben"],
      ["4", "Takster for vand og spildevand 2025", "Åben"],
      ["5", "Forslag fra SF om gratis frugt i indskolingen", "Åben"],
      ["6", "Eventuelt", "Åben"],
      ["7", "Forpagtning af kommunale landbrugsarealer", "Lukket"],
    ]);
    // The contents table on page 1 stands on no bar: its rows keep their three cells.
    expect(
      rows(blocks).find((block) => block.text.startsWith("2 Kommuneplantillæg"))?.cells,
    ).toEqual(["2", "Kommuneplantillæg nr. 9 for erhvervsområde ved motorvejen", "2"]);
    // The bar ends with the shading: the case number under it is a paragraph of its own.
    expect(blocks.find((block) => block.text === "J.nr. 00.01.00-A00-1-24")?.role).toBe(
      "paragraph",
    );
  });

  it("does not read an unshaded title with a number a space apart as cells", async () => {
    const bytes = await makePdf((doc) => {
      doc.font("Helvetica-Bold").fontSize(12);
      doc.text("1", 85, 100, { lineBreak: false });
      doc.text("Meddelelser", 104, 100, { lineBreak: false });
      doc.rect(70, 130, 450, 20).fill("#ffffff").fillColor("#000000");
      doc.text("2", 85, 134, { lineBreak: false });
      doc.text("Eventuelt", 104, 134, { lineBreak: false });
    });
    const blocks = content(await blocksOf("unshaded.pdf", bytes));
    // A white box is no bar.
    expect(blocks.map((block) => [block.role, block.text])).toEqual([
      ["paragraph", "1 Meddelelser"],
      ["paragraph", "2 Eventuelt"],
    ]);
  });

  it("lets a line between agenda items part rows without binding the item into one row (margin-labels probe)", async () => {
    const blocks = await blocksOf(`${PROBES}/margin-labels-referat.pdf`);
    const labelled = rows(blocks)
      .filter((block) => block.page === 1)
      .map((block) => block.cells?.[0]);
    expect(labelled.slice(0, 7)).toEqual([
      "Punkt 31.",
      "Sags nr.:",
      "Beslutning",
      "Punkt 32.",
      "Sags nr.:",
      "Sagsfremstilling",
      "Økonomi",
    ]);
    // A label's wrapped value is read to its end.
    expect(rows(blocks).find((block) => block.cells?.[0] === "Sagsfremstilling")?.cells?.[1]).toBe(
      "Forvaltningen har i samarbejde med de lokale foreninger udarbejdet et forslag til, " +
        "hvordan området kan udvikles de kommende år. Forslaget bygger på de input, der kom " +
        "frem ved borgermødet i januar, hvor ca. 120 borgere deltog.",
    );
  });
});

describe("furniture found by its page-number label", () => {
  it("marks the footer of a one-page PDF as furniture (tillægsdagsorden probe)", async () => {
    const blocks = await blocksOf(`${PROBES}/tillaegsdagsorden-oekonomiudvalget.pdf`);
    const footer = blocks.find((block) => block.text.endsWith("Side 1 af 1"));
    expect(footer).toMatchObject({
      role: "furniture",
      text: "Økonomiudvalget, tillægsdagsorden 05.03.2024 Side 1 af 1",
    });
    expect(content(blocks).at(-1)?.text).toBe("Beslutning");
  });

  it("takes a labelled header or footer on one page for furniture, in each label form", async () => {
    for (const label of ["Side 1 af 3", "Page 1 of 2", "Side 1", "1/4", "1 af 4"]) {
      const bytes = await makePdf((doc) => {
        doc.font("Helvetica").fontSize(8.5);
        doc.text("Byrådet, referat 12.03.2024", 70, 800, { lineBreak: false });
        doc.text(label, 480, 800, { lineBreak: false });
        doc.fontSize(10).text("1. Godkendelse af dagsorden", 70, 100, { lineBreak: false });
      });
      const blocks = await blocksOf("one-page.pdf", bytes);
      expect(blocks.find((block) => block.text.startsWith("Byrådet"))?.role, label).toBe(
        "furniture",
      );
    }
  });

  it("keeps content that only mentions a page, or is far from the edge, or names another page", async () => {
    const bytes = await makePdf((doc) => {
      doc.font("Helvetica").fontSize(10);
      doc.text("Dato:", 70, 60, { lineBreak: false });
      doc.text("12/3", 200, 60, { lineBreak: false });
      doc.text("1. Godkendelse af dagsorden", 70, 100, { lineBreak: false });
      doc.text("Se referatet side 1", 70, 400, { lineBreak: false });
      doc.text("Bilaget findes på side 3", 70, 790, { lineBreak: false });
    });
    const blocks = await blocksOf("mentions.pdf", bytes);
    expect(blocks.map((block) => [block.role, block.text])).toEqual([
      ["table-row", "Dato: 12/3"],
      ["paragraph", "1. Godkendelse af dagsorden"],
      ["paragraph", "Se referatet side 1"],
      ["paragraph", "Bilaget findes på side 3"],
    ]);
  });
});
