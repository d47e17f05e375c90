/**
 * Where a citation link lands: the meeting's source page, with an anchor per item and per
 * section. The HTTP source pages and the answer citations both use these, so they always agree.
 */

export function meetingPath(meetingId: string): string {
  return `/meetings/${encodeURIComponent(meetingId)}`;
}

export function itemAnchor(itemNumber: number): string {
  return `punkt-${itemNumber}`;
}

export function sectionAnchor(itemNumber: number, sectionSlug: string): string {
  return `punkt-${itemNumber}-${sectionSlug}`;
}

/** Absolute URL of an item or section on the source page. */
export function sourceUrl(
  publicBaseUrl: string,
  meetingId: string,
  itemNumber: number,
  sectionSlug?: string,
): string {
  const anchor =
    sectionSlug === undefined ? itemAnchor(itemNumber) : sectionAnchor(itemNumber, sectionSlug);
  return `${publicBaseUrl.replace(/\/+$/, "")}${meetingPath(meetingId)}#${anchor}`;
}

/** ASCII slug with Danish letters spelled out: "Økonomi" → "oekonomi", "Lukket" → "lukket". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("æ", "ae")
    .replaceAll("ø", "oe")
    .replaceAll("å", "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
