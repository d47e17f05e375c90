import { z } from "zod";

/**
 * The domain: a Meeting holds agenda Items (Punkter), each holding Sections in the order the
 * minutes give them. Text is kept verbatim; nothing here is derived from anything but the file.
 */

/** Normalised kind of a section heading, so "Det indstilles, at HMU" and "Indstilling" compare equal. */
export const SECTION_KINDS = [
  "resume",
  "indstilling",
  "beslutning",
  /** A decision an earlier meeting (or another body) made on the same case: history, not this meeting's decision. */
  "tidligere-beslutning",
  "sagsfremstilling",
  "okonomi",
  "bilag",
  "lovgrundlag",
  "problemstilling",
  "losning",
  "videre-proces",
  "sagsforlob",
  "tekst",
  "other",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const sectionSchema = z.object({
  /** The heading as written in the minutes ("Beslutning", "Det indstilles, at HMU"). */
  heading: z.string(),
  kind: z.enum(SECTION_KINDS),
  /** Anchor slug, unique within its item: `punkt-<number>-<slug>` on the source page. */
  slug: z.string().min(1),
  text: z.string(),
  /** 1-based line numbers in the source file, inclusive. */
  lineStart: z.number().int().positive(),
  lineEnd: z.number().int().positive(),
});
export type Section = z.infer<typeof sectionSchema>;

export const itemSchema = z.object({
  /** The number the minutes give the item (Randers numbers items across the year: Punkt 30-38). */
  number: z.number().int().nonnegative(),
  title: z.string().min(1),
  caseNumber: z.string().nullable(),
  /** Closed items ("Lukket") are listed but their content is never described. */
  closed: z.boolean(),
  sections: z.array(sectionSchema),
  lineStart: z.number().int().positive(),
  lineEnd: z.number().int().positive(),
});
export type Item = z.infer<typeof itemSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const meetingSchema = z.object({
  /** Stable id: slug of body and date, e.g. `udsatteraadet-2019-09-18`. */
  id: z.string().min(1),
  body: z.string().min(1),
  organisation: z.string().nullable(),
  date: isoDateSchema,
  /** Start time `HH:MM`, where stated. */
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  location: z.string().nullable(),
  /** File name relative to the minutes folder. */
  sourceFile: z.string().min(1),
  items: z.array(itemSchema).min(1),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const corpusSchema = z.object({
  version: z.literal(1),
  /** Fingerprint of the parser that read these meetings; another parser reads them again. */
  parser: z.string().optional(),
  meetings: z.array(meetingSchema),
  /** Content hash per source file, so re-ingesting unchanged files does no work. */
  sources: z.array(z.object({ file: z.string(), sha256: z.string(), meetingId: z.string() })),
});
export type Corpus = z.infer<typeof corpusSchema>;
