import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run load-and-fault` in a tiny configuration: the real service in a process of its own,
 * loaded for two seconds per mode while the loopback LLM is slow and failing; the figures come out as
 * JSON and the script leaves nothing behind.
 */

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "referat-load-fault-test-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

interface Route {
  route: string;
  served: number;
  statuses: Record<string, number>;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  answers?: { llm: number; extractive: number; withNote: number };
}

describe("the load-and-fault script", () => {
  it("loads ask, search and healthz with the LLM slow and failing, and reports each", async () => {
    const { stdout } = await run(
      tsx,
      [
        join(root, "scripts/load-and-fault.ts"),
        "--modes",
        "slow,failing",
        "--seconds",
        "2",
        "--connections",
        "3",
        "--slow-ms",
        "100",
        "--budget-ms",
        "2000",
        "--workers",
        "0",
        "--json",
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: scratch },
        timeout: 60_000,
      },
    );
    const report = JSON.parse(stdout) as {
      modes: { mode: string; maxRssMb: number; chatRequests: number; routes: Route[] }[];
    };
    expect(report.modes.map((mode) => mode.mode)).toEqual(["slow", "failing"]);
    for (const mode of report.modes) {
      expect(mode.maxRssMb).toBeGreaterThan(20);
      expect(mode.chatRequests).toBeGreaterThan(0);
      expect(mode.routes.map((route) => route.route)).toEqual(["ask", "search", "healthz"]);
      for (const route of mode.routes) {
        expect(route.served).toBeGreaterThan(0);
        expect(route.errors).toBe(0);
        expect(route.p50Ms).toBeLessThanOrEqual(route.p99Ms);
      }
    }
    const [slow, failing] = report.modes.map((mode) => mode.routes[0]?.answers);
    expect(slow?.llm).toBeGreaterThan(0);
    expect(failing).toMatchObject({ llm: 0 });
    expect(failing?.withNote).toBeGreaterThan(0);
    expect(
      (await readdir(scratch)).filter((name) => name.startsWith("referat-load-and-fault-")),
    ).toEqual([]);
  }, 90_000);
});
