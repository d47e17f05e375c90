import { createCitation } from "../../src/answer/citations.ts";
import { toItemRef, toMeetingRef } from "../../src/answer/refs.ts";
import { UNRANKED_SIGNALS } from "../../src/answer/retriever.ts";
import type {
  Answer,
  AnswerOptions,
  AnswerQuestion,
  Citation,
  RetrievedItem,
  RetrieveOptions,
  Retriever,
  SearchFilters,
  SummariseMeeting,
} from "../../src/answer/types.ts";
import type { Item, Meeting, Section } from "../../src/minutes/model.ts";
import { AppError } from "../../src/shared/errors.ts";

/**
 * Small stand-ins for the answer functions and the retriever, implementing the contracts of
 * src/answer/types.ts over real parsed meetings: an item matches when its title or section text
 * contains words of the question. Calls are recorded; a queued error makes the next call fail.
 * The HTTP tests use these where they need to see what reached the functions or to provoke
 * failures; the real pipeline is exercised where it is available.
 */

export interface FakeAnswerFunctions {
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  retriever: Retriever;
  calls: {
    answerQuestion: { question: string; options: AnswerOptions | undefined }[];
    summariseMeeting: { reference: string; language: string | undefined }[];
    retrieve: { query: string; options: RetrieveOptions | undefined }[];
  };
  /** The next answerQuestion call rejects with this error. */
  failNextAnswer(error: unknown): void;
}

export interface FakeAnswerFunctionsOptions {
  meetings: Meeting[];
  /** A function so tests can learn the port after the server listens. */
  publicBaseUrl: string | (() => string);
}

interface Match {
  meeting: Meeting;
  item: Item;
  section: Section | undefined;
  score: number;
}

export function createFakeAnswerFunctions(
  options: FakeAnswerFunctionsOptions,
): FakeAnswerFunctions {
  const baseUrl = () =>
    typeof options.publicBaseUrl === "function" ? options.publicBaseUrl() : options.publicBaseUrl;
  const calls: FakeAnswerFunctions["calls"] = {
    answerQuestion: [],
    summariseMeeting: [],
    retrieve: [],
  };
  const queuedErrors: unknown[] = [];

  const cite = (match: Match): Citation =>
    createCitation({
      meeting: toMeetingRef(match.meeting),
      item: toItemRef(match.item),
      ...(match.section
        ? {
            section: {
              heading: match.section.heading,
              slug: match.section.slug,
              kind: match.section.kind,
            },
            quote: match.section.text,
          }
        : {}),
      publicBaseUrl: baseUrl(),
    });

  const answerQuestion: AnswerQuestion = async (question, answerOptions) => {
    calls.answerQuestion.push({ question, options: answerOptions });
    if (queuedErrors.length > 0) throw queuedErrors.shift();
    const best = findMatches(options.meetings, question, answerOptions?.filters)[0];
    const language = /\b(what|who|when|which|the)\b/i.test(question) ? "en" : "da";
    if (!best) {
      const text =
        language === "en" ? "The minutes do not answer that." : "Det står der ikke i referaterne.";
      return { text, citations: [], mode: "extractive", abstained: true, language, related: [] };
    }
    const citation = cite(best);
    const answer: Answer = {
      text: best.section ? firstSentence(best.section.text) : best.item.title,
      citations: [citation],
      mode: "extractive",
      abstained: false,
      language,
      related: [],
    };
    return answer;
  };

  const summariseMeeting: SummariseMeeting = async (reference, summaryOptions) => {
    calls.summariseMeeting.push({ reference, language: summaryOptions?.language });
    const meeting = options.meetings.find((candidate) => candidate.id === reference);
    if (!meeting) throw new AppError("meeting_not_found", `No meeting matches "${reference}"`);
    return {
      meeting: {
        id: meeting.id,
        body: meeting.body,
        date: meeting.date,
        location: meeting.location,
      },
      entries: meeting.items.map((item) => {
        const decision = item.sections.find((section) => section.kind === "beslutning");
        return {
          number: item.number,
          title: item.title,
          text: item.closed ? "" : firstSentence(decision?.text ?? item.title),
          closed: item.closed,
          citations: [
            cite({ meeting, item, section: item.closed ? undefined : decision, score: 1 }),
          ],
        };
      }),
      mode: "extractive",
      language: summaryOptions?.language ?? "da",
    };
  };

  const retriever: Retriever = {
    async retrieve(query, retrieveOptions) {
      calls.retrieve.push({ query, options: retrieveOptions });
      const matches = findMatches(options.meetings, query, retrieveOptions?.filters);
      return matches.slice(0, retrieveOptions?.limit ?? 10).map(toRetrievedItem);
    },
    status() {
      return { lexical: true, dense: false, denseReason: "fake retriever" };
    },
  };

  return {
    answerQuestion,
    summariseMeeting,
    retriever,
    calls,
    failNextAnswer(error) {
      queuedErrors.push(error);
    },
  };
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}-]{4,}/gu) ?? []).filter(
    (word) => !STOPWORDS.has(word),
  );
}

const STOPWORDS = new Set([
  "what",
  "that",
  "which",
  "about",
  "blev",
  "hvad",
  "hvem",
  "der",
  "with",
]);

function findMatches(
  meetings: Meeting[],
  query: string,
  filters: SearchFilters | undefined,
): Match[] {
  const wanted = new Set(words(query));
  const matches: Match[] = [];
  for (const meeting of meetings) {
    if (!passes(meeting, filters)) continue;
    for (const item of meeting.items) {
      const titleWords = new Set(words(item.title));
      let best: Match | undefined;
      for (const section of item.sections.length > 0 ? item.sections : [undefined]) {
        const sectionWords = new Set(words(section?.text ?? ""));
        let score = 0;
        for (const word of wanted) {
          if (titleWords.has(word)) score += 2;
          if (sectionWords.has(word)) score += 1;
        }
        if (score > 0 && (!best || score > best.score)) best = { meeting, item, section, score };
      }
      if (best) matches.push(best);
    }
  }
  return matches.sort((a, b) => b.score - a.score);
}

function passes(meeting: Meeting, filters: SearchFilters | undefined): boolean {
  if (!filters) return true;
  if (filters.meetingId && meeting.id !== filters.meetingId) return false;
  if (filters.body && !meeting.body.toLowerCase().includes(filters.body.toLowerCase()))
    return false;
  if (filters.from && (meeting.date === null || meeting.date < filters.from)) return false;
  if (filters.to && (meeting.date === null || meeting.date > filters.to)) return false;
  return true;
}

function toRetrievedItem(match: Match): RetrievedItem {
  return {
    meeting: toMeetingRef(match.meeting),
    item: toItemRef(match.item),
    score: match.score,
    legs: ["lexical"],
    signals: { ...UNRANKED_SIGNALS, lexicalRank: 1, lexicalScore: 1 },
    passages: match.section
      ? [
          {
            chunkId: `${match.meeting.id}#${match.item.number}/${match.section.slug}/0`,
            sectionHeading: match.section.heading,
            sectionKind: match.section.kind,
            sectionSlug: match.section.slug,
            text: match.section.text,
            start: 0,
            end: match.section.text.length,
            score: match.score,
          },
        ]
      : [],
  };
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(flat)?.[0] ?? flat;
}
