import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

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
  for (const folder of ["./", "./layouts/"]) {
    const path = fileURLToPath(new URL(folder, import.meta.url));
    for (const name of readdirSync(path)
      .filter((file) => file.endsWith(".ts"))
      .sort()) {
      hash.update(`${folder}${name}\n`).update(readFileSync(`${path}${name}`));
    }
  }
  return hash.digest("hex").slice(0, 16);
}
