import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Answer, Citation, MeetingSummary } from "../answer/types.ts";
import type { Visibility } from "../minutes/model.ts";

/**
 * Signed links to the source pages of internal minutes. A browser that follows a citation from
 * Slack carries no token, so the link itself carries the permission: `?access=<expiry>.<mac>`,
 * an HMAC-SHA256 over the meeting id and the expiry. Referat signs a link only for someone who
 * may see the meeting (the answer that cites it was retrieved for them); whoever holds the link
 * may open that one meeting until it expires, like a share link.
 */

export const ACCESS_PARAMETER = "access";

export type AccessCheck = "granted" | "expired" | "invalid";

export interface PageAccess {
  /** `url` (a link to the meeting's page, fragment kept) with a fresh signature for `meetingId`. */
  sign(url: string, meetingId: string): string;
  check(meetingId: string, access: string | undefined): AccessCheck;
}

export interface PageAccessOptions {
  /** Without one, a random key: links stop opening when the process restarts. */
  secret?: string | undefined;
  ttlMs: number;
  now?: () => number;
}

export function createPageAccess(options: PageAccessOptions): PageAccess {
  const key = options.secret ?? randomBytes(32).toString("base64url");
  const now = options.now ?? Date.now;
  const mac = (meetingId: string, expiresAt: number) =>
    createHmac("sha256", key).update(`${meetingId}\n${expiresAt}`).digest();

  const token = (meetingId: string) => {
    const expiresAt = Math.ceil((now() + options.ttlMs) / 1000);
    return `${expiresAt}.${mac(meetingId, expiresAt).toString("base64url")}`;
  };

  return {
    sign(url, meetingId) {
      const hash = url.indexOf("#");
      const base = hash < 0 ? url : url.slice(0, hash);
      const fragment = hash < 0 ? "" : url.slice(hash);
      const separator = base.includes("?") ? "&" : "?";
      return `${base}${separator}${ACCESS_PARAMETER}=${token(meetingId)}${fragment}`;
    },
    check(meetingId, access) {
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/u.exec(access ?? "");
      if (!match?.[1] || !match[2]) return "invalid";
      const expiresAt = Number(match[1]);
      const presented = Buffer.from(match[2], "base64url");
      const expected = mac(meetingId, expiresAt);
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
        return "invalid";
      }
      return expiresAt * 1000 >= now() ? "granted" : "expired";
    },
  };
}

/** A link to a meeting's page as it may be handed out: an internal meeting's signed. */
export type PageLink = (url: string, meetingId: string) => string;

/** Page links that sign exactly the internal meetings, as `visibilityOf` says they are now. */
export function createPageLinks(
  access: PageAccess,
  visibilityOf: (meetingId: string) => Visibility | undefined,
): PageLink {
  return (url, meetingId) =>
    visibilityOf(meetingId) === "internal" ? access.sign(url, meetingId) : url;
}

/** The answer with every link handed out through `link`. */
export function signAnswerLinks(answer: Answer, link: PageLink): Answer {
  const sign = signCitation(link);
  return { ...answer, citations: answer.citations.map(sign), related: answer.related.map(sign) };
}

/** The summary with every link handed out through `link`. */
export function signSummaryLinks(summary: MeetingSummary, link: PageLink): MeetingSummary {
  const sign = signCitation(link);
  return {
    ...summary,
    entries: summary.entries.map((entry) => ({
      ...entry,
      citations: entry.citations.map(sign),
    })),
  };
}

function signCitation(link: PageLink) {
  return (citation: Citation): Citation => ({
    ...citation,
    url: link(citation.url, citation.meetingId),
  });
}
