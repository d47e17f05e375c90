import { AppError } from "../shared/errors.ts";
import { finaliseMeeting } from "./finalise-meeting.ts";
import { toLines } from "./lines.ts";
import type { Meeting } from "./model.ts";
import { segmentLines } from "./segmenter/segment.ts";

export { type SegmentedMinutes, segmentLines } from "./segmenter/segment.ts";

/**
 * Reads one minutes text into a Meeting (the text path of the ingest pipeline, for tests and
 * scripts). Throws AppError `minutes_empty` or `minutes_no_items` naming the file when it cannot.
 */
export function parseMinutes(content: string, sourceFile: string): Meeting {
  return parseMinutesWithLayout(content, sourceFile).meeting;
}

export function parseMinutesWithLayout(
  content: string,
  sourceFile: string,
): { meeting: Meeting; layout: string } {
  const text = content.replace(/^\uFEFF/u, "").replace(/\r\n?/gu, "\n");
  if (text.trim() === "") throw new AppError("minutes_empty", `${sourceFile}: the file is empty`);
  try {
    const segmented = segmentLines(toLines(text), {});
    const meeting = finaliseMeeting(segmented.meeting, {
      sourceFile,
      format: "text",
      warnings: segmented.warnings,
    });
    return { meeting, layout: segmented.layout };
  } catch (error) {
    if (error instanceof AppError)
      throw new AppError(error.code, `${sourceFile}: ${error.message}`);
    throw error;
  }
}
