export { createHttpServer, SLACK_EVENTS_PATH } from "./create-http-server.ts";
export type {
  CorpusStatus,
  HttpServer,
  HttpServerOptions,
  Readiness,
  SlackRequestListener,
} from "./types.ts";
