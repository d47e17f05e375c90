import { createHash } from "node:crypto";
import type { FileReport, IngestResult, Meeting } from "../minutes/index.ts";

/**
 * What a re-ingest changed compared with the corpus being served: meetings added, removed or
 * changed (by content), and files that appeared, went away or were read again. A re-ingest that
 * changed no meeting needs no new search index.
 */

export interface CorpusFingerprint {
  /** Meeting id → hash of the whole meeting. */
  meetings: Map<string, string>;
  /** File → what became of it (outcome, meeting, error code). */
  files: Map<string, string>;
}

export interface CorpusChanges {
  meetingsAdded: string[];
  meetingsRemoved: string[];
  meetingsChanged: string[];
  filesAdded: string[];
  filesRemoved: string[];
  /** Files read (not taken unchanged from the stored corpus) in this run. */
  filesRead: FileReport[];
  /** Whether any meeting differs: the search index must be rebuilt. */
  meetingsDiffer: boolean;
  /** Whether anything at all differs, the fate of a file included. */
  anything: boolean;
}

export function fingerprintCorpus(
  result: Pick<IngestResult, "meetings" | "files">,
): CorpusFingerprint {
  return {
    meetings: new Map(result.meetings.map((meeting) => [meeting.id, hashMeeting(meeting)])),
    files: new Map(
      result.files.map((file) => [
        file.file,
        `${file.outcome}\u0000${file.meetingId ?? ""}\u0000${file.code ?? ""}\u0000${file.message ?? ""}`,
      ]),
    ),
  };
}

export function compareCorpora(
  previous: CorpusFingerprint,
  next: CorpusFingerprint,
  result: Pick<IngestResult, "files">,
): CorpusChanges {
  const meetingsAdded = [...next.meetings.keys()].filter((id) => !previous.meetings.has(id));
  const meetingsRemoved = [...previous.meetings.keys()].filter((id) => !next.meetings.has(id));
  const meetingsChanged = [...next.meetings].flatMap(([id, hash]) => {
    const before = previous.meetings.get(id);
    return before !== undefined && before !== hash ? [id] : [];
  });
  const filesAdded = [...next.files.keys()].filter((file) => !previous.files.has(file));
  const filesRemoved = [...previous.files.keys()].filter((file) => !next.files.has(file));
  const filesRefated = [...next.files].some(([file, fate]) => {
    const before = previous.files.get(file);
    return before !== undefined && before !== fate;
  });
  const meetingsDiffer = meetingsAdded.length + meetingsRemoved.length + meetingsChanged.length > 0;
  return {
    meetingsAdded,
    meetingsRemoved,
    meetingsChanged,
    filesAdded,
    filesRemoved,
    filesRead: result.files.filter((file) => file.cache === "read"),
    meetingsDiffer,
    anything: meetingsDiffer || filesAdded.length + filesRemoved.length > 0 || filesRefated,
  };
}

function hashMeeting(meeting: Meeting): string {
  return createHash("sha256").update(JSON.stringify(meeting)).digest("hex");
}
