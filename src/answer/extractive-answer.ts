import type { Section } from "../minutes/model.ts";
import { PHRASES } from "./answer-text.ts";
import type { Candidate } from "./candidates.ts";
import { createCitation, shortenQuote } from "./citations.ts";
import { approvesRecommendation } from "./fact-patterns.ts";
import { withoutMarkup } from "./markup.ts";
import type { AnswerKind } from "./question-intent.ts";
import { splitIntoUnits } from "./sentences.ts";
import type { Concept, TermIndex } from "./term-evidence.ts";
import type { TermAnalyzer } from "./term-matching.ts";
import type { Citation, Language } from "./types.ts";
import { answerTier, askedTerms, unitFacts } from "./unit-facts.ts";
import { type ScoredUnit, scoreListEntries, scoreUnits } from "./unit-scoring.ts";

/**
 * The answer without a language model: verbatim text from the minutes, each piece cited, chosen
 * by the kind of question. A decision question gets this meeting's decision of the best item,
 * and the recommendation it approves when the decision only says "Godkendt" or "Indstillingen
 * tiltrådt"; a vote question the vote record (who voted for, against, abstained); any other
 * question the best supporting sentences of the top items, those that hold what was asked for
 * (an amount, a count, a date or duration, a name and role) ahead of those that do not. A closed
 * item is cited as closed and never described.
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
/** A decision holding a vote record is quoted whole up to this length: the record is the answer. */
const MAX_WHOLE_VOTE_LENGTH = 700;
/** Vote lines quoted from a longer record. */
const MAX_VOTE_LINES = 4;
const MAX_SENTENCES = 3;
const MAX_SENTENCE_LENGTH = 400;
/** A further sentence joins the answer when it scores at least this share of the best one. */
const SAME_ITEM_SHARE = 0.7;
const OTHER_ITEM_SHARE = 0.9;
const WEAK_SENTENCE_COVERAGE = 0.6;
/** Share of shared words above which two sentences say the same. */
const NEAR_DUPLICATE = 0.8;

interface Quote {
  candidate: Candidate;
  section: Section | undefined;
  text: string;
  /** Quoted whole (a decision, a vote record), line by line, rather than shortened. */
  whole?: boolean;
  /** A phrase that introduces this quote within the answer. */
  lead?: string;
}

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

  if (!primary.item.sections.some((section) => section.text.trim() !== "")) {
    return titleOnlyAnswer(primary, options);
  }

  const decisionIntro = phrases.decisionIntro(primary.item.number, primary.item.title);
  if (options.kind === "vote") {
    const votes = voteRecord(primary, options);
    if (votes) return compose(votes.intro ? decisionIntro : phrases.quotedIntro, votes.quotes);
  }

  if (options.kind === "decision" || options.kind === "vote") {
    const decision = decisionSection(primary);
    if (decision && decision.text.length <= MAX_WHOLE_DECISION_LENGTH) {
      const quotes: Quote[] = [
        { candidate: primary, section: decision, text: decision.text, whole: true },
      ];
      const recommendation = approvedRecommendation(primary, decision);
      if (recommendation) quotes.push({ ...recommendation, lead: phrases.approvedRecommendation });
      return compose(decisionIntro, quotes);
    }
  }

  const open = candidates.filter((candidate) => !candidate.item.closed);
  const chosen = chooseUnits(open, options);
  if (chosen.length === 0) {
    // Nothing scored: fall back to the opening of the best item's most telling section.
    const section = decisionSection(primary) ?? primary.item.sections.find((s) => s.text.trim());
    if (!section) return { text: phrases.abstain, citations: [] };
    const opening = splitIntoUnits(section.text)[0]?.text ?? section.text;
    return compose(phrases.quotedIntro, [{ candidate: primary, section, text: opening }]);
  }

  const intro =
    (options.kind === "decision" || options.kind === "vote") &&
    chosen[0]?.section.kind === "beslutning"
      ? decisionIntro
      : phrases.quotedIntro;
  return compose(
    intro,
    chosen.map((scored) => ({
      candidate: scored.candidate,
      section: scored.section,
      text: scored.unit.text,
    })),
  );

  function compose(intro: string, quotes: Quote[]): ExtractiveAnswer {
    const citations: Citation[] = [];
    const parts = quotes.map((quote) => {
      citations.push(citeItem(quote.candidate, quote.section, quote.text, options.publicBaseUrl));
      const text = quote.whole ? tidy(quote.text) : shortenQuote(quote.text, MAX_SENTENCE_LENGTH);
      return `${quote.lead ? `${quote.lead} ` : ""}${text} [${citations.length}]`;
    });
    return { text: `${intro} ${parts.join(" ")}`, citations };
  }
}

/**
 * The recommendation (Indstilling) a decision approves without restating it: "Godkendt.",
 * "Anbefales.", "Byrådet godkendte administrationens indstilling."
 */
function approvedRecommendation(candidate: Candidate, decision: Section): Quote | undefined {
  const analysed = candidate.analysis.sections.find((entry) => entry.section === decision);
  const approves = analysed?.units.some(
    ({ text, facts }) => !facts.isAttendanceNote && approvesRecommendation(text),
  );
  if (!approves) return undefined;
  const recommendation = candidate.item.sections.find(
    (section) => section.kind === "indstilling" && section.text.trim() !== "",
  );
  return recommendation
    ? { candidate, section: recommendation, text: recommendation.text }
    : undefined;
}

