import { readNumberingProperties } from "./docx-styles.ts";
import { childValue, firstChild, isElement, parseXml, type XmlElement } from "./docx-xml.ts";

/**
 * The paragraphs of word/document.xml with the properties mammoth does not pass on: a direct
 * outline level and the list (`w:numPr`) a paragraph numbers. Paragraphs are listed in the order
 * mammoth visits them (a paragraph after the paragraphs nested in it, as in a text box), each with
 * a key made of its letters and digits so that the reader can pair the two.
 */

export interface WordParagraph {
  /** Letters and digits of the paragraph's text, lower-cased. */
  key: string;
  styleId?: string;
  /** 0–8 from the paragraph's own `w:outlineLvl`; 9 is body text. */
  outlineLevel?: number;
  /** The paragraph's own `w:numPr`; numId "0" switches its style's numbering off. */
  numbering?: { numId: string; level?: number };
}

/** Word's revision marks and field codes: text that is not (or not yet) in the document. */
const SKIPPED = new Set(["w:del", "w:moveFrom", "w:instrText", "w:delText", "w:pPr", "w:rPr"]);

export function readWordParagraphs(documentXml: string): WordParagraph[] {
  const paragraphs: WordParagraph[] = [];
  const root = parseXml(documentXml)[0];
  if (root === undefined) return paragraphs;

  /** Collects the text of `element` into `text`, recording nested paragraphs as they end. */
  const collect = (element: XmlElement, text: string[]) => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      if (SKIPPED.has(child.name)) continue;
      if (child.name === "w:p") {
        visitParagraph(child);
        continue;
      }
      if (child.name === "mc:AlternateContent") {
        // mammoth reads the fallback of alternate content, never the choice.
        const fallback = firstChild(child, "mc:Fallback");
        if (fallback !== undefined) collect(fallback, text);
        continue;
      }
      if (child.name === "w:t") {
        for (const node of child.children) if (!isElement(node)) text.push(node.text);
        continue;
      }
      collect(child, text);
    }
  };

  const visitParagraph = (paragraph: XmlElement) => {
    const text: string[] = [];
    collect(paragraph, text);
    const properties = firstChild(paragraph, "w:pPr");
    const record: WordParagraph = { key: paragraphKey(text.join("")) };
    const styleId = childValue(properties, "w:pStyle");
    if (styleId !== undefined) record.styleId = styleId;
    const outline = Number(childValue(properties, "w:outlineLvl"));
    if (Number.isInteger(outline) && outline >= 0) record.outlineLevel = outline;
    const numbering = readNumberingProperties(firstChild(properties, "w:numPr"));
    if (numbering !== undefined) record.numbering = numbering;
    paragraphs.push(record);
  };

  const body = firstChild(root, "w:body");
  if (body !== undefined) collect(body, []);
  return paragraphs;
}

/** The text a paragraph is recognised by on both sides: letters and digits only, lower-cased. */
export function paragraphKey(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();
}
