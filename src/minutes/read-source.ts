import { extname } from "node:path";
import { AppError } from "../shared/errors.ts";
import { blocksToLines } from "./blocks.ts";
import { finaliseMeeting } from "./finalise-meeting.ts";
import { toLines } from "./lines.ts";
import type { Meeting } from "./model.ts";
import { segmentLines } from "./parse.ts";
import { findReader } from "./readers/index.ts";
import type { MeetingDraft, ReadContext, SourceDocument, SourceFormat } from "./readers/types.ts";
import type { Sidecar } from "./sidecar.ts";

/** What one file in the minutes folder holds. */
export type SourceReading =
  | { kind: "meeting"; format: SourceFormat; meeting: Meeting }
  | { kind: "companion"; format: SourceFormat; describes: string };

/**
 * One file → its meeting, through the one pipeline: the format's reader, then (for documents
 * that are blocks or text) the segmenter, then finalisation with the sidecar's metadata.
 * Throws AppError: `minutes_unsupported` when no reader takes the file, or the reader's,
 * segmenter's or finaliser's error.
 */
export async function readSource(
  file: SourceDocument,
  sidecar: Sidecar,
  context: ReadContext,
): Promise<SourceReading> {
  const reader = findReader(file);
  if (!reader) throw new AppError("minutes_unsupported", unsupportedReason(file.path));
  const result = await reader.read(file, context);
  if (result.kind === "companion") return result;

  let draft: MeetingDraft;
  let warnings: string[];
  if (result.kind === "meeting") {
    draft = result.meeting;
    warnings = result.warnings;
  } else {
    const lines = result.kind === "text" ? toLines(result.text) : blocksToLines(result.blocks);
    const segmented = segmentLines(lines, result.metadata);
    draft = segmented.meeting;
    warnings = [...result.warnings, ...segmented.warnings];
  }
  const meeting = finaliseMeeting(draft, {
    sourceFile: file.path,
    format: result.format,
    sidecar,
    warnings,
  });
  return { kind: "meeting", format: result.format, meeting };
}

const KNOWN_OTHER_FORMATS: Record<string, string> = {
  ".doc": "a Word 97–2003 .doc file: save it as .docx or PDF",
  ".rtf": "an RTF file: save it as .docx or PDF",
  ".odt": "an OpenDocument text: save it as .docx or PDF",
  ".xls": "a spreadsheet, not minutes",
  ".xlsx": "a spreadsheet, not minutes",
  ".csv": "a spreadsheet, not minutes",
  ".png": "an image: put scanned minutes in a PDF, which is OCR'd",
  ".jpg": "an image: put scanned minutes in a PDF, which is OCR'd",
  ".jpeg": "an image: put scanned minutes in a PDF, which is OCR'd",
  ".tif": "an image: put scanned minutes in a PDF, which is OCR'd",
  ".tiff": "an image: put scanned minutes in a PDF, which is OCR'd",
  ".zip": "a zip archive: unpack it into the minutes folder",
  ".xml": "an XML file that is not an Acadre, eDagsorden or eDoc meeting export",
  ".json": "a JSON file that is not a FirstAgenda meeting (or a .meta.json sidecar)",
};

const READ_FORMATS = "PDF, HTML, DOCX, Acadre/eDagsorden/eDoc XML, FirstAgenda JSON, .txt and .md";

function unsupportedReason(path: string): string {
  const extension = extname(path).toLowerCase();
  const known = KNOWN_OTHER_FORMATS[extension];
  if (known) return `not a format Referat reads: ${known}`;
  const kind = extension === "" ? "files without an extension" : `${extension} files`;
  return `not a format Referat reads (${kind}); it reads ${READ_FORMATS}`;
}
