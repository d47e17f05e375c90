import type { webApi } from "@slack/bolt";
import type {
  Answer,
  AnswerQuestion,
  Language,
  MeetingSummary,
  SummariseMeeting,
} from "../answer/types.ts";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import type { Logger } from "../shared/logger.ts";
import type { BoundedCache } from "./bounded-cache.ts";
import type { FeedbackRecorder } from "./feedback.ts";
import type { QuestionGate } from "./question-gate.ts";
import type { SlackViewerOf } from "./slack-viewers.ts";

export type WebClient = webApi.WebClient;

/** What an answered question leaves behind, so that "Share in channel" and 👍/👎 can find it. */
export type StoredAnswer =
  | { kind: "answer"; question: string; language: Language; answer: Answer }
  | { kind: "summary"; question: string; language: Language; summary: MeetingSummary };

/** Everything the listeners share; built once by createSlackBot. */
export interface BotDependencies {
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  catalog: MeetingCatalog;
  feedback: FeedbackRecorder;
  logger: Logger;
  answerTimeoutMs: number;
  publicBaseUrl: string | undefined;
  /** A meeting page link as it may be shown (an internal meeting's signed). */
  signMeetingLink: (url: string, meetingId: string) => string;
  /** Who an answer is for: the channel's audience, or in a DM the person's (see slack-viewers.ts). */
  viewerOf: SlackViewerOf;
  /** Answers by question id, for sharing and feedback. */
  answers: BoundedCache<StoredAnswer>;
  /** Event ids and message keys already handled (Slack retries). */
  seen: BoundedCache<true>;
  /** Where the bot answers, how long a question may be, how often a person may ask. */
  gate: QuestionGate;
  /** Whether DMs are answered (the channel notice mentions them only then). */
  allowDms: boolean;
  /** Runs work after the ack, keeping track of it so that stop() can wait for it. */
  runInBackground(work: () => Promise<void>): void;
  /** Aborted when the bot stops. */
  shutdownSignal: AbortSignal;
}
