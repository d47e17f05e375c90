import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type MeetingCatalog,
  meetingReferenceProblem,
  requireMeeting,
} from "../../src/minutes/catalog.ts";
import { createMeetingCatalog, ingestDirectory, parseMinutes } from "../../src/minutes/index.ts";
import type { AppError } from "../../src/shared/errors.ts";

const directory = new URL("../../data/minutes/", import.meta.url);
const meetings = readdirSync(directory).map((file) =>
  parseMinutes(readFileSync(new URL(file, directory), "utf8"), file),
);
const catalog = createMeetingCatalog(meetings);

describe("MeetingCatalog", () => {
  it("lists meetings newest first and filters by body", () => {
    expect(catalog.list().map((meeting) => meeting.date)).toEqual([
      "2023-10-11",
      "2022-04-20",
      "2021-09-27",
      "2020-01-14",
      "2019-09-18",
    ]);
    expect(catalog.list({ body: "udsatterådet" }).map((meeting) => meeting.id)).toEqual([
      "udsatteraadet-2021-09-27",
      "udsatteraadet-2019-09-18",
    ]);
  });

  it.each([
    ["udsatteraadet-2019-09-18", "udsatteraadet-2019-09-18"],
    ["latest", "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11"],
    ["seneste", "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11"],
    ["2020-01-14", "beskaeftigelsesudvalget-2020-01-14"],
    ["18.09.2019", "udsatteraadet-2019-09-18"],
    ["20-04-2022", "hmu-socialomraadet-2022-04-20"],
    ["Udsatterådet 27.09.2021", "udsatteraadet-2021-09-27"],
    ["udsatterådet seneste", "udsatteraadet-2021-09-27"],
    ["HMU", "hmu-socialomraadet-2022-04-20"],
  ])("resolves %s", (reference, id) => {
    expect(catalog.resolve(reference)?.id).toBe(id);
  });

  it.each([["2018-01-01"], ["Udsatterådet 2020-01-14"], ["svømmeklubben"], [""]])(
    "finds nothing for %s",
    (reference) => {
      expect(catalog.resolve(reference)).toBeUndefined();
    },
  );
});

describe("MeetingCatalog over real minutes of eight municipalities and regions", () => {
  let real: MeetingCatalog;
  beforeAll(async () => {
    const ingested = await Promise.all(
      ["../shared/real-minutes", "../shared/seeds"].map((directory) => ingestDirectory(directory)),
    );
    real = createMeetingCatalog(ingested.flatMap((result) => result.meetings));
  });

  it.each([
    ["seneste", "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11"],
    ["latest", "lom-i-center-for-psykiatri-og-socialt-udsatte-2023-10-11"],
    ["seneste byrådsmøde", "byraadet-2023-06-19"],
    ["sidste møde i byrådet", "byraadet-2023-06-19"],
    ["byrådsmødet 05.09.2022", "byraad-2022-09-05"],
    ["latest økonomiudvalget", "oekonomiudvalget-2022-10-24"],
    ["seneste økonomiudvalgsmøde", "oekonomiudvalget-2022-10-24"],
    ["økonomiudvalgets møde 26.04.2017", "oekonomiudvalget-2017-04-26"],
    ["the latest meeting of the udsatteråd", "udsatteraadet-2021-09-27"],
    ["Randers udsatterådet 18. september 2019", "udsatteraadet-2019-09-18"],
    ["seneste kommunalbestyrelse", "kommunalbestyrelsen-2015-09-28"],
    ["Odense byråd", "odense-byraad-2008-03-26"],
    [
      "udvalget for plan, udvikling og kultur",
      "udvalget-for-plan-udvikling-og-kultur-puk-2013-06-20",
    ],
  ])("resolves %s", (reference, id) => {
    expect(real.resolve(reference)?.id).toBe(id);
    expect(requireMeeting(real, reference).id).toBe(id);
  });

  it("tells a reference that matches nothing (meeting_not_found) from one that names nothing (bad_request)", () => {
    for (const reference of ["seneste svømmeklubben", "byrådet 2030-01-01", "Greve byråd"]) {
      expect(real.resolve(reference)).toBeUndefined();
      expect(meetingReferenceProblem(reference)).toBeUndefined();
      const error = caught(() => requireMeeting(real, reference));
      expect(error).toMatchObject({ code: "meeting_not_found" });
      expect((error as AppError).message).toBe(`No meeting matches "${reference}"`);
    }
    expect(meetingReferenceProblem("byrådet 2022-02-30")).toBe(
      '"2022-02-30" is not a calendar date',
    );
    expect(meetingReferenceProblem("31.04.2022")).toBe('"31.04.2022" is not a calendar date');
    expect(meetingReferenceProblem("!!!")).toBe("it holds no letters or digits");
    expect(meetingReferenceProblem("   ")).toBe("it is empty");
    expect(meetingReferenceProblem("x".repeat(201))).toBe("it is longer than 200 characters");
    const error = caught(() => requireMeeting(real, "byrådet 2022-02-30"));
    expect(error).toMatchObject({ code: "bad_request" });
    expect((error as AppError).message).toContain('"2022-02-30" is not a calendar date');
  });
});

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
