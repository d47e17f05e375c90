import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiChatModel } from "../../src/answer/chat-model.ts";
import type { ChatMessage } from "../../src/answer/types.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import {
  chatCompletionResponse,
  errorResponse,
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from "../fakes/openai-compatible-server.ts";
import {
  answerFunctions,
  BUNDLED_MINUTES,
  buildRetrievalStack,
  type RetrievalStack,
} from "./answer-pipeline.ts";

/** Meeting summaries written by a language model on a loopback OpenAI-compatible server. */

let stack: RetrievalStack;
let server: OpenAiCompatibleServer;

beforeAll(async () => {
  [stack, server] = await Promise.all([
    buildRetrievalStack([BUNDLED_MINUTES]),
    startOpenAiCompatibleServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([stack.dispose(), server.close()]);
});
beforeEach(() => {
  server.requests.length = 0;
});

function summarise() {
  const chatModel = createOpenAiChatModel({
    baseUrl: server.baseUrl,
    model: "test-model",
    timeoutMs: 2_000,
    maxRetries: 0,
    logger: createSilentLogger(),
  });
  return answerFunctions(stack, { chatModel }).summariseMeeting;
}

describe("summariseMeeting with a language model", () => {
  it("sends each item delimited, closed ones without content, and uses the model's summaries", async () => {
    server.enqueue(
      chatCompletionResponse(
        JSON.stringify({
          entries: [
            {
              number: 3,
              summary:
                "Udvalget tog orienteringen om ledighed til efterretning; Nick Zimmermann stemte imod.",
            },
            { number: 5, summary: "Et hemmeligt punkt om noget." },
            { number: 77, summary: "Et punkt der ikke findes." },
          ],
        }),
      ),
    );

    const summary = await summarise()("beskæftigelsesudvalget 14.01.2020");

    const messages =
      (server.requests[0]?.body as { messages?: ChatMessage[] } | undefined)?.messages ?? [];
    expect(messages[0]).toEqual({ role: "system", content: stack.prompts.summary });
    const user = messages[1]?.content ?? "";
    expect(user).toContain("Summary language: Danish");
    expect(user.match(/^<<<ITEM \d+$/gm)).toHaveLength(9);
    const closedItem = user.match(/^<<<ITEM 5\n([\s\S]*?)\nITEM 5>>>$/m)?.[1] ?? "";
    expect(closedItem).toContain("closed: yes");
    expect(closedItem).toContain("(closed item: content not disclosed)");

    expect(summary.mode).toBe("llm");
    expect(summary.entries.map((entry) => entry.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const three = summary.entries.find((entry) => entry.number === 3);
    expect(three?.text).toBe(
      "Udvalget tog orienteringen om ledighed til efterretning; Nick Zimmermann stemte imod.",
    );
    expect(three?.citations[0]?.url).toMatch(/#punkt-3-beslutning$/);
    // A closed item stays closed whatever the model writes about it.
    expect(summary.entries.find((entry) => entry.number === 5)?.text).toBe("Lukket punkt.");
    // Items the model left out keep their extractive entry.
    expect(summary.entries.find((entry) => entry.number === 7)?.text).toBe(
      "Beslutning: Drøftet.\nResumé: Beskæftigelsesudvalgets arbejdsform for 2018 - 2021, der senest blev vedtaget på udvalgsmøde den 5. februar 2019, gennemgås.",
    );
    expect(three?.parts).toBeUndefined();
  });

  it("falls back to the extractive summary with a note when the model fails", async () => {
    server.enqueue(errorResponse(500, "down"));
    const summary = await summarise()("latest", { language: "en" });
    expect(summary.mode).toBe("extractive");
    expect(summary.note).toBe(
      "The language model cannot be reached; this answer is quoted directly from the minutes.",
    );
    expect(summary.entries.length).toBe(11);
    expect(summary.entries.every((entry) => entry.citations.length === 1)).toBe(true);
  });
});
