import type { FastifyInstance, FastifyRequest } from "fastify";
import { PUBLIC_VIEWER, type Viewer } from "../minutes/visibility.ts";
import { type ApiRouteOptions, registerApiRoutes } from "./api-routes.ts";
import { errorBody } from "./error-responses.ts";
import { pathOf } from "./request-path.ts";

export const API_PREFIX = "/api";

export interface ApiScopeOptions extends Omit<ApiRouteOptions, "tokenRequired" | "viewerOf"> {
  /** Whether every request the scope answers needs `Authorization: Bearer <token>`. */
  tokenRequired: boolean;
  /** Who presents this Authorization header; throws 401 when a token is required and not valid. */
  requestViewer: (authorization: string | undefined) => Viewer;
}

/**
 * The JSON API as its own Fastify scope under /api. The token check is a hook of the scope, so
 * it runs on whatever the router matched (after percent-decoding, absolute-form targets and any
 * other spelling of the URL) rather than on the raw URL, and it covers the scope's not-found
 * answers: nothing under /api, routed or not, says anything without the token.
 */
export function registerApiScope(app: FastifyInstance, options: ApiScopeOptions): void {
  const { tokenRequired, requestViewer, ...routeOptions } = options;
  // Who is asking is worked out once per request, by the hook, before any route runs.
  const viewers = new WeakMap<FastifyRequest, Viewer>();
  app.register(
    async (api) => {
      api.addHook("onRequest", async (request) => {
        viewers.set(request, requestViewer(request.headers.authorization));
      });
      api.setNotFoundHandler((request, reply) =>
        reply
          .code(404)
          .send(errorBody("not_found", `No route ${request.method} ${pathOf(request.url)}`)),
      );
      registerApiRoutes(api, {
        ...routeOptions,
        tokenRequired,
        viewerOf: (request) => viewers.get(request) ?? PUBLIC_VIEWER,
      });
    },
    { prefix: API_PREFIX },
  );
}
