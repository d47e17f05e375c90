export { createHttpServer, SLACK_EVENTS_PATH } from "./create-http-server.ts";
export {
  createPageAccess,
  type PageAccess,
  signAnswerLinks,
  signSummaryLinks,
} from "./page-access.ts";
export type {
  AnsweringStatus,
  CorpusStatus,
  HttpServer,
  HttpServerOptions,
  Readiness,
  RegisteredRoute,
  SlackRequestListener,
} from "./types.ts";
