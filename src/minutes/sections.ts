import { slugify } from "./anchors.ts";
import { explicitHeadingKind, type RecognisedHeading, recogniseHeading } from "./headings.ts";
import { joinText, type Line } from "./lines.ts";
import type { Section, SectionKind } from "./model.ts";

/** The heading given to an item's text that stands under no heading (flattened lists, preambles). */
export const UNHEADED_SECTION = "Tekst";

const CANONICAL_NAMES: Partial<Record<SectionKind, string>> = {
  resume: "Resume",
  indstilling: "Indstilling",
  beslutning: "Beslutning",
  "tidligere-beslutning": "Tidligere beslutning",
  sagsfremstilling: "Sagsfremstilling",
  okonomi: "Økonomi",
  bilag: "Bilag",
  lovgrundlag: "Lovgrundlag",
  problemstilling: "Problemstilling",
  losning: "Løsning",
  "videre-proces": "Videre proces",
  sagsforlob: "Sagsforløb",
  tekst: UNHEADED_SECTION,
};

/** Sections that tell the case in prose, with sub-headings of their own. */
const NARRATIVE_KINDS = new Set<SectionKind>([
  "sagsfremstilling",
  "problemstilling",
  "losning",
  "sagsforlob",
  "tekst",
]);

interface OpenSection {
  heading: string;
  kind: SectionKind;
  headingLine: Line | undefined;
  lines: Line[];
}

/** Splits an item's body into its sections, in order, with their original headings. */
export function splitSections(body: readonly Line[], itemNumber?: number): Section[] {
  const open: OpenSection[] = [];
  for (const line of body) {
    const current = open.at(-1);
    const heading = isIndented(line)
      ? undefined
      : (recogniseSectionHeading(line) ?? subItemHeading(line, itemNumber));
    // "Indstilling" followed by "Forvaltningen indstiller til udsatterådet:" is one section;
    // a second "Beslutning i … den …" after the first one's text is a decision of its own.
    const continuesSameKind =
      heading?.phrase && current?.kind === heading.kind && !hasContent(current.lines);
    const isSubheading =
      heading?.weak && current !== undefined && NARRATIVE_KINDS.has(current.kind);
    if (heading && !continuesSameKind && !isSubheading) {
      open.push({ heading: heading.heading, kind: heading.kind, headingLine: line, lines: [] });
    } else if (current) {
      current.lines.push(line);
    } else {
      open.push({
        heading: UNHEADED_SECTION,
        kind: "tekst",
        headingLine: undefined,
        lines: [line],
      });
    }
  }
  const sections = open.filter(
    (section) => section.headingLine !== undefined || hasContent(section.lines),
  );
  return withUniqueSlugs(sections.map(toSection));
}

function toSection(section: OpenSection): Omit<Section, "slug"> & { baseSlug: string } {
  const contentLines = section.lines.filter((line) => line.text !== "");
  const first = section.headingLine ?? contentLines[0];
  const last = contentLines.at(-1) ?? first;
  // "Det indstilles, at HMU" is anchored as #punkt-N-indstilling; heading words as themselves.
  const phrase = recogniseHeading(section.heading)?.phrase === true;
  const name = phrase ? (CANONICAL_NAMES[section.kind] ?? section.heading) : section.heading;
  return {
    heading: section.heading,
    kind: section.kind,
    baseSlug: slugify(name) || "afsnit",
    text: joinText(section.lines),
    lineStart: first?.number ?? 1,
    lineEnd: last?.number ?? first?.number ?? 1,
  };
}

/** Anchors unique within an item: a second "Beslutning" is `beslutning-2`. */
export function withUniqueSlugs(
  sections: readonly (Omit<Section, "slug"> & { baseSlug: string })[],
): Section[] {
  const used = new Map<string, number>();
  return sections.map(({ baseSlug, ...section }) => {
    const count = (used.get(baseSlug) ?? 0) + 1;
    used.set(baseSlug, count);
    return { ...section, slug: count === 1 ? baseSlug : `${baseSlug}-${count}` };
  });
}

/**
 * A heading from the vocabulary, or a line the format itself marks as a heading (an h3, a Word
 * heading style, a PDF outline entry): its kind then comes from its leading words, or is `other`.
 */
function recogniseSectionHeading(line: Line): RecognisedHeading | undefined {
  const known = recogniseHeading(line.text);
  if (known || line.cue?.role !== "heading" || line.text.length > MAX_MARKED_HEADING_LENGTH)
    return known;
  return { heading: line.text, kind: explicitHeadingKind(line.text), phrase: false, weak: false };
}

const MAX_MARKED_HEADING_LENGTH = 120;

/**
 * "Pkt. 4a Lindå Musikfestival", "4.2 Skolefritidsordning" inside item 4: a sub-item, which the
 * model keeps inside its item as a section of its own, so each sub-item's text and decision end
 * where the next sub-item begins.
 */
function subItemHeading(line: Line, itemNumber: number | undefined): RecognisedHeading | undefined {
  if (itemNumber === undefined) return undefined;
  const match = line.text.match(SUB_ITEM);
  if (!match || Number(match[1] ?? match[2]) !== itemNumber) return undefined;
  return { heading: line.text, kind: "other", phrase: false, weak: false };
}

const SUB_ITEM =
  /^(?:(?:[Pp]unkt|[Pp]kt\.?)\s*)?(?:(\d{1,4})\s?[a-zæøå]\)?[.:]?|(\d{1,4})\.\d{1,2}\.?)\s+\p{Lu}[^.!?]{2,120}$/u;

function isIndented(line: Line): boolean {
  return /^\s/u.test(line.raw);
}

/** A lone "-" left by an export is not content. */
function hasContent(lines: readonly Line[]): boolean {
  return lines.some((line) => /[\p{L}\p{N}]/u.test(line.text));
}
