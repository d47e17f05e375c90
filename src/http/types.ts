import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnswerQuestion, Retriever, SummariseMeeting } from "../answer/types.ts";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import type { Logger } from "../shared/logger.ts";
import type { CorpusStatus as LiveCorpusStatus } from "../watch/live-corpus.ts";
import type { PageAccess } from "./page-access.ts";
import type { AccessToken } from "./request-viewer.ts";

/** What /readyz reports: whether answers can be given, and which parts of the pipeline are on. */
export interface Readiness {
  indexLoaded: boolean;
  lexical: boolean;
  dense: boolean;
  /** Why the dense leg is off, when it is. */
  denseReason?: string;
  llm: boolean;
  slack: "off" | "socket" | "http";
}

/** What /healthz says about the corpus being served, when the server is told (the application does). */
export type CorpusStatus = LiveCorpusStatus & {
  /** Whether the minutes folder is watched for changes (MINUTES_WATCH). */
  watching: boolean;
};

/** What /healthz says about where answers are computed and how busy that is. */
export type AnsweringStatus =
  | { mode: "main-thread" }
  | {
      mode: "workers";
      /** Worker threads with a corpus loaded, and those still starting. */
      workers: number;
      starting: number;
      /** Questions being answered, and those waiting for a worker. */
      busy: number;
      queued: number;
      queueLimit: number;
      concurrencyPerWorker: number;
      /** Questions refused with 503 since start. */
      rejected: number;
      /** Workers replaced after they stopped unasked. */
      restarts: number;
    };

/** A plain Node request listener (Bolt's HTTP receiver) handed the raw, unparsed request. */
export type SlackRequestListener = (
  request: IncomingMessage,
  response: ServerResponse,
) => void | Promise<void>;

export interface HttpServerOptions {
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  retriever: Retriever;
  catalog: MeetingCatalog;
  readiness: () => Readiness;
  /** The corpus generation and last ingest, reported on /healthz. */
  corpusStatus?: (() => CorpusStatus) | undefined;
  /** Where answers are computed (worker threads or the main thread), reported on /healthz. */
  answeringStatus?: (() => AnsweringStatus) | undefined;
  /**
   * The minutes folder: `GET /meetings/:id/original` streams a meeting's file from it. Without
   * it, that route answers 404.
   */
  minutesDirectory?: string | undefined;
  /**
   * Tokens /api accepts, each with the internal audiences it may see. With any, every /api
   * request needs `Authorization: Bearer <one of them>`; with none, /api sees public minutes only.
   */
  accessTokens?: readonly AccessToken[] | undefined;
  /** Signs and checks links to internal meetings' pages; without it, a key of this server's own. */
  pageAccess?: PageAccess | undefined;
  /** Questions a client may ask a minute (POST /api/ask). */
  askRateLimitPerMinute: number;
  /** Requests a client may make a minute to each other expensive route (search, summary). */
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Base of absolute links in API responses, e.g. `http://localhost:3000`. */
  publicBaseUrl: string;
  /** Receives `/slack/events` before anything parses the body (Slack signs the raw bytes). */
  slackRequestListener?: SlackRequestListener | null | undefined;
  logger: Logger;
}

/** A route the server answers, as registered (`url` with its `:params`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface HttpServer {
  /** Every route registered, HEAD twins of GET routes included. */
  routes(): RegisteredRoute[];
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}
