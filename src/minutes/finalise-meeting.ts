import { createHash } from "node:crypto";
import { AppError } from "../shared/errors.ts";
import { slugify } from "./anchors.ts";
import { findDate } from "./dates.ts";
import { rekindDecisionHistory } from "./decision-history.ts";
import { type Item, itemSchema, type Meeting, meetingSchema, type Section } from "./model.ts";
import type { DocumentType, ItemDraft, MeetingDraft, SourceFormat } from "./readers/types.ts";
import { withUniqueSlugs } from "./sections.ts";
import type { Sidecar } from "./sidecar.ts";

export interface FinaliseOptions {
  /** Path relative to the minutes folder. */
  sourceFile: string;
  format: SourceFormat;
  /** Metadata a person gave for this file; it wins over what the document says. */
  sidecar?: Sidecar;
  /** Warnings the reader and segmenter raised so far. */
  warnings?: readonly string[];
}

/**
 * A meeting draft from any reader → a valid Meeting: the sidecar's fields first, then the
 * document's, then the file name's; an id from body and date; unique section anchors. One item
 * that cannot be made valid is dropped with a warning, never the meeting. Throws AppError
 * `minutes_no_items` when no item is left.
 */
export function finaliseMeeting(draft: MeetingDraft, options: FinaliseOptions): Meeting {
  const warnings = [...(options.warnings ?? [])];
  const sidecar = options.sidecar ?? {};
  const body = sidecar.body ?? draft.body ?? bodyFromFileName(options.sourceFile);
  const date = sidecar.date ?? draft.date ?? dateFromFileName(options.sourceFile) ?? null;
  if (sidecar.date === undefined && draft.date === null) {
    warnings.push(
      date === null
        ? "no meeting date found in the document or its file name"
        : "no meeting date in the document; the date is taken from the file name",
    );
  }
  const items: Item[] = [];
  const history = { meetingDate: date, body };
  draft.items.forEach((draftItem, position) => {
    const item = finaliseItem(
      { ...draftItem, sections: rekindDecisionHistory(draftItem.sections, history) },
      position,
    );
    if (item.title === UNTITLED(item.number) && draftItem.title.trim() !== "") {
      warnings.push(
        `item ${draftItem.number} has no title of its own ("${draftItem.title.trim()}" is a time slot); it is called "${item.title}"`,
      );
    }
    const checked = itemSchema.safeParse(item);
    if (checked.success) items.push(checked.data);
    else warnings.push(`item ${draftItem.number} left out: ${describeIssue(checked.error)}`);
  });
  if (items.length === 0) throw new AppError("minutes_no_items", "no readable agenda items");

  const meeting = meetingSchema.safeParse({
    id: meetingId(body, date, options.sourceFile),
    body,
    organisation: sidecar.municipality ?? draft.organisation,
    date,
    time: draft.time,
    location: draft.location,
    documentType:
      sidecar.documentType ?? draft.documentType ?? documentTypeFromName(options.sourceFile),
    sourceFile: options.sourceFile,
    format: options.format,
    sourceUrl: sidecar.sourceUrl ?? null,
    visibility: sidecar.visibility ?? "public",
    audiences: sidecar.audiences ?? [],
    warnings,
    items,
  } satisfies Meeting);
  if (!meeting.success) {
    throw new AppError(
      "minutes_unreadable",
      `the meeting is invalid: ${describeIssue(meeting.error)}`,
    );
  }
  return meeting.data;
}

/** "udsatteraadet-2019-09-18"; a meeting without a date gets a stable id from its file instead. */
function meetingId(body: string, date: string | null, sourceFile: string): string {
  if (date !== null) return `${slugify(body)}-${date}`;
  const fileHash = createHash("sha256").update(sourceFile).digest("hex").slice(0, 8);
  return `${slugify(body)}-udateret-${fileHash}`;
}

/** Items with no title of their own (a time slot, a page that lost its headings) keep their number as their name. */
const UNTITLED = (number: number) => `Punkt ${number}`;
/** "10.00-10.30", "kl. 10:00 – 10:30", "(kl. 9.00)": when the item is taken, not what it is about. */
const TIME_SLOT_ONLY =
  /^\(?(?:kl\.?\s*)?\d{1,2}[.:]\d{2}(?:\s*[-–]\s*(?:kl\.?\s*)?\d{1,2}[.:]\d{2})?\)?$/iu;

function ownTitle(title: string, number: number): string {
  const spaced = title.replace(/\s+/gu, " ").trim();
  return spaced === "" || TIME_SLOT_ONLY.test(spaced) ? UNTITLED(number) : spaced;
}

function finaliseItem(draft: ItemDraft, position: number): Item {
  const lineStart = draft.lineStart ?? position + 1;
  const item: Item = {
    number: draft.number,
    title: ownTitle(draft.title, draft.number),
    caseNumber: draft.caseNumber,
    closed: draft.closed,
    sections: withUniqueSlugs(
      draft.sections.map((section, index) => {
        const finished: Omit<Section, "slug"> & { baseSlug: string } = {
          heading: section.heading,
          kind: section.kind,
          baseSlug: section.slug ?? (slugify(section.heading) || "afsnit"),
          text: section.text,
          lineStart: section.lineStart ?? lineStart + index,
          lineEnd: section.lineEnd ?? section.lineStart ?? lineStart + index,
        };
        if (section.page !== undefined) finished.page = section.page;
        return finished;
      }),
    ),
    lineStart,
    lineEnd: Math.max(lineStart, draft.lineEnd ?? lineStart),
  };
  if (draft.page !== undefined) item.page = draft.page;
  return item;
}

/** "randers_udsatteraadet_2019-09-18.txt" → "udsatteraadet": a last resort when no header names the body. */
export function bodyFromFileName(sourceFile: string): string {
  const stem = baseName(sourceFile).replace(/\.[^.]+$/u, "");
  const parts = stem
    .split(/[_\s]+/u)
    .filter((part) => part !== "" && !/\d{4}-\d{2}-\d{2}/u.test(part));
  return parts.at(-1) ?? (stem || "Ukendt");
}

/** "…_dagsorden_2024-05-01.pdf" / "Referat PUK.pdf": what a file name says about the document. */
function documentTypeFromName(sourceFile: string): DocumentType | null {
  const name = baseName(sourceFile).toLowerCase();
  if (/(?:^|[^a-zæøå])(?:referat|beslutningsprotokol)/u.test(name)) return "referat";
  if (/(?:^|[^a-zæøå])dagsorden/u.test(name)) return "dagsorden";
  return null;
}

/** "Greve_Byraad_2022-09-05.json" → 2022-09-05 (underscores are word characters to a regex, so they go first). */
function dateFromFileName(sourceFile: string): string | undefined {
  return findDate(baseName(sourceFile).replace(/_+/gu, " "))?.iso;
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/u, "");
}

/** The first problem zod found, as a short phrase ("date: expected YYYY-MM-DD"), never zod's JSON. */
function describeIssue(error: {
  issues: readonly { path: PropertyKey[]; message: string }[];
}): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : "";
  return `${issue.path.map(String).join(".") || "item"}: ${issue.message}${more}`;
}
