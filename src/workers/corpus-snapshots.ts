import { copyFile, link, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

/**
 * Snapshots of DATA_DIR/corpus.json, one per corpus version the workers serve. Workers load a
 * version from its snapshot, never from corpus.json itself: a re-ingest may rewrite that file
 * while a version is still being served, and a worker started in that moment (replacing one that
 * crashed) must read the corpus of the version it is told to serve, not the next one.
 *
 * A snapshot is a hard link (ingest replaces corpus.json by renaming, so the link keeps the old
 * content at no cost), or a copy where the file system has no hard links.
 */
export interface CorpusSnapshots {
  /** Pins the corpus file as it is now for `version`; returns the snapshot's path. */
  pin(version: number): Promise<string>;
  remove(version: number): Promise<void>;
  /** Removes every snapshot, those a crashed process left behind included. */
  clear(): Promise<void>;
}

export function createCorpusSnapshots(options: {
  corpusFile: string;
  /** A folder of its own, e.g. DATA_DIR/.answer-workers (a dot folder: never read as minutes). */
  directory: string;
}): CorpusSnapshots {
  const { corpusFile, directory } = options;
  const pathOf = (version: number) => join(directory, `corpus-${version}.json`);
  return {
    async pin(version) {
      await mkdir(directory, { recursive: true });
      const snapshot = pathOf(version);
      await rm(snapshot, { force: true });
      try {
        await link(corpusFile, snapshot);
      } catch {
        await copyFile(corpusFile, snapshot);
      }
      return snapshot;
    },
    async remove(version) {
      await rm(pathOf(version), { force: true });
    },
    async clear() {
      await rm(directory, { recursive: true, force: true });
    },
  };
}
