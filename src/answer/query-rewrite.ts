import { z } from "zod";
import { describeError, isAppError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { formatHistory } from "./llm-sources.ts";
import type { ChatModel, ConversationTurn } from "./types.ts";

/**
 * Asks the language model for Danish search queries for a question (an English question, or a
 * follow-up that leans on the thread). Best effort: on any failure retrieval goes on without them.
 */

const MAX_QUERIES = 3;
const MAX_QUERY_LENGTH = 200;

const rewriteSchema = z.object({ queries: z.array(z.string()).default([]) });

export async function rewriteQuery(options: {
  chatModel: ChatModel;
  systemPrompt: string;
  question: string;
  history: ConversationTurn[];
  logger: Logger;
  signal?: AbortSignal;
  /** Its share of the LLM budget; on running out, retrieval goes on with the question as asked. */
  withinMs?: number;
}): Promise<string[]> {
  const history = formatHistory(options.history);
  const content = [`Question: ${options.question.trim()}`, ...(history ? [history] : [])].join(
    "\n\n",
  );
  try {
    const output = await options.chatModel.complete(
      [
        { role: "system", content: options.systemPrompt },
        { role: "user", content },
      ],
      {
        schema: rewriteSchema,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.withinMs === undefined ? {} : { withinMs: options.withinMs }),
      },
    );
    const queries = output.queries
      .map((query) => query.trim().slice(0, MAX_QUERY_LENGTH))
      .filter((query) => query !== "");
    return [...new Set(queries)].slice(0, MAX_QUERIES);
  } catch (error) {
    options.logger.warn(
      {
        model: options.chatModel.modelId,
        code: isAppError(error) ? error.code : "unexpected",
        error: describeError(error),
      },
      "query rewrite failed; searching with the question alone",
    );
    return [];
  }
}
