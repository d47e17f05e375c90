import { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { blocksToLines } from "../blocks.ts";
import { joinText, toLines } from "../lines.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import {
  attachmentSection,
  blockSections,
  cleanBodyName,
  duplicateNumbers,
  lineSections,
  nonEmpty,
  parseFields,
  plainToText,
  readItemNumber,
  readStampedDateTime,
  withDecisionHistory,
} from "./structured-sections.ts";
import type { ItemDraft, MeetingDraft, Reader, SectionDraft } from "./types.ts";
import { hasExtension, sniffText } from "./xml-source.ts";

/**
 * FirstAgenda Publication (dagsordener.greve.dk and other municipalities): the response of
 * `/api/agenda/dagsorden/{id}`. `Udvalg.Navn` is the body, `Moede` the meeting (`Dato` with its
 * UTC offset, `Sted`, `Afsluttet`), and `Dagsordenpunkter[]` the items: `Punktnummer`, `Navn`,
 * `SagsNummer` and the item's HTML in `Felter[].Html`, with `Bilag[]` naming its attachments.
 *
 * What the fields do not say plainly:
 * - `IsOpen` is false for every item, open or closed. A closed item's `Navn` starts "Lukket:".
 *   The publication is public, and what it holds of a closed item is the decision the body
 *   chose to publish, as bare text: it is kept, as a section "Beslutning".
 * - `Moede.Navn` says "Dagsorden" for minutes too. The document is a referat when the meeting
 *   is concluded (`Afsluttet`) and its open items carry decisions, else a dagsorden.
 * - The HTML puts the decision first (`<h3>Beslutning</h3>`), then `<h3>Fremstilling</h3>`, a
 *   wrapper over the case's own headings (Sagsprocedure, Resume, Indstilling, …); heading levels
 *   vary between bodies and years, so every marked heading opens a section.
 */

const nullableText = z.string().nullish();

const item = z.object({
  Punktnummer: z.union([z.string(), z.number()]).nullish(),
  Number: z.union([z.string(), z.number()]).nullish(),
  Sorting: z.number().nullish(),
  Navn: nullableText,
  Caption: nullableText,
  SagsNummer: nullableText,
  CaseNumber: nullableText,
  Felter: z.array(z.object({ Html: nullableText, Tekst: nullableText })).nullish(),
  Bilag: z.array(z.object({ Navn: nullableText })).nullish(),
});

const agenda = z.object({
  Dagsordenpunkter: z.array(item),
  Udvalg: z.object({ Navn: z.string().trim().min(1, "the body has no name") }),
  Moede: z.object({
    Dato: nullableText,
    MeetingBeginUtc: nullableText,
    Sted: nullableText,
    Afsluttet: z.boolean().nullish(),
    IsSupplementaryAgenda: z.boolean().nullish(),
  }),
  TillaegsDagsorden: z.boolean().nullish(),
});

type Item = z.infer<typeof item>;

const CLOSED_PREFIX = /^\s*lukket\s*:\s*/iu;

export const firstAgendaReader: Reader = {
  format: "firstagenda-json",
  accepts(file) {
    return hasExtension(file, ".json") && looksLikeFirstAgenda(sniffText(file.bytes, 65536));
  },
  async read(file) {
    let json: unknown;
    try {
      json = JSON.parse(
        new TextDecoder("utf-8", { fatal: true }).decode(file.bytes).replace(/^\uFEFF/u, ""),
      );
    } catch (error) {
      throw new AppError("minutes_unreadable", `${file.path}: not valid JSON`, { cause: error });
    }
    const { meeting, warnings } = readFirstAgendaMeeting(json, file.path);
    return { kind: "meeting", format: "firstagenda-json", meeting, warnings };
  },
};

/** A JSON object whose first bytes show FirstAgenda's keys (the item list, or the body and meeting). */
function looksLikeFirstAgenda(head: string): boolean {
  if (!head.trimStart().startsWith("{")) return false;
  return (
    head.includes('"Dagsordenpunkter"') || (head.includes('"Udvalg"') && head.includes('"Moede"'))
  );
}

/**
 * Reads a FirstAgenda agenda response (already parsed JSON) into a meeting draft; usable on an
 * API response directly. Throws `minutes_unreadable` naming the fields that are missing.
 */
export function readFirstAgendaMeeting(
  json: unknown,
  source = "FirstAgenda agenda",
): { meeting: MeetingDraft; warnings: string[] } {
  const parsed = parseFields(agenda, json, `${source}: the FirstAgenda agenda`);
  const warnings: string[] = [];
  const body = cleanBodyName(parsed.Udvalg.Navn);
  const stamped = readStampedDateTime(parsed.Moede.Dato ?? parsed.Moede.MeetingBeginUtc);
  if (stamped.date === null) warnings.push(`${source}: the meeting has no date (Moede.Dato)`);
  if (parsed.TillaegsDagsorden === true || parsed.Moede.IsSupplementaryAgenda === true) {
    warnings.push(`${source}: the agenda is a supplementary agenda (tillægsdagsorden)`);
  }

  const items = parsed.Dagsordenpunkter.map((raw, index) =>
    readItem(raw, `${source}: item ${index + 1}`),
  );
  for (const number of duplicateNumbers(items))
    warnings.push(`${source}: item number ${number} occurs twice`);
  const decided = items.some(
    (entry) => !entry.closed && entry.sections.some((section) => section.kind === "beslutning"),
  );

  const meeting: MeetingDraft = {
    body,
    organisation: null,
    date: stamped.date,
    time: stamped.time,
    location: nonEmpty(parsed.Moede.Sted),
    documentType: parsed.Moede.Afsluttet === true && decided ? "referat" : "dagsorden",
    items: withDecisionHistory(items, { date: stamped.date, body }),
  };
  return { meeting, warnings };
}

function readItem(raw: Item, position: string): ItemDraft {
  const number =
    readItemNumber(raw.Punktnummer) ?? readItemNumber(raw.Number) ?? readItemNumber(raw.Sorting);
  if (number === undefined)
    throw new AppError("minutes_unreadable", `${position} has no Punktnummer`);
  const name = (raw.Navn ?? raw.Caption ?? "").trim();
  if (name === "")
    throw new AppError("minutes_unreadable", `${position} (number ${number}) has no Navn`);
  const closed = CLOSED_PREFIX.test(name);
  const title = closed ? name.replace(CLOSED_PREFIX, "").trim() || "Lukket punkt" : name;
  const sections = itemSections(raw, closed);
  return {
    number,
    title,
    caseNumber: nonEmpty(raw.SagsNummer) ?? nonEmpty(raw.CaseNumber),
    closed,
    sections,
  };
}

function itemSections(raw: Item, closed: boolean): SectionDraft[] {
  const sections = (raw.Felter ?? []).flatMap((field) => {
    if (nonEmpty(field.Html) === null) {
      const text = plainToText(field.Tekst ?? "");
      if (text === "") return [];
      return closed ? [publishedDecision(text)] : lineSections(toLines(text));
    }
    const blocks = htmlToBlocks(field.Html ?? "");
    // A closed item's published decision is bare text, without a heading.
    if (closed && !blocks.some((block) => block.role === "heading")) {
      const text = joinText(blocksToLines(blocks));
      return /[\p{L}\p{N}]/u.test(text) ? [publishedDecision(text)] : [];
    }
    return blockSections(blocks);
  });
  const attachments = attachmentSection((raw.Bilag ?? []).map((attachment) => attachment.Navn));
  return attachments ? [...sections, attachments] : sections;
}

function publishedDecision(text: string): SectionDraft {
  return { heading: "Beslutning", kind: "beslutning", text };
}
