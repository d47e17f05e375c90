import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { describeError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";

/**
 * Passage embeddings kept on disk per embedder, keyed by the chunk's content hash, so a chunk whose
 * text did not change is never embedded again (not after a restart, not after a rebuild).
 * Layout: `<directory>/<embedder slug>/keys.json` + `vectors.f32` (little-endian float32 rows in
 * key order). keys.json carries the sha256 of vectors.f32, so a pair torn by a crash between the
 * two renames is detected and discarded rather than served.
 */

const KEYS_FILE = "keys.json";
const VECTORS_FILE = "vectors.f32";

const keysSchema = z.object({
  formatVersion: z.literal(1),
  embedderId: z.string().min(1),
  dimensions: z.number().int().positive(),
  vectorsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  keys: z.array(z.string().min(1)),
});

export interface EmbeddingCache {
  get(contentHash: string): Float32Array | undefined;
  set(contentHash: string, vector: Float32Array): void;
  readonly size: number;
  /** Writes the cache atomically, keeping only `keep` when given (drops chunks no longer in the corpus). */
  save(keep?: ReadonlySet<string>): Promise<void>;
}

export interface EmbeddingCacheOptions {
  /** Parent folder; each embedder gets its own subfolder. */
  directory: string;
  embedderId: string;
  dimensions: number;
  logger: Logger;
}

export async function openEmbeddingCache(options: EmbeddingCacheOptions): Promise<EmbeddingCache> {
  const folder = join(options.directory, slugOfEmbedderId(options.embedderId));
  const entries = await readEntries(folder, options);
  const { dimensions } = options;

  return {
    get: (contentHash) => entries.get(contentHash),
    set(contentHash, vector) {
      if (vector.length !== dimensions) {
        throw new Error(`cache holds ${dimensions}-dimension vectors, not ${vector.length}`);
      }
      entries.set(contentHash, vector);
    },
    get size() {
      return entries.size;
    },
    async save(keep) {
      const keys = [...entries.keys()].filter((key) => !keep || keep.has(key));
      const vectors = new Float32Array(keys.length * dimensions);
      keys.forEach((key, row) => {
        const vector = entries.get(key);
        if (vector) vectors.set(vector, row * dimensions);
      });
      const bytes = new Uint8Array(vectors.buffer);
      const manifest: z.infer<typeof keysSchema> = {
        formatVersion: 1,
        embedderId: options.embedderId,
        dimensions,
        vectorsSha256: createHash("sha256").update(bytes).digest("hex"),
        keys,
      };
      await mkdir(folder, { recursive: true });
      await writeFileAtomic(join(folder, VECTORS_FILE), bytes);
      await writeFileAtomic(join(folder, KEYS_FILE), JSON.stringify(manifest));
    },
  };
}

async function readEntries(
  folder: string,
  options: EmbeddingCacheOptions,
): Promise<Map<string, Float32Array>> {
  const entries = new Map<string, Float32Array>();
  let keysText: string;
  try {
    keysText = await readFile(join(folder, KEYS_FILE), "utf8");
  } catch {
    return entries; // no cache yet
  }
  try {
    const manifest = keysSchema.parse(JSON.parse(keysText));
    if (manifest.embedderId !== options.embedderId || manifest.dimensions !== options.dimensions) {
      throw new Error(
        `it holds ${manifest.embedderId} (${manifest.dimensions} dimensions), not ${options.embedderId} (${options.dimensions})`,
      );
    }
    const bytes = await readFile(join(folder, VECTORS_FILE));
    if (createHash("sha256").update(bytes).digest("hex") !== manifest.vectorsSha256) {
      throw new Error("vectors.f32 does not match keys.json (torn write?)");
    }
    if (bytes.byteLength !== manifest.keys.length * manifest.dimensions * 4) {
      throw new Error("vectors.f32 has the wrong size");
    }
    const all = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    manifest.keys.forEach((key, row) => {
      entries.set(key, all.slice(row * manifest.dimensions, (row + 1) * manifest.dimensions));
    });
  } catch (error) {
    options.logger.warn(
      { embedderId: options.embedderId, folder, error: describeError(error) },
      "embedding cache unreadable; starting it afresh",
    );
    entries.clear();
  }
  return entries;
}

/** A folder name for an embedder id such as `local:Xenova/multilingual-e5-small@q8`. */
export function slugOfEmbedderId(embedderId: string): string {
  const readable = embedderId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
  const digest = createHash("sha256").update(embedderId).digest("hex").slice(0, 8);
  return `${readable}-${digest}`;
}

/** Writes a sibling temp file, fsyncs it and renames it over `path`: readers see old or new, never half. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes a rename durable; some platforms cannot open directories, which is harmless there. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch {
    // fsync of a directory is not supported everywhere (e.g. Windows); the rename still happened.
  } finally {
    await handle?.close();
  }
}
