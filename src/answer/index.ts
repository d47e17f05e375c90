/** The public surface of answer/: what slack/, http/, app.ts and the CLI use. */
export { type AnswerQuestionOptions, createAnswerQuestion } from "./answer-question.ts";
export { createOpenAiChatModel, type OpenAiChatModelOptions } from "./chat-model.ts";
export {
  createCitation,
  formatCitationLabel,
  formatMeetingDate,
  shortenQuote,
} from "./citations.ts";
export { detectLanguage } from "./language.ts";
export { DEFAULT_PROMPTS_DIRECTORY, loadPrompts, type Prompts } from "./prompts.ts";
export { createSummariseMeeting, type SummariseMeetingOptions } from "./summarise-meeting.ts";
export type * from "./types.ts";
