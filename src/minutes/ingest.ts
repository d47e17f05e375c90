import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { AppError, type AppErrorCode, describeError, isAppError } from "../shared/errors.ts";
import {
  CORPUS_FORMAT_VERSION,
  type Corpus,
  corpusSchema,
  type Meeting,
  type SourceRecord,
} from "./model.ts";
import { parserFingerprint } from "./parser-fingerprint.ts";
import { readSource } from "./read-source.ts";
import type { SourceDocument, SourceFormat } from "./readers/types.ts";
import { type FileFate, reconcileMeetings } from "./reconcile.ts";
import {
  fileSidecarPath,
  folderSidecarPaths,
  isSidecarFile,
  mergeSidecars,
  parseSidecar,
  type Sidecar,
} from "./sidecar.ts";

export interface IngestFailure {
  file: string;
  code: AppErrorCode;
  message: string;
}

/** What became of one file: read into a meeting (alone, joined to others, or superseded), a companion, or not read. */
export type FileOutcome =
  | "meeting"
  | "joined"
  | "superseded"
  | "companion"
  | "failed"
  | "unsupported";

export interface FileReport {
  file: string;
  /** `read` in this run, or `unchanged` since the stored corpus and taken from it. */
  cache: "read" | "unchanged";
  outcome: FileOutcome;
  format: SourceFormat | null;
  /** The meeting the file's content is part of (for superseded files: none). */
  meetingId: string | null;
  /** Why: the error of a failed or unsupported file, what superseded a file, what a companion describes. */
  message: string | null;
  code: AppErrorCode | null;
  warnings: string[];
}

export interface IngestResult {
  meetings: Meeting[];
  /** Files that could not be read or that no reader takes, with the reason. */
  failures: IngestFailure[];
  /** Every file in the folder, in path order, and what became of it. */
  files: FileReport[];
  /** Files read and parsed in this run. */
  parsed: number;
  /** Files unchanged since the stored corpus, taken from it without reading. */
  reused: number;
  /** Whether the stored corpus file was (re)written. */
  written: boolean;
  /** What became of the stored corpus (absent when no corpus file was given). */
  storedCorpus?: StoredCorpusUse;
}

/**
 * `discarded`: there was one, but it could not be trusted (changed on disk, invalid, or
 * `outdated`: of an older format), so every file was read again and it was rewritten.
 */
export type StoredCorpusUse =
  | { state: "missing" }
  | { state: "used" }
  | { state: "discarded"; reason: string; outdated?: boolean };

export type StoredCorpus =
  | { state: "missing" }
  | { state: "discarded"; reason: string; outdated?: boolean }
  | { state: "used"; corpus: Corpus };

export interface IngestProgress {
  done: number;
  total: number;
  file: string;
}

export interface IngestOptions {
  /** Where the parsed corpus is stored; unchanged files are taken from it. Omit to store nothing. */
  corpusFile?: string;
  /** Called after each file; for progress bars on long ingests. */
  onProgress?: (progress: IngestProgress) => void;
}

/**
 * Reads every minutes file in a folder and its subfolders, in any format Referat reads, through
 * one pipeline (reader → segmenter → meeting). A file that cannot be read, or that no reader
 * takes, is reported by name with the reason and the others still ingest; nothing is skipped
 * silently. Files whose content (and sidecar metadata) is unchanged since the stored corpus, read
 * by this same parser, are not read again, and an unchanged corpus is not rewritten.
 */
export async function ingestDirectory(
  directory: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const { minutes, sidecars } = await listSourceFiles(
    directory,
    ownFiles(directory, options.corpusFile),
  );
  const parser = parserFingerprint();
  const storedRead = options.corpusFile ? await readStoredCorpus(options.corpusFile) : undefined;
  const stored = storedRead?.state === "used" ? storedRead.corpus : undefined;
  const storedByFile = new Map(
    (stored?.parser === parser ? stored.files : []).map((record) => [record.file, record]),
  );
  const sidecarsFor = createSidecarResolver(directory, sidecars);
  const siblingsOf = createSiblingLoader(directory, minutes);

  const records: SourceRecord[] = [];
  const cacheStates: FileReport["cache"][] = [];
  for (const [position, file] of minutes.entries()) {
    const bytes = await readFile(join(directory, file));
    const sidecar = await sidecarsFor(file);
    const sha256 = hashSource(bytes, sidecar);
    const previous = storedByFile.get(file);
    if (previous?.sha256 === sha256) {
      records.push(previous);
      cacheStates.push("unchanged");
    } else {
      records.push(await readRecord({ path: file, bytes }, sha256, sidecar, siblingsOf));
      cacheStates.push("read");
    }
    options.onProgress?.({ done: position + 1, total: minutes.length, file });
  }

  const { meetings, fates } = reconcileMeetings(
    records.flatMap((record) => (record.meeting ? [record.meeting] : [])),
  );
  const files = records.map((record, index) =>
    toReport(record, cacheStates[index] ?? "read", fates.get(record.file)),
  );
  const parsed = cacheStates.filter((state) => state === "read").length;

  const corpus = corpusOf(parser, records);
  const unchanged =
    stored !== undefined &&
    parsed === 0 &&
    stored.parser === parser &&
    stored.files.length === records.length;
  let written = false;
  if (options.corpusFile && !unchanged) {
    await writeJsonAtomically(options.corpusFile, corpus);
    written = true;
  }
  return {
    ...(storedRead ? { storedCorpus: storedCorpusUse(storedRead) } : {}),
    meetings,
    failures: files.flatMap((report) =>
      report.code && (report.outcome === "failed" || report.outcome === "unsupported")
        ? [{ file: report.file, code: report.code, message: report.message ?? "" }]
        : [],
    ),
    files,
    parsed,
    reused: records.length - parsed,
    written,
  };
}

