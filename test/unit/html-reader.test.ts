import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { type Block, blocksToLines } from "../../src/minutes/blocks.ts";
import { findDate } from "../../src/minutes/dates.ts";
import { findMainContent } from "../../src/minutes/readers/html-main-content.ts";
import { htmlReader } from "../../src/minutes/readers/html-reader.ts";
import type { SourceDocument } from "../../src/minutes/readers/types.ts";
import { AppError } from "../../src/shared/errors.ts";

/**
 * Agenda-system and municipal pages, each a reconstruction (we have only the rendered openings of
 * the real pages, in ../shared/real-minutes/*.txt): test/fixtures/html-pages/*.html say in their
 * first comment which system they imitate and which text is real. The FirstAgenda page is built
 * here around the real API response of ../shared/real-minutes/Greve_Oekonomiudvalget_2022-10-24.json.
 */

const PAGES = join(import.meta.dirname, "../fixtures/html-pages");
const REAL_MINUTES = join(import.meta.dirname, "../../../shared/real-minutes");
const context = { siblings: async () => [] };

async function page(name: string): Promise<SourceDocument> {
  return { path: name, bytes: new Uint8Array(await readFile(join(PAGES, name))) };
}

function html(path: string, markup: string): SourceDocument {
  return { path, bytes: new TextEncoder().encode(markup) };
}

async function read(file: SourceDocument) {
  const result = await htmlReader.read(file, context);
  if (result.kind !== "blocks") throw new Error(`expected blocks, got ${result.kind}`);
  return result;
}

const texts = (blocks: Block[]) => blocks.map((block) => block.text);
const allText = (blocks: Block[]) => texts(blocks).join("\n");
const find = (blocks: Block[], text: string) => blocks.find((block) => block.text === text);

/**
 * Text → windows-1252 bytes (what an old municipal server sends), failing on characters it lacks.
 * Bytes 0x80–0x9F are the encoding's own (WHATWG index); the rest are Latin-1.
 */
function windows1252(text: string): Uint8Array {
  const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
  return Uint8Array.from([...text], (character) => {
    const code = character.charCodeAt(0);
    const special = high.indexOf(character);
    if (special >= 0) return 0x80 + special;
    if (code <= 0xff && (code < 0x80 || code > 0x9f)) return code;
    throw new Error(`no windows-1252 byte for ${character}`);
  });
}

async function rejection(file: SourceDocument): Promise<AppError> {
  const error = await htmlReader.read(file, context).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("SBSYS dagsorden HTML (Odense), served as windows-1252", () => {
  const odense = async () => {
    const file = await page("sbsys-odense-oekonomiudvalget.html");
    const markup = new TextDecoder().decode(file.bytes);
    return read({ path: file.path, bytes: windows1252(markup) });
  };

  it("decodes windows-1252 as declared and says so", async () => {
    const { blocks, warnings } = await odense();
    expect(warnings).toEqual(["read as windows-1252 (the page declares windows-1252)"]);
    expect(texts(blocks)).toContain("i Økonomiudvalgsværelset");
    expect(allText(blocks)).not.toMatch(/Ã|�/u);
  });

  it("keeps the meeting header that stands before any heading", async () => {
    const { blocks } = await odense();
    expect(texts(blocks).slice(0, 5)).toEqual([
      "Referat",
      "til",
      "mødet i Økonomiudvalget",
      "den 26. april 2017 kl. 08:30",
      "i Økonomiudvalgsværelset",
    ]);
  });

  it("reads the grouped contents as rows in reading order: 17 under A, between 6 and 7", async () => {
    const { blocks } = await odense();
    const contents = blocks.filter((block) => block.cells?.length === 2);
    expect(contents.map((block) => block.cells?.[0])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "17",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
      "14",
      "15",
      "16",
    ]);
    const groups = blocks.filter(
      (block) => block.cells?.length === 1 && /^[A-D]\. /u.test(block.text),
    );
    expect(groups.map((block) => [block.text, block.bold])).toEqual([
      ["A. Sager til afgørelse i byrådet", true],
      ["B. Sager til afgørelse i udvalget", true],
      ["C. Sager til drøftelse/forberedelse", true],
      ["D. Orientering", true],
    ]);
  });

  it("reads the item: heading, group, 'Åbent - <case number>' line, capitalised bold section headings", async () => {
    const { blocks } = await odense();
    const start = blocks.findIndex((block) => block.text.startsWith("1. Boliger ved Rugårdsvej"));
    expect(blocks[start]).toMatchObject({ role: "heading", level: 3 });
    expect(texts(blocks.slice(start + 1, start + 4))).toEqual([
      "A. Sager til afgørelse i byrådet",
      "Åbent - 01.00.00-G01-93-16",
      "RESUMÉ",
    ]);
    expect(
      blocks.filter((block) => /^[A-ZÆØÅÉ]{6,}$/u.test(block.text)).map((block) => block.bold),
    ).toEqual([true, true, true]);
  });
});

