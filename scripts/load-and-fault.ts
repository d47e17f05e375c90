import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadQuestions } from "./eval/questions.ts";
import type { ChatProcessMessage } from "./load-and-fault/chat-process.ts";
import { FAULT_MODES, type FaultMode } from "./load-and-fault/chat-server.ts";
import { type RouteFigures, runLoad } from "./load-and-fault/load.ts";
import { formatMarkdownTable, type ModeFigures } from "./load-and-fault/report.ts";
import type { ServeMessage } from "./load-and-fault/serve.ts";

const USAGE = `npm run load-and-fault -- [flags]

The service under a bounded load while its language model misbehaves. For each mode the real
application (npm start's composition, in a process of its own, over the bundled minutes, no
embedder) serves 127.0.0.1 with a loopback OpenAI-compatible chat server that is: absent (none),
slow (--slow-ms per call), failing (500 on every call) or down (nothing listening). POST
/api/ask, GET /api/search and GET /healthz are loaded at once for --seconds with --connections
(autocannon). Printed per mode and route: responses served, errors by status, p50/p99 latency,
and the service's maximum RSS.

  --modes none,slow,failing,down
  --seconds 20              load per mode
  --connections 10          split 6:3:1 over ask, search, healthz
  --slow-ms 3000            delay of every chat completion in the slow mode
  --budget-ms               LLM_ANSWER_BUDGET_MS of the service (default: its own, 8000)
  --workers                 ANSWER_WORKERS of the service (default: its own, one per core)
  --rate-limit 1000000      HTTP_ASK_RATE_LIMIT_PER_MINUTE (high: measure the service, not the limiter)
  --request-timeout-seconds 30
  --questions ../shared/eval/questions.jsonl
  --minutes data/minutes
  --json                    print the figures as JSON instead of a table
`;

const root = join(import.meta.dirname, "..");
const SERVE = join(import.meta.dirname, "load-and-fault", "serve.ts");
const CHAT = join(import.meta.dirname, "load-and-fault", "chat-process.ts");

