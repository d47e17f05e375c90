import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiChatModel } from "../../src/answer/chat-model.ts";
import type { ChatMessage } from "../../src/answer/types.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import {
  chatCompletionResponse,
  type OpenAiCompatibleServer,
  type RecordedRequest,
  startOpenAiCompatibleServer,
} from "../fakes/openai-compatible-server.ts";
import { answerFunctions, buildRetrievalStack, type RetrievalStack } from "./answer-pipeline.ts";

/**
 * The language of answers and summaries over real minutes (../shared/real-minutes): without an
 * LLM an English reader is told plainly that the quotes are Danish; with one (a loopback
 * OpenAI-compatible server), the model is asked for the question's language and its words used.
 */

const LUNAS_ARK = "What did the city council decide about the Lunas Ark daycare?";

let minutesDir: string;
let stack: RetrievalStack;
let server: OpenAiCompatibleServer;

beforeAll(async () => {
  // The real files, without the folder's README (which is no meeting).
  minutesDir = await mkdtemp(join(tmpdir(), "referat-real-minutes-"));
  const source = new URL("../../../shared/real-minutes/", import.meta.url).pathname;
  for (const file of await readdir(source)) {
    if (file !== "README.md") await cp(join(source, file), join(minutesDir, file));
  }
  [stack, server] = await Promise.all([
    buildRetrievalStack([minutesDir]),
    startOpenAiCompatibleServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([stack.dispose(), server.close()]);
  await rm(minutesDir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

function withModel() {
  const chatModel = createOpenAiChatModel({
    baseUrl: server.baseUrl,
    apiKey: "test-key",
    model: "test-model",
    timeoutMs: 2_000,
    maxRetries: 0,
    logger: createSilentLogger(),
  });
  return answerFunctions(stack, { chatModel, queryRewrite: false });
}

function userMessage(request: RecordedRequest | undefined): string {
  const messages = (request?.body as { messages?: ChatMessage[] } | undefined)?.messages ?? [];
  return messages.find((message) => message.role === "user")?.content ?? "";
}

describe("without a language model", () => {
  it("tells an English reader that the quoted answer is in Danish", async () => {
    const answer = await answerFunctions(stack).answerQuestion(LUNAS_ARK);
    expect(answer).toMatchObject({ language: "en", mode: "extractive", abstained: false });
    expect(answer.citations[0]).toMatchObject({ meetingId: "byraad-2022-09-05", number: 13 });
    // Whatever the kind of answer, its opening says the quote is in Danish.
    expect(answer.text.split(": ")[0]).toMatch(/\bin Danish$|\(quoted in Danish\)$/);
  });

  it("tells an English reader of a summary once that the quotes are in Danish, and a Danish one not", async () => {
    const { summariseMeeting } = answerFunctions(stack);
    const english = await summariseMeeting("byraad-2022-09-05", { language: "en" });
    expect(english.quotesNote).toBe("The quotes are in Danish, the language of the minutes.");
    expect(english.entries.filter((entry) => entry.text.includes("in Danish"))).toEqual([]);
    expect((await summariseMeeting("byraad-2022-09-05")).quotesNote).toBeUndefined();
  });
});

describe("with a language model", () => {
  it("asks for an English answer to an English question and returns the model's English", async () => {
    server.enqueue(
      chatCompletionResponse(
        JSON.stringify({
          answer:
            "The council approved the Finance Committee's recommendation on where to place Lunas Ark.",
          citations: [1],
          abstain: false,
        }),
      ),
    );
    const answer = await withModel().answerQuestion(LUNAS_ARK);
    expect(userMessage(server.requests[0])).toContain("Answer language: English");
    expect(answer).toMatchObject({ mode: "llm", language: "en", abstained: false });
    expect(answer.text).toMatch(/^The council approved the Finance Committee's recommendation/);
    expect(answer.text).not.toContain("in Danish");
  });

  it("writes an English summary in English: the model's words, plain, closed items kept closed", async () => {
    server.enqueue(
      chatCompletionResponse(
        JSON.stringify({
          entries: [
            { number: 1, summary: "The agenda was **approved**." },
            { number: 2, summary: "A tender for cleaning was discussed." },
            {
              number: 5,
              summary:
                "The committee recommended that the council approve the lease with [Nordholm Ejendomme](https://example.org).",
            },
          ],
        }),
      ),
    );
    const summary = await withModel().summariseMeeting("latest økonomiudvalget", {
      language: "en",
    });

    const user = userMessage(server.requests[0]);
    expect(user).toContain("Summary language: English");
    const five = user.match(/^<<<ITEM 5\n([\s\S]*?)\nITEM 5>>>$/m)?.[1] ?? "";
    // The decision comes first, so a long case text cannot crowd it out.
    expect(five).toMatch(
      /^title: Forpagtningsaftale med Nordholm Ejendomme\nclosed: no\nBeslutning:\n/,
    );
    const two = user.match(/^<<<ITEM 2\n([\s\S]*?)\nITEM 2>>>$/m)?.[1] ?? "";
    expect(two).toContain("(closed item: content not disclosed)");

    expect(summary).toMatchObject({ mode: "llm", language: "en" });
    const byNumber = new Map(summary.entries.map((entry) => [entry.number, entry]));
    expect(byNumber.get(1)?.text).toBe("The agenda was approved.");
    expect(byNumber.get(5)?.text).toBe(
      "The committee recommended that the council approve the lease with Nordholm Ejendomme.",
    );
    expect(byNumber.get(5)?.parts).toBeUndefined();
    expect(byNumber.get(5)?.citations[0]?.url).toMatch(/#punkt-5-beslutning$/);
    expect(byNumber.get(2)).toMatchObject({ closed: true, text: "Closed item." });
    // Items the model left out keep their Danish quotes, and the reader is told so.
    expect(byNumber.get(7)?.text).toMatch(/^Decision: /);
    expect(summary.quotesNote).toBe("The quotes are in Danish, the language of the minutes.");
  });
});
