import { createServer, type IncomingMessage, maxHeaderSize, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { API_PREFIX, registerApiScope } from "./api-scope.ts";
import { errorBody, toErrorResponse } from "./error-responses.ts";
import { registerHealthRoutes } from "./health-routes.ts";
import { renderNotFoundPage } from "./not-found-page.ts";
import { createPageAccess, createPageLinks } from "./page-access.ts";
import { registerPageRoutes, sendPage } from "./page-routes.ts";
import { pathOf } from "./request-path.ts";
import { MAX_REFERENCE_LENGTH } from "./request-schemas.ts";
import { createRequestViewer, pageViewerOf } from "./request-viewer.ts";
import type {
  HttpServer,
  HttpServerOptions,
  RegisteredRoute,
  SlackRequestListener,
} from "./types.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

/** Requests that are logged at debug only: probes and static assets would drown the rest. */
const QUIET_ROUTES = new Set(["/healthz", "/readyz", "/assets/style.css"]);

/**
 * The HTTP service: JSON API under /api, source pages, health probes, and Slack's
 * /slack/events handed raw to Bolt's request listener before Fastify parses anything.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const logger = options.logger.child({ component: "http" });
  const slackListener = options.slackRequestListener ?? null;

  const app = Fastify({
    loggerInstance: logger,
    // Fastify's own request lines carry the raw URL (with ?q=…); ours log the route instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes,
    clientErrorHandler: (error, socket) => writeClientError(error, socket),
    routerOptions: {
      // Path parameters are checked against MAX_REFERENCE_LENGTH characters by the routes, so
      // the router must pass on any that could be within it: percent-encoded, one UTF-16 unit
      // takes up to 9 characters (%E2%82%AC). The router's default, 100, would refuse a long
      // Danish reference before the route could say why.
      maxParamLength: MAX_REFERENCE_LENGTH * 9,
    },
    // Fastify's default answers to URLs it cannot route bypass the error handler.
    frameworkErrors: (error, _request, reply: FastifyReply) =>
      reply.code(400).send(errorBody("bad_request", describeUnroutableUrl(error.code))),
    serverFactory: (fastifyHandler) =>
      createServer((request, response) => {
        if (
          slackListener &&
          request.method === "POST" &&
          pathOf(request.url) === SLACK_EVENTS_PATH
        ) {
          handOverToSlack(slackListener, request, response, logger);
          return;
        }
        fastifyHandler(request, response);
      }),
  });

  const registeredRoutes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) registeredRoutes.push({ method, url: route.url });
  });

  // Only JSON bodies are accepted; without this, text/plain would be parsed as a string.
  app.removeContentTypeParser(["text/plain"]);

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "(no route)";
    const entry = {
      method: request.method,
      route,
      status: reply.statusCode,
      elapsedMs: Math.round(reply.elapsedTime),
    };
    if (QUIET_ROUTES.has(route)) request.log.debug(entry, "request");
    else request.log.info(entry, "request");
  });

  const accessTokens = options.accessTokens ?? [];
  const requestViewer = createRequestViewer(accessTokens);
  const pageAccess = options.pageAccess ?? createPageAccess({ ttlMs: DEFAULT_PAGE_LINK_TTL_MS });

  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error);
    const logEntry = {
      code: response.code,
      status: response.status,
      route: request.routeOptions.url,
    };
    // Refusing work when every answer worker is busy is back-pressure working, not a failure.
    if (response.status >= 500 && response.code !== "overloaded")
      request.log.error({ ...logEntry, error: describeError(error) }, "request failed");
    else request.log.info(logEntry, "request rejected");
    return reply
      .code(response.status)
      .headers(response.headers)
      .send(errorBody(response.code, response.message));
  });

  app.setNotFoundHandler((request, reply) => sendNotFound(request, reply));

  app.register(rateLimit, { global: false });
  app.register(async (scope) => {
    registerHealthRoutes(scope, {
      readiness: options.readiness,
      corpusStatus: options.corpusStatus,
      answeringStatus: options.answeringStatus,
      tokenRequired: accessTokens.length > 0,
    });
    registerApiScope(scope, {
      tokenRequired: accessTokens.length > 0,
      requestViewer,
      pageLink: createPageLinks(pageAccess, (id) => options.catalog.get(id)?.visibility),
      answerQuestion: options.answerQuestion,
      summariseMeeting: options.summariseMeeting,
      retriever: options.retriever,
      catalog: options.catalog,
      askRateLimitPerMinute: options.askRateLimitPerMinute,
      rateLimitPerMinute: options.rateLimitPerMinute,
      publicBaseUrl: options.publicBaseUrl.replace(/\/+$/, ""),
      isIndexLoaded: () => options.readiness().indexLoaded,
    });
    registerPageRoutes(scope, {
      catalog: options.catalog,
      tokenRequired: accessTokens.length > 0,
      pageAccess,
      viewerOf: (request) => pageViewerOf(requestViewer, request.headers.authorization),
      minutesDirectory: options.minutesDirectory,
    });
    if (!slackListener) {
      scope.all(SLACK_EVENTS_PATH, async (_request, reply) =>
        reply
          .code(404)
          .send(
            errorBody(
              "slack_disabled",
              "Slack is not enabled on this server (set SLACK_MODE=http)",
            ),
          ),
      );
    }
  });

  return {
    routes: () => registeredRoutes.map((route) => ({ ...route })),
    async listen(port, host) {
      await app.listen({ port, host });
      const address = app.server.address() as AddressInfo;
      const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      logger.info(
        { host: address.address, port: address.port, slack: slackListener !== null },
        "http listening",
      );
      return { url: `http://${urlHost}:${address.port}`, port: address.port };
    },
    async close() {
      await app.close();
    },
  };
}

function describeUnroutableUrl(code: string): string {
  if (code === "FST_ERR_MAX_PARAM_LENGTH") {
    return `A part of the URL path is too long (meeting ids and references: at most ${MAX_REFERENCE_LENGTH} characters)`;
  }
  return "The URL is not validly percent-encoded";
}

/** Requests Node cannot even parse (e.g. raw non-ASCII bytes in the URL) get our error shape too. */
function writeClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) return;
  const [status, body] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [
          "431 Request Header Fields Too Large",
          errorBody(
            "request_too_large",
            `The URL and headers are longer than the server reads (${Math.floor(maxHeaderSize / 1024)} KB); send long questions in the body of POST /api/ask`,
          ),
        ]
      : [
          "400 Bad Request",
          errorBody(
            "bad_request",
            "Malformed HTTP request (percent-encode non-ASCII characters in URLs)",
          ),
        ];
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOf(request.url);
  const wantsPage =
    !path.startsWith(`${API_PREFIX}/`) && (request.headers.accept ?? "").includes("text/html");
  if (wantsPage) return sendPage(reply, 404, renderNotFoundPage(`Siden ${path} findes ikke.`));
  return reply.code(404).send(errorBody("not_found", `No route ${request.method} ${path}`));
}

function handOverToSlack(
  listener: SlackRequestListener,
  request: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
): void {
  const fail = (error: unknown) => {
    logger.error({ error: describeError(error) }, "slack request listener failed");
    if (!response.headersSent) {
      response.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      response.end(
        JSON.stringify(errorBody("internal_error", "Slack request could not be handled")),
      );
    } else if (!response.writableEnded) {
      response.end();
    }
  };
  try {
    Promise.resolve(listener(request, response)).catch(fail);
  } catch (error) {
    fail(error);
  }
}

/** Signed links open for a week unless the application says otherwise (PAGE_LINK_TTL_HOURS). */
const DEFAULT_PAGE_LINK_TTL_MS = 7 * 24 * 3_600_000;
