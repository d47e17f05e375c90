import { docxReader } from "./docx-reader.ts";
import { htmlReader } from "./html-reader.ts";
import { pdfReader } from "./pdf-reader.ts";
import { structuredReaders } from "./structured-readers.ts";
import { textReader } from "./text-reader.ts";
import type { Reader, SourceDocument } from "./types.ts";

export { htmlToBlocks } from "./html-blocks.ts";
export * from "./types.ts";

/**
 * Every format Referat reads. Formats that share an extension (.xml, .json) tell themselves
 * apart by sniffing the file, so the order matters only where a sniff is weaker than another.
 */
export const READERS: readonly Reader[] = [
  ...structuredReaders,
  pdfReader,
  htmlReader,
  docxReader,
  textReader,
];

/** The reader for a file, or undefined when no reader takes it. */
export function findReader(file: SourceDocument): Reader | undefined {
  return READERS.find((reader) => reader.accepts(file));
}
