import type {
  Answer,
  AnswerOptions,
  AnswerQuestion,
  Citation,
  MeetingSummary,
  SummariseMeeting,
} from "../../src/answer/types.ts";
import { AppError } from "../../src/shared/errors.ts";

/**
 * Answer functions whose timing and failures a test controls, for the cases the real pipeline
 * cannot provoke on demand (slow answers, thrown errors, huge answers). Every call is recorded.
 */

export interface ScriptedAnswerQuestion extends AnswerQuestion {
  calls: { question: string; options: AnswerOptions | undefined }[];
}

export function scriptedAnswerQuestion(
  script: {
    answer?: (question: string, options: AnswerOptions | undefined) => Answer;
    delayMs?: number;
    error?: Error;
  } = {},
): ScriptedAnswerQuestion {
  const calls: ScriptedAnswerQuestion["calls"] = [];
  const answerQuestion = async (question: string, options?: AnswerOptions) => {
    calls.push({ question, options });
    if (script.delayMs) await delay(script.delayMs, options?.signal);
    if (script.error) throw script.error;
    return script.answer ? script.answer(question, options) : sampleAnswer();
  };
  return Object.assign(answerQuestion, { calls });
}

export function scriptedSummariseMeeting(
  script: { summary?: MeetingSummary; delayMs?: number; unknownReferences?: string[] } = {},
): SummariseMeeting & { calls: string[] } {
  const calls: string[] = [];
  const summarise: SummariseMeeting = async (reference, options) => {
    calls.push(reference);
    if (script.delayMs) await delay(script.delayMs, options?.signal);
    if (script.unknownReferences?.includes(reference)) {
      throw new AppError("meeting_not_found", `No meeting matches ${reference}`);
    }
    return script.summary ?? sampleSummary();
  };
  return Object.assign(summarise, { calls });
}

export function sampleCitation(overrides: Partial<Citation> = {}): Citation {
  return {
    meetingId: "udsatteraadet-2019-09-18",
    body: "Udsatterådet",
    date: "2019-09-18",
    number: 32,
    title: "Orientering om budget 2020",
    section: "Beslutning",
    sectionSlug: "beslutning",
    quote: "Udsatterådet tog orienteringen til efterretning.",
    url: "http://localhost:3000/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning",
    closed: false,
    ...overrides,
  };
}

export function sampleAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    text: "Udsatterådet tog orienteringen om budget 2020 til efterretning.",
    citations: [sampleCitation()],
    mode: "extractive",
    abstained: false,
    language: "da",
    related: [],
    ...overrides,
  };
}

export function sampleSummary(): MeetingSummary {
  return {
    meeting: {
      id: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      date: "2019-09-18",
      location: "Rådhuset",
    },
    entries: [
      {
        number: 32,
        title: "Orientering om budget 2020",
        text: "Rådet tog orienteringen til efterretning.",
        closed: false,
        citations: [sampleCitation()],
      },
      { number: 33, title: "Personsag", text: "", closed: true, citations: [] },
    ],
    mode: "extractive",
    language: "da",
  };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
