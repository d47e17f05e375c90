import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { acadreReader } from "../../src/minutes/readers/acadre-reader.ts";
import { edagsordenReader } from "../../src/minutes/readers/edagsorden-reader.ts";
import { edocReader } from "../../src/minutes/readers/edoc-reader.ts";
import {
  firstAgendaReader,
  readFirstAgendaMeeting,
} from "../../src/minutes/readers/firstagenda-reader.ts";
import { structuredReaders } from "../../src/minutes/readers/structured-readers.ts";
import type { ReadContext, Reader, SourceDocument } from "../../src/minutes/readers/types.ts";
import { AppError } from "../../src/shared/errors.ts";

/**
 * The agenda-system readers on the real files in ../shared/real-minutes (Syddjurs Acadre,
 * Region Hovedstaden eDagsorden, Greve FirstAgenda) and, for eDoc, on a fixture we wrote
 * ourselves with invented content in the shape OS2web's eDoc importers read
 * (test/fixtures/edoc/invented-edoc-agenda-publishing.xml).
 */

const SYDDJURS = "Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.xml";
const SYDDJURS_MANIFEST = "Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.manifest.xml";
const REGION_H = "RegionHovedstaden_Forretningsudvalget_2012-09-25.xml";
const GREVE_BYRAAD = "Greve_Byraad_2022-09-05.json";
const GREVE_OEKONOMI = "Greve_Oekonomiudvalget_2022-10-24.json";

async function realFile(name: string, folder = "kommune"): Promise<SourceDocument> {
  const bytes = await readFile(new URL(`../../../shared/real-minutes/${name}`, import.meta.url));
  return { path: `${folder}/${name}`, bytes };
}

async function edocFixture(): Promise<SourceDocument> {
  const bytes = await readFile(
    new URL("../fixtures/edoc/invented-edoc-agenda-publishing.xml", import.meta.url),
  );
  return { path: "fjordby/eDocAgendaPublishing.xml", bytes };
}

function fromText(path: string, text: string): SourceDocument {
  return { path, bytes: new TextEncoder().encode(text) };
}

function withSiblings(...siblings: SourceDocument[]): ReadContext {
  return { siblings: async () => siblings };
}

const alone = withSiblings();

async function readMeeting(reader: Reader, file: SourceDocument, context: ReadContext = alone) {
  const result = await reader.read(file, context);
  if (result.kind !== "meeting") throw new Error(`expected a meeting, got ${result.kind}`);
  return result;
}

async function readError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function acceptedBy(file: SourceDocument): string[] {
  return structuredReaders.filter((reader) => reader.accepts(file)).map((reader) => reader.format);
}

