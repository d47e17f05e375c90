/**
 * How Referat's entry points are bundled with esbuild, for `npm run build` (scripts/build.ts)
 * and for the answer worker run from the sources (source-worker-bundle.ts): ESM for Node 20,
 * npm packages left external (read from node_modules as usual), and names not kept, so there
 * are no per-call naming helpers.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  keepNames: false,
} as const;
