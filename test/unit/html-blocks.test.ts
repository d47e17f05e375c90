import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { htmlToBlocks } from "../../src/minutes/readers/html-blocks.ts";

const REAL_MINUTES = join(import.meta.dirname, "../../../shared/real-minutes");

const rows = (html: string) =>
  htmlToBlocks(html).map((block) =>
    block.cells ? ["row", ...block.cells] : [block.role, block.text],
  );

describe("label/value pairs outside tables", () => {
  it("reads a definition list of label/value pairs as rows", () => {
    expect(
      rows(
        "<dl><dt>Dato:</dt><dd>25-09-2018 19:00</dd><dt>Sted:</dt><dd>Byrådssalen</dd></dl><p>Efter</p>",
      ),
    ).toEqual([
      ["row", "Dato:", "25-09-2018 19:00"],
      ["row", "Sted:", "Byrådssalen"],
      ["paragraph", "Efter"],
    ]);
  });

  it("keeps a definition list of terms and descriptions as list entries", () => {
    expect(
      rows("<dl><dt>Resumé</dt><dd><p>Første afsnit.</p><p>Andet afsnit.</p></dd></dl>"),
    ).toEqual([
      ["list-item", "Resumé"],
      ["list-item", "Første afsnit."],
      ["list-item", "Andet afsnit."],
    ]);
  });

  it("reads a CMS field (label div, value div) as a row, but not a heading with its text", () => {
    expect(
      rows(
        '<div class="field"><div class="field-label">Sagsnr.:&nbsp;</div><div class="field-item">12/27845</div></div>' +
          "<div><div>Beslutning</div><div>Godkendt.</div></div>",
      ),
    ).toEqual([
      ["row", "Sagsnr.:", "12/27845"],
      ["paragraph", "Beslutning"],
      ["paragraph", "Godkendt."],
    ]);
    const long = "Godkendt med den bemærkning, at ".repeat(10);
    expect(
      rows(`<div><div>Beslutning:</div><div>${long}</div></div>`).map(([role]) => role),
    ).toEqual(["paragraph", "paragraph"]);
  });
});

describe("buttons", () => {
  it("skips controls but keeps the button that opens an accordion panel, which holds its title", () => {
    expect(
      rows(
        '<button type="button">Udskriv</button>' +
          '<h2><button aria-expanded="false" aria-controls="p1">1. Godkendelse af dagsorden</button></h2>' +
          '<div id="p1"><p>Godkendt.</p></div>',
      ),
    ).toEqual([
      ["heading", "1. Godkendelse af dagsorden"],
      ["paragraph", "Godkendt."],
    ]);
  });
});

describe("agenda-system HTML fields the XML and JSON readers hand over", () => {
  it("reads a FirstAgenda Felter fragment (Greve) into its decision and case headings", async () => {
    const json = await readFile(
      join(REAL_MINUTES, "Greve_Oekonomiudvalget_2022-10-24.json"),
      "utf8",
    );
    const meeting = JSON.parse(json) as { Dagsordenpunkter: { Felter: { Html: string }[] }[] };
    const blocks = htmlToBlocks(meeting.Dagsordenpunkter[4]?.Felter[0]?.Html ?? "");
    expect(
      blocks.filter((block) => block.role === "heading").map((block) => [block.level, block.text]),
    ).toEqual([
      [3, "Beslutning"],
      [3, "Fremstilling"],
      [3, "Sagsprocedure"],
      [3, "Resume"],
      [3, "Indstilling"],
      [3, "Sagsbeskrivelse"],
      [3, "Lovgrundlag"],
      [3, "Økonomiske konsekvenser"],
      [3, "Tidsplan"],
    ]);
    expect(blocks[1]?.text).toBe(
      "Økonomiudvalget anbefaler overfor Byrådet at administrationens indstilling godkendes.",
    );
    expect(blocks.filter((block) => block.role === "list-item").map((block) => block.text)).toEqual(
      [
        "at forpagtningsaftalen mellem Greve Kommune og Nordholm Ejendomme godkendes",
        "at der i 2023 og frem meddeles indtægtsbevilling på 29.400 kr. som tilgår kassen",
      ],
    );
  });
});
