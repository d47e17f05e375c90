import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPReceiver, LogLevel } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import type { SlackRequestListener } from "../../src/http/index.ts";
import { getJson, startTestServer, type TestServer } from "./http-test-server.ts";

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A listener that records exactly the bytes it was given and answers 200. */
function recordingListener() {
  const received: { method: string | undefined; url: string | undefined; body: Buffer }[] = [];
  const listener: SlackRequestListener = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method, url: request.url, body: Buffer.concat(chunks) });
      response.writeHead(200, { "content-type": "text/plain" }).end("handled by slack");
    });
  };
  return { listener, received };
}

describe("/slack/events", () => {
  it("hands the raw, unparsed body to the Slack listener, whatever its size or content", async () => {
    const { listener, received } = recordingListener();
    server = await startTestServer({ slackRequestListener: listener, bodyLimitBytes: 1024 });
    const notJson = "payload=%7B%22type%22%3A%22block_actions%22%7D&x=<>";
    const large = JSON.stringify({ type: "event_callback", text: "x".repeat(5000) });
    for (const [contentType, body] of [
      ["application/x-www-form-urlencoded", notJson],
      ["application/json", large],
      ["application/json", "{not json"],
    ] as const) {
      const response = await fetch(`${server.url}/slack/events?retry=1`, {
        method: "POST",
        headers: { "content-type": contentType },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("handled by slack");
      expect(received.at(-1)?.body.toString("utf8")).toBe(body);
      expect(received.at(-1)?.url).toBe("/slack/events?retry=1");
    }
    // Everything else still goes through the API.
    expect((await getJson(`${server.url}/api/meetings`)).status).toBe(200);
  });

  it("passes a signed url_verification through to Bolt's real HTTP receiver", async () => {
    const signingSecret = "test-signing-secret";
    const receiver = new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR });
    server = await startTestServer({ slackRequestListener: receiver.requestListener });
    const body = await readFile("../shared/fixtures/slack/url_verification.json", "utf8");
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;

    const signed = await fetch(`${server.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
      },
      body,
    });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ challenge: JSON.parse(body).challenge });

    const forged = await fetch(`${server.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": `v0=${"0".repeat(64)}`,
      },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it("answers 500 JSON when the listener throws or rejects, and keeps serving", async () => {
    server = await startTestServer({
      slackRequestListener: () => {
        throw new Error("listener exploded");
      },
    });
    const thrown = await getJson(`${server.url}/slack/events`, { method: "POST", body: "{}" });
    expect(thrown.status).toBe(500);
    expect(thrown.body.error.code).toBe("internal_error");
    expect(server.logLines.some((line) => line.msg === "slack request listener failed")).toBe(true);
    await server.close();

    server = await startTestServer({
      slackRequestListener: async () => Promise.reject(new Error("later")),
    });
    const rejected = await getJson(`${server.url}/slack/events`, { method: "POST", body: "{}" });
    expect(rejected.status).toBe(500);
    expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
  });

  it("is a JSON 404 when Slack is off", async () => {
    server = await startTestServer({ slackRequestListener: null });
    const { status, body } = await getJson(`${server.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe("slack_disabled");
  });
});