describe("eDagsorden HTML publication (Region Hovedstaden)", () => {
  it("drops the site chrome: skip link, menu, search, footer, 'Til toppen'", async () => {
    const { blocks } = await read(await page("edagsorden-regionh-forretningsudvalget.html"));
    const text = allText(blocks);
    for (const chrome of [
      "Spring til indhold",
      "Politik",
      "Om regionen",
      "Søg",
      "Kongens Vænge",
      "Privatlivspolitik",
      "Til toppen",
    ]) {
      expect(text).not.toContain(chrome);
    }
  });

  it("keeps the list of items, the collapsed member list and the items with their heading levels", async () => {
    const { blocks } = await read(await page("edagsorden-regionh-forretningsudvalget.html"));
    expect(
      blocks.filter((block) => block.role === "heading").map((block) => [block.level, block.text]),
    ).toEqual([
      [1, "Forretningsudvalg - mødesager"],
      [2, "Punkter på dagsordenen"],
      [2, "Medlemmer"],
      [2, "1. Godkendelse af dagsorden"],
      [3, "Forretningsudvalgets beslutning den 8. november 2022:"],
      [2, "2. Den prioriterede liste for indsatsen på jordforureningsområdet i 2023"],
      [3, "INDSTILLING"],
      [3, "POLITISK BEHANDLING"],
      [3, "BAGGRUND"],
    ]);
    expect(find(blocks, "Martin Geertsen (V)")?.role).toBe("list-item"); // from the hidden panel
    expect(
      find(blocks, "Forretningsudvalgets beslutning den 8. november 2022:")?.bold,
    ).toBeUndefined();
    expect(
      blocks.filter(
        (block) => block.text === "Forretningsudvalgets beslutning den 8. november 2022:",
      ),
    ).toHaveLength(2); // the heading of item 1 and the bold paragraph of item 2
  });

  it("reads the title from og:title and the organisation from og:site_name, nothing else", async () => {
    const { metadata } = await read(await page("edagsorden-regionh-forretningsudvalget.html"));
    expect(metadata).toEqual({
      title: "Forretningsudvalg - mødesager",
      organisation: "Region Hovedstaden",
    });
  });
});

