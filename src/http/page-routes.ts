import type { FastifyInstance, FastifyReply } from "fastify";
import type { MeetingCatalog } from "../minutes/catalog.ts";
import { renderHomePage } from "./home-page.ts";
import { renderMeetingPage } from "./meeting-page.ts";
import { renderNotFoundPage } from "./not-found-page.ts";
import type { RenderedPage } from "./page-layout.ts";
import { STYLESHEET, STYLESHEET_PATH } from "./stylesheet.ts";

/** Server-rendered pages: the front page and the source page of each meeting. */
export function registerPageRoutes(
  app: FastifyInstance,
  options: { catalog: MeetingCatalog; tokenRequired: boolean },
): void {
  app.get("/", async (_request, reply) =>
    sendPage(
      reply,
      200,
      renderHomePage({ meetings: options.catalog.list(), tokenRequired: options.tokenRequired }),
    ),
  );

  app.get<{ Params: { id: string } }>("/meetings/:id", async (request, reply) => {
    const meeting = options.catalog.get(request.params.id);
    if (!meeting) {
      return sendPage(
        reply,
        404,
        renderNotFoundPage(`Der findes intet møde med id "${request.params.id}".`),
      );
    }
    return sendPage(reply, 200, renderMeetingPage(meeting));
  });

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .header("content-type", "text/css; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(STYLESHEET),
  );
}

export function sendPage(reply: FastifyReply, status: number, page: RenderedPage): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", page.contentSecurityPolicy)
    .header("cache-control", "no-cache")
    .send(page.html);
}
