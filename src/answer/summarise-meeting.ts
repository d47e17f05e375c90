import { z } from "zod";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import type { Item, Meeting, Section } from "../minutes/model.ts";
import { AppError, describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { llmFailureReason, PHRASES } from "./answer-text.ts";
import { createCitation, formatMeetingDate, shortenQuote } from "./citations.ts";
import { defuse, languageName } from "./llm-sources.ts";
import type { Prompts } from "./prompts.ts";
import { toItemRef, toMeetingRef } from "./refs.ts";
import { splitIntoUnits } from "./sentences.ts";
import type {
  ChatModel,
  Citation,
  Language,
  MeetingSummary,
  SummariseMeeting,
  SummaryEntry,
} from "./types.ts";

/**
 * A meeting, item by item in the order of the minutes: each entry the item's title and its
 * decision quoted (or, without a decision, the opening of its text), or a short LLM summary of it,
 * always cited. Closed items are listed as closed and nothing more.
 */

export interface SummariseMeetingOptions {
  catalog: MeetingCatalog;
  chatModel?: ChatModel | null;
  prompts: Prompts;
  publicBaseUrl: string;
  logger: Logger;
}

const MAX_ENTRY_LENGTH = 320;
const MAX_ITEM_TEXT_FOR_LLM = 1_800;
const MAX_SUMMARY_LENGTH = 600;

/** Sections that say what an item is about, best first, when it records no decision. */
const OPENING_KINDS: Section["kind"][] = ["resume", "tekst", "sagsfremstilling", "indstilling"];

const summarySchema = z.object({
  entries: z.array(z.object({ number: z.number().int(), summary: z.string() })).default([]),
});

export function createSummariseMeeting(options: SummariseMeetingOptions): SummariseMeeting {
  const { catalog, logger, publicBaseUrl } = options;
  const chatModel = options.chatModel ?? null;

  return async function summariseMeeting(reference, summaryOptions = {}) {
    const started = performance.now();
    const meeting = catalog.resolve(reference);
    if (!meeting) {
      throw new AppError("meeting_not_found", `No meeting matches "${reference.trim()}"`);
    }
    const language = summaryOptions.language ?? "da";
    const extractive = meeting.items.map((item) =>
      extractiveEntry(meeting, item, language, publicBaseUrl),
    );
    const summary: MeetingSummary = {
      meeting: {
        id: meeting.id,
        body: meeting.body,
        date: meeting.date,
        location: meeting.location,
      },
      entries: extractive,
      mode: "extractive",
      language,
    };

    if (chatModel && meeting.items.some((item) => !item.closed)) {
      try {
        const written = await summariseWithModel(
          meeting,
          language,
          chatModel,
          options.prompts.summary,
          summaryOptions.signal,
        );
        let used = 0;
        summary.entries = extractive.map((entry) => {
          const text = written.get(entry.number);
          if (entry.closed || !text) return entry;
          used += 1;
          return { ...entry, text };
        });
        if (used > 0) summary.mode = "llm";
      } catch (error) {
        const reason = llmFailureReason(error);
        logger.warn(
          { model: chatModel.modelId, meetingId: meeting.id, reason, error: describeError(error) },
          "LLM summary failed; summarising extractively",
        );
        summary.note = PHRASES[language].llmFailed(reason);
      }
    }

    logger.info(
      {
        meetingId: meeting.id,
        items: meeting.items.length,
        mode: summary.mode,
        note: summary.note !== undefined,
        ms: Math.round(performance.now() - started),
      },
      "meeting summarised",
    );
    return summary;
  };
}

function extractiveEntry(
  meeting: Meeting,
  item: Item,
  language: Language,
  publicBaseUrl: string,
): SummaryEntry {
  const phrases = PHRASES[language];
  const base = { number: item.number, title: item.title, closed: item.closed };
  if (item.closed) {
    return {
      ...base,
      text: phrases.closedSummary,
      citations: [cite(meeting, item, undefined, "", publicBaseUrl)],
    };
  }
  const decision = nonEmpty(item.sections.find((section) => section.kind === "beslutning"));
  if (decision) {
    const text = opening(decision.text);
    return {
      ...base,
      text: `${phrases.decisionLabel} ${text}`,
      citations: [cite(meeting, item, decision, text, publicBaseUrl)],
    };
  }
  const section =
    OPENING_KINDS.map((kind) => nonEmpty(item.sections.find((s) => s.kind === kind))).find(
      Boolean,
    ) ?? item.sections.find((s) => s.text.trim() !== "");
  if (!section)
    return { ...base, text: "", citations: [cite(meeting, item, undefined, "", publicBaseUrl)] };
  const text = opening(section.text);
  return { ...base, text, citations: [cite(meeting, item, section, text, publicBaseUrl)] };
}

/** Whole sentences from the start, as many as fit; a single long one is shortened. */
function opening(text: string): string {
  const units = splitIntoUnits(text);
  let result = "";
  for (const unit of units) {
    const flat = unit.text.replace(/\s+/g, " ");
    const next = result === "" ? flat : `${result} ${flat}`;
    if (next.length > MAX_ENTRY_LENGTH) break;
    result = next;
  }
  return result === "" ? shortenQuote(units[0]?.text ?? text, MAX_ENTRY_LENGTH) : result;
}

async function summariseWithModel(
  meeting: Meeting,
  language: Language,
  chatModel: ChatModel,
  systemPrompt: string,
  signal: AbortSignal | undefined,
): Promise<Map<number, string>> {
  const items = meeting.items
    .map((item) => {
      const body = item.closed
        ? "(closed item: content not disclosed)"
        : defuse(
            item.sections
              .map((section) => `${section.heading}:\n${section.text.trim()}`)
              .join("\n\n")
              .slice(0, MAX_ITEM_TEXT_FOR_LLM),
          );
      return [
        `<<<ITEM ${item.number}`,
        `title: ${defuse(item.title)}`,
        `closed: ${item.closed ? "yes" : "no"}`,
        body,
        `ITEM ${item.number}>>>`,
      ].join("\n");
    })
    .join("\n\n");
  const content = [
    `Meeting: ${meeting.body} ${formatMeetingDate(meeting.date)}`,
    `Summary language: ${languageName(language)}`,
    "Items:",
    items,
  ].join("\n\n");
  const output = await chatModel.complete(
    [
      { role: "system", content: systemPrompt },
      { role: "user", content },
    ],
    { schema: summarySchema, ...(signal ? { signal } : {}) },
  );
  const numbers = new Set(meeting.items.map((item) => item.number));
  const written = new Map<number, string>();
  for (const entry of output.entries) {
    const text = entry.summary.trim();
    if (numbers.has(entry.number) && text !== "" && !written.has(entry.number)) {
      written.set(entry.number, text.slice(0, MAX_SUMMARY_LENGTH));
    }
  }
  return written;
}

function cite(
  meeting: Meeting,
  item: Item,
  section: Section | undefined,
  quote: string,
  publicBaseUrl: string,
): Citation {
  return createCitation({
    meeting: toMeetingRef(meeting),
    item: toItemRef(item),
    ...(section
      ? { section: { heading: section.heading, slug: section.slug, kind: section.kind } }
      : {}),
    quote,
    publicBaseUrl,
  });
}

function nonEmpty(section: Section | undefined): Section | undefined {
  return section && section.text.trim() !== "" ? section : undefined;
}
