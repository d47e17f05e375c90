import type { SectionKind } from "../minutes/model.ts";
import type { Viewer } from "../minutes/visibility.ts";

/**
 * The contract between retrieval/answering and its callers (Slack, HTTP, CLI). slack/ and http/
 * see only these types and the functions that return them.
 */

export interface SearchFilters {
  body?: string;
  meetingId?: string;
  /** Inclusive ISO dates. */
  from?: string;
  to?: string;
}

export type RetrievalLeg = "lexical" | "dense";

export interface MeetingRef {
  id: string;
  body: string;
  date: string | null;
}

export interface ItemRef {
  number: number;
  title: string;
  caseNumber: string | null;
  closed: boolean;
}

/** A passage of one section of one item, with its character span in the section text. */
export interface RetrievedPassage {
  chunkId: string;
  sectionHeading: string;
  sectionKind: SectionKind;
  sectionSlug: string;
  text: string;
  start: number;
  end: number;
  score: number;
}

/**
 * How each leg ranked an item, at its best over the question and its extra queries (rewrites,
 * the thread's earlier questions): the evidence the answer stage judges relevance by, beside
 * the item's text.
 */
export interface RetrievalSignals {
  /** 1-based rank of the item in the lexical list; null when the leg did not find it. */
  lexicalRank: number | null;
  /** Its best chunk's BM25 score over the best of the same list (0–1). */
  lexicalScore: number;
  /** 1-based rank in the dense list; null when not found or there is no dense leg. */
  denseRank: number | null;
  /** Cosine similarity of its best chunk to the question (0 without a dense leg). */
  denseSimilarity: number;
  /** The best similarity any chunk had, to read denseSimilarity against. */
  denseTopSimilarity: number;
  /** The embedder of the dense leg (its model id), null without one. */
  denseEmbedder: string | null;
}

/** One agenda item found by retrieval; passages best first. One entry per item. */
export interface RetrievedItem {
  meeting: MeetingRef;
  item: ItemRef;
  score: number;
  legs: RetrievalLeg[];
  signals: RetrievalSignals;
  passages: RetrievedPassage[];
}

export interface RetrievalStatus {
  lexical: boolean;
  dense: boolean;
  /** Why the dense leg is off, when it is. */
  denseReason?: string;
  embedderId?: string;
}

export interface RetrieveOptions {
  filters?: SearchFilters;
  /** Who is asking: only meetings they may see are ranked. Without one, public meetings only. */
  viewer?: Viewer;
  limit?: number;
  /** Further queries (e.g. LLM rewrites, thread history) fused with the main one. */
  extraQueries?: string[];
}

export interface Retriever {
  retrieve(query: string, options?: RetrieveOptions): Promise<RetrievedItem[]>;
  status(): RetrievalStatus;
}

export type Language = "da" | "en";

export interface Citation {
  meetingId: string;
  body: string;
  date: string | null;
  number: number;
  title: string;
  /** Section heading as written in the minutes. */
  section: string;
  sectionSlug: string;
  /** Normalised kind of the cited section, when a section is cited (not for closed items). */
  sectionKind?: SectionKind;
  /** A short verbatim quote from the cited section (empty for closed items). */
  quote: string;
  url: string;
  closed: boolean;
}

export type AnswerMode = "extractive" | "llm";

export interface Answer {
  text: string;
  citations: Citation[];
  mode: AnswerMode;
  abstained: boolean;
  language: Language;
  /** When abstaining: the nearest items, shown as "maybe related". */
  related: Citation[];
  /** Set when the LLM path failed and the answer fell back to extractive. */
  note?: string;
}

export interface ConversationTurn {
  role: "user" | "assistant";
  text: string;
}

export interface AnswerOptions {
  filters?: SearchFilters;
  /** Who is asking: only meetings they may see are answered from. Without one, public only. */
  viewer?: Viewer;
  /** Earlier turns of the thread, oldest first. */
  history?: ConversationTurn[];
  signal?: AbortSignal;
}

export type AnswerQuestion = (question: string, options?: AnswerOptions) => Promise<Answer>;

/** One quoted piece of a summary entry: what this meeting decided, or what the item is about. */
export interface SummaryPart {
  kind: "decision" | "gist";
  /** Shown before the quote, in the summary's language: "Beslutning", "Resumé", "Indstilling". */
  label: string;
  /** Verbatim from the section (markup removed), shortened with " …" when long. */
  text: string;
}

export interface SummaryEntry {
  number: number;
  title: string;
  /** The entry as one text: its parts as "label: quote" lines, or the LLM's summary. */
  text: string;
  closed: boolean;
  citations: Citation[];
  /** The quotes `text` is made of, `parts[i]` from `citations[i]`; absent for closed and LLM-written entries. */
  parts?: SummaryPart[];
}

export interface MeetingSummary {
  meeting: MeetingRef & { location: string | null };
  entries: SummaryEntry[];
  mode: AnswerMode;
  language: Language;
  /** Set when the LLM path failed and the summary fell back to extractive. */
  note?: string;
  /** Set when an English summary quotes the Danish minutes: says that the quotes are in Danish. */
  quotesNote?: string;
}

/**
 * `reference` is a meeting id, "latest"/"seneste", an ISO or Danish date, a body ("seneste
 * byrådsmøde"), or body + date. A reference that cannot name a meeting is a bad_request AppError;
 * one that matches none, meeting_not_found.
 */
export interface SummaryOptions {
  language?: Language;
  /** Who is asking: a meeting they may not see is not found. Without one, public only. */
  viewer?: Viewer;
  signal?: AbortSignal;
}

export type SummariseMeeting = (
  reference: string,
  options?: SummaryOptions,
) => Promise<MeetingSummary>;

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Anything that parses unknown JSON into a T: a zod schema fits. */
export interface OutputSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { message: string } };
}

/**
 * A chat model that answers with JSON, validated by `schema`. Failures are AppErrors coded
 * llm_timeout, llm_rate_limited, llm_unavailable or llm_bad_output.
 */
export interface ChatModel {
  readonly modelId: string;
  complete<T>(messages: ChatMessage[], options: CompleteOptions<T>): Promise<T>;
}

export interface CompleteOptions<T> {
  signal?: AbortSignal;
  schema: OutputSchema<T>;
  /**
   * The most the whole call may take, retries included; past it the call fails with
   * llm_timeout even while the SDK waits to retry. Unbounded (but for the per-request time-out
   * and retries) when absent.
   */
  withinMs?: number;
}
