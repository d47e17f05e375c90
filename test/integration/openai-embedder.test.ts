import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEmbedder } from "../../src/index/embedders/index.ts";
import { createOpenAiEmbedder } from "../../src/index/embedders/openai-embedder.ts";
import { isAppError } from "../../src/shared/errors.ts";
import { createSilentLogger } from "../../src/shared/logger.ts";
import {
  embeddingsResponse,
  errorResponse,
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from "../fakes/openai-compatible-server.ts";

const logger = createSilentLogger();
let server: OpenAiCompatibleServer;

beforeEach(async () => {
  server = await startOpenAiCompatibleServer();
});
afterEach(async () => {
  await server.close();
});

const options = () => ({
  model: "nomic-embed-text",
  baseUrl: server.baseUrl,
  apiKey: "sk-test-key",
  timeoutMs: 1_000,
  maxRetries: 0,
  logger,
});

describe("openai-compatible embedder", () => {
  it("probes the endpoint for the dimensions, then embeds queries and passages in order", async () => {
    server.enqueue(embeddingsResponse([[3, 4, 0]]));
    const embedder = await createOpenAiEmbedder({ ...options(), batchSize: 2 });
    expect(embedder.modelId).toBe("openai:nomic-embed-text");
    expect(embedder.dimensions).toBe(3);

    server.enqueue(embeddingsResponse([[0, 2, 0]]));
    expect(Array.from(await embedder.embedQuery("Hvad blev besluttet?"))).toEqual([0, 1, 0]);

    // The server answers out of order; the embedder restores input order by index.
    const outOfOrder = embeddingsResponse([
      [1, 0, 0],
      [0, 0, 5],
    ]);
    const body = outOfOrder.body as { data: { index: number }[] };
    body.data.reverse();
    server.enqueue(outOfOrder, embeddingsResponse([[0, 3, 4]]));
    const vectors = await embedder.embedPassages(["første", "anden", "tredje"]);
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 0.6000000238418579, 0.800000011920929],
    ]);

    const requests = server.requests.map((request) => request.body as Record<string, unknown>);
    expect(server.requests.every((request) => request.path === "/v1/embeddings")).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test-key");
    expect(requests[1]).toMatchObject({
      model: "nomic-embed-text",
      input: ["Hvad blev besluttet?"],
      encoding_format: "float",
    });
    expect(requests[2]?.input).toEqual(["første", "anden"]);
    expect(requests[3]?.input).toEqual(["tredje"]);
  });

  it("applies configured query and passage prefixes", async () => {
    server.enqueue(
      embeddingsResponse([[1, 0]]),
      embeddingsResponse([[1, 0]]),
      embeddingsResponse([[0, 1]]),
    );
    const embedder = await createOpenAiEmbedder({
      ...options(),
      queryPrefix: "query: ",
      passagePrefix: "passage: ",
    });
    await embedder.embedQuery("ledighed");
    await embedder.embedPassages(["Beslutning"]);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input)).toEqual([
      ["passage: probe"],
      ["query: ledighed"],
      ["passage: Beslutning"],
    ]);
  });

  it("tells a server that adds prefixes itself which side each text is on, and keys the model id by it", async () => {
    server.enqueue(
      embeddingsResponse([[1, 0]]),
      embeddingsResponse([[1, 0]]),
      embeddingsResponse([[0, 1]]),
    );
    const embedder = await createOpenAiEmbedder({ ...options(), sendInputType: true });
    await embedder.embedQuery("ledighed");
    await embedder.embedPassages(["Beslutning"]);
    expect(
      server.requests.map((request) => {
        const body = request.body as { input: string[]; input_type?: string };
        return [body.input_type, body.input];
      }),
    ).toEqual([
      ["passage", ["probe"]],
      ["query", ["ledighed"]],
      ["passage", ["Beslutning"]],
    ]);
    // Vectors embedded one way must not be taken from the cache for the other.
    expect(embedder.modelId).toBe("openai:nomic-embed-text (input_type)");
  });

  it("sends no input_type unless asked (OpenAI itself rejects unknown fields)", async () => {
    server.enqueue(embeddingsResponse([[1, 0]]));
    await createOpenAiEmbedder(options());
    expect(server.requests[0]?.body).not.toHaveProperty("input_type");
  });

  it("turns malformed answers into embedder_failed", async () => {
    server.enqueue(embeddingsResponse([[1, 0, 0]]));
    const embedder = await createOpenAiEmbedder(options());

    server.enqueue(embeddingsResponse([[1, 0]]));
    await expect(embedder.embedQuery("x")).rejects.toThrowError(/2 dimensions, expected 3/);
    server.enqueue(embeddingsResponse([[1, 0, 0]]));
    await expect(embedder.embedPassages(["a", "b"])).rejects.toThrowError(/1 vectors for 2 texts/);
    server.enqueue({ body: { data: "nope" } });
    await expect(embedder.embedQuery("x")).rejects.toSatisfy((error) =>
      isAppError(error, "embedder_failed"),
    );
    server.enqueue({ rawBody: "<html>gateway</html>" });
    await expect(embedder.embedQuery("x")).rejects.toSatisfy((error) =>
      isAppError(error, "embedder_failed"),
    );
    server.enqueue(errorResponse(500, "model crashed"));
    await expect(embedder.embedQuery("x")).rejects.toThrowError(/model crashed/);
  });

  it("times out instead of hanging on a slow endpoint", async () => {
    server.enqueue(embeddingsResponse([[1, 0]]));
    const embedder = await createOpenAiEmbedder({ ...options(), timeoutMs: 200 });
    server.enqueue({ ...embeddingsResponse([[1, 0]]), delayMs: 2_000 });
    const started = performance.now();
    await expect(embedder.embedQuery("x")).rejects.toSatisfy((error) =>
      isAppError(error, "embedder_failed"),
    );
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("uses an injected fetch", async () => {
    const seen: string[] = [];
    const countingFetch: typeof fetch = async (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    server.enqueue(embeddingsResponse([[1, 1]]));
    const embedder = await createOpenAiEmbedder({ ...options(), fetch: countingFetch });
    expect(embedder.dimensions).toBe(2);
    expect(seen).toEqual([`${server.baseUrl}/embeddings`]);
  });
});

describe("createEmbedder with provider openai", () => {
  it("returns the embedder when the endpoint answers", async () => {
    server.enqueue(embeddingsResponse([[0.5, 0.5, 0.5, 0.5]]));
    const result = await createEmbedder({ provider: "openai", ...options() });
    expect(result.embedder?.dimensions).toBe(4);
  });

  it("returns a reason naming model and host, without the key, when the endpoint refuses", async () => {
    server.enqueue(errorResponse(401, "invalid api key"));
    const result = await createEmbedder({ provider: "openai", ...options() });
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toContain("nomic-embed-text");
    expect(result.reason).toContain(new URL(server.baseUrl).host);
    expect(result.reason).toContain("invalid api key");
    expect(result.reason).not.toContain("sk-test-key");
  });

  it("returns a reason when nothing listens at the base URL", async () => {
    const url = server.baseUrl;
    await server.close();
    server = await startOpenAiCompatibleServer();
    const result = await createEmbedder({ provider: "openai", ...options(), baseUrl: url });
    expect(result.embedder).toBeNull();
    if (result.embedder) return;
    expect(result.reason).toMatch(/unavailable/);
  });

  it("probes once with a short time-out, so start-up is not held up by a dead endpoint", async () => {
    server.enqueue({ ...embeddingsResponse([[1, 0]]), delayMs: 3_000 });
    const started = performance.now();
    const result = await createEmbedder({
      provider: "openai",
      ...options(),
      timeoutMs: 30_000,
      maxRetries: 3,
      probeTimeoutMs: 300,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.embedder).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it("returns the reason for provider none", async () => {
    const result = await createEmbedder({ provider: "none", logger });
    expect(result).toEqual({ embedder: null, reason: "embeddings are turned off (provider none)" });
  });
});
