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
  const corpus = await readStoredCorpus(corpusFile);
  if (!corpus) {
    throw new AppError("corpus_invalid", `${corpusFile} is missing or not a valid corpus`);
  }
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
