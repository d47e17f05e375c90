import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "../shared/package-root.ts";

/**
 * A hash of the parser's own source, stored with the parsed corpus: minutes parsed by an older
 * parser are parsed again after an upgrade instead of being reused as they were read then.
 */
export function parserFingerprint(): string {
  fingerprint ??= hashSources();
  return fingerprint;
}

let fingerprint: string | undefined;

function hashSources(): string {
  const hash = createHash("sha256");
  // The sources, not this module's folder: in dist/ the parser is bundled into other files.
  const root = packagePath("src", "minutes");
  const sources = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => file.replaceAll("\\", "/"))
    .sort();
  for (const file of sources) hash.update(`${file}\n`).update(readFileSync(join(root, file)));
  return hash.digest("hex").slice(0, 16);
}
