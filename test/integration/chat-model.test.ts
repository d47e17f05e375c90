import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createOpenAiChatModel } from "../../src/answer/chat-model.ts";
import { AppError } from "../../src/shared/errors.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import {
  chatCompletionResponse,
  errorResponse,
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from "../fakes/openai-compatible-server.ts";

const schema = z.object({ answer: z.string(), citations: z.array(z.number().int()) });
const messages = [
  { role: "system" as const, content: "Answer in JSON." },
  { role: "user" as const, content: "Hvem blev udpeget?" },
];

let server: OpenAiCompatibleServer;

beforeAll(async () => {
  server = await startOpenAiCompatibleServer();
});
afterAll(async () => {
  await server.close();
});

function model(timeoutMs = 2_000) {
  return createOpenAiChatModel({
    baseUrl: server.baseUrl,
    apiKey: "test-key",
    model: "test-model",
    timeoutMs,
    maxRetries: 0,
    logger: createSilentLogger(),
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).cause).toBeDefined();
    return (error as AppError).code;
  }
  throw new Error("expected the call to fail");
}

describe("createOpenAiChatModel", () => {
  it("sends the messages asking for a JSON object and returns the validated output", async () => {
    server.enqueue(chatCompletionResponse('{"answer":"Henrik Juncher","citations":[1]}'));
    const before = server.requests.length;

    const result = await model().complete(messages, { schema });

    expect(result).toEqual({ answer: "Henrik Juncher", citations: [1] });
    const request = server.requests[before];
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer test-key");
    expect(request?.body).toMatchObject({
      model: "test-model",
      messages,
      response_format: { type: "json_object" },
    });
  });

  it("tolerates JSON inside a markdown fence", async () => {
    server.enqueue(
      chatCompletionResponse('Here it is:\n```json\n{"answer":"Ja","citations":[2]}\n```'),
    );
    await expect(model().complete(messages, { schema })).resolves.toEqual({
      answer: "Ja",
      citations: [2],
    });
  });

  it("reports malformed JSON as llm_bad_output", async () => {
    server.enqueue(chatCompletionResponse('{"answer": "Henrik'));
    expect(await codeOf(model().complete(messages, { schema }))).toBe("llm_bad_output");
  });

  it("reports JSON of the wrong shape as llm_bad_output", async () => {
    server.enqueue(chatCompletionResponse('{"answer": 42}'));
    expect(await codeOf(model().complete(messages, { schema }))).toBe("llm_bad_output");
  });

  it("reports 429 as llm_rate_limited", async () => {
    server.enqueue(errorResponse(429, "slow down"));
    expect(await codeOf(model().complete(messages, { schema }))).toBe("llm_rate_limited");
  });

  it("reports 5xx as llm_unavailable", async () => {
    server.enqueue(errorResponse(503, "overloaded"));
    expect(await codeOf(model().complete(messages, { schema }))).toBe("llm_unavailable");
  });

  it("reports a slow endpoint as llm_timeout", async () => {
    server.enqueue({
      ...chatCompletionResponse('{"answer":"late","citations":[]}'),
      delayMs: 1_000,
    });
    const started = Date.now();
    expect(await codeOf(model(150).complete(messages, { schema }))).toBe("llm_timeout");
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("reports an unreachable endpoint as llm_unavailable", async () => {
    const closed = await startOpenAiCompatibleServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const unreachable = createOpenAiChatModel({
      baseUrl,
      model: "test-model",
      timeoutMs: 1_000,
      maxRetries: 0,
      logger: createSilentLogger(),
    });
    expect(await codeOf(unreachable.complete(messages, { schema }))).toBe("llm_unavailable");
  });
});
