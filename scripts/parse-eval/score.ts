import { basename } from "node:path";
import type { ExpectedItem, ExpectedMeeting, ExpectedParse } from "./expected-schema.ts";
import { isCompanion } from "./expected-schema.ts";
import { normaliseCaseNumber, normaliseText, similarity, startsWithWords } from "./normalise.ts";
import type { ParsedItem, ParsedMeeting } from "./parsed-meeting.ts";
import type { IngestRun } from "./run-ingest.ts";

/** How many were scored and how many of those were right. */
export interface Tally {
  scored: number;
  correct: number;
}

export interface Counts {
  files: number;
  ingestErrors: number;
  /** Companion files (manifests) that rightly yielded no meeting. */
  companions: Tally;
  /** Meeting documents from which ingest produced at least one meeting. */
  meetingsFound: Tally;
  expectedItems: number;
  parsedItems: number;
  /** Number and title agree (or number alone, for an expected item without a visible title). */
  matched: number;
  /** Of those, matched on number alone because the document shows no title. */
  matchedUntitled: number;
  /** Number agrees (whatever the title). */
  numberMatched: number;
  /** Number agrees but the title does not (after normalising). */
  numberOnly: number;
  titleExact: Tally;
  titleSimilar: Tally;
  date: Tally;
  body: Tally;
  documentType: Tally;
  itemCount: Tally;
  caseNumber: Tally;
  closed: Tally;
  decision: Tally;
  /** Items whose expected decision is text: the decision was found. */
  decisionFound: Tally;
  /** Items expected to have no decision: none was reported. */
  decisionAbsent: Tally;
}

export type MatchKind = "exact" | "untitled" | "number-only" | "missing";

export interface ItemOutcome {
  number: number;
  expectedTitle: string | null;
  parsedTitle: string | null;
  match: MatchKind;
  titleSimilarity: number | null;
  /** null: not scored (no match, or unknown because the document is cut off). */
  caseNumber: boolean | null;
  closed: boolean | null;
  decision: boolean | null;
  truncated: boolean;
}

export interface FileScore {
  file: string;
  source: string;
  expectedPath: string;
  split: string;
  format: string;
  kind: "meeting" | "companion";
  complete: boolean | null;
  error: string | null;
  warnings: string[];
  meetings: number;
  durationMs: number;
  parsed: {
    date: string | null;
    body: string | null;
    documentType: string | null;
    itemCount: number;
  };
  expectedMeeting: ExpectedMeeting["meeting"] | null;
  counts: Counts;
  items: ItemOutcome[];
  /** Parsed items that match no expected item by number (or repeat a number). */
  extraItems: { number: number; title: string | null }[];
}

const TITLE_SIMILAR = 0.9;
/** Label lines tolerated before the decision words ("Fraværende: …", "<udvalg>, 03.09.2018"). */
const DECISION_LEADING_LINES = 2;

export function emptyCounts(): Counts {
  const tally = (): Tally => ({ scored: 0, correct: 0 });
  return {
    files: 0,
    ingestErrors: 0,
    companions: tally(),
    meetingsFound: tally(),
    expectedItems: 0,
    parsedItems: 0,
    matched: 0,
    matchedUntitled: 0,
    numberMatched: 0,
    numberOnly: 0,
    titleExact: tally(),
    titleSimilar: tally(),
    date: tally(),
    body: tally(),
    documentType: tally(),
    itemCount: tally(),
    caseNumber: tally(),
    closed: tally(),
    decision: tally(),
    decisionFound: tally(),
    decisionAbsent: tally(),
  };
}

function count(tally: Tally, correct: boolean): boolean {
  tally.scored++;
  if (correct) tally.correct++;
  return correct;
}

/** "xml" for `.manifest.xml`; page openings are told apart from complete text files. */
export function formatOf(expected: ExpectedParse): string {
  const extension = (/\.([a-z0-9]+)$/iu.exec(expected.source)?.[1] ?? "none").toLowerCase();
  if (!isCompanion(expected) && extension === "txt" && !expected.complete) return "txt (opening)";
  return extension;
}

/** The beslutning-kind text of an item, in order; empty sections do not count as a decision. */
function decisionTexts(item: ParsedItem): string[] {
  return item.sections
    .filter((section) => section.kind === "beslutning" && normaliseText(section.text) !== "")
    .map((section) => section.text);
}

export function decisionMatches(texts: string[], expected: string): boolean {
  const lines = texts
    .join("\n")
    .split("\n")
    .map(normaliseText)
    .filter((line) => line !== "");
  const wanted = normaliseText(expected);
  for (let skip = 0; skip <= DECISION_LEADING_LINES && skip < lines.length; skip++) {
    if (startsWithWords(lines.slice(skip).join(" "), wanted)) return true;
  }
  return false;
}

function caseNumberMatches(parsed: string | null, expected: string | string[]): boolean {
  if (parsed === null) return false;
  const accepted = (Array.isArray(expected) ? expected : [expected]).map(normaliseCaseNumber);
  return accepted.includes(normaliseCaseNumber(parsed));
}

