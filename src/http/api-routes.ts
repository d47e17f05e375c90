import type { FastifyInstance, FastifyRequest } from "fastify";
import { toPublicSearchResult } from "../answer/public-search-result.ts";
import type { AnswerQuestion, Retriever, SummariseMeeting } from "../answer/types.ts";
import { type MeetingCatalog, requireMeeting as resolveMeeting } from "../minutes/catalog.ts";
import type { Meeting } from "../minutes/model.ts";
import type { Viewer } from "../minutes/visibility.ts";
import { AppError, isAppError } from "../shared/errors.ts";
import {
  toAnswerResource,
  toMeetingListEntry,
  toMeetingResource,
  toSummaryResource,
} from "./api-resources.ts";
import { clientAbortSignal } from "./client-abort-signal.ts";
import { HttpError } from "./http-error.ts";
import type { PageLink } from "./page-access.ts";
import { createRateLimit } from "./rate-limits.ts";
import {
  askBodySchema,
  meetingListQuerySchema,
  meetingParamsSchema,
  parseRequest,
  searchQuerySchema,
  summaryQuerySchema,
  toSearchFilters,
} from "./request-schemas.ts";

export interface ApiRouteOptions {
  answerQuestion: AnswerQuestion;
  summariseMeeting: SummariseMeeting;
  retriever: Retriever;
  catalog: MeetingCatalog;
  /** Questions a client may ask a minute (POST /api/ask). */
  askRateLimitPerMinute: number;
  /** Requests a client may make a minute to each other route that runs retrieval or answering. */
  rateLimitPerMinute: number;
  /** Whether the scope checks a token first; rate limits then count per client and token. */
  tokenRequired: boolean;
  /** Who is asking (from the token the scope's hook has checked): what they may see. */
  viewerOf: (request: FastifyRequest) => Viewer;
  /** Links to meeting pages as handed out (an internal meeting's signed). */
  pageLink: PageLink;
  publicBaseUrl: string;
  /** Questions and searches wait for the index; listings and pages do not need it. */
  isIndexLoaded: () => boolean;
}

/**
 * The JSON API, registered in a scope with the /api prefix (see api-scope.ts). Thin: validate,
 * call answer/ or the catalogue, shape the reply. Every route that runs retrieval or answering
 * has a rate limit.
 */
export function registerApiRoutes(app: FastifyInstance, options: ApiRouteOptions): void {
  const { catalog, publicBaseUrl, tokenRequired } = options;
  const askLimit = createRateLimit(app, {
    perMinute: options.askRateLimitPerMinute,
    counted: "questions",
    tokenRequired,
  });
  const searchLimit = createRateLimit(app, {
    perMinute: options.rateLimitPerMinute,
    counted: "searches",
    tokenRequired,
  });
  const summaryLimit = createRateLimit(app, {
    perMinute: options.rateLimitPerMinute,
    counted: "summaries",
    tokenRequired,
  });

  // A meeting the caller may not see is "not found", exactly like one that does not exist.
  const requireMeeting = (request: FastifyRequest, id: string): Meeting => {
    const meeting = catalog.visibleTo(options.viewerOf(request)).get(id);
    if (!meeting) throw new AppError("meeting_not_found", `No meeting with id "${id}"`);
    return meeting;
  };

  const requireMeetingReference = (request: FastifyRequest, reference: string): Meeting => {
    try {
      return resolveMeeting(catalog.visibleTo(options.viewerOf(request)), reference);
    } catch (error) {
      if (!isAppError(error, "meeting_not_found")) throw error;
      throw new AppError(
        "meeting_not_found",
        `${error.message}; GET /api/meetings lists the meetings there are`,
      );
    }
  };

  const requireIndex = async () => {
    if (!options.isIndexLoaded()) {
      throw new HttpError(503, "not_ready", "The search index is still loading; retry shortly", {
        "retry-after": "5",
      });
    }
  };

  app.post("/ask", { onRequest: askLimit, preHandler: requireIndex }, async (request, reply) => {
    const body = parseRequest(askBodySchema, request.body, "body");
    const filters = toSearchFilters(body.filters ?? {});
    if (filters.meetingId !== undefined) requireMeeting(request, filters.meetingId);
    const started = performance.now();
    request.log.debug({ question: body.question }, "question received");
    const answer = await options.answerQuestion(body.question, {
      filters,
      viewer: options.viewerOf(request),
      signal: clientAbortSignal(reply),
    });
    request.log.info(
      {
        questionLength: body.question.length,
        mode: answer.mode,
        abstained: answer.abstained,
        citations: answer.citations.length,
        elapsedMs: Math.round(performance.now() - started),
      },
      "question answered",
    );
    return toAnswerResource(answer);
  });

  app.get("/search", { onRequest: searchLimit, preHandler: requireIndex }, async (request) => {
    const query = parseRequest(searchQuerySchema, request.query, "query");
    const filters = toSearchFilters(query);
    if (filters.meetingId !== undefined) requireMeeting(request, filters.meetingId);
    const found = await options.retriever.retrieve(query.q, {
      filters,
      limit: query.limit,
      viewer: options.viewerOf(request),
    });
    return { results: found.slice(0, query.limit).map(toPublicSearchResult) };
  });

  app.get("/meetings", async (request) => {
    const query = parseRequest(meetingListQuerySchema, request.query, "query");
    const meetings = catalog
      .visibleTo(options.viewerOf(request))
      .list(query.body === undefined ? undefined : { body: query.body });
    return {
      meetings: meetings.map((meeting) =>
        toMeetingListEntry(meeting, publicBaseUrl, options.pageLink),
      ),
    };
  });

  app.get("/meetings/:id", async (request) => {
    const { id } = parseRequest(meetingParamsSchema, request.params, "path");
    return toMeetingResource(requireMeeting(request, id), publicBaseUrl, options.pageLink);
  });

  /**
   * `:id` is any meeting reference the CLI's `referat summary` takes: an id, `latest`/`seneste`,
   * a date, a body (`seneste byrådsmøde`) or a body and a date, percent-encoded.
   */
  app.get("/meetings/:id/summary", { onRequest: summaryLimit }, async (request, reply) => {
    const { id } = parseRequest(meetingParamsSchema, request.params, "path");
    const { language } = parseRequest(summaryQuerySchema, request.query, "query");
    const meeting = requireMeetingReference(request, id);
    const summary = await options.summariseMeeting(meeting.id, {
      ...(language === undefined ? {} : { language }),
      viewer: options.viewerOf(request),
      signal: clientAbortSignal(reply),
    });
    return toSummaryResource(summary);
  });
}
