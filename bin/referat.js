#!/usr/bin/env node
// `npx referat`: the bundled CLI (dist/cli.js, written by `npm run build`) when it is newer than
// every source file; otherwise the TypeScript sources through tsx, so that it works right after
// `npm install` and never runs a build older than the code beside it.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist", "cli.js");

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestSource() {
  const folder = join(root, "src");
  let newest = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, modifiedAt(join(entry.parentPath ?? entry.path, entry.name)) ?? 0);
    }
  }
  return newest;
}

const built = modifiedAt(bundle);
if (built !== undefined && built >= newestSource()) {
  await import(new URL("../dist/cli.js", import.meta.url).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
