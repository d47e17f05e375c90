import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * A loopback Slack: the Web API methods the bot calls (auth.test, chat.postMessage, chat.update,
 * chat.postEphemeral, conversations.replies, conversations.history, usergroups.list,
 * apps.connections.open),
 * `response_url` endpoints,
 * and a Socket Mode WebSocket that apps.connections.open hands out. It keeps channels' messages
 * so threads read back what was posted, and records every call for assertions.
 */

export interface StoredMessage {
  ts: string;
  user?: string;
  bot_id?: string;
  text: string;
  thread_ts?: string;
  subtype?: string;
  blocks?: unknown[];
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlackOptions {
  /** User groups usergroups.list returns: group id → member user ids. */
  userGroups?: Record<string, string[]>;
  botToken?: string;
  appToken?: string;
  botUserId?: string;
  botId?: string;
}

export interface FakeSlack {
  /** e.g. http://127.0.0.1:PORT/api/ : pass as slackApiUrl. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: RecordedCall[];
  readonly responses: ResponseUrlPost[];
  /** Envelopes' acks and other frames the bot sent over Socket Mode. */
  readonly socketFrames: Record<string, unknown>[];
  callsTo(method: string): RecordedCall[];
  /** A response_url Slack would put in a command or interaction payload. */
  responseUrl(id: string): string;
  responsesTo(id: string): ResponseUrlPost[];
  /** A message ts newer than everything stored so far. */
  nextTs(): string;
  /** Stores a message as if a person (or another bot) had posted it. */
  seedMessage(channel: string, message: StoredMessage): void;
  messages(channel: string): StoredMessage[];
  /** The next call to `method` fails with Slack's `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  /** Sends a frame to every connected Socket Mode client. */
  sendSocketFrame(frame: Record<string, unknown>): void;
  socketConnections(): number;
  waitFor<T>(
    probe: () => T | undefined | false,
    options?: { timeoutMs?: number; what?: string },
  ): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? "xoxb-test-bot-token";
  const appToken = options.appToken ?? "xapp-test-app-token";
  const botUserId = options.botUserId ?? "U0LAN0Z89";
  const botId = options.botId ?? "B0REFERAT";
  const calls: RecordedCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const socketFrames: Record<string, unknown>[] = [];
  const channels = new Map<string, StoredMessage[]>();
  const failures = new Map<string, string[]>();
  const sockets = new Set<WebSocket>();
  let tsCounter = 0;
  let lastTs = 0;

  const nextTs = () => {
    tsCounter += 1;
    const seconds = Math.max(Math.floor(Date.now() / 1000), Math.floor(lastTs) + 1);
    const ts = `${seconds}.${String(tsCounter).padStart(6, "0")}`;
    lastTs = Number(ts);
    return ts;
  };
  const store = (channel: string, message: StoredMessage) => {
    const list = channels.get(channel) ?? [];
    list.push(message);
    channels.set(channel, list);
    lastTs = Math.max(lastTs, Number(message.ts));
  };

