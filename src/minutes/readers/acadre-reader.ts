import { posix } from "node:path";
import { z } from "zod";
import { AppError, isAppError } from "../../shared/errors.ts";
import {
  attachmentSection,
  cleanBodyName,
  duplicateNumbers,
  fieldSection,
  htmlToText,
  nonEmpty,
  parseFields,
  readItemNumber,
  readStampedDateTime,
  withDecisionHistory,
} from "./structured-sections.ts";
import type {
  DocumentType,
  ItemDraft,
  MeetingDraft,
  ReadContext,
  Reader,
  ReadResult,
  SectionDraft,
  SourceDocument,
} from "./types.ts";
import { decodeXml, hasExtension, parseXml, sniffXmlRoot } from "./xml-source.ts";

/**
 * Acadre (Syddjurs and others, published through OS2dagsorden's `os2web_acadre_esdh`). Two
 * files: the agenda XML (`<root><table name="agenda">…`) holds the meeting, its items
 * (`agendaitemparents` → `agendaitem`) and each item's `bullet` sections; the publishing
 * manifest (`XML_<agenda sysid>.xml`, `<root><org>…<table name="producedAgenda">`) lists the
 * documents produced from that agenda (dagsorden, referat), each with its type, access and
 * publish flag. Field meanings follow OS2web's importer (`plugins/mm/acadre.inc`): the item
 * number is the parent's `sort`, `accessname` "Lukket" closes an item, bullets are ordered by
 * `bulletsortorder` and an empty bullet is no section, producedAgenda `type` 1 is a dagsorden and
 * 2 a referat, and an agenda whose name contains "tillæg" is an addendum.
 *
 * The manifest is a companion, not minutes. The agenda reader looks for it among the file's
 * siblings (same agenda sysid) and takes from the produced agenda that is this file (by its XML
 * file name or fusion id, else by its production time, else the one produced agenda of the
 * agenda's own type) what the agenda XML does not say: the document type as the system
 * classifies it, whether the produced document is closed (then every item is closed) and
 * whether it was published; the committee and meeting date fill gaps only.
 */

const REPEATED = ["table", "fields", "field"];

interface AcadreTable {
  name: string | undefined;
  /** The `<field>` elements of each `<fields>` element, their attributes as `@_name` keys and text as `#text`. */
  records: Record<string, string>[][];
  tables: AcadreTable[];
}

interface RawTable {
  "@_name"?: string | undefined;
  fields?: (string | { field?: Record<string, string>[] | undefined })[] | undefined;
  table?: (RawTable | string)[] | undefined;
}

const rawTable: z.ZodType<RawTable> = z.lazy(() =>
  z.object({
    "@_name": z.string().optional(),
    fields: z
      .array(
        z.union([
          z.string(),
          z.object({ field: z.array(z.record(z.string(), z.string())).optional() }),
        ]),
      )
      .optional(),
    table: z.array(z.union([rawTable, z.string()])).optional(),
  }),
);

const acadreDocument = z.object({
  root: z.object({ table: z.array(z.union([rawTable, z.string()])).optional() }),
});

export const acadreReader: Reader = {
  format: "acadre-xml",
  accepts(file) {
    return hasExtension(file, ".xml") && acadreKind(file.bytes) !== undefined;
  },
  async read(file, context) {
    const kind = acadreKind(file.bytes);
    const text = decodeXml(file.bytes, file.path);
    if (kind === "manifest") {
      const manifest = readAcadreManifest(text, file.path);
      const files = manifest.produced.map((produced) => produced.xmlFileName).filter(Boolean);
      const agenda = `Acadre agenda ${manifest.agendaSysid ?? "(no sysid)"}`;
      return {
        kind: "companion",
        format: "acadre-xml",
        describes: files.length > 0 ? `${agenda} (${files.join(", ")})` : agenda,
      };
    }
    const { manifests, warnings } = await siblingManifests(file, context);
    const result = readAcadreAgenda(text, file.path, manifests);
    return result.kind === "meeting"
      ? { ...result, warnings: [...warnings, ...result.warnings] }
      : result;
  },
};

