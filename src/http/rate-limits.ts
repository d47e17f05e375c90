import { createHash } from "node:crypto";
import { normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import { presentedBearerToken } from "./bearer-token.ts";
import { HttpError } from "./http-error.ts";

export interface RateLimitOptions {
  perMinute: number;
  /** What is counted, in the 429 message: "questions", "searches", … */
  counted: string;
  /**
   * Whether the API checks a token (before this hook runs): then a client is its address and
   * its token, so API clients behind one proxy address do not share a budget. Without a token
   * check the header is not trusted, or rotating it would dodge the limit.
   */
  tokenRequired: boolean;
}

/**
 * An onRequest hook that allows each client `perMinute` requests a minute and answers the rest
 * 429 with Retry-After. One hook is one budget: a GET route and the HEAD route Fastify derives
 * from it share the hook, so HEAD does not double the allowance.
 */
export function createRateLimit(
  app: FastifyInstance,
  options: RateLimitOptions,
): onRequestHookHandler {
  return app.rateLimit({
    max: options.perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => clientKey(request, options.tokenRequired),
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        "rate_limited",
        `Too many ${options.counted}: at most ${context.max} a minute per client; retry in ${context.after}`,
      ),
  });
}

function clientKey(request: FastifyRequest, tokenRequired: boolean): string {
  const address = normalizeIP(request.ip);
  const token = tokenRequired ? presentedBearerToken(request.headers.authorization) : undefined;
  if (token === undefined) return address;
  // A digest, so the token itself is not kept in the limiter's memory.
  return `${address} ${createHash("sha256").update(token, "utf8").digest("hex").slice(0, 16)}`;
}
