import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../../src/shared/errors.ts";
import { renderStored } from "../../src/slack/command-listener.ts";
import { createFileFeedbackRecorder } from "../../src/slack/feedback.ts";
import { sampleSummary } from "../fakes/answer-functions.ts";

let directory: string | undefined;
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
        callback();
      },
    }),
  );
  return { logger, lines };
}

describe("createFileFeedbackRecorder", () => {
  it("appends concurrent votes as whole JSON lines, creating the folder", async () => {
    directory = await mkdtemp(join(tmpdir(), "referat-feedback-"));
    const path = join(directory, "nested", "feedback.jsonl");
    const { logger, lines } = capturingLogger();
    const recorder = createFileFeedbackRecorder({
      path,
      logger,
      now: () => new Date("2024-05-01T10:00:00Z"),
    });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        recorder.record({
          questionId: `q${index}`,
          vote: index % 2 ? "down" : "up",
          userId: "U1",
          question: "hemmelig",
        }),
      ),
    );
    const written = (await readFile(path, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(written).toHaveLength(20);
    expect(written[0]).toEqual({
      questionId: "q0",
      vote: "up",
      userHash: expect.any(String),
      at: "2024-05-01T10:00:00.000Z",
    });
    expect(new Set(written.map((record) => record.userHash)).size).toBe(1);
    expect(JSON.stringify(written)).not.toContain("hemmelig");
    expect(JSON.stringify(lines.filter((line) => Number(line.level) >= 30))).not.toContain(
      "hemmelig",
    );
  });

  it("fails with feedback_unwritable when the file cannot be written", async () => {
    directory = await mkdtemp(join(tmpdir(), "referat-feedback-"));
    const blocker = join(directory, "a-file");
    await writeFile(blocker, "");
    const recorder = createFileFeedbackRecorder({
      path: join(blocker, "feedback.jsonl"),
      logger: capturingLogger().logger,
    });
    const error = await recorder
      .record({ questionId: "q", vote: "up" })
      .catch((caught: unknown) => caught);
    expect(isAppError(error, "feedback_unwritable")).toBe(true);
  });
});

describe("renderStored", () => {
  it("shares a summary naming who shared it, without the share button", () => {
    const stored = {
      kind: "summary" as const,
      question: "seneste",
      language: "da" as const,
      summary: sampleSummary(),
    };
    const [asker] = renderStored(stored, "q1", { shareable: true, userId: "U1" });
    const [shared] = renderStored(stored, "q1", { shareable: false, userId: "U1" });
    expect(JSON.stringify(asker?.blocks)).toContain("referat_share");
    expect(JSON.stringify(shared?.blocks)).not.toContain("referat_share");
    expect(JSON.stringify(shared?.blocks)).toContain("Delt af <@U1>");
  });
});