function acadreKind(bytes: Uint8Array): "agenda" | "manifest" | undefined {
  const root = sniffXmlRoot(bytes);
  if (root?.root !== "root") return undefined;
  if (/^<table\s+name\s*=\s*["']agenda["']/iu.test(root.firstChild)) return "agenda";
  if (/^<org[\s>]/iu.test(root.firstChild)) return "manifest";
  return undefined;
}

/** One document produced from an agenda, as the manifest lists it. */
export interface ProducedAgenda {
  sysid: string | null;
  xmlFileName: string | null;
  xmlFusionId: string | null;
  /** 1 = dagsorden, 2 = referat (OS2web's reading); anything else is unknown. */
  documentType: DocumentType | null;
  /** "Åben", "Lukket" … as written. */
  access: string | null;
  closed: boolean;
  published: boolean | null;
  createdDate: string | null;
}

export interface AcadreManifest {
  path: string;
  agendaSysid: string | null;
  committee: string | null;
  meetingDate: string | null;
  produced: ProducedAgenda[];
}

export function readAcadreManifest(text: string, path: string): AcadreManifest {
  const tables = readTables(text, path);
  const attributes = (name: string) =>
    attributeFields(findTables(tables, name)[0]?.records.flat() ?? []);
  const committee = attributes("committee");
  const agenda = attributes("agenda");
  const meeting = attributes("meeting");
  const produced = findTables(tables, "producedAgenda").flatMap((table) =>
    table.records.map((fields) => toProducedAgenda(attributeFields(fields))),
  );
  return {
    path,
    agendaSysid: nonEmpty(agenda.sysid),
    committee: nonEmpty(committee.name),
    meetingDate: nonEmpty(meeting.date),
    produced,
  };
}

function toProducedAgenda(record: Record<string, string>): ProducedAgenda {
  const type = record.type?.trim();
  const access = nonEmpty(record.access);
  const accessId = record.accessid?.trim();
  return {
    sysid: nonEmpty(record.sysid),
    xmlFileName: nonEmpty(record.xmlfilename),
    xmlFusionId: nonEmpty(record.xmlFusionID),
    documentType: type === "1" ? "dagsorden" : type === "2" ? "referat" : null,
    access,
    closed: /lukket/iu.test(access ?? "") || accessId === "2" || accessId === "3",
    published: record.publish === "1" ? true : record.publish === "0" ? false : null,
    createdDate: nonEmpty(record.createdDate),
  };
}

const agendaFields = z.object({
  sysid: z.string().optional(),
  name: z.string().optional(),
  producedate: z.string().optional(),
});
const itemFields = z.object({
  name: z.string().trim().min(1, "the item has no name"),
  caseno: z.string().optional(),
  accessname: z.string().optional(),
  access: z.string().optional(),
});
const bulletFields = z.object({
  bulletname: z.string().optional(),
  bulletcontent: z.string().optional(),
  bulletsortorder: z.string().optional(),
});

export function readAcadreAgenda(
  text: string,
  path: string,
  manifests: readonly AcadreManifest[] = [],
): ReadResult {
  const tables = readTables(text, path);
  const agendaTable = findTables(tables, "agenda")[0];
  if (!agendaTable) throw new AppError("minutes_unreadable", `${path}: no agenda table`);
  const agenda = parseFields(agendaFields, namedFields(agendaTable), `${path}: the agenda`);
  const committee = namedFields(findTables([agendaTable], "committee")[0]);
  const meeting = namedFields(findTables([agendaTable], "meeting")[0]);
  const warnings: string[] = [];

  const produced = matchManifest(manifests, agenda, path, warnings);
  const stamped = readStampedDateTime(meeting.date ?? produced?.manifest.meetingDate);
  const body = cleanBodyName(committee.name ?? produced?.manifest.committee ?? "");
  const agendaName = agenda.name?.trim() ?? "";
  if (/tillæg/iu.test(agendaName)) warnings.push(`${path}: the agenda is an addendum (tillæg)`);
  const documentType = produced?.entry.documentType ?? documentTypeFromName(agendaName);
  if (documentType === null)
    warnings.push(`${path}: the agenda name does not say dagsorden or referat`);

  const allClosed = produced?.entry.closed === true;
  if (allClosed)
    warnings.push(`${path}: the manifest marks this document closed; every item is read as closed`);
  if (produced?.entry.published === false) {
    warnings.push(`${path}: the manifest marks this document as not published`);
  }

  const items = findTables([agendaTable], "agendaitemparents").map((parent, index) =>
    readItem(parent, index, path, allClosed),
  );
  for (const number of duplicateNumbers(items))
    warnings.push(`${path}: item number ${number} occurs twice`);
  if (stamped.date === null) warnings.push(`${path}: the meeting table gives no date`);

  const draft: MeetingDraft = {
    body,
    organisation: null,
    date: stamped.date,
    time: stamped.time,
    location: nonEmpty(meeting.location) ?? addressAsLocation(meeting.address),
    documentType,
    items: withDecisionHistory(items, { date: stamped.date, body }),
  };
  return { kind: "meeting", format: "acadre-xml", meeting: draft, warnings };
}

function readItem(parent: AcadreTable, index: number, path: string, allClosed: boolean): ItemDraft {
  const position = `${path}: agenda item ${index + 1}`;
  const number = readItemNumber(namedFields(parent).sort);
  if (number === undefined) {
    throw new AppError("minutes_unreadable", `${position} has no number (agendaitemparents sort)`);
  }
  const itemTable = parent.tables.find((table) => table.name === "agendaitem");
  if (!itemTable) throw new AppError("minutes_unreadable", `${position} has no agendaitem table`);
  const fields = parseFields(itemFields, namedFields(itemTable), position);
  const closed = allClosed || isClosedAccess(fields.accessname, fields.access);
  return {
    number,
    title: fields.name.trim(),
    caseNumber: nonEmpty(fields.caseno),
    closed,
    // OS2web imports no bullets of a closed item: their text is not for publication.
    sections: closed ? [] : itemSections(itemTable, position),
  };
}

function itemSections(itemTable: AcadreTable, position: string): SectionDraft[] {
  const bullets = itemTable.tables
    .filter((table) => table.name === "bullet")
    .map((table, index) => {
      const bullet = parseFields(
        bulletFields,
        namedFields(table),
        `${position}, bullet ${index + 1}`,
      );
      return {
        bullet,
        order: readItemNumber(bullet.bulletsortorder) ?? Number.MAX_SAFE_INTEGER,
        index,
      };
    })
    .sort((a, b) => a.order - b.order || a.index - b.index);
  const sections = bullets.flatMap(({ bullet }) => {
    const section = fieldSection(bullet.bulletname ?? "", htmlToText(bullet.bulletcontent ?? ""));
    return section ? [section] : [];
  });
  const enclosures = itemTable.tables
    .filter((table) => table.name === "enclosure")
    .map((table) => namedFields(table))
    .filter((enclosure) => !isClosedAccess(enclosure.accessname, enclosure.access));
  // The printed minutes list an item's open enclosures under "Bilag" after its sections.
  const attachments = attachmentSection(enclosures.map((enclosure) => enclosure.name));
  return attachments
    ? [...sections.filter((section) => section.kind !== "bilag"), attachments]
    : sections;
}

/** Acadre access: 1 is open, 2 closed, 3 closed for personal data (OS2web's constants). */
function isClosedAccess(accessName: string | undefined, accessCode: string | undefined): boolean {
  if (accessName?.trim()) return /lukket/iu.test(accessName);
  const code = accessCode?.trim();
  return code === "2" || code === "3";
}

function documentTypeFromName(name: string): DocumentType | null {
  if (/referat/iu.test(name)) return "referat";
  if (/dagsorden/iu.test(name)) return "dagsorden";
  return null;
}

function addressAsLocation(address: string | undefined): string | null {
  const lines = htmlToText(address ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length > 0 ? lines.join(", ") : null;
}

/** The produced agenda in a matching manifest that is this file, if one can be told. */
function matchManifest(
  manifests: readonly AcadreManifest[],
  agenda: z.infer<typeof agendaFields>,
  path: string,
  warnings: string[],
): { manifest: AcadreManifest; entry: ProducedAgenda } | undefined {
  const sysid = agenda.sysid?.trim();
  if (!sysid) return undefined;
  const matching = manifests.filter((manifest) => manifest.agendaSysid === sysid);
  const [manifest, ...others] = matching;
  if (!manifest) return undefined;
  if (others.length > 0) {
    warnings.push(
      `${path}: ${matching.length} manifests describe agenda ${sysid}; using ${manifest.path}`,
    );
  }
  const entry = producedEntry(manifest.produced, agenda, path);
  if (!entry) {
    warnings.push(
      `${path}: manifest ${manifest.path} lists ${manifest.produced.length} produced documents and none can be told to be this file`,
    );
    return undefined;
  }
  return { manifest, entry };
}

function producedEntry(
  produced: readonly ProducedAgenda[],
  agenda: z.infer<typeof agendaFields>,
  path: string,
): ProducedAgenda | undefined {
  const fileName = posix.basename(path).toLowerCase();
  const stem = fileName.replace(/\.[^.]+$/u, "");
  const byName = produced.find(
    (entry) => entry.xmlFileName?.toLowerCase() === fileName || entry.xmlFusionId === stem,
  );
  if (byName) return byName;
  const produceDate = agenda.producedate?.trim();
  const byTime = produced.filter((entry) => produceDate && entry.createdDate === produceDate);
  if (byTime.length === 1) return byTime[0];
  const ownType = documentTypeFromName(agenda.name ?? "");
  const byType = produced.filter((entry) => ownType !== null && entry.documentType === ownType);
  return byType.length === 1 ? byType[0] : undefined;
}

async function siblingManifests(
  file: SourceDocument,
  context: ReadContext,
): Promise<{ manifests: AcadreManifest[]; warnings: string[] }> {
  const manifests: AcadreManifest[] = [];
  const warnings: string[] = [];
  for (const sibling of await context.siblings()) {
    if (sibling.path === file.path || !hasExtension(sibling, ".xml")) continue;
    if (acadreKind(sibling.bytes) !== "manifest") continue;
    try {
      manifests.push(readAcadreManifest(decodeXml(sibling.bytes, sibling.path), sibling.path));
    } catch (error) {
      // A broken manifest beside the agenda does not make the agenda unreadable.
      if (!isAppError(error)) throw error;
      warnings.push(`${file.path}: manifest ${sibling.path} was not read (${error.message})`);
    }
  }
  manifests.sort((a, b) => a.path.localeCompare(b.path));
  return { manifests, warnings };
}

function readTables(text: string, path: string): AcadreTable[] {
  const parsed = parseFields(
    acadreDocument,
    parseXml(text, path, { repeated: REPEATED, attributes: true }),
    `${path}: the Acadre XML`,
  );
  return (parsed.root.table ?? []).flatMap(toTable);
}

function toTable(raw: RawTable | string): AcadreTable[] {
  if (typeof raw === "string") return [];
  return [
    {
      name: raw["@_name"],
      records: (raw.fields ?? []).map((fields) =>
        typeof fields === "string" ? [] : (fields.field ?? []),
      ),
      tables: (raw.table ?? []).flatMap(toTable),
    },
  ];
}

/** Agenda XML: `<field name="sysid">1863</field>` → { sysid: "1863" }, all `<fields>` merged. */
function namedFields(table: AcadreTable | undefined): Record<string, string> {
  const entries = (table?.records ?? []).flat().flatMap((field) => {
    const name = field["@_name"];
    return name === undefined ? [] : [[name, field["#text"] ?? ""] as const];
  });
  return Object.fromEntries(entries);
}

/** Manifest: `<field sysid="1863"></field>` → { sysid: "1863" }, for one `<fields>` element. */
function attributeFields(fields: readonly Record<string, string>[]): Record<string, string> {
  const entries = fields.flatMap((field) =>
    Object.entries(field).flatMap(([key, value]) =>
      key.startsWith("@_") ? [[key.slice(2), value] as const] : [],
    ),
  );
  return Object.fromEntries(entries);
}

/** Tables with this name at any depth, in document order. */
function findTables(tables: readonly AcadreTable[], name: string): AcadreTable[] {
  return tables.flatMap((table) => [
    ...(table.name === name ? [table] : []),
    ...findTables(table.tables, name),
  ]);
}
