import { sourceUrl } from "../minutes/anchors.ts";
import { formatDanishDate } from "../minutes/dates.ts";
import type { SectionKind } from "../minutes/model.ts";
import { withoutMarkup } from "./markup.ts";
import type { Citation, ItemRef, Language, MeetingRef } from "./types.ts";

/** Citations: which item and section supports a claim, a short verbatim quote, and its link. */

export const DEFAULT_QUOTE_LENGTH = 220;

export interface CitedSection {
  heading: string;
  slug: string;
  kind?: SectionKind;
}

export interface CitationInput {
  meeting: MeetingRef;
  item: ItemRef;
  /** Omitted for a closed item, or to cite the item as a whole. */
  section?: CitedSection;
  /** Verbatim text from the section; shortened at a word boundary. Ignored for closed items. */
  quote?: string;
  publicBaseUrl: string;
}

export function createCitation(input: CitationInput): Citation {
  const { meeting, item, section } = input;
  const citesSection = section !== undefined && !item.closed;
  const citation: Citation = {
    meetingId: meeting.id,
    body: meeting.body,
    date: meeting.date,
    number: item.number,
    title: item.title,
    section: citesSection ? section.heading : "",
    sectionSlug: citesSection ? section.slug : "",
    quote: item.closed ? "" : shortenQuote(input.quote ?? ""),
    url: citesSection
      ? sourceUrl(input.publicBaseUrl, meeting.id, item.number, section.slug)
      : sourceUrl(input.publicBaseUrl, meeting.id, item.number),
    closed: item.closed,
  };
  if (citesSection && section.kind !== undefined) citation.sectionKind = section.kind;
  return citation;
}

/**
 * Drops markup (`**bold**`, links, table pipes), collapses whitespace and, when longer than
 * `maxLength`, cuts at the last word boundary and adds "…", so the quote is always a prefix of
 * the text's words as the minutes give them.
 */
export function shortenQuote(text: string, maxLength = DEFAULT_QUOTE_LENGTH): string {
  const flat = withoutMarkup(text).replace(/\s+/g, " ").trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength + 1);
  const boundary = cut.lastIndexOf(" ");
  const head = (boundary > maxLength * 0.5 ? cut.slice(0, boundary) : flat.slice(0, maxLength))
    .replace(/[\s,;:–-]+$/u, "")
    .trimEnd();
  return `${head} …`;
}

/** "18.09.2019" from "2019-09-18"; "uden dato" for a meeting without a date. */
export const formatMeetingDate = formatDanishDate;

const ENGLISH_SECTION_NAMES: Partial<Record<SectionKind, string>> = {
  resume: "summary",
  indstilling: "recommendation",
  beslutning: "decision",
  "tidligere-beslutning": "earlier decision",
  sagsfremstilling: "case description",
  okonomi: "finances",
  bilag: "attachments",
  lovgrundlag: "legal basis",
  problemstilling: "issue",
  losning: "solution",
  "videre-proces": "next steps",
  sagsforlob: "case history",
};

/**
 * "Udsatterådet 18.09.2019 · Punkt 32 › Beslutning"; in English "… · Item 32 › Beslutning
 * (decision)": the heading stays as the minutes write it, so it can be found on the page.
 */
export function formatCitationLabel(citation: Citation, language: Language): string {
  const itemWord = language === "en" ? "Item" : "Punkt";
  const head = `${citation.body} ${formatMeetingDate(citation.date)} · ${itemWord} ${citation.number}`;
  if (citation.closed) return `${head} (${language === "en" ? "closed" : "lukket"})`;
  if (citation.section === "") return head;
  const gloss =
    language === "en" && citation.sectionKind
      ? ENGLISH_SECTION_NAMES[citation.sectionKind]
      : undefined;
  const showGloss = gloss !== undefined && gloss.toLowerCase() !== citation.section.toLowerCase();
  return `${head} › ${citation.section}${showGloss ? ` (${gloss})` : ""}`;
}

/** Two citations of the same section of the same item are one. */
export function citationKey(citation: Citation): string {
  return `${citation.meetingId}#${citation.number}/${citation.sectionSlug}`;
}

export function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = citationKey(citation);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