/**
 * Who voted how: this meeting's decision when it records a vote (whole when short), else the
 * vote lines of the section that holds the best one. Undefined when the item records no vote.
 */
function voteRecord(
  candidate: Candidate,
  options: ExtractiveOptions,
): { intro: boolean; quotes: Quote[] } | undefined {
  const votes = scoreUnits(candidate, options).filter((scored) => scored.tier === 2);
  if (votes.length === 0) return undefined;
  const inDecision = votes.filter((scored) => scored.section.kind === "beslutning");
  const best = [...(inDecision.length > 0 ? inDecision : votes)].sort(byScore)[0] as ScoredUnit;
  const { section } = best;
  if (section.kind === "beslutning" && section.text.length <= MAX_WHOLE_VOTE_LENGTH) {
    return { intro: true, quotes: [{ candidate, section, text: section.text, whole: true }] };
  }
  const lines = votes
    .filter((scored) => scored.section === section)
    .sort(byScore)
    .slice(0, MAX_VOTE_LINES)
    .sort((a, b) => a.unit.start - b.unit.start);
  return {
    intro: section.kind === "beslutning",
    quotes: lines.map((scored) => ({ candidate, section, text: scored.unit.text })),
  };
}

/**
 * An item the minutes give only a title (an agenda list): the title answers when it holds what
 * was asked for ("17 nye senior-egnede lejligheder …" for "how many"), or when nothing in
 * particular was asked; a decision or vote it cannot show.
 */
function titleOnlyAnswer(candidate: Candidate, options: ExtractiveOptions): ExtractiveAnswer {
  const phrases = PHRASES[options.language];
  const { item } = candidate;
  const { kind } = options;
  const title = { text: item.title, facts: unitFacts(item.title) };
  const answers =
    kind === "other" ||
    (kind !== "decision" &&
      kind !== "vote" &&
      answerTier(title, kind, askedTerms(options.concepts), options.analyzer) > 0);
  if (!answers) return { text: phrases.abstain, citations: [] };
  return {
    text: `${phrases.titleOnly(item.number, withoutMarkup(item.title))} [1]`,
    citations: [citeItem(candidate, undefined, "", options.publicBaseUrl)],
  };
}

function byScore(a: ScoredUnit, b: ScoredUnit): number {
  return b.score - a.score;
}

/** Highest precedence first (closest to what was asked for), then best score. */
function byPrecedenceThenScore(a: ScoredUnit, b: ScoredUnit): number {
  return b.precedence - a.precedence || b.score - a.score;
}

function chooseUnits(candidates: Candidate[], options: ExtractiveOptions): ScoredUnit[] {
  const [primary, ...others] = candidates;
  if (!primary) return [];
  const primaryUnits = supportingUnits(scoreUnits(primary, options)).sort(byPrecedenceThenScore);
  const first = primaryUnits[0];
  if (!first) return [];
  const best = narrowed(first, options);

  const chosen: ScoredUnit[] = [best];
  for (const scored of primaryUnits.slice(1)) {
    if (chosen.length >= MAX_SENTENCES - 1) break;
    if (scored.precedence < first.precedence || scored.score < first.score * SAME_ITEM_SHARE) {
      continue;
    }
    const next = narrowed(scored, options);
    if (!overlaps(chosen, next)) chosen.push(next);
  }
  // Another item contributes only when the first answers weakly (no sentence holds most of the
  // question), and it is about the subject too (its title holds part of the question) and holds
  // the question at least as fully as the first.
  const peers =
    first.coverage >= WEAK_SENTENCE_COVERAGE
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
      .sort(byPrecedenceThenScore)[0];
    if (!top || top.precedence < first.precedence || top.score < first.score * OTHER_ITEM_SHARE) {
      continue;
    }
    const next = narrowed(top, options);
    if (!overlaps(chosen, next)) chosen.push(next);
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

/**
 * The units that hold some of the question's words; when none does (the item was judged
 * relevant on evidence other than its words, such as a question in words the lexicons do not
 * translate), those that hold the kind of thing asked for.
 */
function supportingUnits(units: ScoredUnit[]): ScoredUnit[] {
  const covering = units.filter((scored) => scored.coverage > 0);
  return covering.length > 0 ? covering : units.filter((scored) => scored.precedence > 0);
}

/**
 * A list too long to quote whole is quoted by its entry that holds what was asked for ("6.
 * Bygherre skal orientere naboerne mindst 1 uge i forvejen …"), not by an opening cut off before
 * it. A question that asks for nothing in particular keeps the list with its introduction.
 */
function narrowed(scored: ScoredUnit, options: ExtractiveOptions): ScoredUnit {
  if (options.kind === "other" || scored.unit.text.length <= MAX_SENTENCE_LENGTH) return scored;
  const entry = scoreListEntries(scored, options)
    .filter((candidate) => candidate.coverage > 0 && candidate.tier > 0)
    .sort(byPrecedenceThenScore)[0];
  return entry && entry.precedence >= scored.precedence ? entry : scored;
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

/** This meeting's decision: a Beslutning section with text (not an earlier body's decision). */
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

/** Verbatim without markup, with runs of blank lines reduced so a quoted list stays compact. */
function tidy(text: string): string {
  return withoutMarkup(text)
    .trim()
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{2,}/g, "\n");
}
