import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { slugify } from "../minutes/anchors.ts";
import { isAppError } from "../shared/errors.ts";
import type { FirstAgendaClient, ListedMeeting } from "./firstagenda-client.ts";
import { safeFileNamePart } from "./safe-file-name.ts";

/**
 * `referat sync firstagenda`: new and changed meetings of a FirstAgenda Publication site into a
 * folder of the minutes folder, one JSON file per meeting (`<Udvalg>_<date>_<id>.json`, as the
 * site sent it) with a `<file>.meta.json` sidecar naming the meeting's public page and, when
 * given, the municipality. A meeting whose listing entry and file are unchanged since the last
 * sync is not fetched again; one whose content is unchanged is not written again. A failed
 * request is reported (site, meeting, reason) and the others continue.
 */

export const SYNC_STATE_FILE = ".firstagenda-sync.json";

const stateSchema = z.object({
  version: z.literal(1),
  site: z.string(),
  meetings: z.record(
    z.string(),
    z.object({ file: z.string(), listing: z.string(), sha256: z.string() }),
  ),
});
type SyncState = z.infer<typeof stateSchema>;

export type SyncStatus = "new" | "updated" | "unchanged" | "would-fetch" | "failed";

export interface SyncedMeeting {
  id: string;
  committee: string;
  date: string | null;
  /** Path relative to the target folder. */
  file: string;
  status: SyncStatus;
  /** Why it failed. */
  message?: string;
}

export interface SyncReport {
  site: string;
  targetDir: string;
  /** Meetings the site lists. */
  listed: number;
  /** Meetings left after --since and --committee. */
  selected: number;
  meetings: SyncedMeeting[];
  /** Listing entries that could not be used, with the reason. */
  problems: string[];
  dryRun: boolean;
}

export interface SyncOptions {
  client: FirstAgendaClient;
  targetDir: string;
  /** Only meetings on or after this date (YYYY-MM-DD). */
  since?: string;
  /** Only meetings of committees whose name contains one of these (or whose id is one). */
  committees?: string[];
  /** Written into each sidecar as `municipality`. */
  municipality?: string;
  /** List what would be fetched; fetch and write nothing. */
  dryRun?: boolean;
  /** Called after each meeting, for progress output. */
  onMeeting?: (meeting: SyncedMeeting) => void;
}

export async function syncFirstAgenda(options: SyncOptions): Promise<SyncReport> {
  const { client, targetDir } = options;
  const listing = await client.listMeetings();
  const selected = listing.meetings
    .filter((meeting) => matchesFilters(meeting, options))
    .sort(
      (a, b) =>
        (a.date ?? "").localeCompare(b.date ?? "") ||
        a.committee.localeCompare(b.committee, "da") ||
        a.id.localeCompare(b.id),
    );
  const statePath = join(targetDir, SYNC_STATE_FILE);
  const state = await readState(statePath, client.site.origin);
  const report: SyncReport = {
    site: client.site.host,
    targetDir,
    listed: listing.meetings.length,
    selected: selected.length,
    meetings: [],
    problems: listing.problems,
    dryRun: options.dryRun ?? false,
  };

  try {
    for (const meeting of selected) {
      const synced = await syncMeeting(meeting, state, options);
      report.meetings.push(synced);
      options.onMeeting?.(synced);
    }
  } finally {
    if (!options.dryRun && report.meetings.some((meeting) => meeting.status !== "failed")) {
      await writeAtomically(statePath, `${JSON.stringify(state, null, 2)}\n`);
    }
  }
  return report;
}

async function syncMeeting(
  meeting: ListedMeeting,
  state: SyncState,
  options: SyncOptions,
): Promise<SyncedMeeting> {
  const file = meetingFileName(meeting);
  const base = { id: meeting.id, committee: meeting.committee, date: meeting.date, file };
  const listingHash = sha256(JSON.stringify(meeting.entry));
  const path = join(options.targetDir, file);
  const previous = state.meetings[meeting.id];
  const existing = await readFile(path).catch(() => null);
  const sidecar = sidecarText(meeting, options);
  const sidecarPath = `${path}.meta.json`;
  const sidecarCurrent = (await readFile(sidecarPath, "utf8").catch(() => null)) === sidecar;

  if (
    previous?.file === file &&
    previous.listing === listingHash &&
    existing !== null &&
    sha256(existing) === previous.sha256 &&
    sidecarCurrent
  ) {
    return { ...base, status: "unchanged" };
  }
  if (options.dryRun) return { ...base, status: "would-fetch" };

  let bytes: Uint8Array;
  try {
    bytes = await options.client.fetchMeeting(meeting.id);
  } catch (error) {
    return {
      ...base,
      status: "failed",
      message: isAppError(error) ? error.message : String(error),
    };
  }
  const contentUnchanged = existing !== null && Buffer.from(bytes).equals(existing);
  // The sidecar first: whoever ingests the new file finds its metadata already there.
  if (!sidecarCurrent) await writeAtomically(sidecarPath, sidecar);
  if (!contentUnchanged) await writeAtomically(path, bytes);
  // A meeting renamed on the site (another committee name or date) leaves no stale copy.
  if (previous && previous.file !== file) {
    await rm(join(options.targetDir, previous.file), { force: true });
    await rm(join(options.targetDir, `${previous.file}.meta.json`), { force: true });
  }
  state.meetings[meeting.id] = { file, listing: listingHash, sha256: sha256(bytes) };
  const status: SyncStatus =
    existing === null ? "new" : contentUnchanged && sidecarCurrent ? "unchanged" : "updated";
  return { ...base, status };
}

/** `<Udvalg>_<date>_<id>.json`, every part made safe for a file name. */
export function meetingFileName(meeting: Pick<ListedMeeting, "committee" | "date" | "id">): string {
  return `${safeFileNamePart(meeting.committee)}_${meeting.date ?? "udateret"}_${safeFileNamePart(meeting.id, 64)}.json`;
}

function sidecarText(meeting: ListedMeeting, options: SyncOptions): string {
  const sidecar = {
    sourceUrl: options.client.meetingPageUrl(meeting.id),
    ...(options.municipality ? { municipality: options.municipality } : {}),
  };
  return `${JSON.stringify(sidecar, null, 2)}\n`;
}

function matchesFilters(meeting: ListedMeeting, options: SyncOptions): boolean {
  if (options.since !== undefined && (meeting.date === null || meeting.date < options.since)) {
    return false;
  }
  const committees = options.committees ?? [];
  if (committees.length === 0) return true;
  const name = slugify(meeting.committee);
  return committees.some((wanted) => {
    const slug = slugify(wanted);
    return (
      (slug !== "" && name.includes(slug)) ||
      meeting.committeeId?.toLowerCase() === wanted.trim().toLowerCase()
    );
  });
}

async function readState(path: string, site: string): Promise<SyncState> {
  const empty: SyncState = { version: 1, site, meetings: {} };
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
    return parsed.success && parsed.data.site === site ? parsed.data : empty;
  } catch {
    return empty;
  }
}

/** Written beside the target under a dot name (ignored by ingest and the watcher), then renamed. */
async function writeAtomically(path: string, contents: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.sync-${process.pid}-${Date.now()}.tmp`);
  await writeFile(temporary, contents);
  await rename(temporary, path);
}

function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
