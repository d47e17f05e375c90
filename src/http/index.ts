export { createHttpServer, SLACK_EVENTS_PATH } from "./create-http-server.ts";
export type {
  AnsweringStatus,
  CorpusStatus,
  HttpServer,
  HttpServerOptions,
  Readiness,
  RegisteredRoute,
  SlackRequestListener,
} from "./types.ts";
