import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Application, createApplication } from "../../src/app.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/shared/logger.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-web-api.ts";
import {
  eventCallbackBody,
  postSignedToSlack,
  slashCommandBody,
} from "../support/slack-signing.ts";
import { sendRaw, spellingsOf } from "../support/url-spellings.ts";

/**
 * Internal minutes asked for from where they are not allowed: the public HTTP API, a browser
 * with no link, a public Slack channel. The LOM minutes are internal by a rule (to #med, the
 * MED user group and the "mgmt" token scope), the HMU minutes by a folder sidecar (to #hmu).
 * Nothing of them may appear in any answer, quote, citation, "maybe related" list, summary,
 * meeting list, search result, source page or log line; where allowed, they answer as before.
 */

const SAMPLES = new URL("../../data/minutes/", import.meta.url).pathname;
const LOM_FILE = "randers_lom-psykiatri-og-socialt-udsatte_2023-10-11.txt";
const HMU_FILE = "region-midtjylland_hmu-socialomraadet_2022-04-20.txt";
const LOM_ID = "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11";
const HMU_ID = "hmu-socialomraadet-2022-04-20";
/** Words only the internal minutes hold: names and subjects. */
const INTERNAL_TEXT = ["Carsten Jensen", "Per Thuesen", "Tina Arent", "kønsligestilling"];
/** ...and their bodies and ids, which no response may name unless the request did. */
const INTERNAL_MARKERS = [...INTERNAL_TEXT, "LOM", "HMU", "lom-psykiatri", "hmu-socialomraadet"];
const SENIORS_QUESTION = "Hvem skal være med i arbejdsgruppen om fastholdelse af seniorer?";
const SIGNING_SECRET = "leak-test-signing-secret";
const PUBLIC_CHANNEL = "C0PUBLIC";
const MED_CHANNEL = "C0MED";
const MED_MEMBER = "U0MEDMEMBER";

let directory: string;
let application: Application;
let slack: FakeSlack;
let url: string;
const logLines: string[] = [];

function expectNoInternal(what: string, text: string, markers = INTERNAL_MARKERS): void {
  for (const marker of markers) {
    expect(text, `${what} leaks "${marker}"`).not.toContain(marker);
  }
}

async function getText(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { headers });
  return { status: response.status, text: await response.text() };
}

async function postJson(path: string, body: unknown, token?: string) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "referat-leak-"));
  const minutesDir = join(directory, "minutes");
  await mkdir(join(minutesDir, "intern"), { recursive: true });
  for (const file of [
    "randers_udsatteraadet_2019-09-18.txt",
    "randers_beskaeftigelsesudvalget_2020-01-14.txt",
    LOM_FILE,
  ]) {
    await copyFile(join(SAMPLES, file), join(minutesDir, file));
  }
  await copyFile(join(SAMPLES, HMU_FILE), join(minutesDir, "intern", HMU_FILE));
  await writeFile(
    join(minutesDir, "intern", "folder.meta.json"),
    JSON.stringify({ visibility: "internal", audiences: ["C0HMU"] }),
  );
  const rulesFile = join(directory, "visibility-rules.json");
  await writeFile(
    rulesFile,
    JSON.stringify({
      internal: [{ name: "LOM", bodies: ["LOM"], audiences: [MED_CHANNEL, "S0MED", "mgmt"] }],
    }),
  );

  slack = await startFakeSlack({ userGroups: { S0MED: [MED_MEMBER], S0OTHER: ["U0SOMEONE"] } });
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) =>
    logLines.push(...chunk.toString().split("\n").filter(Boolean)),
  );
  const config = loadConfig({
    DATA_DIR: join(directory, "data"),
    MINUTES_DIR: minutesDir,
    MINUTES_WATCH: "false",
    PORT: "0",
    EMBEDDINGS_PROVIDER: "none",
    ANSWER_WORKERS: "1",
    VISIBILITY_RULES_FILE: rulesFile,
    PAGE_LINK_SECRET: "leak-test-page-secret",
    HTTP_API_TOKEN: "public-token",
    HTTP_API_TOKENS: "mgmt-token=mgmt hmu-token=C0HMU",
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  application = await createApplication(
    config,
    createLogger({ level: "info", destination: stream }),
  );
  ({ url } = await application.start());
}, 120_000);

