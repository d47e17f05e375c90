export { itemAnchor, meetingPath, sectionAnchor, slugify, sourceUrl } from "./anchors.ts";
export { createMeetingCatalog, type MeetingCatalog } from "./catalog.ts";
export {
  type IngestFailure,
  type IngestOptions,
  type IngestResult,
  ingestDirectory,
  MINUTES_EXTENSIONS,
  readStoredCorpus,
} from "./ingest.ts";
export * from "./model.ts";
export { type ParsedMinutes, parseMinutes, parseMinutesWithLayout } from "./parse.ts";
export { toPublicMeeting } from "./public-meeting.ts";
