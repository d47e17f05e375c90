import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The production start: `npm run build` bundles the server, the CLI and the answer worker into
 * dist/, and `node dist/main.js` (what `npm start` runs after building) serves the bundled
 * minutes with an answer worker, from a working folder outside the checkout, without tsx.
 */

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const MINUTES_DIR = join(ROOT, "data/minutes");
const ACT_QUESTION = "Hvem blev medlem af styregruppen for ACT-indsatsen?";

let workDir: string;

function environment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATA_DIR: join(workDir, "data"),
    MINUTES_DIR,
    PORT: "0",
    EMBEDDINGS_PROVIDER: "none",
    MINUTES_WATCH: "false",
    ANSWER_WORKERS: "1",
    LOG_LEVEL: "warn",
  };
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "referat-build-"));
  await run(join(ROOT, "node_modules/.bin/tsx"), ["scripts/build.ts"], {
    cwd: ROOT,
    timeout: 120_000,
  });
}, 150_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("npm run build", () => {
  it("bundles main, CLI and worker as plain ESM with source maps and no naming helpers", async () => {
    for (const bundle of ["main", "cli", "answer-worker"]) {
      const code = await readFile(join(ROOT, "dist", `${bundle}.js`), "utf8");
      expect(code).not.toContain("__name(");
      expect(code).not.toMatch(/from "tsx/);
      expect(code).toContain(`//# sourceMappingURL=${bundle}.js.map`);
    }
  });

  it("serves from dist/main.js with an answer worker: /healthz and a real answer", async () => {
    const server = spawn(process.execPath, ["--enable-source-maps", join(ROOT, "dist/main.js")], {
      cwd: workDir,
      env: environment(),
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      const url = await serverUrl(server);
      const health = await (await fetch(`${url}/healthz`)).json();
      expect(health).toMatchObject({
        status: "ok",
        answering: { mode: "workers", workers: 1, starting: 0 },
      });
      const response = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: ACT_QUESTION }),
      });
      expect(response.status).toBe(200);
      expect((await response.json()).text).toContain("Henrik Juncher");
    } finally {
      const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("runs the CLI from dist/cli.js, finding its synonyms and prompts from the package root", async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, "dist/cli.js"), "ask", ACT_QUESTION, "--json"],
      { cwd: workDir, env: environment(), timeout: 60_000 },
    );
    expect(JSON.parse(stdout).text).toContain("Henrik Juncher");
  });
});

/** Reads the server's stderr until it says where it listens. */
function serverUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    server.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Referat is running: open (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once("exit", (code) =>
      reject(new Error(`dist/main.js exited with ${code} before serving:\n${output}`)),
    );
  });
}
