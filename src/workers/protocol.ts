import { z } from "zod";
import type { Answer, MeetingSummary } from "../answer/types.ts";
import { SECTION_KINDS } from "../minutes/model.ts";

/**
 * The messages between the answer pool (main thread) and its worker threads, validated on
 * arrival in both directions. Answers and summaries travel as plain data: the same `Answer` and
 * `MeetingSummary` the HTTP and Slack layers get from a main-thread pipeline.
 *
 * main → worker: load a corpus version, drop one, ask, summarise, cancel.
 * worker → main: loaded / load_failed, answered / summarised / failed, log lines.
 */

const version = z.number().int().positive();
const requestId = z.number().int().nonnegative();

/** An error as it crosses the thread boundary: an AppError's code, or null for anything else. */
export const wireErrorSchema = z.object({ code: z.string().nullable(), message: z.string() });
export type WireError = z.infer<typeof wireErrorSchema>;

const filtersSchema = z.object({
  body: z.string().exactOptional(),
  meetingId: z.string().exactOptional(),
  from: z.string().exactOptional(),
  to: z.string().exactOptional(),
});

const viewerSchema = z.object({
  audiences: z.array(z.string()),
  unrestricted: z.boolean().exactOptional(),
});

const turnSchema = z.object({ role: z.enum(["user", "assistant"]), text: z.string() });

export const toWorkerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("load"),
    version,
    /** A snapshot of DATA_DIR/corpus.json that stays put while the version is served. */
    corpusFile: z.string().min(1),
    /** Whether the main thread's pipeline has the dense leg; the worker's must match it. */
    dense: z.boolean(),
  }),
  z.object({ type: z.literal("drop"), version }),
  z.object({
    type: z.literal("ask"),
    id: requestId,
    version,
    question: z.string(),
    filters: filtersSchema.exactOptional(),
    viewer: viewerSchema.exactOptional(),
    history: z.array(turnSchema).exactOptional(),
  }),
  z.object({
    type: z.literal("summarise"),
    id: requestId,
    version,
    reference: z.string(),
    language: z.enum(["da", "en"]).exactOptional(),
    viewer: viewerSchema.exactOptional(),
  }),
  z.object({ type: z.literal("cancel"), id: requestId }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

const citationSchema = z.object({
  meetingId: z.string(),
  body: z.string(),
  date: z.string().nullable(),
  number: z.number(),
  title: z.string(),
  section: z.string(),
  sectionSlug: z.string(),
  sectionKind: z.enum(SECTION_KINDS).exactOptional(),
  quote: z.string(),
  url: z.string(),
  closed: z.boolean(),
});

const modeSchema = z.enum(["extractive", "llm"]);
const languageSchema = z.enum(["da", "en"]);

export const answerSchema = z.object({
  text: z.string(),
  citations: z.array(citationSchema),
  mode: modeSchema,
  abstained: z.boolean(),
  language: languageSchema,
  related: z.array(citationSchema),
  note: z.string().exactOptional(),
});

export const meetingSummarySchema = z.object({
  meeting: z.object({
    id: z.string(),
    body: z.string(),
    date: z.string().nullable(),
    location: z.string().nullable(),
  }),
  entries: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      text: z.string(),
      closed: z.boolean(),
      citations: z.array(citationSchema),
      parts: z
        .array(
          z.object({
            kind: z.enum(["decision", "gist"]),
            label: z.string(),
            text: z.string(),
          }),
        )
        .exactOptional(),
    }),
  ),
  mode: modeSchema,
  language: languageSchema,
  note: z.string().exactOptional(),
  quotesNote: z.string().exactOptional(),
});

export const fromWorkerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("loaded"),
    version,
    meetings: z.number().int().nonnegative(),
    dense: z.boolean(),
    /** Whether the worker found no usable index on disk and built one itself. */
    indexRebuilt: z.boolean(),
    ms: z.number(),
  }),
  z.object({ type: z.literal("load_failed"), version, error: wireErrorSchema }),
  z.object({ type: z.literal("answered"), id: requestId, answer: answerSchema }),
  z.object({ type: z.literal("summarised"), id: requestId, summary: meetingSummarySchema }),
  z.object({ type: z.literal("failed"), id: requestId, error: wireErrorSchema }),
  z.object({ type: z.literal("log"), lines: z.array(z.string()) }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** What the worker entry receives as `workerData`, besides what the composition root puts in. */
export interface WorkerStart<Setup> {
  workerId: number;
  setup: Setup;
}

// The wire schemas must describe the answer types exactly, optional fields included: a field
// added to Answer or MeetingSummary and missing here would otherwise be dropped without a word.
type Plain<T> = { [K in keyof T]: T[K] extends object ? Plain<T[K]> : T[K] };
type Same<A, B> =
  (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;
const answerSchemaMatches: Same<z.infer<typeof answerSchema>, Answer> = true;
const summarySchemaMatches: Same<z.infer<typeof meetingSummarySchema>, MeetingSummary> = true;
void answerSchemaMatches;
void summarySchemaMatches;
