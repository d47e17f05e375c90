import type { Candidate } from "./candidates.ts";
import { formatMeetingDate } from "./citations.ts";
import type { ConversationTurn, Language } from "./types.ts";

/**
 * The retrieved passages as the numbered, delimited sources of an LLM prompt. Source text is data
 * from the minutes: anything in it that looks like our delimiters is defused so that it cannot
 * close its source early and pose as instructions.
 */

export interface LlmSource {
  number: number;
  candidate: Candidate;
  /** Undefined for a closed item, whose content is never sent. */
  sectionSlug: string | undefined;
  text: string;
}

const MAX_SOURCES = 8;
const MAX_SOURCES_PER_ITEM = 3;
const MAX_SOURCE_LENGTH = 1_500;

export function selectSources(candidates: Candidate[]): LlmSource[] {
  const sources: LlmSource[] = [];
  for (const candidate of candidates) {
    if (sources.length >= MAX_SOURCES) break;
    if (candidate.item.closed) {
      sources.push({ number: sources.length + 1, candidate, sectionSlug: undefined, text: "" });
      continue;
    }
    const seen = new Set<string>();
    const fromItem: LlmSource[] = [];
    const add = (sectionSlug: string, text: string) => {
      const key = `${sectionSlug}:${text.slice(0, 80)}`;
      if (seen.has(key) || text.trim() === "" || fromItem.length >= MAX_SOURCES_PER_ITEM) return;
      seen.add(key);
      fromItem.push({ number: 0, candidate, sectionSlug, text: text.slice(0, MAX_SOURCE_LENGTH) });
    };
    const decision = candidate.item.sections.find((section) => section.kind === "beslutning");
    if (decision) add(decision.slug, decision.text);
    for (const passage of candidate.retrieved.passages) add(passage.sectionSlug, passage.text);
    if (fromItem.length === 0) {
      for (const section of candidate.item.sections) add(section.slug, section.text);
    }
    for (const source of fromItem) {
      if (sources.length >= MAX_SOURCES) break;
      sources.push({ ...source, number: sources.length + 1 });
    }
  }
  return sources;
}

export function formatSources(sources: LlmSource[]): string {
  return sources
    .map((source) => {
      const { meeting, item } = source.candidate.retrieved;
      const section = source.candidate.item.sections.find((s) => s.slug === source.sectionSlug);
      const lines = [
        `<<<SOURCE ${source.number}`,
        `meeting: ${meeting.body} ${formatMeetingDate(meeting.date)}`,
        `item: Punkt ${item.number} – ${defuse(item.title)}`,
        `section: ${section ? defuse(section.heading) : "-"}`,
        `closed: ${item.closed ? "yes" : "no"}`,
        "text:",
        item.closed ? "(closed item: content not disclosed)" : defuse(source.text.trim()),
        `SOURCE ${source.number}>>>`,
      ];
      return lines.join("\n");
    })
    .join("\n\n");
}

export function formatHistory(history: ConversationTurn[]): string {
  if (history.length === 0) return "";
  const turns = history.map((turn) => `${turn.role}: ${defuse(turn.text.trim())}`).join("\n");
  return `<<<HISTORY\n${turns}\nHISTORY>>>`;
}

export function languageName(language: Language): string {
  return language === "en" ? "English" : "Danish";
}

/** Breaks up `<<<` and `>>>` so text cannot imitate a delimiter. */
export function defuse(text: string): string {
  return text
    .replace(/<{3,}/g, (run) => run.split("").join(" "))
    .replace(/>{3,}/g, (run) => run.split("").join(" "));
}
