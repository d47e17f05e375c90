import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeterministicEmbedder } from "../fakes/deterministic-embedder.ts";
import {
  embeddingsResponse,
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from "../fakes/openai-compatible-server.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");

interface PublicResult {
  meeting: { id: string; body: string; date: string };
  item: { number: number; title: string };
  section: string;
  score: number;
  legs: string[];
}

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "referat-search-cli-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function search(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(tsx, [join(root, "src/cli.ts"), "search", ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATA_DIR: dataDir,
        MINUTES_DIR: join(root, "data/minutes"),
        EMBEDDINGS_PROVIDER: "none",
        ...env,
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("referat search (lexical only)", () => {
  it("prints the JSON contract, best first, one entry per item", async () => {
    const { code, stdout } = await search([
      "Hvem blev medlem af styregruppen for ACT-indsatsen?",
      "--json",
    ]);
    expect(code).toBe(0);
    const { results } = JSON.parse(stdout) as { results: PublicResult[] };
    expect(results.length).toBeGreaterThan(1);
    expect(results[0]).toEqual({
      meeting: { id: "udsatteraadet-2019-09-18", body: "Udsatterådet", date: "2019-09-18" },
      item: { number: 32, title: "Medlem til styregruppen for ACT-indsatsen" },
      section: expect.any(String),
      score: 1,
      legs: ["lexical"],
    });
    for (const result of results)
      expect(Object.keys(result).sort()).toEqual(["item", "legs", "meeting", "score", "section"]);
    const keys = results.map((result) => `${result.meeting.id}#${result.item.number}`);
    expect(new Set(keys).size).toBe(keys.length);
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("answers English questions about Danish minutes and applies filters and the limit", async () => {
    const { stdout } = await search([
      "Which supplier announced that Sensus Bosted will be phased out?",
      "--json",
      "--body",
      "HMU",
      "--from",
      "2022-01-01",
      "--to",
      "2022-12-31",
      "--limit",
      "1",
    ]);
    const { results } = JSON.parse(stdout) as { results: PublicResult[] };
    expect(results).toHaveLength(1);
    expect(results[0]?.item.title).toContain("IT-system");
    expect(results.every((result) => result.meeting.body === "HMU Socialområdet")).toBe(true);
  });

  it("prints ranked items with score and legs for people, and says the dense leg is off", async () => {
    const { code, stdout } = await search([
      "arbejdsmiljøtemadag",
      "--meeting",
      "2022-04-20",
      "--limit",
      "2",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("retrieval: lexical only (dense off: embeddings are turned off");
    expect(stdout).toMatch(
      /^ 1\. 1\.000 {2}\[lexical\] {2}HMU Socialområdet 20\.04\.2022 · Punkt 11: Arbejdsmiljøtemadag 2022/m,
    );
    expect(stdout).not.toMatch(/^ 3\./m);
  });

  it("rejects bad input with a coded error and a non-zero exit", async () => {
    const badDate = await search(["budget", "--from", "1/1/2020"]);
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toContain("[bad_request] --from must be a date written YYYY-MM-DD");
    const unknownMeeting = await search(["budget", "--meeting", "1999-01-01"]);
    expect(unknownMeeting.code).not.toBe(0);
    expect(unknownMeeting.stderr).toContain("[meeting_not_found]");
    const badLimit = await search(["budget", "--limit", "0"]);
    expect(badLimit.stderr).toContain("[bad_request] --limit");
  });
});

describe("referat search (hybrid, embeddings from a loopback OpenAI-compatible server)", () => {
  let server: OpenAiCompatibleServer;
  beforeAll(async () => {
    const embedder = createDeterministicEmbedder();
    server = await startOpenAiCompatibleServer({
      fallback: (request) => {
        const input = (request.body as { input?: string | string[] } | undefined)?.input ?? [];
        const texts = Array.isArray(input) ? input : [input];
        return embeddingsResponse(texts.map((text) => Array.from(embedder.vectorOf(text))));
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it("fuses both legs and names them", async () => {
    const hybridDataDir = await mkdtemp(join(tmpdir(), "referat-search-cli-hybrid-"));
    try {
      const { code, stdout, stderr } = await search(
        ["Fastholdelse af seniorer", "--json", "--limit", "5"],
        {
          DATA_DIR: hybridDataDir,
          EMBEDDINGS_PROVIDER: "openai",
          EMBEDDINGS_MODEL: "test-embedder",
          EMBEDDINGS_BASE_URL: server.baseUrl,
          EMBEDDINGS_API_KEY: "test-key",
        },
      );
      expect(stderr).not.toContain("lexical only");
      expect(code).toBe(0);
      const { results } = JSON.parse(stdout) as { results: PublicResult[] };
      expect(results[0]?.item.title).toContain("seniorer");
      expect(results[0]?.legs).toEqual(["lexical", "dense"]);
      expect(results.some((result) => result.legs.includes("dense"))).toBe(true);
      expect(server.requests.some((request) => request.path === "/v1/embeddings")).toBe(true);
    } finally {
      await rm(hybridDataDir, { recursive: true, force: true });
    }
  });
});
