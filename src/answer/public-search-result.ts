import { toMeetingRef } from "./refs.ts";
import type { RetrievalLeg, RetrievedItem } from "./types.ts";

/**
 * The public JSON shape of a search result, shared by `referat search --json` and
 * `GET /api/search`: other tools read it, so extend it, never rename.
 */
export interface PublicSearchResult {
  meeting: { id: string; body: string; date: string | null };
  item: { number: number; title: string };
  /** Heading of the best-matching section of the item. */
  section: string;
  score: number;
  legs: RetrievalLeg[];
}

export function toPublicSearchResult(found: RetrievedItem): PublicSearchResult {
  return {
    meeting: toMeetingRef(found.meeting),
    item: { number: found.item.number, title: found.item.title },
    section: found.passages[0]?.sectionHeading ?? "",
    score: found.score,
    legs: found.legs,
  };
}