function scoreItem(
  expected: ExpectedItem,
  parsed: ParsedItem | undefined,
  counts: Counts,
): ItemOutcome {
  const truncated = expected.truncated === true;
  const outcome: ItemOutcome = {
    number: expected.number,
    expectedTitle: expected.title,
    parsedTitle: parsed?.title ?? null,
    match: "missing",
    titleSimilarity: null,
    caseNumber: null,
    closed: null,
    decision: null,
    truncated,
  };
  if (!parsed) return outcome;
  counts.numberMatched++;

  if (expected.title === null) {
    outcome.match = "untitled";
    counts.matchedUntitled++;
  } else {
    const parsedTitle = parsed.title ?? "";
    outcome.titleSimilarity = Math.round(similarity(parsedTitle, expected.title) * 1000) / 1000;
    const exact = normaliseText(parsedTitle) === normaliseText(expected.title);
    count(counts.titleExact, exact);
    count(counts.titleSimilar, outcome.titleSimilarity >= TITLE_SIMILAR);
    outcome.match = exact ? "exact" : "number-only";
    if (!exact) {
      counts.numberOnly++;
      return outcome;
    }
  }
  counts.matched++;

  if (expected.caseNumber !== null) {
    outcome.caseNumber = count(
      counts.caseNumber,
      caseNumberMatches(parsed.caseNumber, expected.caseNumber),
    );
  } else if (!truncated) {
    outcome.caseNumber = count(counts.caseNumber, !parsed.caseNumber);
  }
  outcome.closed = count(counts.closed, parsed.closed === expected.closed);

  const texts = decisionTexts(parsed);
  if (expected.decision !== null) {
    const found = decisionMatches(texts, expected.decision);
    count(counts.decisionFound, found);
    outcome.decision = count(counts.decision, found);
  } else if (!truncated) {
    const absent = texts.length === 0;
    count(counts.decisionAbsent, absent);
    outcome.decision = count(counts.decision, absent);
  }
  return outcome;
}

/** Compares one document's ingest result with its expected parse. */
export function scoreFile(
  expected: ExpectedParse,
  expectedPath: string,
  ingest: IngestRun,
): FileScore {
  const counts = emptyCounts();
  counts.files = 1;
  if (ingest.error) counts.ingestErrors = 1;
  const parsedItems = ingest.meetings.flatMap((meeting) => meeting.items);
  counts.parsedItems = parsedItems.length;
  const first: ParsedMeeting | undefined = ingest.meetings[0];
  const score: FileScore = {
    file: basename(expected.source),
    source: expected.source,
    expectedPath,
    split: expected.split,
    format: formatOf(expected),
    kind: isCompanion(expected) ? "companion" : "meeting",
    complete: isCompanion(expected) ? null : expected.complete,
    error: ingest.error,
    warnings: ingest.warnings,
    meetings: ingest.meetings.length,
    durationMs: ingest.durationMs,
    parsed: {
      date: first?.date ?? null,
      body: first?.body ?? null,
      documentType: first?.documentType ?? null,
      itemCount: parsedItems.length,
    },
    expectedMeeting: isCompanion(expected) ? null : expected.meeting,
    counts,
    items: [],
    extraItems: [],
  };

  if (isCompanion(expected)) {
    count(counts.companions, ingest.meetings.length === 0 && ingest.error === null);
    score.extraItems = parsedItems.map((item) => ({ number: item.number, title: item.title }));
    return score;
  }

  const meeting = expected.meeting;
  count(counts.meetingsFound, first !== undefined);
  if (meeting.date !== null) count(counts.date, first?.date === meeting.date);
  const acceptedBodies = meeting.body.map(normaliseText);
  count(counts.body, first?.body != null && acceptedBodies.includes(normaliseText(first.body)));
  if (meeting.documentType !== null) {
    count(counts.documentType, first?.documentType === meeting.documentType);
  }
  if (meeting.itemCount !== null) count(counts.itemCount, parsedItems.length === meeting.itemCount);

  counts.expectedItems = expected.items.length;
  const unused = new Set(parsedItems);
  for (const expectedItem of expected.items) {
    const parsed = parsedItems.find(
      (candidate) => candidate.number === expectedItem.number && unused.has(candidate),
    );
    if (parsed) unused.delete(parsed);
    score.items.push(scoreItem(expectedItem, parsed, counts));
  }
  score.extraItems = [...unused].map((item) => ({ number: item.number, title: item.title }));
  return score;
}

/** Adds `source` into `target`, field by field. */
export function addCounts(target: Counts, source: Counts): void {
  for (const key of Object.keys(target) as (keyof Counts)[]) {
    const into = target[key];
    const from = source[key];
    if (typeof into === "number" && typeof from === "number") {
      (target[key] as number) = into + from;
    } else if (typeof into === "object" && typeof from === "object") {
      into.scored += from.scored;
      into.correct += from.correct;
    }
  }
}
