import { z } from "zod";
import { DOCUMENT_TYPES, SOURCE_FORMATS } from "./readers/types.ts";

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
  /** Page of the source document the section starts on (PDF). */
  page: z.number().int().positive().optional(),
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
  /** 1-based position in the source as read: the line of a text file, the block of other formats. */
  lineStart: z.number().int().positive(),
  lineEnd: z.number().int().positive(),
  /** Page of the source document the item starts on (PDF). */
  page: z.number().int().positive().optional(),
  /** The file this item was read from, when a meeting is published one page per item. */
  sourceFile: z.string().optional(),
});
export type Item = z.infer<typeof itemSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** Who may see a meeting: everyone, or only the audiences named (Slack channel/user group ids, HTTP scopes). */
export const VISIBILITIES = ["public", "internal"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const meetingSchema = z.object({
  /** Stable id: slug of body and date, e.g. `udsatteraadet-2019-09-18` (`…-udateret-<hash>` without a date). */
  id: z.string().min(1),
  body: z.string().min(1),
  organisation: z.string().nullable(),
  /** The meeting date; null when neither the document, its metadata nor its file name gives one. */
  date: isoDateSchema.nullable(),
  /** Start time `HH:MM`, where stated. */
  time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  location: z.string().nullable(),
  /** Minutes of the meeting (referat) or the agenda published before it (dagsorden); null when the document does not say. */
  documentType: z.enum(DOCUMENT_TYPES).nullable(),
  /** File path relative to the minutes folder, with forward slashes. */
  sourceFile: z.string().min(1),
  /** The format the file was read as. */
  format: z.enum(SOURCE_FORMATS),
  /** The official published document (from a sidecar or the source itself). */
  sourceUrl: z.string().nullable(),
  visibility: z.enum(VISIBILITIES),
  /** Who may see an internal meeting (empty for public ones). */
  audiences: z.array(z.string()),
  /** What the reader or segmenter could not settle (no date, a table of contents entry with no item, …). */
  warnings: z.array(z.string()),
  items: z.array(itemSchema).min(1),
});
export type Meeting = z.infer<typeof meetingSchema>;

/**
 * One file in the minutes folder as it was last read, so an unchanged file is not read again:
 * its meeting (before meetings from several files are reconciled), the file it describes (a
 * manifest), or why it could not be read.
 */
export const sourceRecordSchema = z.object({
  file: z.string(),
  /** Hash of the file's bytes and of the sidecar metadata that applied to it. */
  sha256: z.string(),
  format: z.enum(SOURCE_FORMATS).nullable(),
  meeting: meetingSchema.nullable(),
  /** For a companion file (an Acadre publishing manifest): what it describes. */
  describes: z.string().nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SourceRecord = z.infer<typeof sourceRecordSchema>;

/** 3: the corpus carries the sha256 of its records. */
export const CORPUS_FORMAT_VERSION = 3;

export const corpusSchema = z.object({
  version: z.literal(CORPUS_FORMAT_VERSION),
  /** Fingerprint of the parser that read these files; another parser reads them again. */
  parser: z.string(),
  /** sha256 of `files` as compact JSON: a record changed on disk is never taken as read. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(sourceRecordSchema),
});
export type Corpus = z.infer<typeof corpusSchema>;
