import type { Language } from "../answer/types.ts";
import { isAppError } from "../shared/errors.ts";
import { inertMrkdwn } from "./inert-text.ts";
import { labelsFor } from "./labels.ts";
import type { PlaceVerdict, QuestionVerdict } from "./question-gate.ts";

/** The code logged for an error, and the short, friendly sentence the person sees instead. */
export function describeFailure(
  error: unknown,
  language: Language,
  options: { meetingReference?: string } = {},
): { code: string; text: string } {
  const labels = labelsFor(language);
  const code = isAppError(error) ? error.code : "internal_error";
  switch (code) {
    case "answer_timeout":
    case "llm_timeout":
      return { code, text: labels.errorTimeout };
    case "overloaded":
      return { code, text: labels.errorBusy };
    case "meeting_not_found":
      return {
        code,
        text: labels.errorMeetingNotFound(inertMrkdwn(options.meetingReference ?? "")),
      };
    case "feedback_unwritable":
      return { code, text: labels.errorFeedback };
    case "bad_request":
      return { code, text: labels.errorBadRequest };
    default:
      return { code, text: labels.errorGeneric(code) };
  }
}

/** Why a question is not answered, in a sentence for the person who asked it. */
export function describeRefusal(
  refusal: Exclude<PlaceVerdict, "ok"> | Extract<QuestionVerdict, { ok: false }>,
  language: Language,
  options: { dmsAllowed: boolean },
): string {
  const labels = labelsFor(language);
  if (refusal === "channel_not_enabled") return labels.notEnabledHere(options.dmsAllowed);
  if (refusal === "dms_disabled") return labels.dmsDisabled;
  return refusal.reason === "too_long"
    ? labels.questionTooLong(refusal.maxLength)
    : labels.slowDown;
}
