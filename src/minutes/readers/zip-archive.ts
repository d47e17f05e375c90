import { inflateRawSync } from "node:zlib";

/**
 * Reads the entries of a zip archive (a DOCX package) from its central directory, the way every
 * zip reader does: find the end-of-central-directory record, list the entries, inflate one on
 * request. Only what Office files use: stored and deflated entries, no encryption, no zip64.
 * Throws `ZipArchiveError` with a reason a person can act on.
 */

export class ZipArchiveError extends Error {
  override readonly name = "ZipArchiveError";
}

export interface ZipArchive {
  /** Entry names in central-directory order ("word/document.xml"). */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's bytes, or undefined when the archive has no such entry. */
  bytes(name: string): Uint8Array | undefined;
  /** The entry decoded as UTF-8 (the XML parts of a DOCX package), or undefined when absent. */
  text(name: string): string | undefined;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** No part of a minutes document comes near this; a larger one is a zip bomb, not minutes. */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export function isZipArchive(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

export function readZipArchive(bytes: Uint8Array): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readDirectory(bytes, view);
  const names = [...entries.keys()];
  const decoder = new TextDecoder("utf-8");
  return {
    names,
    has: (name) => entries.has(name),
    bytes: (name) => {
      const entry = entries.get(name);
      return entry === undefined ? undefined : readEntry(bytes, view, name, entry);
    },
    text: (name) => {
      const entry = entries.get(name);
      return entry === undefined ? undefined : decoder.decode(readEntry(bytes, view, name, entry));
    },
  };
}

function readDirectory(bytes: Uint8Array, view: DataView): Map<string, Entry> {
  const end = findEndOfDirectory(view);
  if (end < 0) throw new ZipArchiveError("the zip archive has no central directory (truncated?)");
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new ZipArchiveError("the zip archive uses zip64, which Word documents never need");
  }
  if (offset + size > end) throw new ZipArchiveError("the zip archive's directory is damaged");
  const names = new TextDecoder("utf-8");
  const entries = new Map<string, Entry>();
  let position = offset;
  for (let index = 0; index < count; index++) {
    if (position + 46 > end || view.getUint32(position, true) !== DIRECTORY_ENTRY) {
      throw new ZipArchiveError("the zip archive's directory is damaged");
    }
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const name = names.decode(bytes.subarray(position + 46, position + 46 + nameLength));
    entries.set(name, {
      flags: view.getUint16(position + 8, true),
      method: view.getUint16(position + 10, true),
      compressedSize: view.getUint32(position + 20, true),
      localHeaderOffset: view.getUint32(position + 42, true),
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - END_RECORD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let position = last; position >= first; position--) {
    if (view.getUint32(position, true) === END_OF_DIRECTORY) return position;
  }
  return -1;
}

function readEntry(bytes: Uint8Array, view: DataView, name: string, entry: Entry): Uint8Array {
  if (entry.flags & 1) throw new ZipArchiveError(`the zip entry ${name} is encrypted`);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== LOCAL_HEADER) {
    throw new ZipArchiveError(`the zip entry ${name} is damaged`);
  }
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) {
    throw new ZipArchiveError(`the zip entry ${name} is cut off (truncated file?)`);
  }
  if (entry.method === 0) return data;
  if (entry.method !== 8) {
    throw new ZipArchiveError(`the zip entry ${name} uses compression method ${entry.method}`);
  }
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch (error) {
    throw new ZipArchiveError(`the zip entry ${name} cannot be decompressed`, { cause: error });
  }
}
