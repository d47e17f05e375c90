import { toRoman } from "../roman-numerals.ts";
import type { DocxStyles } from "./docx-styles.ts";
import {
  childElements,
  childValue,
  firstChild,
  isOn,
  parseXml,
  type XmlElement,
} from "./docx-xml.ts";

/**
 * List numbers from word/numbering.xml, which mammoth drops: a Word list item's number ("3.",
 * "2.a") is not in the text but computed from the list definition (`w:abstractNum`: start,
 * format, `w:lvlText` such as "%1.%2.") and a counter per list. Word's rules, simplified: lists
 * sharing a definition continue one count unless a `w:num` restarts it (`w:startOverride`), and a
 * level's count restarts whenever a level above it moves on.
 */

interface LevelDefinition {
  start: number;
  format: string;
  text: string;
  /** `w:isLgl`: every level shown as a decimal number ("1.1" under "I."). */
  legal: boolean;
  paragraphStyle?: string;
}

interface ListInstance {
  /** Counters are shared by every `w:num` of one definition unless the num restarts them. */
  counterKey: string;
  levels: Map<number, LevelDefinition>;
  startOverrides: Map<number, number>;
}

export interface NumberingCounter {
  /** Advances the list's counter for one numbered paragraph and returns its number text ("3."), or undefined for bullets and unnumbered levels. */
  next(numId: string, level: number): string | undefined;
  /** The level of a list whose definition names this paragraph style (`w:lvl/w:pStyle`), for headings numbered through their style. */
  levelOfStyle(numId: string, styleId: string | undefined): number | undefined;
}

export function createNumberingCounter(
  xml: string | undefined,
  styles: DocxStyles,
): NumberingCounter {
  const root = xml === undefined ? undefined : parseXml(xml)[0];
  const abstracts = new Map<string, XmlElement>();
  const nums = new Map<string, XmlElement>();
  for (const element of root === undefined ? [] : childElements(root)) {
    const abstractId = element.attributes["w:abstractNumId"];
    if (element.name === "w:abstractNum" && abstractId !== undefined) {
      abstracts.set(abstractId, element);
    }
    const numId = element.attributes["w:numId"];
    if (element.name === "w:num" && numId !== undefined) nums.set(numId, element);
  }

  const instances = new Map<string, ListInstance | null>();
  const instance = (numId: string): ListInstance | undefined => {
    if (!instances.has(numId)) instances.set(numId, buildInstance(numId, new Set()) ?? null);
    return instances.get(numId) ?? undefined;
  };

  function buildInstance(numId: string, seen: Set<string>): ListInstance | undefined {
    if (seen.has(numId)) return undefined;
    seen.add(numId);
    const num = nums.get(numId);
    const abstractId = childValue(num, "w:abstractNumId");
    const abstract = abstractId === undefined ? undefined : abstracts.get(abstractId);
    if (num === undefined || abstractId === undefined || abstract === undefined) return undefined;
    // A definition that only points at a numbering style takes that style's list.
    const link = childValue(abstract, "w:numStyleLink");
    const linkedNumId = link === undefined ? undefined : styles.numberingStyleNumId(link);
    const base = linkedNumId === undefined ? undefined : buildInstance(linkedNumId, seen);
    const levels = new Map(base?.levels ?? readLevels(abstract));
    const startOverrides = new Map<number, number>();
    for (const override of childElements(num, "w:lvlOverride")) {
      const level = Number(override.attributes["w:ilvl"]);
      if (!Number.isInteger(level)) continue;
      const start = Number(childValue(override, "w:startOverride"));
      if (Number.isInteger(start)) startOverrides.set(level, start);
      const redefined = firstChild(override, "w:lvl");
      if (redefined !== undefined) levels.set(level, readLevel(redefined));
    }
    const counterKey =
      startOverrides.size > 0 ? `num:${numId}` : (base?.counterKey ?? `abstract:${abstractId}`);
    return { counterKey, levels, startOverrides };
  }

  const counters = new Map<string, Map<number, number>>();
  return {
    next(numId, level) {
      const list = instance(numId);
      const definition = list?.levels.get(level);
      if (list === undefined || definition === undefined) return undefined;
      let counts = counters.get(list.counterKey);
      if (counts === undefined) {
        counts = new Map();
        for (const [overridden, start] of list.startOverrides) counts.set(overridden, start - 1);
        counters.set(list.counterKey, counts);
      }
      counts.set(level, (counts.get(level) ?? definition.start - 1) + 1);
      for (const deeper of [...counts.keys()]) if (deeper > level) counts.delete(deeper);
      if (definition.format === "bullet" || definition.format === "none") return undefined;
      const label = definition.text.replace(/%([1-9])/gu, (_, digit: string) => {
        const shown = Number(digit) - 1;
        const shownDefinition = list.levels.get(shown);
        const count = counts.get(shown) ?? shownDefinition?.start ?? 1;
        const format = definition.legal ? "decimal" : (shownDefinition?.format ?? "decimal");
        return formatNumber(count, format);
      });
      return label.trim() === "" ? undefined : label.trim();
    },
    levelOfStyle(numId, styleId) {
      if (styleId === undefined) return undefined;
      for (const [level, definition] of instance(numId)?.levels ?? []) {
        if (definition.paragraphStyle === styleId) return level;
      }
      return undefined;
    },
  };
}

function readLevels(abstract: XmlElement): Map<number, LevelDefinition> {
  const levels = new Map<number, LevelDefinition>();
  for (const element of childElements(abstract, "w:lvl")) {
    const level = Number(element.attributes["w:ilvl"] ?? "0");
    if (Number.isInteger(level)) levels.set(level, readLevel(element));
  }
  return levels;
}

function readLevel(element: XmlElement): LevelDefinition {
  const start = Number(childValue(element, "w:start") ?? "1");
  const definition: LevelDefinition = {
    start: Number.isInteger(start) ? start : 1,
    format: childValue(element, "w:numFmt") ?? "decimal",
    text: childValue(element, "w:lvlText") ?? "",
    legal: isOn(firstChild(element, "w:isLgl")) ?? false,
  };
  const paragraphStyle = childValue(element, "w:pStyle");
  if (paragraphStyle !== undefined) definition.paragraphStyle = paragraphStyle;
  return definition;
}

function formatNumber(count: number, format: string): string {
  switch (format) {
    case "decimalZero":
      return count < 10 ? `0${count}` : String(count);
    case "lowerLetter":
      return letters(count);
    case "upperLetter":
      return letters(count).toUpperCase();
    case "lowerRoman":
      return toRoman(count).toLowerCase();
    case "upperRoman":
      return toRoman(count);
    default:
      // decimal, and the spelled-out formats (ordinalText, cardinalText) shown as digits.
      return String(count);
  }
}

/** Word's letter numbering: a…z, then aa…zz. */
function letters(count: number): string {
  if (count < 1) return String(count);
  const letter = String.fromCharCode(97 + ((count - 1) % 26));
  return letter.repeat(Math.floor((count - 1) / 26) + 1);
}
