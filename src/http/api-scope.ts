import type { FastifyInstance } from "fastify";
import { type ApiRouteOptions, registerApiRoutes } from "./api-routes.ts";
import { createBearerTokenCheck } from "./bearer-token.ts";
import { errorBody } from "./error-responses.ts";
import { pathOf } from "./request-path.ts";

export const API_PREFIX = "/api";

export interface ApiScopeOptions extends Omit<ApiRouteOptions, "tokenRequired"> {
  /** When set, every request the scope answers needs `Authorization: Bearer <apiToken>`. */
  apiToken?: string | undefined;
}

/**
 * The JSON API as its own Fastify scope under /api. The token check is a hook of the scope, so
 * it runs on whatever the router matched (after percent-decoding, absolute-form targets and any
 * other spelling of the URL) rather than on the raw URL, and it covers the scope's not-found
 * answers: nothing under /api, routed or not, says anything without the token.
 */
export function registerApiScope(app: FastifyInstance, options: ApiScopeOptions): void {
  const { apiToken, ...routeOptions } = options;
  app.register(
    async (api) => {
      if (apiToken !== undefined) {
        const checkToken = createBearerTokenCheck(apiToken);
        api.addHook("onRequest", async (request) => checkToken(request.headers.authorization));
      }
      api.setNotFoundHandler((request, reply) =>
        reply
          .code(404)
          .send(errorBody("not_found", `No route ${request.method} ${pathOf(request.url)}`)),
      );
      registerApiRoutes(api, { ...routeOptions, tokenRequired: apiToken !== undefined });
    },
    { prefix: API_PREFIX },
  );
}
