import { MAX_QUESTION_LENGTH } from "../answer/limits.ts";

/**
 * Whether a question from Slack is answered at all: where it was asked (the channels the bot is
 * enabled in, and DMs), how long it is, and how many the same person asked in the last minute.
 * Every refusal has its reason, for the short notice the person gets instead of an answer.
 */

export const DEFAULT_QUESTIONS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
/** People tracked at once; beyond it, those with nothing in the window are forgotten first. */
const MAX_TRACKED_PEOPLE = 10_000;

export interface QuestionGateOptions {
  /** Channel ids the bot answers in; empty: every channel it is in. */
  allowedChannels: readonly string[];
  allowDms: boolean;
  questionsPerMinute: number;
  now?: () => number;
}

export type PlaceVerdict = "ok" | "channel_not_enabled" | "dms_disabled";

export type QuestionVerdict =
  | { ok: true }
  | { ok: false; reason: "too_long"; maxLength: number }
  /** `firstInWindow`: the first refusal this minute; later ones need not be told again. */
  | { ok: false; reason: "rate_limited"; firstInWindow: boolean };

export interface QuestionGate {
  place(where: { channelId: string; isDm: boolean }): PlaceVerdict;
  /** Checks the length, then counts the question against the asker's minute. */
  admit(userId: string, question: string): QuestionVerdict;
}

export function createQuestionGate(options: QuestionGateOptions): QuestionGate {
  const allowed = new Set(options.allowedChannels);
  const now = options.now ?? Date.now;
  const askedAt = new Map<string, { times: number[]; toldAt: number | undefined }>();

  const forgetIdle = (at: number) => {
    if (askedAt.size < MAX_TRACKED_PEOPLE) return;
    for (const [userId, record] of askedAt) {
      if ((record.times.at(-1) ?? 0) <= at - WINDOW_MS) askedAt.delete(userId);
    }
    // Everyone active: the oldest entries go, so that memory stays bounded.
    for (const userId of askedAt.keys()) {
      if (askedAt.size < MAX_TRACKED_PEOPLE) break;
      askedAt.delete(userId);
    }
  };

  return {
    place({ channelId, isDm }) {
      if (isDm) return options.allowDms ? "ok" : "dms_disabled";
      if (allowed.size === 0 || allowed.has(channelId)) return "ok";
      return "channel_not_enabled";
    },
    admit(userId, question) {
      if (question.length > MAX_QUESTION_LENGTH)
        return { ok: false, reason: "too_long", maxLength: MAX_QUESTION_LENGTH };
      const at = now();
      forgetIdle(at);
      const record = askedAt.get(userId) ?? { times: [], toldAt: undefined };
      record.times = record.times.filter((time) => time > at - WINDOW_MS);
      askedAt.set(userId, record);
      if (record.times.length >= options.questionsPerMinute) {
        const firstInWindow = record.toldAt === undefined || record.toldAt <= at - WINDOW_MS;
        if (firstInWindow) record.toldAt = at;
        return { ok: false, reason: "rate_limited", firstInWindow };
      }
      record.times.push(at);
      return { ok: true };
    },
  };
}
