import { createReadStream } from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import type { Meeting } from "../minutes/model.ts";
import { canSee, type Viewer } from "../minutes/visibility.ts";
import { renderHomePage } from "./home-page.ts";
import { renderMeetingPage } from "./meeting-page.ts";
import { renderNotFoundPage } from "./not-found-page.ts";
import { findOriginalFile } from "./original-file.ts";
import { ACCESS_PARAMETER, type PageAccess } from "./page-access.ts";
import type { RenderedPage } from "./page-layout.ts";
import { STYLESHEET, STYLESHEET_PATH } from "./stylesheet.ts";

/** A sandbox for originals a browser could run scripts in (HTML, XML): shown, never executed. */
const ORIGINAL_SANDBOX_POLICY =
  "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

const originalQuerySchema = z.object({
  item: z.coerce.number().int().nonnegative().optional(),
});

/** `?access=` of a signed link (other query parameters are ignored, as before). */
const accessQuerySchema = z.object({ [ACCESS_PARAMETER]: z.string().max(200).optional() });

/** Server-rendered pages: the front page, the source page of each meeting and its original file. */
export function registerPageRoutes(
  app: FastifyInstance,
  options: {
    catalog: MeetingCatalog;
    tokenRequired: boolean;
    pageAccess: PageAccess;
    /** Who is looking, from the request's headers (a browser: the public). */
    viewerOf: (request: FastifyRequest) => Viewer;
    /** Where originals are served from; without it, no original is offered. */
    minutesDirectory?: string | undefined;
  },
): void {
  const { minutesDirectory, pageAccess } = options;
  app.get("/", async (request, reply) =>
    sendPage(
      reply,
      200,
      renderHomePage({
        meetings: options.catalog.visibleTo(options.viewerOf(request)).list(),
        tokenRequired: options.tokenRequired,
      }),
    ),
  );

  /**
   * The meeting a page request may show: a public one, an internal one the viewer's token may see,
   * or the one a valid signed link names. Anything else is "not found", exactly as an id that
   * does not exist, so the pages never tell which internal meetings there are.
   */
  const openMeeting = (request: FastifyRequest<{ Params: { id: string } }>) => {
    const meeting = options.catalog.get(request.params.id);
    if (!meeting) return { meeting: undefined, expired: false, accessQuery: undefined };
    if (canSee(options.viewerOf(request), meeting)) {
      return { meeting, expired: false, accessQuery: undefined };
    }
    const access = accessQuerySchema.safeParse(request.query).data?.[ACCESS_PARAMETER];
    const check = pageAccess.check(meeting.id, access);
    if (check !== "granted")
      return { meeting: undefined, expired: check === "expired", accessQuery: undefined };
    return { meeting, expired: false, accessQuery: `${ACCESS_PARAMETER}=${access}` };
  };

  const refuse = (reply: FastifyReply, id: string, expired: boolean) =>
    expired
      ? sendPage(
          reply,
          403,
          renderNotFoundPage(
            "Linket er udløbet. Stil spørgsmålet igen i Slack for at få et nyt link.",
          ),
        )
      : sendPage(reply, 404, renderNotFoundPage(`Der findes intet møde med id "${id}".`));

  app.get<{ Params: { id: string } }>("/meetings/:id", async (request, reply) => {
    const { meeting, expired, accessQuery } = openMeeting(request);
    if (!meeting) return refuse(reply, request.params.id, expired);
    return sendPage(
      keepPrivateIfInternal(reply, meeting),
      200,
      renderMeetingPage(meeting, {
        originals: minutesDirectory !== undefined,
        ...(accessQuery ? { accessQuery } : {}),
      }),
    );
  });

  // The file the meeting was read from, or with ?item=N the file item N was read from.
  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>(
    "/meetings/:id/original",
    async (request, reply) => {
      const notFound = (message: string) => sendPage(reply, 404, renderNotFoundPage(message));
      const { meeting, expired } = openMeeting(request);
      if (!meeting) return refuse(reply, request.params.id, expired);
      if (minutesDirectory === undefined) {
        return notFound("Denne server udleverer ikke de originale filer.");
      }
      const query = originalQuerySchema.safeParse(request.query);
      if (!query.success) return notFound("?item= skal være et punktnummer.");
      let sourceFile = meeting.sourceFile;
      if (query.data.item !== undefined) {
        const item = meeting.items.find((candidate) => candidate.number === query.data.item);
        if (!item) return notFound(`Mødet har intet punkt ${query.data.item}.`);
        sourceFile = item.sourceFile ?? meeting.sourceFile;
      }
      const lookup = await findOriginalFile(minutesDirectory, sourceFile, meeting.format);
      if (!lookup.found) {
        if (lookup.reason === "outside") {
          request.log.warn(
            { meetingId: meeting.id },
            "original file refused: its path in the corpus leads outside the minutes folder",
          );
          return notFound("Mødets originale fil kan ikke udleveres.");
        }
        return notFound(
          `Den originale fil ${sourceFile} findes ikke længere i mappen med referater.`,
        );
      }
      const { file } = lookup;
      reply
        .code(200)
        .header("content-type", file.contentType)
        .header("content-length", String(file.size))
        .header("content-disposition", file.contentDisposition)
        .header("cache-control", "no-cache");
      if (file.active) reply.header("content-security-policy", ORIGINAL_SANDBOX_POLICY);
      keepPrivateIfInternal(reply, meeting);
      return reply.send(createReadStream(file.path));
    },
  );

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(STYLESHEET),
  );
}

/** Internal minutes are kept by no cache but the browser's own and indexed by no crawler. */
function keepPrivateIfInternal(reply: FastifyReply, meeting: Meeting): FastifyReply {
  if (meeting.visibility !== "internal") return reply;
  return reply
    .header("cache-control", "private, no-store")
    .header("x-robots-tag", "noindex, nofollow");
}

/** A page, kept by caches only as long as they check back (unless the route said otherwise). */
export function sendPage(reply: FastifyReply, status: number, page: RenderedPage): FastifyReply {
  if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-cache");
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", page.contentSecurityPolicy)
    .send(page.html);
}
