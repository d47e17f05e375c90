export {
  createFileFeedbackRecorder,
  type FeedbackInput,
  type FeedbackRecord,
  type FeedbackRecorder,
  type FeedbackVote,
  type FileFeedbackRecorderOptions,
} from "./feedback.ts";
export {
  createSlackBot,
  DEFAULT_ANSWER_TIMEOUT_MS,
  SLACK_EVENTS_PATH,
  type SlackBot,
  type SlackBotOptions,
  type SlackRequestListener,
} from "./slack-bot.ts";
