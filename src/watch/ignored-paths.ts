import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * What in the minutes folder is not minutes, so that touching it never starts a re-ingest: dot
 * files and folders (ingest skips them too), files that are still being written or are an
 * editor's scratch copy, and Referat's own data folder when it lies inside the minutes folder.
 */

/** Suffixes of partial downloads and scratch files ("x.pdf.part", "x.crdownload", "x.swp"). */
const TEMPORARY_SUFFIXES = [
  ".tmp",
  ".temp",
  ".part",
  ".partial",
  ".crdownload",
  ".download",
  ".swp",
  ".swo",
  ".swx",
];

/** The folders and files ingest writes beside the corpus when DATA_DIR is the minutes folder itself. */
const DATA_DIR_ENTRIES = new Set(["corpus.json", "index", "cache", "feedback"]);

/** Whether a file name is a temporary or scratch file: Office lock files, editor backups, partial downloads. */
export function isTemporaryFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith("~$") ||
    lower.endsWith("~") ||
    (lower.startsWith("#") && lower.endsWith("#")) ||
    TEMPORARY_SUFFIXES.some((suffix) => lower.endsWith(suffix))
  );
}

export interface IgnoredPathOptions {
  minutesDir: string;
  /** DATA_DIR: ignored when it lies inside the minutes folder. */
  dataDir?: string;
}

/**
 * A predicate over paths (absolute, or relative to the working folder) under the minutes folder:
 * true for what the watcher ignores. The minutes folder itself is never ignored.
 */
export function createIgnoredPathFilter(options: IgnoredPathOptions): (path: string) => boolean {
  const root = resolve(options.minutesDir);
  const dataFolder =
    options.dataDir === undefined ? null : relative(root, resolve(options.dataDir));
  const dataInside = dataFolder !== null && !leavesRoot(dataFolder);
  const dataParts = dataInside && dataFolder !== "" ? dataFolder.split(sep) : null;
  const dataIsRoot = dataInside && dataFolder === "";

  return (path) => {
    const fromRoot = relative(root, resolve(path));
    if (fromRoot === "" || leavesRoot(fromRoot)) return false;
    const parts = fromRoot.split(sep);
    if (parts.some((part) => part.startsWith("."))) return true;
    if (isTemporaryFileName(parts.at(-1) ?? "")) return true;
    if (dataParts?.every((part, index) => parts[index] === part)) return true;
    if (dataIsRoot && DATA_DIR_ENTRIES.has(parts[0] ?? "")) return true;
    return false;
  };
}

function leavesRoot(fromRoot: string): boolean {
  return fromRoot === ".." || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot);
}
