import { z } from "zod";

/**
 * What `referat ingest --json` prints, read loosely: only the fields the evaluation scores, so a
 * new field (the lead is adding `documentType`) or a missing optional one does not break it.
 */
const parsedSectionSchema = z.looseObject({
  heading: z.string(),
  kind: z.string(),
  text: z.string(),
});

const parsedItemSchema = z.looseObject({
  number: z.number(),
  title: z.string().nullable(),
  caseNumber: z.string().nullable(),
  closed: z.boolean(),
  sections: z.array(parsedSectionSchema),
});
export type ParsedItem = z.infer<typeof parsedItemSchema>;

const parsedMeetingSchema = z.looseObject({
  body: z.string().nullable(),
  date: z.string().nullable(),
  documentType: z.string().nullable().optional(),
  sourceFile: z.string().optional(),
  items: z.array(parsedItemSchema),
});
export type ParsedMeeting = z.infer<typeof parsedMeetingSchema>;

export const ingestOutputSchema = z.array(parsedMeetingSchema);
