import { z } from "zod";
import type { Candidate } from "./candidates.ts";
import type { ExtractiveOptions } from "./extractive-answer.ts";
import { citeItem } from "./extractive-answer.ts";
import {
  formatHistory,
  formatSources,
  type LlmSource,
  languageName,
  selectSources,
} from "./llm-sources.ts";
import { splitIntoUnits } from "./sentences.ts";
import { matchConcept } from "./term-evidence.ts";
import { tokenBag } from "./term-matching.ts";
import type { ChatModel, Citation, ConversationTurn } from "./types.ts";

/**
 * The answer written by a language model from numbered sources. The model cites source numbers;
 * numbers that are not among the sources are dropped, and the citations are built here from the
 * sources themselves, so a link can only ever point at something that was retrieved.
 */

export const llmAnswerSchema = z.object({
  answer: z.string(),
  citations: z.array(z.number().int()).default([]),
  abstain: z.boolean().optional(),
});

export type LlmAnswerOutcome =
  | { kind: "answer"; text: string; citations: Citation[]; droppedCitations: number }
  | { kind: "abstain" }
  | { kind: "unsupported"; droppedCitations: number };

export interface LlmAnswerOptions extends ExtractiveOptions {
  chatModel: ChatModel;
  systemPrompt: string;
  question: string;
  history: ConversationTurn[];
  signal?: AbortSignal;
  /** What is left of the LLM budget for this call. */
  withinMs?: number;
}

/** Throws the chat model's AppErrors (llm_timeout, llm_rate_limited, …) for the caller to degrade. */
export async function composeLlmAnswer(
  candidates: Candidate[],
  options: LlmAnswerOptions,
): Promise<LlmAnswerOutcome> {
  const sources = selectSources(candidates);
  const messages = [
    { role: "system" as const, content: options.systemPrompt },
    { role: "user" as const, content: userMessage(sources, options) },
  ];
  const output = await options.chatModel.complete(messages, {
    schema: llmAnswerSchema,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.withinMs === undefined ? {} : { withinMs: options.withinMs }),
  });
  if (output.abstain === true) return { kind: "abstain" };

  const valid = [...new Set(output.citations)].filter(
    (number) => number >= 1 && number <= sources.length,
  );
  const droppedCitations = output.citations.length - valid.length;
  const text = output.answer.trim();
  if (valid.length === 0 || text === "") return { kind: "unsupported", droppedCitations };

  const citations = valid.map((number) => citeSource(sources[number - 1] as LlmSource, options));
  const markers = citations.map((_, index) => `[${index + 1}]`).join("");
  return { kind: "answer", text: `${text} ${markers}`, citations, droppedCitations };
}

function userMessage(sources: LlmSource[], options: LlmAnswerOptions): string {
  const history = formatHistory(options.history);
  return [
    `Question: ${options.question.trim()}`,
    `Answer language: ${languageName(options.language)}`,
    ...(history ? ["Earlier turns of this conversation:", history] : []),
    "Sources:",
    formatSources(sources),
  ].join("\n\n");
}

/** Cites the source's section with its sentence that best matches the question. */
function citeSource(source: LlmSource, options: ExtractiveOptions): Citation {
  const { candidate } = source;
  const section = candidate.item.sections.find((s) => s.slug === source.sectionSlug);
  if (!section || candidate.item.closed)
    return citeItem(candidate, undefined, "", options.publicBaseUrl);
  const units = splitIntoUnits(source.text);
  let best = units[0]?.text ?? source.text;
  let bestMatches = 0;
  for (const unit of units) {
    const bag = tokenBag(unit.text, options.analyzer);
    const matches = options.concepts.filter(
      (concept) => matchConcept(concept, bag).credit > 0,
    ).length;
    if (matches > bestMatches) {
      best = unit.text;
      bestMatches = matches;
    }
  }
  return citeItem(candidate, section, best, options.publicBaseUrl);
}
