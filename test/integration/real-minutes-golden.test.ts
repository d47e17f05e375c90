import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ExpectedMeeting,
  expectedParseSchema,
  isCompanion,
} from "../../scripts/parse-eval/expected-schema.ts";
import { normaliseCaseNumber, normaliseText } from "../../scripts/parse-eval/normalise.ts";
import { decisionMatches } from "../../scripts/parse-eval/score.ts";
import { ingestDirectory, type Meeting } from "../../src/minutes/index.ts";

/**
 * Golden tests on the real documents in ../shared/real-minutes, one per file and format (PDF,
 * DOCX, Acadre XML and its manifest, eDagsorden XML, FirstAgenda JSON, page text), read through
 * the whole ingest pipeline. The expected parses were written by reading the documents, before
 * the parser was changed (test/fixtures/expected-parses, the "dev" split).
 */

const root = resolve(import.meta.dirname, "../..");
const expectedDirectory = join(root, "test/fixtures/expected-parses");
const realMinutes = resolve(root, "../shared/real-minutes");

const expectations = await Promise.all(
  (await readdir(expectedDirectory))
    .filter((name) => name.endsWith(".expected.json"))
    .sort()
    .map(async (name) =>
      expectedParseSchema.parse(JSON.parse(await readFile(join(expectedDirectory, name), "utf8"))),
    ),
);
const realFiles = expectations.filter((expected) => expected.source.includes("real-minutes/"));

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** Ingests one real file on its own, as a person dropping it into an empty minutes folder would. */
async function ingestAlone(source: string) {
  const folder = await mkdtemp(join(tmpdir(), "referat-real-"));
  scratch.push(folder);
  await copyFile(resolve(root, source), join(folder, basename(source)));
  return ingestDirectory(folder);
}

describe.each(realFiles.map((expected) => [basename(expected.source), expected] as const))(
  "real minutes: %s",
  (_name, expected) => {
    if (isCompanion(expected)) {
      it("is read as a companion of another file, never as a meeting or a failure", async () => {
        const result = await ingestAlone(expected.source);
        expect(result.meetings).toEqual([]);
        expect(result.files.map((file) => file.outcome)).toEqual(["companion"]);
      });
      return;
    }

    it("yields one meeting with the expected date, body and document type", async () => {
      const { meeting, failures } = await readMeeting(expected);
      expect(failures).toEqual([]);
      expect(meeting.date).toBe(expected.meeting.date);
      expect(expected.meeting.body.map(normaliseText)).toContain(normaliseText(meeting.body));
      expect(meeting.documentType).toBe(expected.meeting.documentType);
      if (expected.meeting.itemCount !== null) {
        expect(meeting.items).toHaveLength(expected.meeting.itemCount);
      }
    });

    it("finds every item with its title, case number, status and this meeting's decision", async () => {
      const { meeting } = await readMeeting(expected);
      const byNumber = new Map(meeting.items.map((item) => [item.number, item]));
      for (const wanted of expected.items) {
        const item = byNumber.get(wanted.number);
        expect(item, `item ${wanted.number}`).toBeDefined();
        if (!item) continue;
        if (wanted.title !== null) {
          expect(normaliseText(item.title), `title of ${wanted.number}`).toBe(
            normaliseText(wanted.title),
          );
        }
        expect(item.closed, `closed of ${wanted.number}`).toBe(wanted.closed);
        if (wanted.caseNumber !== null) {
          const accepted = [wanted.caseNumber].flat().map(normaliseCaseNumber);
          expect(accepted, `case number of ${wanted.number}`).toContain(
            normaliseCaseNumber(item.caseNumber ?? ""),
          );
        } else if (!wanted.truncated && !wanted.listedOnly) {
          expect(item.caseNumber, `case number of ${wanted.number}`).toBeNull();
        }
        if (wanted.truncated || wanted.listedOnly) continue;
        const decisions = decisionTexts(item);
        if (wanted.decision === null) {
          expect(decisions, `no decision in ${wanted.number}`).toEqual([]);
        } else {
          expect(
            decisionMatches(decisions, wanted.decision),
            `decision of ${wanted.number}: ${decisions.join(" | ").slice(0, 120)}`,
          ).toBe(true);
        }
      }
    });
  },
);

describe("one meeting published as PDF, DOCX and Acadre XML with its manifest", () => {
  it("is kept once, from the XML, and every other file says what became of it", async () => {
    const folder = await mkdtemp(join(tmpdir(), "referat-real-"));
    scratch.push(folder);
    const files = (await readdir(realMinutes)).filter((name) => name.startsWith("Syddjurs_"));
    await Promise.all(files.map((name) => copyFile(join(realMinutes, name), join(folder, name))));

    const result = await ingestDirectory(folder);

    expect(result.meetings.map((meeting) => [meeting.format, meeting.items[0]?.number])).toEqual([
      ["acadre-xml", 715],
    ]);
    expect(
      Object.fromEntries(
        result.files.map((file) => [file.file.replace(/^.*\./u, ""), file.outcome]),
      ),
    ).toEqual({ docx: "superseded", pdf: "superseded", xml: "meeting" });
    const outcomes = result.files.map((file) => [file.format, file.outcome]);
    expect(outcomes).toContainEqual(["acadre-xml", "companion"]);
    for (const file of result.files.filter((report) => report.outcome === "superseded")) {
      expect(file.message).toContain("Syddjurs_UdvalgetForPlanUdviklingOgKultur_2013-06-20.xml");
    }
  });
});

const readings = new Map<string, Promise<{ meeting: Meeting; failures: unknown[] }>>();

/** Each file is read once for all the assertions about it. */
function readMeeting(expected: ExpectedMeeting) {
  let reading = readings.get(expected.source);
  if (!reading) {
    reading = ingestAlone(expected.source).then((result) => {
      expect(result.meetings).toHaveLength(1);
      return { meeting: result.meetings[0] as Meeting, failures: result.failures };
    });
    readings.set(expected.source, reading);
  }
  return reading;
}

function decisionTexts(item: Meeting["items"][number]): string[] {
  return item.sections
    .filter((section) => section.kind === "beslutning" && /\p{L}/u.test(section.text))
    .map((section) => section.text);
}