async function readRecord(
  file: SourceDocument,
  sha256: string,
  sidecar: Sidecar | Error,
  siblingsOf: (path: string) => Promise<SourceDocument[]>,
): Promise<SourceRecord> {
  const record: SourceRecord = {
    file: file.path,
    sha256,
    format: null,
    meeting: null,
    describes: null,
    failure: null,
  };
  try {
    if (sidecar instanceof Error) throw sidecar;
    const reading = await readSource(file, sidecar, { siblings: () => siblingsOf(file.path) });
    record.format = reading.format;
    if (reading.kind === "meeting") record.meeting = reading.meeting;
    else record.describes = reading.describes;
  } catch (error) {
    record.failure = describeFailure(error);
  }
  return record;
}

function toReport(
  record: SourceRecord,
  cache: FileReport["cache"],
  fate: FileFate | undefined,
): FileReport {
  const base = {
    file: record.file,
    cache,
    format: record.format,
    warnings: record.meeting?.warnings ?? [],
  };
  if (record.failure) {
    const code = record.failure.code as AppErrorCode;
    return {
      ...base,
      outcome: code === "minutes_unsupported" ? "unsupported" : "failed",
      meetingId: null,
      message: record.failure.message,
      code,
    };
  }
  if (record.describes !== null) {
    return {
      ...base,
      outcome: "companion",
      meetingId: null,
      message: `describes ${record.describes}`,
      code: null,
    };
  }
  if (fate?.status === "superseded") {
    return {
      ...base,
      outcome: "superseded",
      meetingId: null,
      message: `${fate.reason} (${fate.by})`,
      code: null,
    };
  }
  return {
    ...base,
    outcome: fate?.status === "joined" ? "joined" : "meeting",
    meetingId: fate?.meetingId ?? record.meeting?.id ?? null,
    message: null,
    code: null,
  };
}

/** Every file below the folder, as forward-slash paths in sorted order; dot files and folders are not minutes. */
async function listSourceFiles(
  directory: string,
  isOwnFile: (path: string) => boolean,
): Promise<{ minutes: string[]; sidecars: string[] }> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      posix.join(...relativeParts(directory, entry.parentPath ?? directory), entry.name),
    )
    .filter((path) => !path.split("/").some((part) => part.startsWith(".")))
    .filter((path) => !isOwnFile(path))
    .sort();
  return {
    minutes: paths.filter((path) => !isSidecarFile(path)),
    sidecars: paths.filter(isSidecarFile),
  };
}

/**
 * What in the minutes folder belongs to Referat itself: the data folder when it lies inside the
 * minutes folder, or, when both are one folder, the corpus file and the folders written beside it.
 */
function ownFiles(directory: string, corpusFile: string | undefined): (path: string) => boolean {
  if (corpusFile === undefined) return () => false;
  const dataFolder = relative(resolve(directory), resolve(dirname(corpusFile)));
  if (dataFolder.startsWith("..") || isAbsolute(dataFolder)) return () => false;
  const prefix = dataFolder === "" ? "" : `${dataFolder.split(sep).join("/")}/`;
  if (prefix !== "") return (path) => path.startsWith(prefix);
  const written = new Set([basename(corpusFile), "index", "cache", "feedback"]);
  return (path) => written.has(path.split("/")[0] ?? "");
}

function relativeParts(root: string, folder: string): string[] {
  const relative = folder.slice(root.length).replace(/^[\\/]+/u, "");
  return relative === "" ? [] : relative.split(/[\\/]/u);
}