describe("sniffing: each file is accepted by its own reader only", () => {
  it("tells the formats that share .xml and .json apart", async () => {
    expect(acceptedBy(await realFile(SYDDJURS))).toEqual(["acadre-xml"]);
    expect(acceptedBy(await realFile(SYDDJURS_MANIFEST))).toEqual(["acadre-xml"]);
    expect(acceptedBy(await realFile(REGION_H))).toEqual(["edagsorden-xml"]);
    expect(acceptedBy(await edocFixture())).toEqual(["edoc-xml"]);
    expect(acceptedBy(await realFile(GREVE_BYRAAD))).toEqual(["firstagenda-json"]);
  });

  it("accepts no XML or JSON of another kind, so the caller reports it as unsupported", () => {
    const rss = fromText("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel/></rss>');
    const otherRoot = fromText("data.xml", "<root><table name='persons'></table></root>");
    const packageJson = fromText("package.json", '{ "name": "referat", "version": "1.0.0" }');
    const array = fromText("items.json", '[{ "Dagsordenpunkter": [] }]');
    for (const file of [rss, otherRoot, packageJson, array])
      expect(acceptedBy(file), file.path).toEqual([]);
  });

  it("reads a format only under its own extension", async () => {
    const greve = await realFile(GREVE_BYRAAD);
    expect(acceptedBy({ ...greve, path: "greve/byraad.txt" })).toEqual([]);
  });
});

describe("Acadre agenda XML (Syddjurs PUK, 20 June 2013)", () => {
  async function readSyddjurs(context: ReadContext = alone) {
    return readMeeting(acadreReader, await realFile(SYDDJURS), context);
  }

  it("reads the meeting from the committee and meeting tables", async () => {
    const { meeting, warnings } = await readSyddjurs(
      withSiblings(await realFile(SYDDJURS_MANIFEST)),
    );
    const { items, ...header } = meeting;
    expect(header).toEqual({
      body: "Udvalget for plan, udvikling og kultur (PUK)",
      organisation: null,
      date: "2013-06-20",
      time: "10:30",
      location: "Kaløvig Kursuscenter",
      documentType: "referat",
    });
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(1);
  });

  it("reads item 715 by its fields: number from the parent's sort, title, case number, access", async () => {
    const [item] = (await readSyddjurs()).meeting.items;
    expect(item).toMatchObject({
      number: 715,
      title: "Kulturkommune 2017. Politiske fokusområder",
      caseNumber: "12/27845",
      closed: false,
    });
  });

  it("gives the bullets as sections in their sort order, empty bullets left out, enclosures last", async () => {
    const [item] = (await readSyddjurs()).meeting.items;
    const puk = "Beslutning i Udvalget for plan, udvikling og kultur (PUK) den";
    expect(item?.sections.map((section) => [section.heading, section.kind])).toEqual([
      ["Resumé", "resume"],
      ["Sagsfremstilling", "sagsfremstilling"],
      ["Økonomi og organisatoriske konsekvenser", "okonomi"],
      ["Indstilling", "indstilling"],
      [`${puk} 10-04-2013`, "tidligere-beslutning"],
      ["Supplerende Sagsfremstilling", "sagsfremstilling"],
      [`${puk} 24-04-2013`, "tidligere-beslutning"],
      [`${puk} 20-06-2013`, "beslutning"],
      ["Bilag", "bilag"],
    ]);
  });

  it("keeps exactly one decision: the one made at this meeting", async () => {
    const [item] = (await readSyddjurs()).meeting.items;
    const decisions = item?.sections.filter((section) => section.kind === "beslutning") ?? [];
    expect(decisions.map((section) => section.text)).toEqual([
      "Punktet blev drøftet.\n\nSagen genoptages på det kommende ordinære møde i udvalget, hvor der vil foreligge et 1. oplæg til strategi med udgangspunkt i udvalgets hidtidige drøftelser.",
    ]);
    const earlier = item?.sections.filter((section) => section.kind === "tidligere-beslutning");
    expect(earlier?.map((section) => section.text.split("\n")[0])).toEqual([
      "Der indkaldes til et ekstraordinært møde d. 24. april 2013 kl. 13.30, hvor udvalget arbejder med en konkretisering af planerne for kulturkommunen.",
      "Punktet genoptages.",
    ]);
  });

  it("writes paragraphs with a blank line between them and list entries on lines of their own", async () => {
    const [item] = (await readSyddjurs()).meeting.items;
    const fremstilling = item?.sections.find((section) => section.heading === "Sagsfremstilling");
    expect(fremstilling?.text).toContain(
      "spørgsmål:\n\nHvad vil du gerne have opnået i 2017?\nHvad vil det kræve? – og af hvem?\nHvem får det betydning for?",
    );
    const bilag = item?.sections.find((section) => section.kind === "bilag");
    expect(bilag?.text.split("\n")).toEqual([
      "Opsamlingsnotat. Temamøde 20.09.2012",
      "Politik for Kultur og Fritid - Lokalt engagement, Godkendt af byrådet 300409",
      "Kulturkommune 2017 - arbejdsoplæg til Udvalget for Plan, Udvikling og Kultur",
    ]);
  });

  it("takes the document type from the agenda name when no manifest is beside it", async () => {
    const { meeting, warnings } = await readSyddjurs();
    expect(meeting.documentType).toBe("referat");
    expect(warnings).toEqual([]);
  });

  it("rejects malformed XML with the place it breaks", async () => {
    const file = await realFile(SYDDJURS);
    const text = new TextDecoder().decode(file.bytes);
    const broken = fromText(
      file.path,
      text.replace('</field><field name="name">Referat', '<field name="name">Referat'),
    );
    const error = await readError(acadreReader.read(broken, alone));
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toMatch(/malformed XML at line \d+, column \d+/u);
  });

  it("rejects an agenda item without its number, naming the field", async () => {
    const file = await realFile(SYDDJURS);
    const text = new TextDecoder().decode(file.bytes).replace('<field name="sort">715</field>', "");
    const error = await readError(acadreReader.read(fromText(file.path, text), alone));
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toContain("has no number (agendaitemparents sort)");
  });
});

describe("Acadre publishing manifest (a companion, not minutes)", () => {
  it("is reported as the companion of agenda 1863 and its produced documents", async () => {
    const result = await acadreReader.read(await realFile(SYDDJURS_MANIFEST), alone);
    expect(result).toEqual({
      kind: "companion",
      format: "acadre-xml",
      describes: "Acadre agenda 1863 (3686423.xml, 3687981.xml)",
    });
  });

  async function withManifest(edit: (manifest: string) => string) {
    const manifest = await realFile(SYDDJURS_MANIFEST);
    const edited = fromText(manifest.path, edit(new TextDecoder().decode(manifest.bytes)));
    const agenda = await realFile(SYDDJURS);
    return readMeeting(acadreReader, agenda, withSiblings(agenda, edited));
  }

  it("gives the document type the manifest records for the produced document that is this file", async () => {
    // The agenda XML is named "Referat"; the manifest entry produced at its production time
    // (2013-06-20 15:11) is the one that counts, whatever its type says.
    const swapped = await withManifest((text) =>
      text
        .replace('type="1"', 'type="x"')
        .replace('type="2"', 'type="1"')
        .replace('type="x"', 'type="2"'),
    );
    expect(swapped.meeting.documentType).toBe("dagsorden");
    expect(swapped.warnings).toEqual([]);
  });

  it("closes every item when the manifest marks the produced document closed, and says so", async () => {
    const closed = await withManifest((text) =>
      text.replace(
        '<field access="Åben"></field><field accessid="1"></field><field publish="1">',
        '<field access="Lukket"></field><field accessid="2"></field><field publish="1">',
      ),
    );
    expect(closed.meeting.items.map((item) => [item.number, item.closed, item.sections])).toEqual([
      [715, true, []],
    ]);
    expect(closed.warnings).toEqual([
      expect.stringContaining("the manifest marks this document closed"),
    ]);
  });

  it("warns when the manifest says the document was not published", async () => {
    const unpublished = await withManifest((text) => text.replace('publish="1"', 'publish="0"'));
    expect(unpublished.warnings).toEqual([
      expect.stringContaining("marks this document as not published"),
    ]);
    expect(unpublished.meeting.items[0]?.sections.length).toBeGreaterThan(0);
  });

  it("matches the produced document by its XML file name when the file keeps the system's name", async () => {
    const agenda = await realFile(SYDDJURS);
    const named = { ...agenda, path: "syddjurs/Files_1863_3687982/3687981.XML" };
    const manifest = await realFile(SYDDJURS_MANIFEST);
    const text = new TextDecoder()
      .decode(manifest.bytes)
      .replace('createdDate="2013-06-20 15:11"', 'createdDate="2013-06-20 15:12"')
      .replace('type="2"', 'type="1"');
    const result = await readMeeting(
      acadreReader,
      named,
      withSiblings(fromText(manifest.path, text)),
    );
    expect(result.meeting.documentType).toBe("dagsorden");
  });

  it("reads the agenda when a manifest beside it is broken, and says which", async () => {
    const manifest = await realFile(SYDDJURS_MANIFEST);
    const broken = fromText(
      manifest.path,
      new TextDecoder().decode(manifest.bytes).replace("</table></root>", ""),
    );
    const agenda = await realFile(SYDDJURS);
    const result = await readMeeting(acadreReader, agenda, withSiblings(broken));
    expect(result.meeting.items.map((item) => item.number)).toEqual([715]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/manifest .*manifest\.xml was not read \(.*malformed XML/u),
    ]);
  });

  it("ignores a manifest of another agenda", async () => {
    const other = await withManifest((text) =>
      text
        .replace('<field sysid="1863"></field>', '<field sysid="1999"></field>')
        .replace('type="2"', 'type="1"'),
    );
    expect(other.meeting.documentType).toBe("referat");
    expect(other.warnings).toEqual([]);
  });
});

