import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { readCaseNumber } from "../case-numbers.ts";
import { unglueHeadings } from "./glued-headings.ts";
import {
  attachmentSection,
  cleanBodyName,
  duplicateNumbers,
  lineSections,
  nonEmpty,
  normaliseCaption,
  parseFields,
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
import { decodeXml, hasExtension, parseXml, sniffText, sniffXmlRoot } from "./xml-source.ts";

/**
 * eDoc agenda publishing XML (`eDocAgendaPublishing.xml`, read by OS2web's `os2web_edoc_esdh`
 * and `os2web_meetings_edoc`): `<Meeting>` with `Committee`, `MeetingDate`, `MeetingState` and
 * `MeetingAgendaTypes/MeetingAgendaType`s, one per agenda ("Åben dagsorden", "Lukket
 * dagsorden"), each with `MeetingAgendaItems/MeetingAgendaItem`s: `AgendaItemNumber`, a
 * `Document` (`Title`, older exports `NeutralTitle`; `PublishingType`; `Attachments/Attachment`)
 * and the item's whole text flattened into `FullText`, headings glued to their text.
 *
 * Field meanings follow OS2web's importers: an agenda type containing "lukket" is closed, and
 * so is an item whose `PublishingType` is other than "SKAL PUBLICERES"; a `MeetingState` of
 * "Referat endeligt godkendt" is the minutes, anything else the agenda. A closed item's text is
 * not read (OS2web imports none of it), only its number and title.
 */

const REPEATED = ["MeetingAgendaType", "MeetingAgendaItem", "Attachment"];
const PUBLISHED = "SKAL PUBLICERES";

const text = z.string().optional();

const attachment = z.object({ Title: text, NeutralTitle: text, PublishingType: text });

const documentFields = z.object({
  Title: text,
  NeutralTitle: text,
  PublishingType: text,
  Case: text,
  CaseNumber: text,
  Attachments: z
    .union([z.object({ Attachment: z.array(attachment).optional() }), z.string()])
    .optional(),
});

const agendaItem = z.object({
  AgendaItemNumber: text,
  FullText: text,
  Case: text,
  CaseNumber: text,
  Document: z.union([documentFields, z.string()]).optional(),
});

const meetingDocument = z.object({
  Meeting: z.object({
    Committee: z.string().trim().min(1, "the meeting names no committee"),
    MeetingDate: text,
    MeetingState: text,
    MeetingAgendaTypes: z.object({
      MeetingAgendaType: z
        .array(
          z.object({
            AgendaType: text,
            MeetingAgendaItems: z
              .union([z.object({ MeetingAgendaItem: z.array(agendaItem).optional() }), z.string()])
              .optional(),
          }),
        )
        .min(1, "no MeetingAgendaType"),
    }),
  }),
});

type AgendaItem = z.infer<typeof agendaItem>;

export const edocReader: Reader = {
  format: "edoc-xml",
  accepts(file) {
    if (!hasExtension(file, ".xml") || sniffXmlRoot(file.bytes)?.root !== "Meeting") return false;
    return /<(?:MeetingAgendaTypes|MeetingDate|Committee)[\s>]/u.test(sniffText(file.bytes, 65536));
  },
  async read(file) {
    return readEdocMeeting(decodeXml(file.bytes, file.path), file.path);
  },
};

export function readEdocMeeting(xml: string, path: string): ReadResult {
  const meeting = parseFields(
    meetingDocument,
    parseXml(xml, path, { repeated: REPEATED }),
    `${path}: the eDoc meeting`,
  ).Meeting;
  const warnings: string[] = [];
  const body = cleanBodyName(meeting.Committee);
  const stamped = readStampedDateTime(meeting.MeetingDate);
  if (stamped.date === null) warnings.push(`${path}: the meeting has no date (MeetingDate)`);

  const items = meeting.MeetingAgendaTypes.MeetingAgendaType.flatMap((agenda) => {
    const closedAgenda = /lukket/iu.test(agenda.AgendaType ?? "");
    const entries =
      typeof agenda.MeetingAgendaItems === "object"
        ? (agenda.MeetingAgendaItems.MeetingAgendaItem ?? [])
        : [];
    return entries.map((entry, index) =>
      readItem(entry, closedAgenda, `${path}: ${agenda.AgendaType ?? "agenda"}, item ${index + 1}`),
    );
  }).sort((a, b) => a.number - b.number);
  for (const number of duplicateNumbers(items))
    warnings.push(`${path}: item number ${number} occurs twice`);

  const draft: MeetingDraft = {
    body,
    organisation: null,
    date: stamped.date,
    time: stamped.time,
    location: null,
    documentType: meetingType(meeting.MeetingState),
    items: withDecisionHistory(items, { date: stamped.date, body }),
  };
  return { kind: "meeting", format: "edoc-xml", meeting: draft, warnings };
}

function meetingType(state: string | undefined): DocumentType | null {
  if (state === undefined || state.trim() === "") return null;
  return /referat/iu.test(state) ? "referat" : "dagsorden";
}

function readItem(entry: AgendaItem, closedAgenda: boolean, position: string): ItemDraft {
  const number = readItemNumber(entry.AgendaItemNumber);
  if (number === undefined)
    throw new AppError("minutes_unreadable", `${position} has no AgendaItemNumber`);
  const document = typeof entry.Document === "object" ? entry.Document : {};
  const title = normaliseCaption(document.Title ?? document.NeutralTitle ?? "");
  if (title === "")
    throw new AppError(
      "minutes_unreadable",
      `${position} (number ${number}) has no Document/Title`,
    );
  const publishing = document.PublishingType?.trim();
  const closed =
    closedAgenda || (publishing !== undefined && publishing !== "" && publishing !== PUBLISHED);
  const declaredCase = [entry.CaseNumber, entry.Case, document.CaseNumber, document.Case]
    .map((value) => (value ? (readCaseNumber(value) ?? nonEmpty(value)) : null))
    .find((value) => value !== null);
  if (closed) return { number, title, caseNumber: declaredCase ?? null, closed, sections: [] };
  const { lines, caseNumber } = unglueHeadings(withoutTitleLine(entry.FullText ?? "", title));
  const sections: SectionDraft[] = lineSections(lines);
  const attachments = attachmentSection(
    (typeof document.Attachments === "object" ? (document.Attachments.Attachment ?? []) : [])
      .filter((item) => !item.PublishingType?.trim() || item.PublishingType.trim() === PUBLISHED)
      .map((item) => item.Title ?? item.NeutralTitle),
  );
  return {
    number,
    title,
    caseNumber: declaredCase ?? caseNumber,
    closed,
    sections: attachments ? [...sections, attachments] : sections,
  };
}

/** The full text may open with the item's own title ("2. Takster for aflastning 2013"); that line is no section. */
function withoutTitleLine(fullText: string, title: string): string {
  const lines = fullText.trim().split(/\r?\n/u);
  const first = normaliseCaption(lines[0] ?? "").toLowerCase();
  const withoutNumber = first.replace(/^(?:punkt\s+)?\d+\s*[.:)]?\s*/u, "");
  const isTitle = first === title.toLowerCase() || withoutNumber === title.toLowerCase();
  return (isTitle ? lines.slice(1) : lines).join("\n");
}