/** The merged sidecar metadata for a file, or the error of a broken sidecar that applies to it. */
function createSidecarResolver(
  directory: string,
  sidecarPaths: readonly string[],
): (file: string) => Promise<Sidecar | Error> {
  const present = new Set(sidecarPaths);
  const parsed = new Map<string, Promise<Sidecar | Error>>();
  const load = (path: string) => {
    let sidecar = parsed.get(path);
    if (!sidecar) {
      sidecar = readFile(join(directory, path), "utf8").then(
        (text) => {
          try {
            return parseSidecar(path, text);
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        },
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
      parsed.set(path, sidecar);
    }
    return sidecar;
  };
  return async (file) => {
    const applicable = [...folderSidecarPaths(file), fileSidecarPath(file)].filter((path) =>
      present.has(path),
    );
    const sidecars: Sidecar[] = [];
    for (const path of applicable) {
      const sidecar = await load(path);
      // A broken sidecar may be what marks minutes internal: the files it covers fail rather than go public.
      if (sidecar instanceof Error) return sidecar;
      sidecars.push(sidecar);
    }
    return mergeSidecars(sidecars);
  };
}

/** Other files in the same folder, read once per folder when a reader asks. */
function createSiblingLoader(
  directory: string,
  files: readonly string[],
): (path: string) => Promise<SourceDocument[]> {
  const byFolder = new Map<string, Promise<SourceDocument[]>>();
  return (path) => {
    const folder = posix.dirname(path);
    let siblings = byFolder.get(folder);
    if (!siblings) {
      const inFolder = files.filter((file) => posix.dirname(file) === folder);
      siblings = Promise.all(
        inFolder.map(async (file) => ({
          path: file,
          bytes: await readFile(join(directory, file)),
        })),
      );
      byFolder.set(folder, siblings);
    }
    return siblings.then((documents) => documents.filter((document) => document.path !== path));
  };
}

function hashSource(bytes: Uint8Array, sidecar: Sidecar | Error): string {
  const hash = createHash("sha256").update(bytes);
  hash.update(sidecar instanceof Error ? `broken:${sidecar.message}` : JSON.stringify(sidecar));
  return hash.digest("hex");
}

/** The corpus to store: validated, with the checksum of its records. */
function corpusOf(parser: string, records: SourceRecord[]): Corpus {
  const checked = corpusSchema.shape.files.safeParse(records);
  if (!checked.success) {
    // Every meeting was validated when it was read; this is a bug, said in a sentence.
    const issue = checked.error.issues[0];
    throw new AppError(
      "corpus_invalid",
      `the corpus to store is invalid at ${issue?.path.join(".") || "its root"}: ${issue?.message ?? "unknown problem"}`,
    );
  }
  const files = checked.data;
  return { version: CORPUS_FORMAT_VERSION, parser, sha256: sha256Of(JSON.stringify(files)), files };
}

function storedCorpusUse(read: StoredCorpus): StoredCorpusUse {
  return read.state === "used" ? { state: "used" } : read;
}

/**
 * Reads a stored corpus. One that is missing, of an older format, invalid or changed on disk
 * (its records no longer match its checksum) is not used, and the reason names the file.
 */
export async function readStoredCorpus(corpusFile: string): Promise<StoredCorpus> {
  let text: string;
  try {
    text = await readFile(corpusFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    return { state: "discarded", reason: `${corpusFile} is unreadable: ${describeError(error)}` };
  }
  let json: { version?: unknown; sha256?: unknown; files?: unknown } | null;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: "discarded", reason: `${corpusFile} is not valid JSON` };
  }
  const version = json?.version;
  if (typeof version === "number" && version < CORPUS_FORMAT_VERSION) {
    return {
      state: "discarded",
      outdated: true,
      reason: `${corpusFile} is of corpus format ${version}, without a checksum; this Referat writes format ${CORPUS_FORMAT_VERSION}`,
    };
  }
  // JSON.stringify of what JSON.parse read gives back the compact text the checksum was made of.
  if (!Array.isArray(json?.files) || sha256Of(JSON.stringify(json.files)) !== json.sha256) {
    return {
      state: "discarded",
      reason: `${corpusFile} does not match its checksum (changed on disk)`,
    };
  }
  const result = corpusSchema.safeParse(json);
  if (!result.success) {
    return { state: "discarded", reason: `${corpusFile} is not a valid corpus` };
  }
  return { state: "used", corpus: result.data };
}

function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function describeFailure(error: unknown): { code: AppErrorCode; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "minutes_unreadable", message };
}

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, "utf8");
  await rename(temporary, path);
}
