import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import { isoDateSchema, VISIBILITIES } from "./model.ts";
import { DOCUMENT_TYPES } from "./readers/types.ts";

/**
 * Metadata a person gives for minutes files, beside them: `<file>.meta.json` for one file,
 * `folder.meta.json` for every file in its folder and the folders below. A nearer folder's
 * fields win over a farther one's, and a file's own sidecar wins over its folders'.
 */

export const FOLDER_SIDECAR = "folder.meta.json";
export const SIDECAR_SUFFIX = ".meta.json";

export const sidecarSchema = z
  .object({
    /** The municipality or region ("Greve Kommune"); shown as the meeting's organisation. */
    municipality: z.string().trim().min(1).optional(),
    /** The body that met, when the document names it badly or not at all. */
    body: z.string().trim().min(1).optional(),
    /** The official published document, linked from the source page. */
    sourceUrl: z.url().optional(),
    date: isoDateSchema.optional(),
    documentType: z.enum(DOCUMENT_TYPES).optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    /** Who may see internal minutes: Slack channel ids, user group ids or HTTP scopes. */
    audiences: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();
export type Sidecar = z.infer<typeof sidecarSchema>;

export function isSidecarFile(path: string): boolean {
  return path.toLowerCase().endsWith(SIDECAR_SUFFIX);
}

/** The per-file sidecar's path for a minutes file ("a/b.pdf" → "a/b.pdf.meta.json"). */
export function fileSidecarPath(path: string): string {
  return `${path}${SIDECAR_SUFFIX}`;
}

/** Folder sidecars that apply to a file, farthest first ("folder.meta.json", "greve/folder.meta.json"). */
export function folderSidecarPaths(path: string): string[] {
  const folders = path.split("/").slice(0, -1);
  const paths = [FOLDER_SIDECAR];
  for (let depth = 1; depth <= folders.length; depth++) {
    paths.push([...folders.slice(0, depth), FOLDER_SIDECAR].join("/"));
  }
  return paths;
}

/** Reads one sidecar; a broken one is an AppError naming the file and the problem. */
export function parseSidecar(path: string, text: string): Sidecar {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("minutes_bad_sidecar", `${path} is not valid JSON`, { cause: error });
  }
  const result = sidecarSchema.safeParse(json);
  if (!result.success) {
    throw new AppError("minutes_bad_sidecar", `${path}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Folder sidecars (farthest first) and then the file's own, merged field by field. */
export function mergeSidecars(sidecars: readonly Sidecar[]): Sidecar {
  return Object.assign({}, ...sidecars);
}
