import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import {
  attachmentSection,
  cleanBodyName,
  duplicateNumbers,
  fieldSection,
  htmlToText,
  nonEmpty,
  parseFields,
  plainToText,
  readItemNumber,
  readStampedDateTime,
  withDecisionHistory,
} from "./structured-sections.ts";
import type {
  DocumentType,
  ItemDraft,
  MeetingDraft,
  Reader,
  ReadResult,
  SectionDraft,
} from "./types.ts";
import { decodeXml, hasExtension, parseXml, sniffXmlRoot } from "./xml-source.ts";

/**
 * eDagsorden publication XML (Region Hovedstaden; read by OS2web's `os2web_sbsys_esdh`):
 * `<Publication><Agendas><Agenda>` with the `Meeting` (When, Where), the `Committee` (Name) and
 * `Items/Item`: `Number`, `Caption`, `IsPublic`, `Case/Number` and `Fields/ItemField`s, each a
 * capitalised `Caption` over HTML (or, for `Multiline` fields, plain) `Content`. Field meanings
 * follow OS2web's importer: `PublicationTypeAsValue` 0 is a draft (Kladde), 1 the agenda, 2 the
 * minutes; an item whose `IsPublic` is not "True" is closed; a field whose `HasContent` is "False"
 * holds nothing. An empty decision field may read "Tomt indhold": that too is nothing.
 *
 * An export carries every field of a closed item for the politicians' portal; none of it is
 * read, only the item's number and caption.
 */

const REPEATED = ["Agenda", "Item", "ItemField", "Enclosure"];

const text = z.string().optional();

const itemField = z.object({
  Caption: text,
  Content: text,
  HasContent: text,
  FieldTypeAsEnum: text,
});

const item = z.object({
  Number: z.string().optional(),
  Caption: z.string().optional(),
  IsPublic: text,
  Case: z.union([z.object({ Number: text }), z.string()]).optional(),
  ItemCaseNumber: text,
  Fields: z.union([z.object({ ItemField: z.array(itemField).optional() }), z.string()]).optional(),
  Enclosures: z
    .union([
      z.object({ Enclosure: z.array(z.object({ Name: text, IsProtected: text })).optional() }),
      z.string(),
    ])
    .optional(),
});

const publication = z.object({
  Publication: z.object({
    PublicationTypeAsValue: text,
    PublicationTypeAsEnum: text,
    Agendas: z.object({
      Agenda: z
        .array(
          z.object({
            Meeting: z.union([z.object({ When: text, Where: text }), z.string()]).optional(),
            Committee: z.union([z.object({ Name: text }), z.string()]).optional(),
            Items: z.union([z.object({ Item: z.array(item).optional() }), z.string()]).optional(),
          }),
        )
        .min(1, "no Agenda"),
    }),
  }),
});

type Item = z.infer<typeof item>;

export const edagsordenReader: Reader = {
  format: "edagsorden-xml",
  accepts(file) {
    return hasExtension(file, ".xml") && sniffXmlRoot(file.bytes)?.root === "Publication";
  },
  async read(file) {
    return readEdagsordenPublication(decodeXml(file.bytes, file.path), file.path);
  },
};

export function readEdagsordenPublication(xml: string, path: string): ReadResult {
  const parsed = parseFields(
    publication,
    parseXml(xml, path, { repeated: REPEATED }),
    `${path}: the eDagsorden publication`,
  ).Publication;
  const warnings: string[] = [];
  const agendas = parsed.Agendas.Agenda;
  const [first] = agendas;
  const meeting = typeof first?.Meeting === "object" ? first.Meeting : {};
  const committee = typeof first?.Committee === "object" ? first.Committee : {};
  const stamped = readStampedDateTime(meeting.When);
  const body = cleanBodyName(committee.Name ?? "");
  if (body === null)
    throw new AppError("minutes_unreadable", `${path}: the agenda names no committee`);
  if (stamped.date === null) warnings.push(`${path}: the meeting has no date (When)`);

  const documentType = publicationType(parsed.PublicationTypeAsValue, parsed.PublicationTypeAsEnum);
  if (documentType === null) warnings.push(`${path}: unknown publication type`);

  // OS2web merges the items of every agenda in a publication into one meeting; so do we.
  const items = agendas
    .flatMap((agenda) => (typeof agenda.Items === "object" ? (agenda.Items.Item ?? []) : []))
    .map((raw, index) => readItem(raw, `${path}: item ${index + 1}`));
  for (const number of duplicateNumbers(items))
    warnings.push(`${path}: item number ${number} occurs twice`);

  const draft: MeetingDraft = {
    body,
    organisation: null,
    date: stamped.date,
    time: stamped.time,
    location: nonEmpty(meeting.Where),
    documentType,
    items: withDecisionHistory(items, { date: stamped.date, body }),
  };
  return { kind: "meeting", format: "edagsorden-xml", meeting: draft, warnings };
}

/** 0 Draft (Kladde) and 1 are the agenda, 2 the minutes (OS2web's `PublicationTypeAsValue`). */
function publicationType(value: string | undefined, name: string | undefined): DocumentType | null {
  const code = value?.trim();
  if (code === "0" || code === "1") return "dagsorden";
  if (code === "2") return "referat";
  if (/minutes|referat/iu.test(name ?? "")) return "referat";
  if (/draft|final|agenda|dagsorden|kladde/iu.test(name ?? "")) return "dagsorden";
  return null;
}

function readItem(raw: Item, position: string): ItemDraft {
  const number = readItemNumber(raw.Number);
  if (number === undefined) throw new AppError("minutes_unreadable", `${position} has no Number`);
  const title = raw.Caption?.trim();
  if (!title)
    throw new AppError("minutes_unreadable", `${position} (number ${number}) has no Caption`);
  const closed = raw.IsPublic?.trim().toLowerCase() !== "true";
  const caseNumber =
    nonEmpty(typeof raw.Case === "object" ? raw.Case.Number : undefined) ??
    nonEmpty(raw.ItemCaseNumber);
  return { number, title, caseNumber, closed, sections: closed ? [] : itemSections(raw) };
}

function itemSections(raw: Item): SectionDraft[] {
  const fields = typeof raw.Fields === "object" ? (raw.Fields.ItemField ?? []) : [];
  const sections = fields.flatMap((field) => {
    if (field.HasContent?.trim().toLowerCase() === "false") return [];
    const content = field.Content ?? "";
    const isHtml = field.FieldTypeAsEnum?.trim() === "Html" || /<\/?[a-z][^>]*>/iu.test(content);
    const text = isHtml ? htmlToText(content) : plainToText(content);
    if (/^tomt indhold\.?$/iu.test(text.trim())) return [];
    const section = fieldSection(field.Caption ?? "", text);
    return section ? [section] : [];
  });
  const enclosures = typeof raw.Enclosures === "object" ? (raw.Enclosures.Enclosure ?? []) : [];
  const attachments = attachmentSection(
    enclosures
      .filter((enclosure) => enclosure.IsProtected?.trim().toLowerCase() !== "true")
      .map((enclosure) => enclosure.Name),
  );
  return attachments ? [...sections, attachments] : sections;
}
