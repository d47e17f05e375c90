import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { AppError, type AppErrorCode, isAppError } from "../shared/errors.ts";
import { type Corpus, corpusSchema, type Meeting } from "./model.ts";
import { parseMinutes } from "./parse.ts";
import { parserFingerprint } from "./parser-fingerprint.ts";

export const MINUTES_EXTENSIONS = [".txt", ".md"] as const;

export interface IngestFailure {
  file: string;
  code: AppErrorCode;
  message: string;
}

export interface IngestResult {
  meetings: Meeting[];
  failures: IngestFailure[];
  /** Files read and parsed in this run. */
  parsed: number;
  /** Files unchanged since the stored corpus, taken from it without parsing. */
  reused: number;
  /** Whether the stored corpus file was (re)written. */
  written: boolean;
}

export interface IngestOptions {
  /** Where the parsed corpus is stored; unchanged files are taken from it. Omit to store nothing. */
  corpusFile?: string;
}

/**
 * Reads every .txt/.md minutes file in a folder. A file that cannot be read (empty, not UTF-8,
 * no items) is reported by name and the others still ingest. Files whose content hash matches
 * the stored corpus, read by this same parser, are not parsed again, and an unchanged corpus is
 * not rewritten.
 */
export async function ingestDirectory(
  directory: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const files = (await readdir(directory, { withFileTypes: true }))
    .filter(
      (entry) =>
        entry.isFile() &&
        (MINUTES_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase()),
    )
    .map((entry) => entry.name)
    .sort();

  const parser = parserFingerprint();
  const stored = options.corpusFile ? await readStoredCorpus(options.corpusFile) : undefined;
  const reusable = stored?.parser === parser ? stored.sources : [];
  const storedByFile = new Map(
    reusable.map((source) => [
      source.file,
      { ...source, meeting: stored?.meetings.find((m) => m.id === source.meetingId) },
    ]),
  );

  const meetings: Meeting[] = [];
  const sources: Corpus["sources"] = [];
  const failures: IngestFailure[] = [];
  let parsed = 0;
  let reused = 0;

  for (const file of files) {
    try {
      const bytes = await readFile(join(directory, file));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const previous = storedByFile.get(file);
      let meeting: Meeting;
      if (previous?.sha256 === sha256 && previous.meeting) {
        meeting = previous.meeting;
        reused++;
      } else {
        meeting = parseMinutes(decodeUtf8(bytes, file), file);
        parsed++;
      }
      meeting = withUniqueId(meeting, meetings);
      meetings.push(meeting);
      sources.push({ file, sha256, meetingId: meeting.id });
    } catch (error) {
      failures.push(toFailure(file, error));
    }
  }

  const corpus: Corpus = { version: 1, parser, meetings, sources };
  const unchanged =
    stored !== undefined &&
    parsed === 0 &&
    stored.parser === parser &&
    JSON.stringify(stored.sources) === JSON.stringify(sources);
  let written = false;
  if (options.corpusFile && !unchanged) {
    await writeJsonAtomically(options.corpusFile, corpusSchema.parse(corpus));
    written = true;
  }
  return { meetings, failures, parsed, reused, written };
}

/** Reads a stored corpus; a missing or invalid one counts as none (everything is parsed again). */
export async function readStoredCorpus(corpusFile: string): Promise<Corpus | undefined> {
  let text: string;
  try {
    text = await readFile(corpusFile, "utf8");
  } catch {
    return undefined;
  }
  try {
    const result = corpusSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AppError("minutes_not_utf8", `${file}: not UTF-8 text`, { cause: error });
  }
}

/** Two files for the same body and date (e.g. a corrected re-issue) both stay findable. */
function withUniqueId(meeting: Meeting, existing: readonly Meeting[]): Meeting {
  const taken = new Set(existing.map((m) => m.id));
  if (!taken.has(meeting.id)) return meeting;
  let suffix = 2;
  while (taken.has(`${meeting.id}-${suffix}`)) suffix++;
  return { ...meeting, id: `${meeting.id}-${suffix}` };
}

function toFailure(file: string, error: unknown): IngestFailure {
  if (isAppError(error))
    return { file, code: error.code, message: error.message.replace(`${file}: `, "") };
  const message = error instanceof Error ? error.message : String(error);
  return { file, code: "minutes_unreadable", message };
}

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, "utf8");
  await rename(temporary, path);
}