afterAll(async () => {
  await application?.stop();
  await slack?.close();
  await rm(directory, { recursive: true, force: true });
});

describe("internal minutes over HTTP without their scope", () => {
  it("answers, searches, lists and summarises as if they did not exist", async () => {
    const asked = await postJson("/api/ask", { question: SENIORS_QUESTION }, "public-token");
    expect(asked.status).toBe(200);
    expectNoInternal("an answer", asked.text);
    const english = await postJson(
      "/api/ask",
      { question: "What was decided about the seniors working group?" },
      "public-token",
    );
    expectNoInternal("an English answer", english.text);

    const search = await getText("/api/search?q=arbejdsgruppe%20seniorer", {
      authorization: "Bearer public-token",
    });
    expect(search.status).toBe(200);
    expectNoInternal("a search", search.text);

    const listed = await getText("/api/meetings", { authorization: "Bearer public-token" });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.text).meetings).toHaveLength(2);
    expectNoInternal("the meeting list", listed.text);

    for (const id of [LOM_ID, HMU_ID]) {
      const meeting = await getText(`/api/meetings/${id}`, {
        authorization: "Bearer public-token",
      });
      expect(meeting.status).toBe(404);
      const summary = await getText(`/api/meetings/${id}/summary`, {
        authorization: "Bearer public-token",
      });
      expect(summary.status).toBe(404);
      expectNoInternal("a summary", summary.text, INTERNAL_TEXT);
    }
    // "latest" is the newest meeting the caller may see, not the internal LOM meeting.
    const latest = await getText("/api/meetings/latest/summary", {
      authorization: "Bearer public-token",
    });
    expect(latest.status).toBe(200);
    expectNoInternal("the latest summary", latest.text);
  });

  it("shows no internal page, original or front-page entry to a browser without a signed link", async () => {
    const home = await getText("/");
    expect(home.status).toBe(200);
    expectNoInternal("the front page", home.text);
    for (const id of [LOM_ID, HMU_ID]) {
      for (const path of [`/meetings/${id}`, `/meetings/${id}/original`]) {
        for (const spelling of spellingsOf(path)) {
          const page = await sendRaw(url, { method: "GET", target: spelling.target });
          expect(page.status, spelling.label).toBeGreaterThanOrEqual(400);
          expectNoInternal(`${path} spelt ${spelling.label}`, page.body, INTERNAL_TEXT);
        }
      }
      const forged = await getText(`/meetings/${id}?access=9999999999.${"A".repeat(43)}`);
      expect(forged.status).toBe(404);
    }
  });
});

