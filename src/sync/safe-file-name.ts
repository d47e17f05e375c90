/**
 * File names built from what a remote site says (a committee's name, an id) contain only
 * letters, digits and hyphens: no slash, dot, colon or control character can reach the path.
 */
export function safeFileNamePart(text: string, maxLength = 80): string {
  const safe = text
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, maxLength)
    .replace(/-+$/u, "");
  return safe === "" ? "ukendt" : safe;
}

/** A folder name for a site: its host (ASCII in a URL), with a port written `host_port`. */
export function siteFolderName(site: URL): string {
  const name = site.host.replace(/[^A-Za-z0-9.-]+/gu, "_").replace(/^[.]+/u, "");
  return name === "" ? "site" : name;
}
