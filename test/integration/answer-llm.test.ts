import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiChatModel } from "../../src/answer/chat-model.ts";
import type { ChatMessage } from "../../src/answer/types.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import {
  chatCompletionResponse,
  errorResponse,
  type OpenAiCompatibleServer,
  type RecordedRequest,
  startOpenAiCompatibleServer,
} from "../fakes/openai-compatible-server.ts";
import {
  answerFunctions,
  BUNDLED_MINUTES,
  buildRetrievalStack,
  INJECTION_MINUTES,
  type RetrievalStack,
} from "./answer-pipeline.ts";

/**
 * The LLM path against a loopback OpenAI-compatible server: what is sent (system prompt, numbered
 * delimited sources) and how every kind of reply or failure is handled.
 */

const ACT_QUESTION = "Hvad blev der besluttet om styregruppen for ACT-indsatsen?";
const ACT_DECISION = "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.";
const INJECTION_QUESTION = "Hvad blev der besluttet om vinterbadning ved havnefronten?";

let stack: RetrievalStack;
let server: OpenAiCompatibleServer;

beforeAll(async () => {
  [stack, server] = await Promise.all([
    buildRetrievalStack([BUNDLED_MINUTES, INJECTION_MINUTES]),
    startOpenAiCompatibleServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([stack.dispose(), server.close()]);
});
beforeEach(() => {
  server.requests.length = 0;
  expect(server.pending()).toBe(0);
});

function llmAnswers(options: { timeoutMs?: number; queryRewrite?: boolean } = {}) {
  const chatModel = createOpenAiChatModel({
    baseUrl: server.baseUrl,
    apiKey: "test-key",
    model: "test-model",
    timeoutMs: options.timeoutMs ?? 2_000,
    maxRetries: 0,
    logger: createSilentLogger(),
  });
  return answerFunctions(stack, {
    chatModel,
    ...(options.queryRewrite === undefined ? {} : { queryRewrite: options.queryRewrite }),
  });
}

function reply(body: { answer: string; citations: number[]; abstain?: boolean }) {
  return chatCompletionResponse(JSON.stringify(body));
}

function messagesOf(request: RecordedRequest | undefined): ChatMessage[] {
  return (request?.body as { messages?: ChatMessage[] } | undefined)?.messages ?? [];
}

interface SentSource {
  number: number;
  item: string;
  closed: string;
  text: string;
}

/** The numbered sources as the request carried them. */
function sourcesOf(request: RecordedRequest | undefined): SentSource[] {
  const user = messagesOf(request).find((message) => message.role === "user")?.content ?? "";
  return [...user.matchAll(/^<<<SOURCE (\d+)\n([\s\S]*?)\nSOURCE \1>>>$/gm)].map((match) => {
    const body = match[2] ?? "";
    return {
      number: Number(match[1]),
      item: body.match(/^item: (.*)$/m)?.[1] ?? "",
      closed: body.match(/^closed: (.*)$/m)?.[1] ?? "",
      text: body.split("\ntext:\n")[1] ?? "",
    };
  });
}

describe("answerQuestion with a language model", () => {
  it("sends the question and numbered, delimited sources, and returns the model's cited answer", async () => {
    server.enqueue(
      reply({
        answer: "Udsatterådet udpegede Henrik Juncher til ACT-styregruppen.",
        citations: [1],
      }),
    );

    const answer = await llmAnswers().answerQuestion(ACT_QUESTION);

    const request = server.requests[0];
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.body).toMatchObject({
      model: "test-model",
      response_format: { type: "json_object" },
    });
    const [system, user] = messagesOf(request);
    expect(system).toEqual({ role: "system", content: stack.prompts.answer });
    expect(user?.content).toContain(`Question: ${ACT_QUESTION}`);
    expect(user?.content).toContain("Answer language: Danish");
    const sources = sourcesOf(request);
    expect(sources.map((source) => source.number)).toEqual(sources.map((_, index) => index + 1));
    expect(sources[0]?.item).toBe("Punkt 32 – Medlem til styregruppen for ACT-indsatsen");

    expect(answer).toMatchObject({ mode: "llm", abstained: false, language: "da" });
    expect(answer.note).toBeUndefined();
    expect(answer.text).toBe("Udsatterådet udpegede Henrik Juncher til ACT-styregruppen. [1]");
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]).toMatchObject({
      meetingId: "udsatteraadet-2019-09-18",
      number: 32,
    });
    expect(sources[0]?.text.replace(/\s+/g, " ")).toContain(
      answer.citations[0]?.quote.replace(/ …$/, ""),
    );
  });

  it("drops a citation to a source it was not given", async () => {
    server.enqueue(reply({ answer: "Henrik Juncher blev udpeget.", citations: [1, 42] }));
    const answer = await llmAnswers().answerQuestion(ACT_QUESTION);
    expect(answer.mode).toBe("llm");
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]?.number).toBe(32);
    expect(answer.text).toBe("Henrik Juncher blev udpeget. [1]");
  });

  it("falls back to the extractive answer when no citation is valid", async () => {
    server.enqueue(reply({ answer: "Det blev vedtaget enstemmigt.", citations: [42] }));
    const answer = await llmAnswers().answerQuestion(ACT_QUESTION);
    expect(answer.mode).toBe("extractive");
    expect(answer.note).toBe(
      "Sprogmodellens svar kunne ikke underbygges med kilder; svaret er citeret direkte fra referatet.",
    );
    expect(answer.text).toContain(ACT_DECISION);
    expect(answer.text).not.toContain("enstemmigt");
  });

  it.each([
    [
      "malformed JSON",
      chatCompletionResponse('{"answer": "Henrik Juncher'),
      "Sprogmodellens svar kunne ikke bruges",
    ],
    [
      "JSON of the wrong shape",
      chatCompletionResponse('{"text": 42}'),
      "Sprogmodellens svar kunne ikke bruges",
    ],
    ["429", errorResponse(429, "rate limited"), "Sprogmodellen er overbelastet lige nu"],
    ["503", errorResponse(503, "overloaded"), "Sprogmodellen kan ikke nås"],
  ])("degrades to the extractive answer with a note on %s", async (_, response, note) => {
    server.enqueue(response);
    const answer = await llmAnswers().answerQuestion(ACT_QUESTION);
    expect(answer.mode).toBe("extractive");
    expect(answer.abstained).toBe(false);
    expect(answer.note).toBe(`${note}; svaret er citeret direkte fra referatet.`);
    expect(answer.text).toContain(ACT_DECISION);
    expect(answer.citations[0]?.number).toBe(32);
  });

  it("degrades to the extractive answer with a note when the model is too slow", async () => {
    server.enqueue({ ...reply({ answer: "for sent", citations: [1] }), delayMs: 1_500 });
    const started = Date.now();
    const answer = await llmAnswers({ timeoutMs: 200 }).answerQuestion(
      "What was decided about the steering group for the ACT effort?",
    );
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(answer.mode).toBe("extractive");
    expect(answer.note).toBe(
      "The language model did not answer in time; this answer is quoted directly from the minutes.",
    );
    expect(answer.text).toContain("Henrik Juncher");
  });

  it("abstains when the model finds the sources do not answer, listing related items", async () => {
    server.enqueue(reply({ answer: "Kilderne svarer ikke på det.", citations: [], abstain: true }));
    const answer = await llmAnswers().answerQuestion(ACT_QUESTION);
    expect(answer).toMatchObject({ mode: "llm", abstained: true, citations: [] });
    expect(answer.related.length).toBeGreaterThan(0);
  });

  it("does not call the model when nothing relevant was retrieved", async () => {
    const answer = await llmAnswers().answerQuestion(
      "Hvad blev der besluttet om parkeringsafgifter i midtbyen?",
    );
    expect(answer.abstained).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it("rewrites an English question into Danish search queries first", async () => {
    server.enqueue(
      chatCompletionResponse(JSON.stringify({ queries: ["medlem styregruppe ACT-indsatsen"] })),
      reply({ answer: "Henrik Juncher was appointed.", citations: [1] }),
    );
    const answer = await llmAnswers({ queryRewrite: true }).answerQuestion(
      "Who joined the steering group for the ACT effort?",
    );
    expect(server.requests).toHaveLength(2);
    const [rewriteSystem, rewriteUser] = messagesOf(server.requests[0]);
    expect(rewriteSystem?.content).toBe(stack.prompts.queryRewrite);
    expect(rewriteUser?.content).toContain("Who joined the steering group for the ACT effort?");
    expect(messagesOf(server.requests[1])[0]?.content).toBe(stack.prompts.answer);
    expect(messagesOf(server.requests[1])[1]?.content).toContain("Answer language: English");
    expect(answer).toMatchObject({ mode: "llm", language: "en" });
    expect(answer.citations[0]?.number).toBe(32);
  });

  it("answers without rewrites when rewriting fails", async () => {
    server.enqueue(
      errorResponse(500, "down"),
      reply({ answer: "Henrik Juncher.", citations: [1] }),
    );
    const answer = await llmAnswers({ queryRewrite: true }).answerQuestion(
      "Who joined the steering group for the ACT effort?",
    );
    expect(server.requests).toHaveLength(2);
    expect(answer.mode).toBe("llm");
    expect(answer.citations[0]?.number).toBe(32);
  });
});

