/** Where the last item ends and the document's back matter begins: the signature page. */
const BACK_MATTER =
  /^(?:underskriftsside|underskriftsblad|underskrifter|underskrift(?:er)?\s+(?:af|for)\s+.{0,60})\s*:?$/iu;

export function isEndOfItems(text: string): boolean {
  return BACK_MATTER.test(text.trim());
}
