import { acadreReader } from "./acadre-reader.ts";
import { edagsordenReader } from "./edagsorden-reader.ts";
import { edocReader } from "./edoc-reader.ts";
import { firstAgendaReader } from "./firstagenda-reader.ts";
import type { Reader } from "./types.ts";

/**
 * The readers of agenda-system exports, whose fields already say what an item is. Their
 * `accepts` sniffs the root element or top-level keys, so at most one of them takes a file.
 */
export const structuredReaders: readonly Reader[] = [
  acadreReader,
  edagsordenReader,
  edocReader,
  firstAgendaReader,
];

export { acadreReader, readAcadreAgenda, readAcadreManifest } from "./acadre-reader.ts";
export { edagsordenReader, readEdagsordenPublication } from "./edagsorden-reader.ts";
export { edocReader, readEdocMeeting } from "./edoc-reader.ts";
export { firstAgendaReader, readFirstAgendaMeeting } from "./firstagenda-reader.ts";