describe("internal minutes for those allowed", () => {
  it("are there: a token with the audience gets each meeting that is hidden from the others", async () => {
    for (const [id, token] of [
      [LOM_ID, "mgmt-token"],
      [HMU_ID, "hmu-token"],
    ] as const) {
      const meeting = await getText(`/api/meetings/${id}`, { authorization: `Bearer ${token}` });
      expect(meeting.status, id).toBe(200);
      // Its page links open in a browser: they are signed for this meeting.
      const { url: pageUrl } = JSON.parse(meeting.text);
      expect(pageUrl).toMatch(/\?access=\d+\.[\w-]{43}$/u);
      const link = new URL(pageUrl);
      expect((await getText(`${link.pathname}${link.search}`)).status).toBe(200);
      const other = await getText(`/api/meetings/${id}`, {
        authorization: `Bearer ${token === "mgmt-token" ? "hmu-token" : "mgmt-token"}`,
      });
      expect(other.status, id).toBe(404);
    }
  });

  it("answers a token with the audience, whose signed citation link opens the page in a browser", async () => {
    const asked = await postJson("/api/ask", { question: SENIORS_QUESTION }, "mgmt-token");
    const answer = JSON.parse(asked.text);
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("Carsten Jensen");
    const citation = answer.citations.find(
      (entry: { meetingId: string }) => entry.meetingId === LOM_ID,
    );
    expect(citation.url).toMatch(/\?access=\d+\.[\w-]{43}#/u);
    const link = new URL(citation.url);
    const opened = await fetch(`${url}${link.pathname}${link.search}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Carsten Jensen");
    // Kept by no shared cache, indexed by no crawler.
    expect(opened.headers.get("cache-control")).toBe("private, no-store");
    expect(opened.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    // The link opens that meeting only.
    const other = await getText(`/meetings/${HMU_ID}${link.search}`);
    expect(other.status).toBe(404);
  });
});

describe("internal minutes in Slack", () => {
  async function mention(channel: string, user: string, text: string, eventId: string) {
    const before = slack.callsTo("chat.update").length;
    const body = eventCallbackBody("app_mention.json", {
      event: { channel, user, text: `<@${slack.botUserId}> ${text}`, ts: slack.nextTs() },
      eventId,
    });
    const posted = await postSignedToSlack(`${url}/slack/events`, body, {
      signingSecret: SIGNING_SECRET,
      contentType: "application/json",
    });
    expect(posted.status).toBe(200);
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[before], {
      timeoutMs: 20_000,
    });
    return JSON.stringify(update.args);
  }

  async function directMessage(user: string, text: string, eventId: string) {
    const before = slack.callsTo("chat.update").length;
    const body = eventCallbackBody("message_im.json", {
      event: { user, text, ts: slack.nextTs(), channel: "D0DIRECT", channel_type: "im" },
      eventId,
    });
    await postSignedToSlack(`${url}/slack/events`, body, {
      signingSecret: SIGNING_SECRET,
      contentType: "application/json",
    });
    const update = await slack.waitFor(() => slack.callsTo("chat.update")[before], {
      timeoutMs: 20_000,
    });
    return JSON.stringify(update.args);
  }

  it("answers a public channel as if the internal minutes did not exist, and the allowed channel from them", async () => {
    expectNoInternal(
      "a public channel's answer",
      await mention(PUBLIC_CHANNEL, "U0ANYONE", SENIORS_QUESTION, "Ev0LEAK1"),
    );
    const allowed = await mention(MED_CHANNEL, "U0ANYONE", SENIORS_QUESTION, "Ev0LEAK2");
    expect(allowed).toContain("Carsten Jensen");
    expect(allowed).toMatch(/access=\d+\.[\w-]{43}/u);
  });

  it("answers a direct message by what the person's user groups may see", async () => {
    expectNoInternal(
      "a DM to someone outside the group",
      await directMessage("U0SOMEONE", SENIORS_QUESTION, "Ev0LEAK3"),
    );
    expect(await directMessage(MED_MEMBER, SENIORS_QUESTION, "Ev0LEAK4")).toContain(
      "Carsten Jensen",
    );
  });

  it("lists and summarises only the channel's meetings in slash commands", async () => {
    for (const [text, id] of [
      ["møder", "list"],
      [`resume ${LOM_ID}`, "lom"],
      ["resume seneste", "latest"],
    ] as const) {
      const responseUrl = slack.responseUrl(`leak-${id}`);
      const posted = await postSignedToSlack(
        `${url}/slack/events`,
        slashCommandBody({
          command: "/referat",
          text,
          channel_id: PUBLIC_CHANNEL,
          channel_name: "general",
          user_id: "U0ANYONE",
          response_url: responseUrl,
          trigger_id: `trigger-leak-${id}`,
        }),
        { signingSecret: SIGNING_SECRET, contentType: "application/x-www-form-urlencoded" },
      );
      expect(posted.status).toBe(200);
      expectNoInternal(`/referat ${text} (ack)`, posted.body, INTERNAL_TEXT);
      if (id !== "list") {
        const response = await slack.waitFor(() => slack.responsesTo(`leak-${id}`)[0], {
          timeoutMs: 20_000,
        });
        expectNoInternal(`/referat ${text}`, JSON.stringify(response.body), INTERNAL_TEXT);
      }
    }
  });
});

describe("logs", () => {
  it("never carry the internal minutes' text at info level", () => {
    for (const marker of INTERNAL_TEXT) expect(logLines.join("\n")).not.toContain(marker);
  });
});
