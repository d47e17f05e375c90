/** The path part of a raw request URL, as the client sent it (not decoded). */
export function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?", 1)[0] ?? "/";
  return path === "" ? "/" : path;
}
