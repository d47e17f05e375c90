/**
 * A case-insensitive pattern matching whole words only. JavaScript's \b knows ASCII letters only,
 * so "\bdirektør\b" never matches; this uses Unicode letters and digits as word characters.
 */
export function wordPattern(source: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "iu");
}
