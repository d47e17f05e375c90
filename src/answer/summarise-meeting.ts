import { z } from "zod";
import { type MeetingCatalog, requireMeeting } from "../minutes/catalog.ts";
import type { Meeting, Section, SectionKind } from "../minutes/model.ts";
import { PUBLIC_VIEWER } from "../minutes/visibility.ts";
import { describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { llmFailureReason, PHRASES } from "./answer-text.ts";
import { formatMeetingDate } from "./citations.ts";
import { DEFAULT_LLM_BUDGET_MS, startLlmBudget } from "./llm-budget.ts";
import { defuse, languageName } from "./llm-sources.ts";
import { withoutMarkup } from "./markup.ts";
import type { Prompts } from "./prompts.ts";
import { extractiveSummaryEntry } from "./summary-entry.ts";
import type {
  ChatModel,
  Language,
  MeetingSummary,
  SummariseMeeting,
  SummaryEntry,
} from "./types.ts";

/**
 * A meeting, item by item in the order of the minutes: each entry the item's title, what was
 * decided and, where the decision alone does not say, what the item is about, quoted and cited
 * (see summary-entry.ts); or a short LLM summary of each item in the summary's language, still
 * cited. Closed items are listed as closed and nothing more.
 */

export interface SummariseMeetingOptions {
  catalog: MeetingCatalog;
  chatModel?: ChatModel | null;
  prompts: Prompts;
  publicBaseUrl: string;
  logger: Logger;
  /** The most the LLM may take per summary, retries included; 8 s by default. */
  llmBudgetMs?: number;
}

const MAX_ITEM_TEXT_FOR_LLM = 1_800;
const MAX_SUMMARY_LENGTH = 600;

/** The sections the model reads first, so a long case text does not crowd out the decision. */
const LLM_SECTION_ORDER: SectionKind[] = [
  "beslutning",
  "resume",
  "indstilling",
  "sagsfremstilling",
  "problemstilling",
  "tekst",
];

const summarySchema = z.object({
  entries: z.array(z.object({ number: z.number().int(), summary: z.string() })).default([]),
});

export function createSummariseMeeting(options: SummariseMeetingOptions): SummariseMeeting {
  const { catalog, logger, publicBaseUrl } = options;
  const chatModel = options.chatModel ?? null;

  return async function summariseMeeting(reference, summaryOptions = {}) {
    const started = performance.now();
    const budget = startLlmBudget(options.llmBudgetMs ?? DEFAULT_LLM_BUDGET_MS);
    const meeting = requireMeeting(
      catalog.visibleTo(summaryOptions.viewer ?? PUBLIC_VIEWER),
      reference,
    );
    const language = summaryOptions.language ?? "da";
    const extractive = meeting.items.map((item) =>
      extractiveSummaryEntry(meeting, item, { language, publicBaseUrl }),
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
          { withinMs: budget.remainingMs(), signal: summaryOptions.signal },
        );
        let used = 0;
        summary.entries = extractive.map((entry) => {
          const text = written.get(entry.number);
          if (entry.closed || !text) return entry;
          used += 1;
          const { parts: _quoted, ...rest } = entry;
          return { ...rest, text };
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

    const quotesNote = PHRASES[language].quotesInDanish;
    if (quotesNote && summary.entries.some(quotesTheMinutes)) summary.quotesNote = quotesNote;

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

async function summariseWithModel(
  meeting: Meeting,
  language: Language,
  chatModel: ChatModel,
  systemPrompt: string,
  call: { withinMs: number; signal: AbortSignal | undefined },
): Promise<Map<number, string>> {
  const items = meeting.items
    .map((item) => {
      const body = item.closed
        ? "(closed item: content not disclosed)"
        : defuse(
            sectionsForModel(item.sections)
              .map((section) => `${section.heading}:\n${withoutMarkup(section.text).trim()}`)
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
    {
      schema: summarySchema,
      withinMs: call.withinMs,
      ...(call.signal ? { signal: call.signal } : {}),
    },
  );
  const numbers = new Set(meeting.items.map((item) => item.number));
  const written = new Map<number, string>();
  for (const entry of output.entries) {
    const text = withoutMarkup(entry.summary).replace(/\s+/g, " ").trim();
    if (numbers.has(entry.number) && text !== "" && !written.has(entry.number)) {
      written.set(entry.number, text.slice(0, MAX_SUMMARY_LENGTH));
    }
  }
  return written;
}

/** Decision, resume and recommendation first; the rest in the order of the minutes. */
function sectionsForModel(sections: readonly Section[]): Section[] {
  const rank = (section: Section) => {
    const index = LLM_SECTION_ORDER.indexOf(section.kind);
    return index === -1 ? LLM_SECTION_ORDER.length : index;
  };
  return sections
    .filter((section) => section.text.trim() !== "")
    .map((section, position) => ({ section, position }))
    .sort((a, b) => rank(a.section) - rank(b.section) || a.position - b.position)
    .map(({ section }) => section);
}

/** An entry that quotes the minutes (rather than a closed item, or the model's own words). */
function quotesTheMinutes(entry: SummaryEntry): boolean {
  return !entry.closed && (entry.parts?.length ?? 0) > 0;
}
