import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Meeting } from "../minutes/model.ts";
import { chunkMeeting, sectionChunk, titleChunk } from "./chunking.ts";
import type { Chunk } from "./types.ts";

/**
 * Where each meeting's chunks lie, saved with the index so that a start-up over an unchanged
 * corpus rebuilds the chunks by slicing the section texts instead of chunking and hashing every
 * section again (the largest cost of starting on a large archive). A meeting counts as unchanged
 * when its fingerprint (sha256 of the parsed meeting) is the one recorded; any other meeting is
 * chunked anew.
 */

/** Bump when the chunker's output changes for the same meeting. */
export const CHUNKER_VERSION = 1;
export const CHUNK_LAYOUT_FILE = "chunks.json";

/** One chunk: item index, section index (-1: the item's title chunk), start, end, ordinal, content hash. */
type ChunkPlace = [number, number, number, number, number, string];

export interface MeetingLayout {
  fingerprint: string;
  chunks: ChunkPlace[];
}

export type ChunkLayout = Map<string, MeetingLayout>;

const layoutFileSchema = z.object({
  formatVersion: z.literal(1),
  chunker: z.number().int(),
  meetings: z.record(
    z.string(),
    z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), chunks: z.array(z.unknown()) }),
  ),
});

export interface ChunkedCorpus {
  chunks: Chunk[];
  layout: ChunkLayout;
  /** Meetings whose chunks came from the saved layout. */
  reused: number;
}

/** sha256 over what chunking reads of a meeting (nothing else of it changes its chunks). */
export function fingerprintMeeting(meeting: Meeting): string {
  const hash = createHash("sha256");
  const parts: string[] = [meeting.id, meeting.body, meeting.date ?? ""];
  for (const item of meeting.items) {
    parts.push(`\u0001${item.number}`, item.title, item.closed ? "1" : "0");
    for (const section of item.sections) {
      parts.push("\u0002", section.heading, section.kind, section.slug, section.text);
    }
  }
  return hash.update(parts.join("\u0000")).digest("hex");
}

export function chunkCorpus(
  meetings: readonly Meeting[],
  saved: ChunkLayout | null,
): ChunkedCorpus {
  const chunks: Chunk[] = [];
  const layout: ChunkLayout = new Map();
  let reused = 0;
  for (const meeting of meetings) {
    const fingerprint = fingerprintMeeting(meeting);
    const known = saved?.get(meeting.id);
    const rebuilt = known?.fingerprint === fingerprint ? rebuild(meeting, known) : null;
    if (rebuilt && known) {
      reused += 1;
      chunks.push(...rebuilt);
      layout.set(meeting.id, known);
      continue;
    }
    const fresh = chunkMeeting(meeting);
    chunks.push(...fresh);
    layout.set(meeting.id, { fingerprint, chunks: placesOf(meeting, fresh) });
  }
  return { chunks, layout, reused };
}

/** The layout's JSON, for writing beside a generation's manifest. */
export function serializeChunkLayout(layout: ChunkLayout): string {
  return JSON.stringify({
    formatVersion: 1,
    chunker: CHUNKER_VERSION,
    meetings: Object.fromEntries(layout),
  });
}

/** A saved layout, or null when it is missing, unreadable, of another chunker or not `expectedSha256`. */
export async function readChunkLayout(
  path: string,
  expectedSha256: string,
): Promise<ChunkLayout | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  if (sha256Of(text) !== expectedSha256) return null;
  let parsed: z.infer<typeof layoutFileSchema>;
  try {
    parsed = layoutFileSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
  if (parsed.chunker !== CHUNKER_VERSION) return null;
  const layout: ChunkLayout = new Map();
  for (const [id, entry] of Object.entries(parsed.meetings)) {
    if (!entry.chunks.every(isChunkPlace)) return null;
    layout.set(id, { fingerprint: entry.fingerprint, chunks: entry.chunks });
  }
  return layout;
}

export function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function isChunkPlace(value: unknown): value is ChunkPlace {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    value.slice(0, 5).every((part) => Number.isInteger(part) && part >= -1) &&
    typeof value[5] === "string" &&
    /^[0-9a-f]{64}$/u.test(value[5])
  );
}

function placesOf(meeting: Meeting, chunks: Chunk[]): ChunkPlace[] {
  const itemIndex = new Map(meeting.items.map((item, index) => [item.number, index]));
  return chunks.map((chunk) => {
    const position = itemIndex.get(chunk.itemNumber) ?? -1;
    const item = meeting.items[position];
    const section =
      chunk.sectionSlug === ""
        ? -1
        : (item?.sections.findIndex((s) => s.slug === chunk.sectionSlug) ?? -1);
    const ordinal = Number(chunk.id.slice(chunk.id.lastIndexOf("/") + 1));
    return [position, section, chunk.start, chunk.end, ordinal, chunk.contentHash];
  });
}

/** The meeting's chunks from its saved places; null when a place does not fit the meeting. */
function rebuild(meeting: Meeting, known: MeetingLayout): Chunk[] | null {
  const chunks: Chunk[] = [];
  for (const [itemIndex, sectionIndex, start, end, ordinal, hash] of known.chunks) {
    const item = meeting.items[itemIndex];
    if (!item) return null;
    if (sectionIndex === -1) {
      chunks.push(titleChunk(meeting, item, hash));
      continue;
    }
    const section = item.sections[sectionIndex];
    if (!section || end > section.text.length || start > end) return null;
    chunks.push(sectionChunk(meeting, item, section, { start, end }, ordinal, hash));
  }
  return chunks;
}
