import { posix, relative, resolve, sep } from "node:path";
import { watch } from "chokidar";
import { createIgnoredPathFilter } from "./ignored-paths.ts";

/**
 * Watches the minutes folder and reports changes in batches: a burst of events (a folder copied
 * in, a PDF still being written, an editor's save-as-rename) becomes one batch once the folder
 * has been quiet for `debounceMs`, or at the latest `maxDelayMs` after the burst began. A file
 * counts as added or changed only once its size has stopped changing for `writeFinishMs`.
 */

/** Paths relative to the minutes folder, with forward slashes; folders removed end with "/". */
export interface MinutesChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface MinutesWatcherOptions {
  minutesDir: string;
  /** DATA_DIR: ignored when it lies inside the minutes folder. */
  dataDir?: string;
  /** Quiet time that ends a burst of changes. Default 1000 ms. */
  debounceMs?: number;
  /** Longest wait from the first change of a burst to its batch. Default 30 s. */
  maxDelayMs?: number;
  /** How long a file's size must stay the same before it counts as written. Default 2000 ms. */
  writeFinishMs?: number;
  /** Poll the folder instead of using file-system events (network shares). */
  poll?: boolean;
  onChanges(changes: MinutesChanges): void;
  onError(error: Error): void;
}

export interface MinutesWatcher {
  close(): Promise<void>;
}

export const DEFAULT_DEBOUNCE_MS = 1000;
export const DEFAULT_WRITE_FINISH_MS = 2000;
const DEFAULT_MAX_DELAY_MS = 30_000;

/** Starts watching; resolves once the watcher has seen the whole folder, so no later change is missed. */
export async function watchMinutesFolder(options: MinutesWatcherOptions): Promise<MinutesWatcher> {
  const root = resolve(options.minutesDir);
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const maxDelayMs = Math.max(debounceMs, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
  const writeFinishMs = options.writeFinishMs ?? DEFAULT_WRITE_FINISH_MS;
  const isIgnored = createIgnoredPathFilter({
    minutesDir: root,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });

  const watcher = watch(root, {
    ignoreInitial: true,
    persistent: true,
    usePolling: options.poll ?? false,
    ignored: (path: string) => isIgnored(path),
    awaitWriteFinish:
      writeFinishMs > 0
        ? {
            stabilityThreshold: writeFinishMs,
            pollInterval: Math.max(10, Math.min(100, Math.floor(writeFinishMs / 2))),
          }
        : false,
  });

  let batch: MinutesChanges = { added: [], changed: [], removed: [] };
  let burstStarted: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = () => {
    timer = null;
    burstStarted = null;
    const changes = batch;
    batch = { added: [], changed: [], removed: [] };
    if (closed) return;
    if (changes.added.length + changes.changed.length + changes.removed.length > 0) {
      options.onChanges(changes);
    }
  };

  const record = (kind: keyof MinutesChanges, absolutePath: string, folder = false) => {
    const path = relative(root, absolutePath).split(sep).join(posix.sep);
    const entry = folder ? `${path}/` : path;
    if (path === "" || batch[kind].includes(entry)) return;
    batch[kind].push(entry);
    const now = Date.now();
    burstStarted ??= now;
    if (timer) clearTimeout(timer);
    const wait = Math.min(debounceMs, Math.max(0, burstStarted + maxDelayMs - now));
    timer = setTimeout(flush, wait);
  };

  watcher.on("add", (path) => record("added", path));
  watcher.on("change", (path) => record("changed", path));
  watcher.on("unlink", (path) => record("removed", path));
  watcher.on("unlinkDir", (path) => record("removed", path, true));
  watcher.on("error", (error) =>
    options.onError(error instanceof Error ? error : new Error(String(error))),
  );

  await new Promise<void>((resolveReady) => watcher.once("ready", () => resolveReady()));

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
