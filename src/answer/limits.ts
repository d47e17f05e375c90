/**
 * The longest question answering takes, for every caller: the HTTP API refuses longer ones with
 * 400, Slack with a friendly note. Analysis cost grows with the question; this bounds it.
 */
export const MAX_QUESTION_LENGTH = 2000;
