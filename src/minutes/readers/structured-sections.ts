import type { z } from "zod";
import { AppError } from "../../shared/errors.ts";
import { type Block, blocksToLines } from "../blocks.ts";
import { findDate } from "../dates.ts";
import { separateDecisionHistory } from "../decision-history.ts";
import { explicitHeadingKind } from "../headings.ts";
import { joinText, type Line } from "../lines.ts";
import { splitSections, UNHEADED_SECTION } from "../sections.ts";
import { htmlToBlocks } from "./html-blocks.ts";
import type { ItemDraft, SectionDraft } from "./types.ts";

/**
 * What the readers of agenda-system XML and JSON share: turning a field's HTML into section
 * text, naming a field's kind from its caption, the attachment list, the body's name, dates
 * as the systems stamp them, and the final pass that tells this meeting's decision from history.
 */

/** A field's HTML as section text: one line per block, a blank line between paragraphs. */
export function htmlToText(html: string): string {
  return joinText(blocksToLines(htmlToBlocks(html)));
}

/** Plain text as section text: lines trimmed, runs of blank lines kept as one. */
export function plainToText(text: string): string {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.replace(/\s+/gu, " ").trim();
    if (line === "" && (lines.length === 0 || lines.at(-1) === "")) continue;
    lines.push(line);
  }
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}

/** One field that is one section: its caption is the heading. Undefined when the field is empty. */
export function fieldSection(caption: string, text: string): SectionDraft | undefined {
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  const heading = normaliseCaption(caption);
  return { heading, kind: explicitHeadingKind(heading), text };
}

export function normaliseCaption(caption: string): string {
  return caption.replace(/\s+/gu, " ").trim();
}

/**
 * Blocks (a field's HTML) that hold several sections. Where the HTML marks its headings (h1–h6),
 * each heading opens a section, whatever its level (exports mix levels freely); a heading with
 * nothing under it before the next one is a wrapper ("Fremstilling") or empty, and is left out.
 * Without marked headings, the lines go through the text segmenter's `splitSections`.
 */
export function blockSections(blocks: readonly Block[]): SectionDraft[] {
  if (!blocks.some((block) => block.role === "heading")) return lineSections(blocksToLines(blocks));
  const open: { heading: string; blocks: Block[] }[] = [];
  const preamble: Block[] = [];
  for (const block of blocks) {
    if (block.role === "heading") open.push({ heading: normaliseCaption(block.text), blocks: [] });
    else (open.at(-1)?.blocks ?? preamble).push(block);
  }
  const sections: SectionDraft[] = [];
  const preambleText = joinText(blocksToLines(preamble));
  if (/[\p{L}\p{N}]/u.test(preambleText)) {
    sections.push({ heading: UNHEADED_SECTION, kind: "tekst", text: preambleText });
  }
  for (const { heading, blocks: body } of open) {
    const section = fieldSection(heading, joinText(blocksToLines(body)));
    if (section) sections.push(section);
  }
  return sections;
}

/** Lines with no marked headings: the text segmenter's section split. */
export function lineSections(lines: readonly Line[]): SectionDraft[] {
  return splitSections(lines).map(({ heading, kind, text }) => ({ heading, kind, text }));
}

/** The attachment list as a section, one name a line; undefined when there are none. */
export function attachmentSection(
  names: readonly (string | null | undefined)[],
): SectionDraft | undefined {
  const listed = names.map((name) => normaliseCaption(name ?? "")).filter((name) => name !== "");
  if (listed.length === 0) return undefined;
  return { heading: "Bilag", kind: "bilag", text: listed.join("\n") };
}

export { cleanBodyName } from "../body-names.ts";

/**
 * A date and time as agenda systems stamp them: "2013-06-20 10:30", "25-09-2012 15:30:00",
 * "2022-09-05T19:00:00+02:00" (the local time as written, never converted), "04.12.2012 13:00".
 * A time of exactly midnight is read as no time given.
 */
export function readStampedDateTime(value: string | null | undefined): {
  date: string | null;
  time: string | null;
} {
  // "2022-09-05T19:00:00+02:00": the T would hide the ISO date from findDate's word boundary.
  const text = (value ?? "").trim().replace(/^(\d{4}-\d{2}-\d{2})T/u, "$1 ");
  const found = findDate(text);
  if (!found) return { date: null, time: null };
  const clock = text.slice(found.end).match(/^\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?!\d)/iu);
  const hours = Number(clock?.[1] ?? Number.NaN);
  const minutes = Number(clock?.[2] ?? Number.NaN);
  const valid = hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59;
  const time =
    valid && (hours !== 0 || minutes !== 0)
      ? `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`
      : null;
  return { date: found.iso, time };
}

/** An item number as the systems give it: "715", 5, " 12 ". */
export function readItemNumber(value: unknown): number | undefined {
  const text =
    typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  return /^\d{1,6}$/u.test(text) ? Number(text) : undefined;
}

/** An empty string is no value. */
export function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

export interface MeetingContext {
  date: string | null;
  body: string | null;
}

/** The last pass every structured reader makes: this meeting's decision versus history. */
export function withDecisionHistory(
  items: readonly ItemDraft[],
  meeting: MeetingContext,
): ItemDraft[] {
  const context = { meetingDate: meeting.date, body: meeting.body };
  return items.map((item) => ({
    ...item,
    sections: separateDecisionHistory(item.sections, context),
  }));
}

/** Item numbers that occur more than once, for a warning. */
export function duplicateNumbers(items: readonly ItemDraft[]): number[] {
  const seen = new Set<number>();
  const duplicates = new Set<number>();
  for (const { number } of items) (seen.has(number) ? duplicates : seen).add(number);
  return [...duplicates];
}

/** Validates the fields a reader uses; a file of the right kind that lacks them is unreadable. */
export function parseFields<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reasons = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new AppError("minutes_unreadable", `${what} lacks fields it needs: ${reasons}`);
}