  const methods: Record<
    string,
    (args: Record<string, unknown>, token: string | undefined) => unknown
  > = {
    "auth.test": (_args, token) =>
      token === botToken
        ? {
            ok: true,
            url: "https://example.slack.com/",
            team: "Test",
            user: "referat",
            team_id: "T123ABC456",
            user_id: botUserId,
            bot_id: botId,
          }
        : { ok: false, error: "invalid_auth" },
    "apps.connections.open": (_args, token) =>
      token === appToken
        ? { ok: true, url: `ws://127.0.0.1:${port()}/socket-mode?ticket=test` }
        : { ok: false, error: "invalid_auth" },
    "chat.postMessage": (args, token) => {
      if (token !== botToken) return { ok: false, error: "invalid_auth" };
      const channel = String(args.channel);
      const message: StoredMessage = {
        ts: nextTs(),
        user: botUserId,
        bot_id: botId,
        text: String(args.text ?? ""),
      };
      if (typeof args.thread_ts === "string") message.thread_ts = args.thread_ts;
      if (Array.isArray(args.blocks)) message.blocks = args.blocks;
      store(channel, message);
      return { ok: true, channel, ts: message.ts, message };
    },
    "chat.update": (args, token) => {
      if (token !== botToken) return { ok: false, error: "invalid_auth" };
      const channel = String(args.channel);
      const message = channels.get(channel)?.find((candidate) => candidate.ts === args.ts);
      if (!message) return { ok: false, error: "message_not_found" };
      message.text = String(args.text ?? "");
      if (Array.isArray(args.blocks)) message.blocks = args.blocks;
      return { ok: true, channel, ts: message.ts, text: message.text };
    },
    "chat.postEphemeral": (args, token) =>
      token === botToken
        ? { ok: true, message_ts: nextTs(), channel: args.channel }
        : { ok: false, error: "invalid_auth" },
    "conversations.history": (args, token) => {
      if (token !== botToken) return { ok: false, error: "invalid_auth" };
      const latest = args.latest === undefined ? Number.POSITIVE_INFINITY : Number(args.latest);
      const oldest = args.oldest === undefined ? 0 : Number(args.oldest);
      const limit = args.limit === undefined ? 100 : Number(args.limit);
      const messages = (channels.get(String(args.channel)) ?? [])
        .filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts)
        .filter((message) => Number(message.ts) < latest && Number(message.ts) > oldest)
        .sort((a, b) => Number(b.ts) - Number(a.ts))
        .slice(0, limit);
      return { ok: true, messages, has_more: false };
    },
    "usergroups.list": (args, token) => {
      if (token !== botToken) return { ok: false, error: "invalid_auth" };
      const usergroups = Object.entries(options.userGroups ?? {}).map(([id, users]) => ({
        id,
        handle: id.toLowerCase(),
        ...(args.include_users ? { users } : {}),
      }));
      return { ok: true, usergroups };
    },
    "conversations.replies": (args, token) => {
      if (token !== botToken) return { ok: false, error: "invalid_auth" };
      const list = channels.get(String(args.channel)) ?? [];
      const thread = list
        .filter((message) => message.ts === args.ts || message.thread_ts === args.ts)
        .sort((a, b) => Number(a.ts) - Number(b.ts));
      if (thread.length === 0) return { ok: false, error: "thread_not_found" };
      return { ok: true, messages: thread, has_more: false };
    },
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const sockServer = new WebSocketServer({ noServer: true });
  sockServer.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("message", (data) => {
      try {
        socketFrames.push(JSON.parse(String(data)) as Record<string, unknown>);
      } catch {
        socketFrames.push({ unparsable: String(data) });
      }
    });
    socket.on("close", () => sockets.delete(socket));
    socket.send(
      JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" } }),
    );
  });
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!request.url?.startsWith("/socket-mode")) {
      socket.destroy();
      return;
    }
    sockServer.handleUpgrade(request, socket, head, (ws) =>
      sockServer.emit("connection", ws, request),
    );
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(request);
    const body = parseBody(raw, request.headers["content-type"] ?? "");
    if (url.pathname.startsWith("/response/")) {
      responses.push({ id: decodeURIComponent(url.pathname.slice("/response/".length)), body });
      return sendJson(response, { ok: true });
    }
    if (!url.pathname.startsWith("/api/"))
      return sendJson(response, { ok: false, error: "unknown_path" }, 404);
    const method = url.pathname.slice("/api/".length);
    const token =
      bearer(request.headers.authorization) ??
      (typeof body.token === "string" ? body.token : undefined);
    calls.push({ method, args: body, token });
    const failure = failures.get(method)?.shift();
    if (failure) return sendJson(response, { ok: false, error: failure });
    const implementation = methods[method];
    if (!implementation) return sendJson(response, { ok: false, error: "unknown_method" });
    return sendJson(response, implementation(body, token));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  function port(): number {
    return (server.address() as AddressInfo).port;
  }
  const base = `http://127.0.0.1:${port()}`;

  return {
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    botUserId,
    botId,
    calls,
    responses,
    socketFrames,
    callsTo: (method) => calls.filter((call) => call.method === method),
    responseUrl: (id) => `${base}/response/${encodeURIComponent(id)}`,
    responsesTo: (id) => responses.filter((post) => post.id === id),
    nextTs,
    seedMessage: store,
    messages: (channel) => [...(channels.get(channel) ?? [])],
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    sendSocketFrame(frame) {
      for (const socket of sockets) socket.send(JSON.stringify(frame));
    },
    socketConnections: () => sockets.size,
    async waitFor(probe, waitOptions = {}) {
      const deadline = Date.now() + (waitOptions.timeoutMs ?? 5000);
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== false) return value as never;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${waitOptions.what ?? "a condition"}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      sockServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Slack's Web API takes form fields (objects JSON-encoded) or JSON; response_url takes JSON. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    fields[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return fields;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
}

function sendJson(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