describe("eDagsorden publication XML (Region Hovedstaden Forretningsudvalget, 25 September 2012)", () => {
  async function readRegionH() {
    return readMeeting(edagsordenReader, await realFile(REGION_H));
  }

  it("reads the meeting from the Meeting and Committee elements; a Draft publication is the agenda", async () => {
    const { meeting, warnings } = await readRegionH();
    const { items, ...header } = meeting;
    expect(header).toEqual({
      body: "Forretningsudvalget",
      organisation: null,
      date: "2012-09-25",
      time: "15:30",
      location: "H2",
      documentType: "dagsorden",
    });
    expect(warnings).toEqual([]);
  });

  it("reads the four items by their Number, Caption and IsPublic", async () => {
    const { items } = (await readRegionH()).meeting;
    expect(
      items.map(({ number, title, caseNumber, closed }) => ({ number, title, caseNumber, closed })),
    ).toEqual([
      {
        number: 1,
        title: "2. behandling af forslag til styrelsesvedtægt – nedsættelse af stående udvalg",
        caseNumber: null,
        closed: false,
      },
      {
        number: 2,
        title: "Anvendelse af beløb til hospitalsudstyr og patientnære arealer",
        caseNumber: null,
        closed: false,
      },
      {
        number: 3,
        title: "Særpublikation og konference om infrastruktur og vækst",
        caseNumber: null,
        closed: false,
      },
      {
        number: 4,
        title:
          "Anmodning fra Hans Toft (C) om offentliggørelse af beslutning truffet af Movias bestyrelse",
        caseNumber: null,
        closed: false,
      },
    ]);
  });

  it("gives each field as a section under its caption, with the kind its caption names", async () => {
    const [first] = (await readRegionH()).meeting.items;
    expect(first?.sections.map((section) => [section.heading, section.kind])).toEqual([
      ["PUNKTET BEHANDLET TIDLIGERE", "other"],
      ["ADMINISTRATIONENS INDSTILLING", "indstilling"],
      ["RESUME", "resume"],
      ["SAGSFREMSTILLING", "sagsfremstilling"],
      ["KOMMUNIKATION", "other"],
      ["ØKONOMISKE KONSEKVENSER", "okonomi"],
      ["SAGEN AFGØRES AF", "other"],
      ["FORRETNINGSUDVALGETS BESLUTNING", "tidligere-beslutning"],
      ["Bilag", "bilag"],
    ]);
    expect(first?.sections[0]?.text).toBe("Forretningsudvalget den 18. september 2012, sag nr. 10");
  });

  it("reads the decision field's entry of 18 September as history and its empty entry for this meeting as nothing", async () => {
    const [first] = (await readRegionH()).meeting.items;
    const decision = first?.sections.find(
      (section) => section.heading === "FORRETNINGSUDVALGETS BESLUTNING",
    );
    expect(decision?.text).toBe(
      "18. september 2012: Sagen udsat til behandling på ekstraordinært forretningsudvalgsmøde den 25. september, såfremt godkendelse fra Økonomi- og Indenrigsministeriet foreligger forinden.\n\nJulie Herdal Molbech (F) deltog ikke i sagens behandling.",
    );
  });

  it("drops empty fields and 'Tomt indhold', so an agenda has no decision yet", async () => {
    const { items } = (await readRegionH()).meeting;
    const sections = items.flatMap((item) => item.sections);
    expect(sections.filter((section) => /tomt indhold/iu.test(section.text))).toEqual([]);
    expect(sections.filter((section) => section.kind === "beslutning")).toEqual([]);
    expect(sections.filter((section) => section.heading === "REGIONSRÅDETS BESLUTNING")).toEqual(
      [],
    );
    expect(items[2]?.sections.map((section) => section.heading)).not.toContain(
      "FORRETNINGSUDVALGETS BESLUTNING",
    );
    expect(items[1]?.sections.map((section) => section.heading)).not.toContain(
      "PUNKTET BEHANDLET TIDLIGERE",
    );
  });

  it("reads an item whose IsPublic is False as closed and none of its fields", async () => {
    const file = await realFile(REGION_H);
    const text = new TextDecoder().decode(file.bytes);
    const isPublic = "<IsPublic><![CDATA[True]]></IsPublic>";
    const lastItem = text.lastIndexOf(isPublic);
    expect(lastItem).toBeGreaterThan(0);
    const closedText = `${text.slice(0, lastItem)}<IsPublic><![CDATA[False]]></IsPublic>${text.slice(lastItem + isPublic.length)}`;
    const { meeting } = await readMeeting(edagsordenReader, fromText(file.path, closedText));
    expect(meeting.items.map((item) => [item.number, item.closed])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(meeting.items[3]?.sections).toEqual([]);
  });

  it("rejects a publication whose agenda names no committee", async () => {
    const file = await realFile(REGION_H);
    const text = new TextDecoder()
      .decode(file.bytes)
      .replace("<Name><![CDATA[FORRETNINGSUDVALGET]]></Name>", "<Name></Name>");
    const error = await readError(edagsordenReader.read(fromText(file.path, text), alone));
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toContain("names no committee");
  });
});

describe("FirstAgenda Publication JSON (Greve)", () => {
  async function readGreve(name: string) {
    return readMeeting(firstAgendaReader, await realFile(name, "greve"));
  }

  it("reads the Byråd meeting: the local date and time as written, the body without its election period", async () => {
    const { meeting, warnings } = await readGreve(GREVE_BYRAAD);
    const { items, ...header } = meeting;
    expect(header).toEqual({
      body: "Byråd",
      organisation: null,
      date: "2022-09-05",
      time: "19:00",
      location: "Byrådssalen",
      documentType: "referat",
    });
    expect(warnings).toEqual([]);
    expect(items.map((item) => item.number)).toEqual(
      Array.from({ length: 34 }, (_, index) => index + 1),
    );
  });

  it("reads closed items from 'Lukket:' in the name, and keeps their published decision", async () => {
    const { items } = (await readGreve(GREVE_BYRAAD)).meeting;
    const closed = items.filter((item) => item.closed);
    expect(closed.map(({ number, title }) => [number, title])).toEqual([
      [31, "Orientering"],
      [32, "Orientering fra administrationen"],
    ]);
    expect(
      closed.map((item) => item.sections.map((section) => [section.heading, section.kind])),
    ).toEqual([[["Beslutning", "beslutning"]], [["Beslutning", "beslutning"]]]);
    expect(closed[0]?.sections[0]?.text).toBe(
      "Byrådet besluttede at Økonomiudvalget orienteres om konkret personalesag.",
    );
    expect(items.find((item) => item.number === 20)?.caseNumber).toBe("19-033355K");
  });

  it("reads the Økonomiudvalget meeting with its three closed items", async () => {
    const { meeting } = await readGreve(GREVE_OEKONOMI);
    expect(meeting).toMatchObject({
      body: "Økonomiudvalget",
      date: "2022-10-24",
      time: "08:00",
      location: "Biblioteket",
      documentType: "referat",
    });
    expect(meeting.items).toHaveLength(14);
    expect(
      meeting.items.filter((item) => item.closed).map(({ number, title }) => [number, title]),
    ).toEqual([
      [2, "Godkendelse af udbudsmateriale for rengøring og vinduespolering"],
      [3, "Forsikringsudbud- valg af optioner"],
      [4, "Udbud af veje og grønne områder - forhandling"],
    ]);
    expect(meeting.items.find((item) => item.number === 8)?.caseNumber).toBe("20-055908K");
    expect(meeting.items.every((item) => !/^lukket/iu.test(item.title))).toBe(true);
  });

  it("splits item 5's HTML at its headings: the decision first, the 'Fremstilling' wrapper left out", async () => {
    const item = (await readGreve(GREVE_OEKONOMI)).meeting.items.find(
      (entry) => entry.number === 5,
    );
    expect(item?.title).toBe("Forpagtningsaftale med Nordholm Ejendomme");
    expect(item?.caseNumber).toBe("22-010490");
    expect(item?.sections.map((section) => [section.heading, section.kind])).toEqual([
      ["Beslutning", "beslutning"],
      ["Sagsprocedure", "other"],
      ["Resume", "resume"],
      ["Indstilling", "indstilling"],
      ["Sagsbeskrivelse", "sagsfremstilling"],
      ["Lovgrundlag", "lovgrundlag"],
      ["Økonomiske konsekvenser", "okonomi"],
      ["Tidsplan", "videre-proces"],
      ["Bilag", "bilag"],
    ]);
    const text = (heading: string) =>
      item?.sections.find((section) => section.heading === heading)?.text;
    expect(text("Beslutning")).toBe(
      "Økonomiudvalget anbefaler overfor Byrådet at administrationens indstilling godkendes.",
    );
    expect(text("Indstilling")).toBe(
      "Center for Politik, Organisation & Borgerbetjening indstiller,\n\n1. at forpagtningsaftalen mellem Greve Kommune og Nordholm Ejendomme godkendes\n2. at der i 2023 og frem meddeles indtægtsbevilling på 29.400 kr. som tilgår kassen",
    );
    expect(text("Bilag")?.split("\n")).toEqual([
      "Bilag 1 - Grevegården arealer",
      "Bilag 2 - Areal ved Tunehallerne",
      "Bilag 3 - Forpagtningsaftale - Nordholm",
    ]);
  });

  it("never makes the 'Fremstilling' wrapper a section, whatever level the headings under it have", async () => {
    for (const name of [GREVE_BYRAAD, GREVE_OEKONOMI]) {
      const { items } = (await readGreve(name)).meeting;
      const headings = items.flatMap((item) => item.sections.map((section) => section.heading));
      expect(headings, name).not.toContain("Fremstilling");
      expect(
        headings.filter((heading) => heading === "Sagsprocedure").length,
        name,
      ).toBeGreaterThan(10);
    }
  });

  it("reads a meeting that is not concluded as the agenda, and a concluded one without decisions too", async () => {
    const json = JSON.parse(new TextDecoder().decode((await realFile(GREVE_OEKONOMI)).bytes));
    const open = readFirstAgendaMeeting({ ...json, Moede: { ...json.Moede, Afsluttet: false } });
    expect(open.meeting.documentType).toBe("dagsorden");
    const withoutDecisions = {
      ...json,
      Dagsordenpunkter: json.Dagsordenpunkter.map((item: { Navn: string }) => ({
        ...item,
        Felter: [],
      })),
    };
    expect(readFirstAgendaMeeting(withoutDecisions).meeting.documentType).toBe("dagsorden");
  });

  it("rejects JSON without the fields it needs, naming them", () => {
    let error: unknown;
    try {
      readFirstAgendaMeeting({ Id: "70fa93bc" }, "greve/x.json");
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("minutes_unreadable");
    expect((error as AppError).message).toMatch(/Dagsordenpunkter.*Udvalg/su);
  });

  it("rejects an item without its number", async () => {
    const json = JSON.parse(new TextDecoder().decode((await realFile(GREVE_OEKONOMI)).bytes));
    const [first, ...rest] = json.Dagsordenpunkter;
    const broken = {
      ...json,
      Dagsordenpunkter: [{ ...first, Punktnummer: "", Number: null, Sorting: null }, ...rest],
    };
    expect(() => readFirstAgendaMeeting(broken, "greve/x.json")).toThrow(
      /item 1 has no Punktnummer/u,
    );
  });

  it("rejects a .json file that is not JSON", async () => {
    const file = fromText("greve/broken.json", '{ "Dagsordenpunkter": [ { "Navn": ');
    expect(firstAgendaReader.accepts(file)).toBe(true);
    const error = await readError(firstAgendaReader.read(file, alone));
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toContain("not valid JSON");
  });
});

describe("eDoc meeting XML (invented content in the shape OS2web's eDoc importers read)", () => {
  async function readEdoc() {
    return readMeeting(edocReader, await edocFixture());
  }

  it("reads the meeting from Committee, MeetingDate and MeetingState", async () => {
    const { meeting, warnings } = await readEdoc();
    const { items, ...header } = meeting;
    expect(header).toEqual({
      body: "Social- og Sundhedsudvalget",
      organisation: null,
      date: "2012-12-04",
      time: "13:00",
      location: null,
      documentType: "referat",
    });
    expect(warnings).toEqual([]);
    expect(
      items.map(({ number, title, caseNumber, closed }) => [number, title, caseNumber, closed]),
    ).toEqual([
      [1, "Godkendelse af dagsorden", "12/40001", false],
      [2, "Takster for aflastning på Fjordhuset 2013", "12/40017", false],
      [3, "Plan for vintertjenesten på plejecentrene", "12/40023", false],
      [4, "Klagesag om hjemmehjælp", null, true],
    ]);
  });

  it("splits the flat FullText at the headings glued into it", async () => {
    const item = (await readEdoc()).meeting.items[1];
    expect(item?.sections.map((section) => [section.heading, section.kind, section.text])).toEqual([
      [
        "Sammendrag",
        "resume",
        "Forvaltningen fremlægger forslag til nye takster for aflastningspladserne på Fjordhuset for 2013.",
      ],
      [
        "Baggrund",
        "sagsfremstilling",
        "Taksterne blev sidst fastsat i 2011. Belægningen er steget, og udgiften pr. døgn er faldet.",
      ],
      [
        "Sagsfremstilling",
        "sagsfremstilling",
        "Forvaltningen foreslår, at taksten for et døgn sænkes fra 312 kr. til 287 kr.\nDen lavere takst gælder fra 1. januar 2013.",
      ],
      ["Økonomi", "okonomi", "Forslaget er udgiftsneutralt for kommunen."],
      ["Indstilling", "indstilling", "Direktøren indstiller, at taksterne godkendes."],
      [
        "Social- og Sundhedsudvalgets beslutning den 06.11.2012",
        "tidligere-beslutning",
        "Sagen blev udsat til næste møde.",
      ],
      [
        "Social- og Sundhedsudvalgets beslutning den 04.12.2012",
        "beslutning",
        "Godkendt.\nBirthe Holm (V) deltog ikke i behandlingen.",
      ],
      ["Bilag", "bilag", "Takstberegning for Fjordhuset 2013"],
    ]);
  });

  it("reads a proposal as indstilling and the decision of the day as the decision", async () => {
    const item = (await readEdoc()).meeting.items[2];
    expect(item?.sections.map((section) => [section.heading, section.kind])).toEqual([
      ["Sammendrag", "resume"],
      ["Forslag til beslutning", "indstilling"],
      ["Social- og Sundhedsudvalgets beslutning den 04.12.2012", "beslutning"],
    ]);
  });

  it("reads nothing of a closed agenda's item or of an attachment that must not be published", async () => {
    const { meeting } = await readEdoc();
    expect(meeting.items[3]?.sections).toEqual([]);
    const everything = JSON.stringify(meeting);
    expect(everything).not.toContain("klaget");
    expect(everything).not.toContain("økonomiske forhold");
  });

  it("rejects an eDoc meeting without its committee", async () => {
    const file = await edocFixture();
    const text = new TextDecoder()
      .decode(file.bytes)
      .replace("<Committee>Social- og Sundhedsudvalget</Committee>", "");
    const error = await readError(edocReader.read(fromText(file.path, text), alone));
    expect(error.code).toBe("minutes_unreadable");
    expect(error.message).toContain("Meeting.Committee");
  });
});
