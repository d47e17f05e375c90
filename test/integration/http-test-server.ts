import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnsweringPipeline, createAnsweringPipeline } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import {
  createHttpServer,
  type HttpServerOptions,
  type Readiness,
  type RegisteredRoute,
} from "../../src/http/index.ts";
import { createMeetingCatalog } from "../../src/minutes/catalog.ts";
import { ingestDirectory, type Meeting } from "../../src/minutes/index.ts";
import { createLogger } from "../../src/shared/logger.ts";
import {
  createFakeAnswerFunctions,
  type FakeAnswerFunctions,
} from "../fakes/keyword-answer-functions.ts";
import { collectInto } from "../support/log-lines.ts";

/** Starts the real HTTP server on 127.0.0.1:0 over the bundled minutes, for the http-* tests. */

let bundled: Promise<Meeting[]> | undefined;

export function bundledMeetings(): Promise<Meeting[]> {
  bundled ??= ingestDirectory("data/minutes").then(({ meetings, failures }) => {
    if (failures.length > 0) throw new Error(`bundled minutes failed: ${JSON.stringify(failures)}`);
    return meetings;
  });
  return bundled;
}

export interface TestServer {
  url: string;
  fakes: FakeAnswerFunctions;
  meetings: Meeting[];
  /** Every route the server registered. */
  routes: RegisteredRoute[];
  /** Every log line the server wrote, parsed. */
  logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

export const READY: Readiness = {
  indexLoaded: true,
  lexical: true,
  dense: false,
  denseReason: "no embedding model",
  llm: false,
  slack: "off",
};

export async function startTestServer(
  overrides: Partial<HttpServerOptions> & {
    meetings?: Meeting[];
    logLevel?: string;
    /** One token that opens /api and sees public minutes only (HTTP_API_TOKEN). */
    apiToken?: string;
  } = {},
): Promise<TestServer> {
  const meetings = overrides.meetings ?? (await bundledMeetings());
  let url = "";
  const fakes = createFakeAnswerFunctions({ meetings, publicBaseUrl: () => url });
  const logLines: Record<string, unknown>[] = [];
  const destination = collectInto(logLines);
  const { meetings: _meetings, logLevel, apiToken, ...serverOverrides } = overrides;
  const server = createHttpServer({
    answerQuestion: fakes.answerQuestion,
    summariseMeeting: fakes.summariseMeeting,
    retriever: fakes.retriever,
    catalog: createMeetingCatalog(meetings),
    readiness: () => READY,
    askRateLimitPerMinute: 1000,
    rateLimitPerMinute: 1000,
    bodyLimitBytes: 32_768,
    publicBaseUrl: "http://localhost:3000",
    logger: createLogger({ level: logLevel ?? "info", destination }),
    ...(apiToken === undefined ? {} : { accessTokens: [{ token: apiToken, audiences: [] }] }),
    ...serverOverrides,
  });
  const listening = await server.listen(0, "127.0.0.1");
  url = listening.url;
  return {
    url,
    fakes,
    meetings,
    routes: server.routes(),
    logLines,
    close: () => server.close(),
  };
}

export async function getJson(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  return {
    status: response.status,
    headers: response.headers,
    // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON responses
    body: (await response.json()) as any,
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

export interface RealPipelineServer {
  url: string;
  logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The server with the real answering pipeline (lexical retrieval over the bundled minutes, no
 * embeddings, no LLM), composed exactly as app.ts does. The pipeline is built after the server
 * listens, so citation links carry the server's real address; until then /readyz says 503.
 */
export async function startRealPipelineServer(): Promise<RealPipelineServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "referat-http-"));
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: "info", destination: collectInto(logLines) });
  let pipeline: AnsweringPipeline | undefined;
  const loaded = () => {
    if (!pipeline) throw new Error("pipeline not built yet");
    return pipeline;
  };
  const server = createHttpServer({
    answerQuestion: (question, options) => loaded().answerQuestion(question, options),
    summariseMeeting: (reference, options) => loaded().summariseMeeting(reference, options),
    retriever: {
      retrieve: (query, options) => loaded().loaded.retriever.retrieve(query, options),
      status: () => loaded().loaded.retriever.status(),
    },
    catalog: {
      list: (filter) => loaded().catalog.list(filter),
      get: (id) => loaded().catalog.get(id),
      resolve: (reference) => loaded().catalog.resolve(reference),
      visibleTo: (viewer) => loaded().catalog.visibleTo(viewer),
    },
    readiness: () => {
      const status = pipeline?.loaded.retriever.status();
      return {
        indexLoaded: pipeline !== undefined,
        lexical: status?.lexical ?? false,
        dense: status?.dense ?? false,
        ...(status?.denseReason ? { denseReason: status.denseReason } : {}),
        llm: pipeline?.llmEnabled ?? false,
        slack: "off",
      };
    },
    askRateLimitPerMinute: 1000,
    rateLimitPerMinute: 1000,
    bodyLimitBytes: 32_768,
    publicBaseUrl: "http://placeholder.invalid",
    logger,
  });
  const { url } = await server.listen(0, "127.0.0.1");
  const config = loadConfig({
    DATA_DIR: dataDir,
    EMBEDDINGS_PROVIDER: "none",
    PUBLIC_BASE_URL: url,
  });
  pipeline = await createAnsweringPipeline(config, logger);
  return {
    url,
    logLines,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
