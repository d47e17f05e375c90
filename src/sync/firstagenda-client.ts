import { z } from "zod";
import { AppError, describeError } from "../shared/errors.ts";

/**
 * The public JSON of a FirstAgenda Publication site (the agenda portal many Danish
 * municipalities publish on, e.g. dagsordener.greve.dk):
 *
 *   GET /api/agenda/udvalgsliste        every committee, grouped (by election period or
 *                                       "Aktuelle politiske udvalg"), each with its meetings
 *   GET /api/agenda/dagsorden/{id}      one meeting: Udvalg, Moede, Dagsordenpunkter[]
 *   GET /Home/AnonymousAuthentication   sets the anonymous session cookie some sites require
 *   /vis?id={id}                        the meeting's public page
 *
 * Requests go one at a time, `delayMs` apart, each with a time-out and a User-Agent naming
 * Referat. Only the fields used are validated.
 */

export const SYNC_USER_AGENT = "Referat/0.1 (sync of public meeting minutes; FirstAgenda)";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

const listedMeetingSchema = z.object({
  Id: z.string().regex(GUID),
  Dato: z.string().nullish(),
  MeetingBeginUtc: z.string().nullish(),
  ReleasedDate: z.string().nullish(),
  Navn: z.string().nullish(),
  Afsluttet: z.boolean().nullish(),
});

const committeeSchema = z.object({
  Id: z.string().nullish(),
  Navn: z.string(),
  Moeder: z.array(z.unknown()).nullish(),
});

const listingSchema = z.object({ Udvalg: z.record(z.string(), z.array(z.unknown())) });

const agendaSchema = z.object({
  Id: z.string().regex(GUID),
  Dagsordenpunkter: z.array(z.unknown()),
});

export interface ListedMeeting {
  id: string;
  committee: string;
  committeeId: string | null;
  /** The meeting's local date (YYYY-MM-DD), from the listing. */
  date: string | null;
  /** "Dagsorden", "Referat", "Tillægsdagsorden" … as the site names the document. */
  name: string | null;
  /** The listing entry as the site sent it, to tell whether the meeting changed since. */
  entry: unknown;
}

export interface MeetingListing {
  meetings: ListedMeeting[];
  /** Entries of the listing that are not meetings Referat can fetch, with the reason. */
  problems: string[];
}

export interface FirstAgendaClient {
  readonly site: URL;
  listMeetings(): Promise<MeetingListing>;
  /** The meeting's JSON, byte for byte as the site sent it (after checking its shape). */
  fetchMeeting(id: string): Promise<Uint8Array>;
  /** The meeting's public page on the site. */
  meetingPageUrl(id: string): string;
}

export interface FirstAgendaClientOptions {
  site: URL;
  /** Pause between requests. Default 500 ms. */
  delayMs?: number;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** "dagsordener.greve.dk" or "https://dagsordener.greve.dk/" → the site's origin URL. */
export function parseSite(site: string): URL {
  const text = site.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : `https://${text}`);
  } catch {
    throw new AppError(
      "bad_request",
      `"${site}" is not a site address (e.g. dagsordener.greve.dk)`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AppError("bad_request", `"${site}" is not an http(s) address`);
  }
  return new URL(url.origin);
}

export function createFirstAgendaClient(options: FirstAgendaClientOptions): FirstAgendaClient {
  const { site } = options;
  const fetchImplementation = options.fetch ?? fetch;
  const delayMs = options.delayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cookies = new Map<string, string>();
  let lastRequest = 0;

  const request = async (path: string, init: { redirect?: RequestRedirect } = {}) => {
    const wait = lastRequest + delayMs - Date.now();
    if (lastRequest > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastRequest = Date.now();
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": SYNC_USER_AGENT,
    };
    if (cookies.size > 0) {
      headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await fetchImplementation(new URL(path, site), {
      headers,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: init.redirect ?? "follow",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = /^([^=;\s]+)=([^;]*)/u.exec(cookie);
      if (pair?.[1]) cookies.set(pair[1], pair[2] ?? "");
    }
    return response;
  };

  const failure = (what: string, reason: string) =>
    new AppError("sync_failed", `${site.host}: ${what}: ${reason}`);

  const getJson = async (
    path: string,
    what: string,
  ): Promise<{ bytes: Uint8Array; json: unknown }> => {
    let response: Response;
    try {
      response = await request(path);
    } catch (error) {
      throw failure(what, describeError(error));
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw failure(what, `HTTP ${response.status}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    try {
      return { bytes, json: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
    } catch {
      throw failure(
        what,
        `the response is not JSON (${response.headers.get("content-type") ?? "no content type"})`,
      );
    }
  };

  /** Some sites answer the API only with the anonymous session cookie their front page sets. */
  const authenticateAnonymously = async () => {
    const callback = encodeURIComponent(`${site.origin}/`);
    try {
      const response = await request(`/Home/AnonymousAuthentication?callback=${callback}`, {
        redirect: "manual",
      });
      await response.body?.cancel();
    } catch (error) {
      throw failure("anonymous sign-in", describeError(error));
    }
  };

  const listing = async (): Promise<unknown> => {
    try {
      return (await getJson("/api/agenda/udvalgsliste", "committee list")).json;
    } catch (error) {
      if (cookies.size > 0) throw error;
      await authenticateAnonymously();
      return (await getJson("/api/agenda/udvalgsliste", "committee list")).json;
    }
  };

  return {
    site,
    async listMeetings() {
      const parsed = listingSchema.safeParse(await listing());
      if (!parsed.success) {
        throw failure("committee list", `unexpected shape: ${z.prettifyError(parsed.error)}`);
      }
      const meetings = new Map<string, ListedMeeting>();
      const problems: string[] = [];
      for (const [group, committees] of Object.entries(parsed.data.Udvalg)) {
        for (const candidate of committees) {
          const committee = committeeSchema.safeParse(candidate);
          if (!committee.success) {
            problems.push(`a committee in "${group}" has no name`);
            continue;
          }
          for (const [position, entry] of (committee.data.Moeder ?? []).entries()) {
            const meeting = listedMeetingSchema.safeParse(entry);
            if (!meeting.success) {
              problems.push(
                `meeting ${position + 1} of ${committee.data.Navn} has no valid id; not fetched`,
              );
              continue;
            }
            const id = meeting.data.Id.toLowerCase();
            const when = meeting.data.Dato ?? meeting.data.MeetingBeginUtc ?? null;
            meetings.set(id, {
              id,
              committee: committee.data.Navn.trim(),
              committeeId: committee.data.Id ?? null,
              date: when && /^\d{4}-\d{2}-\d{2}/u.test(when) ? when.slice(0, 10) : null,
              name: meeting.data.Navn ?? null,
              entry,
            });
          }
        }
      }
      return { meetings: [...meetings.values()], problems };
    },
    async fetchMeeting(id) {
      if (!GUID.test(id)) throw failure(`meeting ${id}`, "not a meeting id");
      const what = `meeting ${id}`;
      const { bytes, json } = await getJson(`/api/agenda/dagsorden/${id}`, what);
      const parsed = agendaSchema.safeParse(json);
      if (!parsed.success)
        throw failure(what, "not a FirstAgenda meeting (no Id and Dagsordenpunkter)");
      if (parsed.data.Id.toLowerCase() !== id.toLowerCase()) {
        throw failure(what, `the site answered with meeting ${parsed.data.Id}`);
      }
      return bytes;
    },
    meetingPageUrl(id) {
      return new URL(`/vis?id=${encodeURIComponent(id)}`, site).href;
    },
  };
}
