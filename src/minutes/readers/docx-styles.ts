import {
  childElements,
  childValue,
  firstChild,
  isOn,
  parseXml,
  type XmlElement,
} from "./docx-xml.ts";

/**
 * What word/styles.xml says about paragraph styles: the heading level (outline level, or a
 * "Heading N" / Danish "Overskrift N" name), whether the style is bold, and the list it numbers.
 * Properties are inherited through `w:basedOn`, as Word resolves them.
 */

export interface StyleNumbering {
  numId: string;
  /** `w:ilvl`, when the style names one. */
  level?: number;
}

export interface DocxStyles {
  /** Heading level 1–9 of a paragraph style, undefined for body text. */
  headingLevel(styleId: string | undefined): number | undefined;
  isBold(styleId: string | undefined): boolean;
  numbering(styleId: string | undefined): StyleNumbering | undefined;
  /** The `w:numId` a numbering style (`w:type="numbering"`) points at, for `w:numStyleLink`. */
  numberingStyleNumId(styleId: string): string | undefined;
}

interface StyleDefinition {
  type: string;
  name?: string;
  basedOn?: string;
  /** 0–8 from `w:outlineLvl`; 9 means body text. */
  outlineLevel?: number;
  bold?: boolean;
  numbering?: { numId: string; level?: number };
}

/** Word's built-in names are English in styles.xml ("heading 1") but Danish in ids ("Overskrift1"). */
const HEADING_NAME = /^(?:heading|overskrift)\s*([1-9])$/iu;
const BODY_TEXT_OUTLINE_LEVEL = 9;
const MAX_BASED_ON_DEPTH = 20;

export function readDocxStyles(xml: string | undefined): DocxStyles {
  const definitions = new Map<string, StyleDefinition>();
  const root = xml === undefined ? undefined : parseXml(xml)[0];
  for (const style of root === undefined ? [] : childElements(root, "w:style")) {
    const id = style.attributes["w:styleId"];
    // Word keeps the first of two styles with one id (ECMA-376 17.7.4.17).
    if (id !== undefined && !definitions.has(id)) definitions.set(id, readStyle(style));
  }

  /** The style and the styles it is based on, nearest first. */
  const chain = (styleId: string | undefined): StyleDefinition[] => {
    const styles: StyleDefinition[] = [];
    let id = styleId;
    while (id !== undefined && styles.length < MAX_BASED_ON_DEPTH) {
      const style = definitions.get(id);
      if (style === undefined) break;
      styles.push(style);
      id = style.basedOn;
    }
    return styles;
  };

  return {
    headingLevel(styleId) {
      const styles = chain(styleId);
      const outline = styles.find((style) => style.outlineLevel !== undefined)?.outlineLevel;
      if (outline !== undefined) {
        return outline >= BODY_TEXT_OUTLINE_LEVEL ? undefined : outline + 1;
      }
      for (const style of styles) {
        const match = style.name?.match(HEADING_NAME);
        if (match?.[1] !== undefined) return Number(match[1]);
      }
      const idMatch = styleId?.match(HEADING_NAME);
      return idMatch?.[1] === undefined ? undefined : Number(idMatch[1]);
    },
    isBold(styleId) {
      return chain(styleId).find((style) => style.bold !== undefined)?.bold ?? false;
    },
    numbering(styleId) {
      return chain(styleId).find((style) => style.numbering !== undefined)?.numbering;
    },
    numberingStyleNumId(styleId) {
      return definitions.get(styleId)?.numbering?.numId;
    },
  };
}

function readStyle(style: XmlElement): StyleDefinition {
  const paragraph = firstChild(style, "w:pPr");
  const run = firstChild(style, "w:rPr");
  const definition: StyleDefinition = { type: style.attributes["w:type"] ?? "paragraph" };
  const name = childValue(style, "w:name");
  if (name !== undefined) definition.name = name;
  const basedOn = childValue(style, "w:basedOn");
  if (basedOn !== undefined) definition.basedOn = basedOn;
  const outline = Number(childValue(paragraph, "w:outlineLvl"));
  if (Number.isInteger(outline) && outline >= 0) definition.outlineLevel = outline;
  const bold = isOn(firstChild(run, "w:b"));
  if (bold !== undefined) definition.bold = bold;
  const numbering = readNumberingProperties(firstChild(paragraph, "w:numPr"));
  if (numbering !== undefined) definition.numbering = numbering;
  return definition;
}

/** `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>`, in a style or a paragraph. */
export function readNumberingProperties(
  numPr: XmlElement | undefined,
): { numId: string; level?: number } | undefined {
  const numId = childValue(numPr, "w:numId");
  if (numId === undefined) return undefined;
  const level = Number(childValue(numPr, "w:ilvl"));
  return Number.isInteger(level) && level >= 0 ? { numId, level } : { numId };
}