const { values } = parseArgs({
  options: {
    modes: { type: "string", default: FAULT_MODES.join(",") },
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    "slow-ms": { type: "string", default: "3000" },
    "budget-ms": { type: "string" },
    workers: { type: "string" },
    "rate-limit": { type: "string", default: "1000000" },
    "request-timeout-seconds": { type: "string", default: "30" },
    questions: { type: "string", default: "../shared/eval/questions.jsonl" },
    minutes: { type: "string", default: "data/minutes" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const modes = values.modes.split(",").map((mode) => {
  if (!(FAULT_MODES as readonly string[]).includes(mode)) {
    throw new Error(`--modes: unknown mode "${mode}" (${FAULT_MODES.join(", ")})`);
  }
  return mode as FaultMode;
});
const seconds = positive("--seconds", values.seconds);
const connections = positive("--connections", values.connections);
if (connections < 3) throw new Error("--connections: at least 3 (one per route)");
const slowMs = positive("--slow-ms", values["slow-ms"]);
const requestTimeoutSeconds = positive(
  "--request-timeout-seconds",
  values["request-timeout-seconds"],
);
const questions = (await loadQuestions(resolve(root, values.questions))).map((entry) => entry.q);
const minutesDir = resolve(root, values.minutes);

const dataDir = await mkdtemp(join(tmpdir(), "referat-load-and-fault-"));
const figures: ModeFigures[] = [];
try {
  // The corpus and the index are built once, before any load, so every mode starts alike.
  const preparing = await startService(serviceEnvironment(null));
  await stopService(preparing.child);
  for (const mode of modes) {
    const chat = await startChat(mode);
    let chatRequests = 0;
    try {
      const service = await startService(serviceEnvironment(chat.baseUrl));
      let routes: RouteFigures[];
      try {
        await answerWorkersReady(service.url);
        await warmUp(service.url, questions[0] ?? "");
        routes = await runLoad({
          baseUrl: service.url,
          questions,
          seconds,
          connections,
          requestTimeoutSeconds,
        });
      } finally {
        service.maxRssBytes = await stopService(service.child);
      }
      chatRequests = await stopChat(chat.child);
      figures.push({
        mode,
        startMs: Math.round(service.startMs),
        maxRssMb: Math.round(service.maxRssBytes / 1024 / 1024),
        chatRequests,
        routes,
      });
    } finally {
      if (chat.child.connected) await stopChat(chat.child);
    }
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ seconds, connections, slowMs, budgetMs: values["budget-ms"] ?? null, modes: figures }, null, 2)}\n`,
  );
} else {
  process.stdout.write(
    `${formatMarkdownTable(figures, { seconds, connections, slowMs, budgetMs: values["budget-ms"] })}\n`,
  );
}

function serviceEnvironment(llmBaseUrl: string | null): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LOG_LEVEL: "error",
    DATA_DIR: dataDir,
    MINUTES_DIR: minutesDir,
    MINUTES_WATCH: "false",
    PORT: "0",
    HOST: "127.0.0.1",
    EMBEDDINGS_PROVIDER: "none",
    HTTP_ASK_RATE_LIMIT_PER_MINUTE: values["rate-limit"],
    ...(values.workers === undefined ? {} : { ANSWER_WORKERS: values.workers }),
    ...(llmBaseUrl === null
      ? {}
      : {
          LLM_BASE_URL: llmBaseUrl,
          LLM_MODEL: "load-model",
          ...(values["budget-ms"] === undefined
            ? {}
            : { LLM_ANSWER_BUDGET_MS: values["budget-ms"] }),
        }),
  };
}

/** The load starts once every answer worker has its corpus (they load it after the server listens). */
async function answerWorkersReady(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as {
      answering?: { mode?: string; workers?: number; starting?: number };
    };
    const answering = health.answering;
    if (answering?.mode !== "workers") return;
    if ((answering.workers ?? 0) > 0 && answering.starting === 0) return;
    if (Date.now() > deadline) throw new Error("the answer workers did not start within 120 s");
    await new Promise((resolveLater) => setTimeout(resolveLater, 50));
  }
}

/** One question before the load: the first answer compiles the answering code paths. */
async function warmUp(url: string, question: string): Promise<void> {
  const response = await fetch(`${url}/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
    signal: AbortSignal.timeout(requestTimeoutSeconds * 1000),
  });
  await response.arrayBuffer();
}

/** The loopback LLM of `mode`, in a process of its own. */
function startChat(mode: FaultMode): Promise<{ child: ChildProcess; baseUrl: string | null }> {
  const child = fork(CHAT, [mode, String(slowMs)], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolveStart, reject) => {
    child.once("message", (message: ChatProcessMessage) => {
      if (message.type === "listening") resolveStart({ child, baseUrl: message.baseUrl });
    });
    child.once("exit", (code) => reject(new Error(`the loopback LLM exited (${code})`)));
  });
}

function stopChat(child: ChildProcess): Promise<number> {
  return new Promise((resolveStop) => {
    let received = 0;
    child.on("message", (message: ChatProcessMessage) => {
      if (message.type === "stopped") received = message.received;
    });
    child.once("exit", () => resolveStop(received));
    child.send({ type: "stop" });
  });
}

interface RunningService {
  child: ChildProcess;
  url: string;
  startMs: number;
  maxRssBytes: number;
}

function startService(env: NodeJS.ProcessEnv): Promise<RunningService> {
  const child = fork(SERVE, [], {
    cwd: root,
    env,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise((resolveStart, reject) => {
    child.once("message", (message: ServeMessage) => {
      if (message.type === "listening") {
        resolveStart({ child, url: message.url, startMs: message.startMs, maxRssBytes: 0 });
      }
    });
    child.once("exit", (code) => reject(new Error(`the service exited (${code}): ${stderr}`)));
  });
}

function stopService(child: ChildProcess): Promise<number> {
  return new Promise((resolveStop) => {
    let maxRssBytes = 0;
    child.on("message", (message: ServeMessage) => {
      if (message.type === "stopped") maxRssBytes = message.maxRssBytes;
    });
    child.once("exit", () => resolveStop(maxRssBytes));
    child.send({ type: "stop" });
  });
}

function positive(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag}: a positive number`);
  return number;
}
