import type { Section } from "../minutes/model.ts";
import { PHRASES } from "./answer-text.ts";
import type { Candidate } from "./candidates.ts";
import { createCitation, shortenQuote } from "./citations.ts";
import type { AnswerKind } from "./question-intent.ts";
import { splitIntoUnits } from "./sentences.ts";
import type { Concept, TermIndex } from "./term-evidence.ts";
import type { TermAnalyzer } from "./term-matching.ts";
import type { Citation, Language } from "./types.ts";
import { type ScoredUnit, scoreUnits } from "./unit-scoring.ts";

/**
 * The answer without a language model: verbatim text from the minutes, each piece cited. A
 * decision question gets the decision (Beslutning) of the best item; any other question the best
 * supporting sentences of the top items. A closed item is cited as closed and never described.
 */

export interface ExtractiveAnswer {
  text: string;
  citations: Citation[];
}

export interface ExtractiveOptions {
  language: Language;
  kind: AnswerKind;
  concepts: Concept[];
  termIndex: TermIndex;
  analyzer: TermAnalyzer;
  publicBaseUrl: string;
}

/** A decision longer than this is quoted by its best sentences rather than whole. */
const MAX_WHOLE_DECISION_LENGTH = 450;
const MAX_SENTENCES = 3;
const MAX_SENTENCE_LENGTH = 400;
/** A further sentence joins the answer when it scores at least this share of the best one. */
const SAME_ITEM_SHARE = 0.7;
const OTHER_ITEM_SHARE = 0.9;
const WEAK_SENTENCE_COVERAGE = 0.6;
/** Share of shared words above which two sentences say the same. */
const NEAR_DUPLICATE = 0.8;

/** `candidates` ordered best first, all judged relevant enough to answer from. */
export function composeExtractiveAnswer(
  candidates: Candidate[],
  options: ExtractiveOptions,
): ExtractiveAnswer {
  const phrases = PHRASES[options.language];
  const primary = candidates[0];
  if (!primary) return { text: phrases.abstain, citations: [] };

  if (primary.item.closed) {
    return {
      text: `${phrases.closedItem(primary.item.number)} [1]`,
      citations: [citeItem(primary, undefined, "", options.publicBaseUrl)],
    };
  }

  if (options.kind === "decision") {
    const decision = decisionSection(primary);
    if (decision && decision.text.length <= MAX_WHOLE_DECISION_LENGTH) {
      const intro = phrases.decisionIntro(primary.item.number, primary.item.title);
      return {
        text: `${intro} ${tidy(decision.text)} [1]`,
        citations: [citeItem(primary, decision, decision.text, options.publicBaseUrl)],
      };
    }
  }

  const open = candidates.filter((candidate) => !candidate.item.closed);
  const chosen = chooseUnits(open, options);
  if (chosen.length === 0) {
    // Nothing scored: fall back to the opening of the best item's most telling section.
    const section = decisionSection(primary) ?? primary.item.sections.find((s) => s.text.trim());
    if (!section) return { text: phrases.abstain, citations: [] };
    const opening = splitIntoUnits(section.text)[0]?.text ?? section.text;
    return {
      text: `${phrases.quotedIntro} ${tidy(opening)} [1]`,
      citations: [citeItem(primary, section, opening, options.publicBaseUrl)],
    };
  }

  const citations: Citation[] = [];
  const parts = chosen.map((scored) => {
    citations.push(
      citeItem(scored.candidate, scored.section, scored.unit.text, options.publicBaseUrl),
    );
    return `${tidy(shortenQuote(scored.unit.text, MAX_SENTENCE_LENGTH))} [${citations.length}]`;
  });
  const intro =
    options.kind === "decision" && chosen[0]?.section.kind === "beslutning"
      ? phrases.decisionIntro(primary.item.number, primary.item.title)
      : phrases.quotedIntro;
  return { text: `${intro} ${parts.join(" ")}`, citations };
}

function chooseUnits(candidates: Candidate[], options: ExtractiveOptions): ScoredUnit[] {
  const [primary, ...others] = candidates;
  if (!primary) return [];
  const primaryUnits = scoreUnits(primary, options)
    .filter((scored) => scored.coverage > 0)
    .sort((a, b) => b.score - a.score);
  const best = primaryUnits[0];
  if (!best) return [];

  const chosen: ScoredUnit[] = [best];
  for (const scored of primaryUnits.slice(1)) {
    if (chosen.length >= MAX_SENTENCES - 1) break;
    if (scored.score >= best.score * SAME_ITEM_SHARE && !overlaps(chosen, scored))
      chosen.push(scored);
  }
  // Another item contributes only when the first answers weakly (no sentence holds most of the
  // question), and it is about the subject too (its title holds part of the question) and holds
  // the question at least as fully as the first.
  const peers =
    best.coverage >= WEAK_SENTENCE_COVERAGE
      ? []
      : others
          .slice(0, 2)
          .filter(
            (candidate) =>
              candidate.titleCoverage > 0 &&
              candidate.evidence.coverage >= primary.evidence.coverage,
          );
  for (const candidate of peers) {
    if (chosen.length >= MAX_SENTENCES) break;
    const top = scoreUnits(candidate, options)
      .filter((scored) => scored.coverage > 0)
      .sort((a, b) => b.score - a.score)[0];
    if (top && top.score >= best.score * OTHER_ITEM_SHARE && !overlaps(chosen, top))
      chosen.push(top);
  }
  // Read in the order of the minutes within each item; but the sentences holding what was asked
  // for (the decision, the name) lead, best first, ahead of the recommendation or background.
  return chosen.sort(
    (a, b) =>
      candidates.indexOf(a.candidate) - candidates.indexOf(b.candidate) ||
      Number(b.holdsKind) - Number(a.holdsKind) ||
      (a.holdsKind && b.holdsKind ? b.score - a.score : 0) ||
      sectionIndex(a) - sectionIndex(b) ||
      a.unit.start - b.unit.start,
  );
}

function sectionIndex(scored: ScoredUnit): number {
  return scored.candidate.item.sections.indexOf(scored.section);
}

/** The same span, or a sentence the minutes repeat nearly word for word (resume and case text). */
function overlaps(chosen: ScoredUnit[], next: ScoredUnit): boolean {
  return chosen.some(
    (unit) =>
      (unit.section === next.section &&
        unit.unit.start < next.unit.end &&
        next.unit.start < unit.unit.end) ||
      wordOverlap(unit.unit.text, next.unit.text) >= NEAR_DUPLICATE,
  );
}

const WORDS = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(WORDS) ?? []);
}

function wordOverlap(a: string, b: string): number {
  const first = wordsOf(a);
  const second = wordsOf(b);
  const shared = [...first].filter((word) => second.has(word)).length;
  return shared / Math.max(1, Math.min(first.size, second.size));
}

function decisionSection(candidate: Candidate): Section | undefined {
  return candidate.item.sections.find(
    (section) => section.kind === "beslutning" && section.text.trim() !== "",
  );
}

export function citeItem(
  candidate: Candidate,
  section: Section | undefined,
  quote: string,
  publicBaseUrl: string,
): Citation {
  const { meeting, item } = candidate.retrieved;
  return createCitation({
    meeting,
    item,
    ...(section
      ? { section: { heading: section.heading, slug: section.slug, kind: section.kind } }
      : {}),
    quote,
    publicBaseUrl,
  });
}

/** Verbatim, with runs of blank lines reduced so a quoted list stays compact. */
function tidy(text: string): string {
  return text
    .trim()
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{2,}/g, "\n");
}
