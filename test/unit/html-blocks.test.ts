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
        // An <ol>: the numbers the browser shows.
        "1. at forpagtningsaftalen mellem Greve Kommune og Nordholm Ejendomme godkendes",
        "2. at der i 2023 og frem meddeles indtægtsbevilling på 29.400 kr. som tilgår kassen",
      ],
    );
  });
});

describe("ordered list numbers", () => {
  const items = (html: string, options?: Parameters<typeof htmlToBlocks>[1]) =>
    htmlToBlocks(html, options)
      .filter((block) => block.role === "list-item")
      .map((block) => block.text);

  it("puts the number the browser shows before each item, from 'start' and 'value'", () => {
    expect(items("<ol><li>Godkendelse af dagsorden</li><li>Budget 2025</li></ol>")).toEqual([
      "1. Godkendelse af dagsorden",
      "2. Budget 2025",
    ]);
    expect(items('<ol start="14"><li>Meddelelser</li><li>Eventuelt</li></ol>')).toEqual([
      "14. Meddelelser",
      "15. Eventuelt",
    ]);
    // A value sets the item's own number and those after it.
    expect(items('<ol><li>Første</li><li value="7">Syvende</li><li>Ottende</li></ol>')).toEqual([
      "1. Første",
      "7. Syvende",
      "8. Ottende",
    ]);
  });

  it("counts down in a reversed list, from the number of items or from 'start'", () => {
    expect(items("<ol reversed><li>C</li><li>B</li><li>A</li></ol>")).toEqual([
      "3. C",
      "2. B",
      "1. A",
    ]);
    expect(items('<ol reversed start="10"><li>Ti</li><li>Ni</li></ol>')).toEqual([
      "10. Ti",
      "9. Ni",
    ]);
  });

  it("writes letters and roman numerals as the type or list-style-type asks", () => {
    expect(items('<ol type="a"><li>en</li><li>to</li></ol>')).toEqual(["a. en", "b. to"]);
    expect(items('<ol type="A" start="26"><li>z</li><li>aa</li></ol>')).toEqual(["Z. z", "AA. aa"]);
    expect(items('<ol type="i" start="3"><li>tre</li><li>fire</li></ol>')).toEqual([
      "iii. tre",
      "iv. fire",
    ]);
    expect(items('<ol type="I" start="9"><li>ni</li></ol>')).toEqual(["IX. ni"]);
    expect(items('<ol style="list-style-type: upper-roman"><li>en</li></ol>')).toEqual(["I. en"]);
    // No number shown, no number written.
    expect(items('<ol style="list-style: none"><li>uden tal</li></ol>')).toEqual(["uden tal"]);
    expect(items("<ul><li>punkt</li></ul>")).toEqual(["punkt"]);
  });

  it("numbers a nested list within its own list, and the outer items around it", () => {
    expect(
      items(
        "<ol><li>Budget<ol type='a'><li>Drift</li><li>Anlæg</li></ol></li><li>Eventuelt</li></ol>",
      ),
    ).toEqual(["1. Budget", "a. Drift", "b. Anlæg", "2. Eventuelt"]);
  });

  it("puts the number before the item's first text, wherever it stands, and keeps the item's bold", () => {
    const blocks = htmlToBlocks(
      "<ol><li><p><strong>Godkendelse af dagsorden</strong></p><p>Godkendt.</p></li></ol>",
    );
    expect(blocks.map((block) => [block.text, block.bold])).toEqual([
      ["1. Godkendelse af dagsorden", true],
      ["Godkendt.", undefined],
    ]);
  });

  it("does not number an item twice that starts with its number already", () => {
    expect(items("<ol><li>1. Godkendelse</li><li>2) Budget</li><li>10 år</li></ol>")).toEqual([
      "1. Godkendelse",
      "2) Budget",
      "3. 10 år",
    ]);
  });

  it("leaves list numbers out when the caller has written them already (the DOCX reader)", () => {
    expect(items("<ol><li>2.a) driften</li></ol>", { numberLists: false })).toEqual([
      "2.a) driften",
    ]);
  });

  it("gives the agenda published as an ordered list (agenda-list-only probe) its item numbers", async () => {
    const html = await readFile(
      join(import.meta.dirname, "../fixtures/layout-probes/agenda-list-only.html"),
      "utf8",
    );
    expect(items(html)).toEqual([
      "1. Godkendelse af dagsorden",
      "2. Budgetopfølgning 2. kvartal",
      "3. Ansøgning om anlægsbevilling til ny brandstation",
      "4. Forslag til planstrategi 2024",
      "5. Meddelelser",
      "6. Lukket punkt: Køb af ejendom",
    ]);
  });
});
