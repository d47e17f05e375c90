import type { Block } from "../blocks.ts";
import type { SectionKind } from "../model.ts";

/**
 * A format reader turns one file into either blocks (PDF, HTML, DOCX, text: the segmenter finds
 * the items) or a meeting draft (agenda-system XML and JSON, whose fields already say what an
 * item is). Readers read nothing but the file and what the context hands them, and never touch
 * the network; the PDF reader loads pdf.js's own font data from node_modules and runs the local
 * tesseract for pages without a text layer.
 */

export const SOURCE_FORMATS = [
  "text",
  "pdf",
  "html",
  "docx",
  "acadre-xml",
  "edagsorden-xml",
  "edoc-xml",
  "firstagenda-json",
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** A published agenda (dagsorden) or the minutes of the meeting (referat). */
export const DOCUMENT_TYPES = ["referat", "dagsorden"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface SourceDocument {
  /** Path relative to the minutes folder, with forward slashes ("greve/byraad-2022-09-05.json"). */
  path: string;
  bytes: Uint8Array;
}

export interface ReadContext {
  /** The other files in the same folder (an Acadre agenda XML looks for its publishing manifest). */
  siblings(): Promise<SourceDocument[]>;
}

/** What a file says about itself outside the running text: PDF info, HTML <title>, DOCX core properties, XML fields. */
export interface DocumentMetadata {
  title?: string;
  body?: string;
  organisation?: string;
  /** ISO date YYYY-MM-DD. */
  date?: string;
  /** HH:MM. */
  time?: string;
  location?: string;
  documentType?: DocumentType;
}

export interface SectionDraft {
  heading: string;
  kind: SectionKind;
  text: string;
  page?: number | undefined;
  /** Anchor slug; made unique within the item when absent. */
  slug?: string;
  /** 1-based positions in the source as read; the section's order when absent. */
  lineStart?: number;
  lineEnd?: number;
}

export interface ItemDraft {
  number: number;
  title: string;
  caseNumber: string | null;
  closed: boolean;
  sections: SectionDraft[];
  page?: number | undefined;
  /** 1-based positions in the source as read; the item's order when absent. */
  lineStart?: number;
  lineEnd?: number;
}

/** A meeting as a structured source gives it; ingest adds the id, the file and the sidecar's fields. */
export interface MeetingDraft {
  body: string | null;
  organisation: string | null;
  /** ISO date YYYY-MM-DD, or null when the source gives none. */
  date: string | null;
  time: string | null;
  location: string | null;
  documentType: DocumentType | null;
  items: ItemDraft[];
}

export type ReadResult =
  /** Plain text (.txt/.md): the segmenter builds its line model from the text itself. */
  | { kind: "text"; format: "text"; text: string; metadata: DocumentMetadata; warnings: string[] }
  | {
      kind: "blocks";
      format: SourceFormat;
      blocks: Block[];
      metadata: DocumentMetadata;
      warnings: string[];
    }
  | { kind: "meeting"; format: SourceFormat; meeting: MeetingDraft; warnings: string[] }
  /**
   * A file that describes another file rather than being minutes itself (an Acadre publishing
   * manifest). It is reported as such, never as a failure or as unsupported.
   */
  | { kind: "companion"; format: SourceFormat; describes: string };

export interface Reader {
  format: SourceFormat;
  /** Whether this reader reads the file: its extension and, where formats share one (.xml, .json), a sniff of its first bytes. */
  accepts(file: SourceDocument): boolean;
  /** Throws AppError (`minutes_unreadable`, `minutes_no_text`, …) with a reason a person can act on. */
  read(file: SourceDocument, context: ReadContext): Promise<ReadResult>;
}
