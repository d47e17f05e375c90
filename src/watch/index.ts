export { type CoalescingRunner, createCoalescingRunner } from "./coalescing-runner.ts";
export {
  type CorpusChanges,
  type CorpusFingerprint,
  compareCorpora,
  fingerprintCorpus,
} from "./corpus-changes.ts";
export { createIgnoredPathFilter, isTemporaryFileName } from "./ignored-paths.ts";
export {
  type CorpusStatus,
  createLiveCorpus,
  type LiveCorpus,
  type LiveCorpusCheck,
  type LiveCorpusOptions,
} from "./live-corpus.ts";
export {
  DEFAULT_DEBOUNCE_MS,
  DEFAULT_WRITE_FINISH_MS,
  type MinutesChanges,
  type MinutesWatcher,
  type MinutesWatcherOptions,
  watchMinutesFolder,
} from "./minutes-watcher.ts";
