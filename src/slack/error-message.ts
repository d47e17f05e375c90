import type { Language } from "../answer/types.ts";
import { isAppError } from "../shared/errors.ts";
import { inertMrkdwn } from "./inert-text.ts";
import { labelsFor } from "./labels.ts";

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
