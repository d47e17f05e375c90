import { z } from "zod";

/**
 * The expected parse of one source document, written by reading the document (never from the
 * parser's output). One file per document: `<source file name>.expected.json`.
 */

export const SPLITS = ["dev", "holdout"] as const;
export type Split = (typeof SPLITS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Where the document is: relative to the repository root (`data/…`, `../shared/…`) or absolute. */
const sourcePath = z.string().min(1);

export const expectedItemSchema = z
  .object({
    number: z.number().int().nonnegative(),
    /** As the document gives it, without the number or a "Lukket:" prefix; null when no title is visible. */
    title: z.string().min(1).nullable(),
    /** The case number; a list when more than one spelling is right (a KLE code before it, say). */
    caseNumber: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).nullable(),
    closed: z.boolean(),
    /** The first words of THIS meeting's decision; null when the document has none for the item. */
    decision: z.string().min(1).nullable(),
    /** The document (a page opening) stops inside this item: what is missing is not scored. */
    truncated: z.literal(true).optional(),
    /** Named only in the document's list of items; its body lies beyond the opening. */
    listedOnly: z.literal(true).optional(),
  })
  .strict();
export type ExpectedItem = z.infer<typeof expectedItemSchema>;

export const expectedMeetingSchema = z
  .object({
    source: sourcePath,
    split: z.enum(SPLITS),
    /** false for page openings cut off mid-item. */
    complete: z.boolean(),
    meeting: z
      .object({
        date: isoDate.nullable(),
        /** Every name of the body that counts as right. */
        body: z.array(z.string().min(1)).min(1),
        documentType: z.enum(["referat", "dagsorden"]).nullable(),
        /** How many items the meeting has, when the document shows it. */
        itemCount: z.number().int().positive().nullable(),
      })
      .strict(),
    /** In document order (which need not be number order). */
    items: z.array(expectedItemSchema),
    /** What is tricky in this file, and why the expectations are what they are. */
    notes: z.string().min(1),
  })
  .strict()
  .superRefine((expected, context) => {
    const seen = new Set<number>();
    for (const item of expected.items) {
      if (seen.has(item.number)) {
        context.addIssue({ code: "custom", message: `item number ${item.number} appears twice` });
      }
      seen.add(item.number);
    }
  });
export type ExpectedMeeting = z.infer<typeof expectedMeetingSchema>;

/** A file that belongs to a meeting but is not one (a publishing manifest): it must yield no meeting. */
export const expectedCompanionSchema = z
  .object({
    kind: z.literal("companion"),
    source: sourcePath,
    split: z.enum(SPLITS),
    notes: z.string().min(1).optional(),
  })
  .strict();
export type ExpectedCompanion = z.infer<typeof expectedCompanionSchema>;

export const expectedParseSchema = z.union([expectedCompanionSchema, expectedMeetingSchema]);
export type ExpectedParse = z.infer<typeof expectedParseSchema>;

export function isCompanion(expected: ExpectedParse): expected is ExpectedCompanion {
  return "kind" in expected && expected.kind === "companion";
}