describe("FirstAgenda Publication page: items as collapsed accordion panels", () => {
  interface ApiItem {
    Punktnummer: number;
    Navn: string;
    Felter: { Html: string }[];
  }
  interface ApiMeeting {
    Dagsordenpunkter: ApiItem[];
    Udvalg: { Navn: string };
    Moede: { Sted: string };
  }

  const escapeText = (text: string) =>
    text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

  /**
   * Reconstruction of the rendered page (dagsordener.<kommune>.dk/vis?id=…) around the real API
   * response: every item an expansion panel whose header (role=button, aria-expanded=false) holds
   * "N. Title" and whose body, the item's Felter HTML, is hidden until opened (Angular Material's
   * accordion markup); the last item written as <details>/<summary> instead.
   */
  async function grevePage(): Promise<{ file: SourceDocument; items: ApiItem[] }> {
    const json = await readFile(
      join(REAL_MINUTES, "Greve_Oekonomiudvalget_2022-10-24.json"),
      "utf8",
    );
    const meeting = JSON.parse(json) as ApiMeeting;
    const items = meeting.Dagsordenpunkter.slice(0, 6);
    const panels = items.map((item, index) => {
      const title = `${item.Punktnummer}. ${escapeText(item.Navn)}`;
      const body = item.Felter.map((field) => field.Html).join("");
      if (index === items.length - 1)
        return `<details class="agenda-item"><summary>${title}</summary>${body}</details>`;
      return `<mat-expansion-panel class="agenda-item">
        <mat-expansion-panel-header role="button" id="header-${index}" aria-controls="panel-${index}" aria-expanded="false">
          <span class="mat-content"><mat-panel-title>${title}</mat-panel-title></span>
        </mat-expansion-panel-header>
        <div class="mat-expansion-panel-content" role="region" id="panel-${index}" aria-labelledby="header-${index}" style="visibility: hidden;">
          <div class="mat-expansion-panel-body">${body}</div>
        </div>
      </mat-expansion-panel>`;
    });
    const markup = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Dagsorden</title></head>
      <body><app-root>
        <div class="cookie-consent"><p>Vi bruger cookies til at forbedre din oplevelse.</p><button>OK</button></div>
        <header class="toolbar"><a href="/"><img alt="Greve Kommune" src="logo.png"></a><a href="/">Forside</a> <a href="/udvalg">Udvalg</a></header>
        <main>
          <h1>${escapeText(meeting.Udvalg.Navn)}</h1>
          <p>Mandag den 24. oktober 2022 kl. 08:00, ${escapeText(meeting.Moede.Sted)}</p>
          <mat-accordion>${panels.join("\n")}</mat-accordion>
        </main>
      </app-root></body></html>`;
    return { file: html("greve-oekonomiudvalget.html", markup), items };
  }

  it("reads every item title, closed items too, and the hidden panel text under it", async () => {
    const { file, items } = await grevePage();
    const { blocks } = await read(file);
    const titles = items.map((item) => `${item.Punktnummer}. ${item.Navn}`);
    const positions = titles.map((title) => texts(blocks).indexOf(title));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(titles[1]).toMatch(/^2\. Lukket: /u);
    // Item 1's panel: the decision first, then the case presentation with its sub-headings.
    const first = positions[0] ?? -1;
    expect(texts(blocks.slice(first + 1, first + 4))).toEqual([
      "Beslutning",
      "Dagsordenen blev godkendt.",
      "Fremstilling",
    ]);
    expect(find(blocks, "Sagsprocedure")).toMatchObject({ role: "heading", level: 3 });
  });

  it("opens with the meeting and drops the cookie banner and the toolbar", async () => {
    const { file } = await grevePage();
    const { blocks } = await read(file);
    expect(texts(blocks).slice(0, 2)).toEqual([
      "Økonomiudvalget",
      "Mandag den 24. oktober 2022 kl. 08:00, Biblioteket",
    ]);
    expect(allText(blocks)).not.toMatch(/cookies|Forside|Udvalg\n/u);
  });
});

describe("municipal CMS pages (Køge, Kolding)", () => {
  it("Køge: everything but the minutes goes, although the whole page is one ASP.NET form", async () => {
    const { blocks, metadata } = await read(await page("cms-koege-klima-og-planudvalget.html"));
    expect(texts(blocks)).toEqual([
      "Referat af møde i Klima- og Planudvalget",
      "Den 09.01.2020 kl. 13:00 i Tapperiet, Sdr. Badevej 1, 4600 Køge",
      "Indholdsfortegnelse",
      "Lukkede Punkter",
      "Deltagere:",
      "Erling Larsen, (A)",
      "Ken Kristensen, (V)",
      "Lene Møller Nielsen, (A)",
      "Mette Jorsø, (V)",
      "Niels Rolskov, (Ø)",
      "Thomas Kampmann, (C)",
      "Torben Haack, (F)",
      "1. Godkendelse af dagsorden",
      "Beslutning",
      "Godkendt.",
      "Sag 3 udgår.",
      "Torben Haack (F) deltog ikke under punkterne 12-15.",
      "Mette Jorsø (V) deltog ikke under punkterne 12-15.",
      "2. Ikke støjende arbejde på byggepladsen efter kl. 18",
      "Indstilling",
      "Teknik- og Miljøforvaltningen indstiller, at Klima- og Planudvalget beslutter, at der fremover stilles følgende krav til byggepladser, der ønsker at arbejde med ikke-støjende aktiviteter udenfor forskriftens tidsrammer:",
      "1. Udendørs arbejde med motordrevne maskiner/kraner og lignende på byggepladsen udenfor forskriftens rammer for arbejdstider, jf. § 4 skal aftales konkret med forvaltningen hver gang.",
      "2. Bygherre skal opsætte støjmåler og bekoste støjmålinger i hele den periode, hvor der arbejdes udenfor forskriftens arbejdstidskrav.",
      "Beslutning",
      "Godkendt.",
    ]);
    expect(find(blocks, "1. Godkendelse af dagsorden")).toMatchObject({
      role: "heading",
      level: 2,
    });
    expect(metadata).toEqual({
      title: "Klima- og Planudvalget 09.01.2020 - Køge Kommune",
      organisation: "Køge Kommune",
    });
  });

  it("Kolding: the Dato/Udvalg/Sted table as label/value rows, accordion titles as headings", async () => {
    const { blocks } = await read(await page("cms-kolding-byraadet.html"));
    expect(
      blocks.filter((block) => block.role === "table-row").map((block) => block.cells),
    ).toEqual([
      ["Dato:", "25-09-2018 19:00:00"],
      ["Udvalg:", "Byrådet"],
      ["Sted:", "Byrådssalen"],
      ["Pdf:", ""],
    ]);
    expect(blocks.filter((block) => block.level === 2).map((block) => block.text)).toEqual([
      "1. Omkonstituering i Venstres byrådsgruppe",
      "2. Udtræden af og indtræden i Havnebestyrelsen",
    ]);
    // Item 2's panel carries the `hidden` attribute until its button is clicked.
    expect(texts(blocks)).toContain("Sagsnr.: 18/23331");
    expect(texts(blocks)).toContain("Lotte G. Lundberg indtræder i Havnebestyrelsen.");
    const text = allText(blocks);
    for (const chrome of [
      "Spring til indhold",
      "Forside",
      "Facebook",
      "E-mail",
      "Tilbage til toppen",
      "Akseltorv",
    ]) {
      expect(text).not.toContain(chrome);
    }
  });
});

describe("static export (Frederiksberg): Word 'web page' HTML", () => {
  it("reads windows-1252 bytes and their UTF-8 re-save alike, and says which it read", async () => {
    const file = await page("static-frederiksberg-kommunalbestyrelsen.html");
    const asSaved = await read(file);
    const asServed = await read({
      path: file.path,
      bytes: windows1252(new TextDecoder().decode(file.bytes)),
    });
    expect(texts(asServed.blocks)).toEqual(texts(asSaved.blocks));
    expect(asSaved.warnings).toEqual([
      "the page declares windows-1252 but its bytes are UTF-8; read as UTF-8",
    ]);
    expect(asServed.warnings).toEqual(["read as windows-1252 (the page declares windows-1252)"]);
  });

  it("keeps 'NN.  Title' lines whole (the no-break space normalised) and the bold 'Fra …' groups", async () => {
    const { blocks } = await read(await page("static-frederiksberg-kommunalbestyrelsen.html"));
    expect(texts(blocks).slice(0, 3)).toEqual([
      "Åben dagsorden",
      "Kommunalbestyrelsen",
      "Den 20. april 2015, kl. 19.00-23.55",
    ]);
    const numbered = texts(blocks).filter((text) => /^\d+\. /u.test(text));
    expect(numbered.map((text) => Number(text.split(".")[0]))).toEqual(
      Array.from({ length: 19 }, (_, index) => 76 + index),
    );
    expect(
      find(blocks, "76. Spørgsmål fra rådmand Balder Mørk Andersen om parkeringsforliget"),
    ).toBeDefined();
    expect(
      blocks
        .filter((block) => block.text.startsWith("Fra "))
        .map((block) => [block.text, block.bold]),
    ).toEqual([
      ["Fra Undervisningsudvalget", true],
      ["Fra Kultur- og Fritidsudvalget", true],
      ["Fra By- og Miljøudvalget", true],
      ["Fra Bolig- og Ejendomsudvalget", true],
      ["Fra Magistraten", true],
    ]);
  });
});

describe("eDoc agenda XSLT HTML (layout tables)", () => {
  it("reads the contents and each item's title as rows of number and title, sections as 'Name:' lines", async () => {
    const { blocks } = await read(await page("edoc-agenda-xslt.html"));
    expect(texts(blocks).slice(0, 4)).toEqual([
      "Dagsorden",
      "Børne- og Familieudvalget",
      "2. maj 2017 kl. 10:00",
      "Mødested: Mødelokale 1, Rådhuset",
    ]);
    const titleRows = blocks.filter((block) => block.cells?.length === 2);
    expect(titleRows.map((block) => block.cells)).toEqual([
      ["1.", "Godkendelse af dagsorden"],
      ["2.", "Anlægsregnskab for fire børnehuse"],
    ]);
    expect(find(blocks, "Sagsnr.: 2017-000038 Sagsbehandler: Peter Jensen Åben")?.cells).toEqual([
      "Sagsnr.: 2017-000038",
      "Sagsbehandler: Peter Jensen",
      "Åben",
    ]);
    expect(
      texts(blocks).filter((text) => text.endsWith(":") && !text.startsWith("Mødested")),
    ).toEqual([
      "Forvaltningen foreslår:",
      "Præsentation:",
      "Forvaltningen foreslår:",
      "Sagsbeskrivelse:",
      "Økonomi:",
      "Høring:",
    ]);
  });
});

describe("a page holding one item", () => {
  it("starts with the meeting from the breadcrumb trail: body and date in the first lines", async () => {
    const { blocks } = await read(await page("one-item-syddjurs-puk.html"));
    const lines = blocksToLines(blocks).filter((line) => line.text !== "");
    expect(lines.slice(0, 4).map((line) => line.text)).toEqual([
      "Politik",
      "Dagsordener og referater",
      "Udvalget for plan, udvikling og kultur (PUK) 20. juni 2013",
      "715. Kulturkommune 2017. Politiske fokusområder",
    ]);
    expect(findDate(lines[2]?.text ?? "")?.iso).toBe("2013-06-20");
    expect(lines[3]?.cue).toMatchObject({ role: "heading", level: 1 });
    expect(find(blocks, "Sagsnr.: 12/27845")?.cells).toEqual(["Sagsnr.:", "12/27845"]);
    expect(allText(blocks)).not.toMatch(/Punkt 715|Forside|Print|Del\b|Lundbergsvej/u);
  });

  it("starts with the page heading when the meeting is named there, outside the main content", async () => {
    const { blocks } = await read(
      html(
        "punkt-3.html",
        `<!DOCTYPE html><html><head><title>Punkt 3</title></head><body>
        <header class="page-header"><h1>Byrådet - møde den 25. september 2018</h1><nav><a href="/">Forside</a></nav></header>
        <main><article><h2>3. Budget 2019, 2. behandling</h2><h3>Beslutning</h3><p>Vedtaget.</p></article></main>
        </body></html>`,
      ),
    );
    expect(texts(blocks)).toEqual([
      "Byrådet - møde den 25. september 2018",
      "3. Budget 2019, 2. behandling",
      "Beslutning",
      "Vedtaget.",
    ]);
    expect(blocks[0]).toMatchObject({ role: "heading", level: 1 });
  });

  it("adds nothing when the content itself names its date", async () => {
    const { blocks } = await read(
      html(
        "moede.html",
        `<html><body><div class="breadcrumb">Forside › Byrådet › 25.09.2018</div>
        <main><h1>Byrådet</h1><p>Mødedato: 25. september 2018</p><h2>1. Godkendelse af dagsorden</h2><p>Godkendt.</p></main></body></html>`,
      ),
    );
    expect(texts(blocks)).toEqual([
      "Byrådet",
      "Mødedato: 25. september 2018",
      "1. Godkendelse af dagsorden",
      "Godkendt.",
    ]);
  });
});

describe("finding the content without landmarks", () => {
  it("steps past a menu column of links in a table layout, keeping the meeting header", async () => {
    const menu = Array.from(
      { length: 12 },
      (_, index) => `<a href="/side${index}">Menupunkt nummer ${index}</a><br>`,
    ).join("");
    const { blocks } = await read(
      html(
        "gammel.htm",
        `<html><body><table><tr>
        <td width="180">${menu}</td>
        <td><p><b>Referat fra mødet i Handicaprådet den 12. februar 2024</b></p>
            <p>1. Godkendelse af dagsorden</p><p>Godkendt.</p>
            <p>2. Orientering</p><p>Formanden orienterede om rådets arbejde i det forløbne år.</p></td>
        </tr></table></body></html>`,
      ),
    );
    expect(texts(blocks)).toEqual([
      "Referat fra mødet i Handicaprådet den 12. februar 2024",
      "1. Godkendelse af dagsorden",
      "Godkendt.",
      "2. Orientering",
      "Formanden orienterede om rådets arbejde i det forløbne år.",
    ]);
  });
});

describe("which element holds the content", () => {
  const prose =
    "Udvalget drøftede sagen og besluttede at sende den videre til byrådet med en anbefaling.";
  const method = (body: string) => {
    const $ = load(`<html><body>${body}</body></html>`);
    const element = $("body").get(0);
    if (element === undefined) throw new Error("no body");
    const { root, method } = findMainContent($, element);
    return [method, root.attribs.id ?? root.name];
  };

  it("trusts a landmark, then a content container, then articles, then density", () => {
    expect(method(`<div><p>x</p></div><main id="m"><p>${prose}</p></main>`)).toEqual(["main", "m"]);
    expect(
      method(`<div id="content"><p>${prose}</p></div><div><a href="/">Forside</a></div>`),
    ).toEqual(["content-name", "content"]);
    // A table or list called "indhold"/"content" is a table of contents, not the content.
    expect(method(`<table class="content"><tr><td>${prose}</td></tr></table>`)).toEqual([
      "density",
      "td",
    ]);
    expect(
      method(
        `<div id="items"><article><p>${prose}</p></article><article><p>${prose}</p></article></div>`,
      ),
    ).toEqual(["articles", "items"]);
  });
});

describe("menus and names that only look like chrome", () => {
  it("leaves a hidden mobile menu hidden and keeps a meeting name that is a link", async () => {
    const { blocks } = await read(
      html(
        "menu.html",
        `<html><body>
        <button aria-expanded="false" aria-controls="mobile-menu">Menu</button>
        <div id="mobile-menu" hidden><ul><li><a href="/borger">Borger</a></li><li><a href="/politik">Politik</a></li></ul></div>
        <div class="moedenavn"><a href="/moede/1">Byrådet 25.09.2018</a></div>
        <h2>1. Godkendelse af dagsorden</h2><p>Godkendt uden bemærkninger.</p>
        </body></html>`,
      ),
    );
    expect(texts(blocks)).toEqual([
      "Byrådet 25.09.2018",
      "1. Godkendelse af dagsorden",
      "Godkendt uden bemærkninger.",
    ]);
  });
});

describe("pagers on one-item pages", () => {
  it("drops the previous/next pagers of the one-item-page probe with the other chrome", async () => {
    const probe = join(import.meta.dirname, "../fixtures/layout-probes/one-item-page.html");
    const { blocks } = await read({
      path: "one-item-page.html",
      bytes: new Uint8Array(await readFile(probe)),
    });
    expect(allText(blocks)).not.toMatch(/Forrige|Næste|Punkt 7 af 11/u);
    expect(texts(blocks).slice(0, 3)).toEqual([
      "Miljø- og Teknikudvalget · Referat · 2. maj 2024",
      "7. Renovering af Nordhallen",
      "Sagsnr.: 23/04567 Åbent punkt",
    ]);
    expect(texts(blocks).at(-1)).toBe("Projektforslag Nordhallen (PDF)");
  });

  it("drops pagers in their usual forms, and keeps text that only names the next meeting or item", async () => {
    const { blocks } = await read(
      html(
        "pagers.html",
        `<html><body><main>
        <ul class="nav-items"><li><a href="/p/2">« Forrige</a></li><li><a href="/p/4">Næste »</a></li></ul>
        <p><a href="/p/1">Previous page</a> · Side 3 af 9 · <a href="/p/4">Next page</a></p>
        <div><a href="/p/1">‹</a> <a href="/p/1">1</a> <a href="/p/2">2</a> <a href="/p/4">›</a></div>
        <h2>3. Eventuelt</h2>
        <p>Næste møde holdes den 5. december.</p>
        <p><a href="/moeder/2024-12-05">Næste møde</a> er flyttet til Rådhuset.</p>
        <p>Forrige punkt blev behandlet for lukkede døre.</p>
        </main></body></html>`,
      ),
    );
    expect(texts(blocks)).toEqual([
      "3. Eventuelt",
      "Næste møde holdes den 5. december.",
      "Næste møde er flyttet til Rådhuset.",
      "Forrige punkt blev behandlet for lukkede døre.",
    ]);
  });
});

describe("encodings", () => {
  const markup = (head: string) =>
    `<html><head>${head}</head><body><p>Referat fra Ældrerådet</p><p>Mødet blev afholdt på Rådhuset.</p></body></html>`;

  it("reads a page that declares nothing and is not UTF-8 as windows-1252, and says so", async () => {
    const { blocks, warnings } = await read({ path: "x.html", bytes: windows1252(markup("")) });
    expect(texts(blocks)).toEqual(["Referat fra Ældrerådet", "Mødet blev afholdt på Rådhuset."]);
    expect(warnings).toEqual([
      "the page declares no encoding and is not valid UTF-8; read as windows-1252",
    ]);
  });

  it("reads ISO-8859-1 declared by http-equiv as windows-1252, and a page claiming UTF-8 falsely too", async () => {
    const latin = await read({
      path: "x.html",
      bytes: windows1252(
        markup('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'),
      ),
    });
    expect(texts(latin.blocks)[0]).toBe("Referat fra Ældrerådet");
    expect(latin.warnings).toEqual(["read as windows-1252 (the page declares ISO-8859-1)"]);
    const liar = await read({
      path: "x.html",
      bytes: windows1252(markup('<meta charset="utf-8">')),
    });
    expect(texts(liar.blocks)[0]).toBe("Referat fra Ældrerådet");
    expect(liar.warnings).toEqual([
      "the page declares utf-8 but is not valid UTF-8; read as windows-1252",
    ]);
  });

  it("reads windows-1252's own bytes 0x80–0x9F as the dashes, quotes and € they are", async () => {
    const text = "<p>Budget 2026–2029 blev “godkendt” … med 5 € pr. borger — uændret</p>";
    const { blocks } = await read({ path: "x.html", bytes: windows1252(text) });
    expect(texts(blocks)).toEqual([
      "Budget 2026–2029 blev “godkendt” … med 5 € pr. borger — uændret",
    ]);
  });

  it("reads UTF-8 with a byte-order mark, and UTF-16 by its mark", async () => {
    const text = markup("");
    const withBom = await read({
      path: "x.html",
      bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
    });
    expect(texts(withBom.blocks)[0]).toBe("Referat fra Ældrerådet");
    expect(withBom.warnings).toEqual([]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    const wide = await read({ path: "x.html", bytes: utf16 });
    expect(texts(wide.blocks)[1]).toBe("Mødet blev afholdt på Rådhuset.");
    expect(wide.warnings).toEqual(["read as utf-16le (byte-order mark)"]);
  });
});

describe("pages without text", () => {
  it("names a page that JavaScript was to fill in", async () => {
    const error = await rejection(
      html(
        "vis.html",
        `<!DOCTYPE html><html><head><script src="main.js"></script></head><body><app-root></app-root><noscript>Aktivér JavaScript</noscript></body></html>`,
      ),
    );
    expect(error.code).toBe("minutes_no_text");
    expect(error.message).toMatch(
      /^vis\.html: the page has no text of its own: it is filled in by JavaScript/u,
    );
  });

  it("names a frameset", async () => {
    const error = await rejection(
      html(
        "dagsorden.html",
        `<html><frameset cols="30%,70%"><frame src="toc.html"><frame src="body.html"></frameset></html>`,
      ),
    );
    expect(error.message).toBe(
      "dagsorden.html: the page is a frameset; open the framed pages and save those instead",
    );
  });
});

describe("which files the HTML reader takes", () => {
  it("takes .html, .htm and .xhtml by name, and HTML under other names by its first bytes", async () => {
    const bytes = new TextEncoder().encode("<p>x</p>");
    expect(
      ["a.html", "a.HTM", "a.xhtml"].map((path) => htmlReader.accepts({ path, bytes })),
    ).toEqual([true, true, true]);
    const sniffed = (text: string) =>
      htmlReader.accepts({ path: "Dagsorden.aspx", bytes: new TextEncoder().encode(text) });
    expect(sniffed("\n  <!DOCTYPE html><html>")).toBe(true);
    expect(
      sniffed('<?xml version="1.0"?>\n<!-- gemt -->\n<html xmlns="http://www.w3.org/1999/xhtml">'),
    ).toBe(true);
    const edagsorden = await readFile(
      join(REAL_MINUTES, "RegionHovedstaden_Forretningsudvalget_2012-09-25.xml"),
    );
    expect(
      htmlReader.accepts({ path: "Publication553.xml", bytes: new Uint8Array(edagsorden) }),
    ).toBe(false);
    expect(sniffed("%PDF-1.7")).toBe(false);
  });
});
