import { XMLParser } from "fast-xml-parser";

/**
 * The parts of a Word package (document.xml, styles.xml, numbering.xml) as a small element tree
 * in document order, with qualified names as Word writes them ("w:p", "w:val").
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
});

/** Parses XML into its root elements (the declaration and processing instructions are dropped). */
export function parseXml(xml: string): XmlElement[] {
  return toNodes(parser.parse(xml) as unknown[]).filter(isElement);
}

export function isElement(node: XmlNode): node is XmlElement {
  return "name" in node;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => isElement(child) && (name === undefined || child.name === name),
  );
}

export function firstChild(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find(
    (child): child is XmlElement => isElement(child) && child.name === name,
  );
}

/** The `w:val` of a child element (`<w:pStyle w:val="Overskrift1"/>` → "Overskrift1"). */
export function childValue(element: XmlElement | undefined, name: string): string | undefined {
  return firstChild(element, name)?.attributes["w:val"];
}

/** A Word on/off property: present and not switched off (`<w:b/>`, `<w:b w:val="0"/>`). */
export function isOn(element: XmlElement | undefined): boolean | undefined {
  if (element === undefined) return undefined;
  const value = element.attributes["w:val"];
  return value === undefined || !["0", "false", "off", "none"].includes(value);
}

/** Every descendant element with this name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const child of childElements(node)) {
      if (child.name === name) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

function toNodes(raw: unknown[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const record = item as Record<string, unknown>;
    if (typeof record["#text"] === "string") {
      nodes.push({ text: record["#text"] });
      continue;
    }
    const name = Object.keys(record).find((key) => key !== ":@");
    if (name === undefined || name.startsWith("?") || name.startsWith("!")) continue;
    const children = Array.isArray(record[name]) ? (record[name] as unknown[]) : [];
    nodes.push({
      name,
      attributes: (record[":@"] as Record<string, string> | undefined) ?? {},
      children: toNodes(children),
    });
  }
  return nodes;
}
