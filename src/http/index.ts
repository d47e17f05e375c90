export { createHttpServer, SLACK_EVENTS_PATH } from "./create-http-server.ts";
export {
  createPageAccess,
  createPageLinks,
  type PageAccess,
  type PageLink,
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
