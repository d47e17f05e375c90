export { itemAnchor, meetingPath, sectionAnchor, slugify, sourceUrl } from "./anchors.ts";
export { createMeetingCatalog, type MeetingCatalog } from "./catalog.ts";
export { formatDanishDate, formatLongDanishDate, UNDATED } from "./dates.ts";
export {
  type FileOutcome,
  type FileReport,
  type IngestFailure,
  type IngestOptions,
  type IngestProgress,
  type IngestResult,
  ingestDirectory,
  readStoredCorpus,
  type StoredCorpus,
  type StoredCorpusUse,
} from "./ingest.ts";
export * from "./model.ts";
export { parseMinutes, parseMinutesWithLayout, segmentLines } from "./parse.ts";
export { toPublicMeeting } from "./public-meeting.ts";
export { readSource, type SourceReading } from "./read-source.ts";
export { TEXT_EXTENSIONS } from "./readers/text-reader.ts";
export type { DocumentType, SourceFormat } from "./readers/types.ts";
export { type Sidecar, sidecarSchema } from "./sidecar.ts";