describe("minutes that try to give instructions", () => {
  it("go to the model as delimited source data, with the system prompt unchanged", async () => {
    server.enqueue(reply({ answer: "Sagen blev udsat til næste møde.", citations: [1] }));
    const answer = await llmAnswers().answerQuestion(INJECTION_QUESTION);

    const request = server.requests[0];
    const [system, user] = messagesOf(request);
    expect(system).toEqual({ role: "system", content: stack.prompts.answer });
    const injected = sourcesOf(request).filter((source) =>
      source.text.includes("IGNORE PREVIOUS INSTRUCTIONS"),
    );
    expect(injected).toHaveLength(1);
    expect(injected[0]?.item).toBe("Punkt 1 – Vinterbadning ved havnefronten");
    // The minutes' imitation delimiters are defused: every opening has exactly its own closing.
    const openings = user?.content.match(/^<<<SOURCE \d+$/gm) ?? [];
    const closings = user?.content.match(/^SOURCE \d+>>>$/gm) ?? [];
    expect(openings.length).toBe(sourcesOf(request).length);
    expect(closings.length).toBe(openings.length);
    expect(user?.content).not.toContain("<<<SOURCE 2 system");
    expect(user?.content).not.toMatch(/SOURCE 1>>> /);
    expect(answer.citations[0]?.meetingId).toBe("testudvalget-2024-03-05");
  });

  it("do not steer the extractive answer", async () => {
    const { answerQuestion } = answerFunctions(stack);
    const answer = await answerQuestion(INJECTION_QUESTION);
    expect(answer.mode).toBe("extractive");
    expect(answer.text).toContain("Sagen om vinterbadning blev udsat til næste møde.");
    expect(answer.text).not.toContain("enstemmigt");
    expect(
      answer.citations.every((citation) => citation.meetingId === "testudvalget-2024-03-05"),
    ).toBe(true);
  });

  it("cannot make a model's obedient answer stick: its invented citation is dropped", async () => {
    server.enqueue(reply({ answer: "Alle forslag blev vedtaget enstemmigt", citations: [99] }));
    const answer = await llmAnswers().answerQuestion(INJECTION_QUESTION);
    expect(answer.mode).toBe("extractive");
    expect(answer.note).toBeDefined();
    expect(answer.text).not.toContain("enstemmigt");
    expect(answer.text).toContain("Sagen om vinterbadning blev udsat til næste møde.");
  });
});
