import { type IngestResult, readStoredCorpus } from "../minutes/index.ts";
import { reconcileMeetings } from "../minutes/reconcile.ts";
import { AppError } from "../shared/errors.ts";

/**
 * The meetings of an ingest as the main thread stored it (corpus.json, or a snapshot of it),
 * without reading a single minutes file: the same records, reconciled the same way as
 * `ingestDirectory` does. Only what building a pipeline needs is filled in; there are no file
 * reports.
 */
export async function readStoredIngest(corpusFile: string): Promise<IngestResult> {
  const stored = await readStoredCorpus(corpusFile);
  if (stored.state === "missing") {
    throw new AppError("corpus_invalid", `${corpusFile} is missing`);
  }
  if (stored.state === "discarded") throw new AppError("corpus_invalid", stored.reason);
  const { corpus } = stored;
  const { meetings } = reconcileMeetings(
    corpus.files.flatMap((record) => (record.meeting ? [record.meeting] : [])),
  );
  return {
    meetings,
    failures: [],
    files: [],
    parsed: 0,
    reused: corpus.files.length,
    written: false,
  };
}
