import { createHash } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { AppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";

export type FeedbackVote = "up" | "down";

export interface FeedbackInput {
  questionId: string;
  vote: FeedbackVote;
  /** Slack user id; stored only as a salted hash. */
  userId?: string;
  /** Logged at debug level only, never written to the feedback file. */
  question?: string;
}

/** One line of the feedback file. */
export interface FeedbackRecord {
  questionId: string;
  vote: FeedbackVote;
  userHash?: string;
  at: string;
}

export interface FeedbackRecorder {
  record(input: FeedbackInput): Promise<FeedbackRecord>;
}

export interface FileFeedbackRecorderOptions {
  /** JSON-lines file; its folder is created when missing. */
  path: string;
  logger: Logger;
  /** Mixed into the user hash so that it cannot be reversed by hashing known user ids. */
  userHashSalt?: string;
  now?: () => Date;
}

/** Appends each 👍/👎 as a JSON line `{ questionId, vote, userHash?, at }`. */
export function createFileFeedbackRecorder(options: FileFeedbackRecorderOptions): FeedbackRecorder {
  const now = options.now ?? (() => new Date());
  const salt = options.userHashSalt ?? "referat-feedback";
  // Writes are chained so that lines from concurrent clicks never interleave.
  let writes: Promise<unknown> = Promise.resolve();

  return {
    async record(input) {
      const record: FeedbackRecord = {
        questionId: input.questionId,
        vote: input.vote,
        at: now().toISOString(),
      };
      if (input.userId) record.userHash = hashUser(salt, input.userId);
      const write = writes.then(async () => {
        try {
          await mkdir(dirname(options.path), { recursive: true });
          await appendFile(options.path, `${JSON.stringify(record)}\n`, "utf8");
        } catch (error) {
          throw new AppError(
            "feedback_unwritable",
            `Cannot append to the feedback file ${options.path}`,
            {
              cause: error,
            },
          );
        }
      });
      writes = write.catch(() => undefined);
      await write;
      options.logger.info(
        { questionId: record.questionId, vote: record.vote },
        "feedback recorded",
      );
      if (input.question !== undefined) {
        options.logger.debug(
          { questionId: record.questionId, question: input.question },
          "feedback question",
        );
      }
      return record;
    },
  };
}

function hashUser(salt: string, userId: string): string {
  return createHash("sha256").update(`${salt}:${userId}`).digest("hex").slice(0, 16);
}
