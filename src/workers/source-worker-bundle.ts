import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packagePath } from "../shared/package-root.ts";
import { BUNDLE_OPTIONS } from "./bundle-options.ts";

/**
 * The answer worker bundled from the current sources, for a main thread that runs from them (tsx,
 * tests): esbuild bundles src/workers/answer-worker.ts once per process into
 * node_modules/.cache/referat/ (inside the package, so the package root is found from it), named
 * by the content's hash. Workers then start from one plain file, as from dist/, instead of each
 * transpiling the whole module graph again.
 */

const CACHE_FOLDER = packagePath("node_modules", ".cache", "referat");
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

let bundled: string | undefined;

export function sourceWorkerBundle(): string {
  bundled ??= writeBundle();
  return bundled;
}

function writeBundle(): string {
  // esbuild is only needed when running from the sources; the bundles in dist/ never load it.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const result = esbuild.buildSync({
    ...BUNDLE_OPTIONS,
    absWorkingDir: packagePath(),
    entryPoints: [packagePath("src", "workers", "answer-worker.ts")],
    sourcemap: "inline",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced no answer worker bundle");
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const file = join(CACHE_FOLDER, `answer-worker-${hash}.js`);
  if (!existsSync(file)) {
    mkdirSync(CACHE_FOLDER, { recursive: true });
    removeStaleBundles();
    // Written aside and renamed: processes starting at once may write the same bundle.
    const partial = `${file}.${randomBytes(4).toString("hex")}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return file;
}

function removeStaleBundles(): void {
  const now = Date.now();
  for (const name of readdirSync(CACHE_FOLDER)) {
    const path = join(CACHE_FOLDER, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}
