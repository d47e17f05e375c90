import { rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { BUNDLE_OPTIONS } from "../src/workers/bundle-options.ts";

/**
 * `npm run build`: bundles the server, the CLI and the answer worker into dist/ (ESM for Node 20,
 * with source maps), so that production runs plain `node dist/main.js` without a transpiler in
 * the process. npm packages stay external (node_modules is read as usual). Names are not kept:
 * no per-call naming helpers. `npm start` builds first (prestart).
 */

const root = join(import.meta.dirname, "..");
const outdir = join(root, "dist");

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: "src/main.ts",
    cli: "src/cli.ts",
    // Found by src/workers/worker-script.ts beside the bundle that starts it.
    "answer-worker": "src/workers/answer-worker.ts",
  },
  outdir,
  ...BUNDLE_OPTIONS,
  sourcemap: true,
  logLevel: "warning",
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
for (const [file, output] of outputs) {
  process.stderr.write(`${file}  ${Math.round(output.bytes / 1024)} KB\n`);
}
