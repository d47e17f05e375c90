import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AppError } from "./errors.ts";

const PACKAGE_NAME = "referat";
const packageJsonSchema = z.object({ name: z.string() });

/**
 * The folder of Referat's package.json, found by walking up from this module. Files that ship
 * with Referat (data/synonyms.json, prompts/, the parser's sources) are resolved from it, so
 * that they are found both from src/ (tsx, tests) and from the bundles in dist/.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `packagePath("data", "synonyms.json")`. */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = join(folder, "package.json");
    if (existsSync(manifest) && namesReferat(manifest)) return folder;
    if (dirname(folder) === folder) {
      throw new AppError(
        "config_invalid",
        `Referat's package.json (name "${PACKAGE_NAME}") was not found above ${start}`,
      );
    }
  }
}

function namesReferat(manifest: string): boolean {
  try {
    const parsed = packageJsonSchema.safeParse(JSON.parse(readFileSync(manifest, "utf8")));
    return parsed.success && parsed.data.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
