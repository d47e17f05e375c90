import { isAppError } from "../shared/errors.ts";
import type { Language } from "./types.ts";

/** The fixed phrases answers and summaries are built from, in both languages. */

/** What a summary entry's quote is: this meeting's decision, or the section the gist comes from. */
export type SummaryLabelKind =
  | "decision"
  | "resume"
  | "indstilling"
  | "sagsfremstilling"
  | "problemstilling"
  | "tekst";

export interface AnswerPhrases {
  decisionIntro(itemNumber: number, title: string): string;
  /** Before the recommendation a decision approves without restating it ("Godkendt."). */
  approvedRecommendation: string;
  /** An item the minutes give only a title for (an agenda list). */
  titleOnly(itemNumber: number, title: string): string;
  quotedIntro: string;
  closedItem(itemNumber: number): string;
  abstain: string;
  abstainWithRelated: string;
  llmFailed(reason: LlmFailureReason): string;
  closedSummary: string;
  summaryLabels: Record<SummaryLabelKind, string>;
  /** One line saying that the quotes are in Danish, for readers of another language; null in Danish. */
  quotesInDanish: string | null;
}

export type LlmFailureReason =
  | "timeout"
  | "rate_limited"
  | "unavailable"
  | "bad_output"
  | "no_valid_citations";

const DANISH_FAILURES: Record<LlmFailureReason, string> = {
  timeout: "Sprogmodellen svarede ikke i tide",
  rate_limited: "Sprogmodellen er overbelastet lige nu",
  unavailable: "Sprogmodellen kan ikke nås",
  bad_output: "Sprogmodellens svar kunne ikke bruges",
  no_valid_citations: "Sprogmodellens svar kunne ikke underbygges med kilder",
};

const ENGLISH_FAILURES: Record<LlmFailureReason, string> = {
  timeout: "The language model did not answer in time",
  rate_limited: "The language model is rate limited right now",
  unavailable: "The language model cannot be reached",
  bad_output: "The language model's answer could not be used",
  no_valid_citations: "The language model's answer was not backed by the sources",
};

export const PHRASES: Record<Language, AnswerPhrases> = {
  da: {
    decisionIntro: (itemNumber, title) => `Beslutning, punkt ${itemNumber} (${title}):`,
    approvedRecommendation: "Indstillingen, som beslutningen henviser til:",
    titleOnly: (itemNumber, title) =>
      `Referatet har kun punktets titel: punkt ${itemNumber}, "${title}".`,
    quotedIntro: "Fra referatet:",
    closedItem: (itemNumber) => `Punkt ${itemNumber} er et lukket punkt; indholdet gengives ikke.`,
    abstain: "Referaterne ser ikke ud til at dække det spørgsmål.",
    abstainWithRelated:
      "Referaterne ser ikke ud til at dække det spørgsmål. Måske relateret: punkterne nedenfor.",
    llmFailed: (reason) => `${DANISH_FAILURES[reason]}; svaret er citeret direkte fra referatet.`,
    closedSummary: "Lukket punkt.",
    summaryLabels: {
      decision: "Beslutning",
      resume: "Resumé",
      indstilling: "Indstilling",
      sagsfremstilling: "Sagsfremstilling",
      problemstilling: "Problemstilling",
      tekst: "Referat",
    },
    quotesInDanish: null,
  },
  en: {
    decisionIntro: (itemNumber, title) =>
      `Decision, item ${itemNumber} (${title}), quoted in Danish:`,
    approvedRecommendation: "The recommendation the decision refers to (in Danish):",
    titleOnly: (itemNumber, title) =>
      `The minutes give only the item's title: item ${itemNumber}, "${title}" (in Danish).`,
    quotedIntro: "From the minutes (quoted in Danish):",
    closedItem: (itemNumber) =>
      `Item ${itemNumber} was a closed item; its content is not described.`,
    abstain: "The minutes do not seem to cover that question.",
    abstainWithRelated:
      "The minutes do not seem to cover that question. Maybe related: the items below.",
    llmFailed: (reason) =>
      `${ENGLISH_FAILURES[reason]}; this answer is quoted directly from the minutes.`,
    closedSummary: "Closed item.",
    summaryLabels: {
      decision: "Decision",
      resume: "Summary",
      indstilling: "Recommendation",
      sagsfremstilling: "Case description",
      problemstilling: "Issue",
      tekst: "Minutes",
    },
    quotesInDanish: "The quotes are in Danish, the language of the minutes.",
  },
};

/** Which phrase explains a failed LLM call. */
export function llmFailureReason(error: unknown): LlmFailureReason {
  if (isAppError(error, "llm_timeout")) return "timeout";
  if (isAppError(error, "llm_rate_limited")) return "rate_limited";
  if (isAppError(error, "llm_bad_output")) return "bad_output";
  return "unavailable";
}
