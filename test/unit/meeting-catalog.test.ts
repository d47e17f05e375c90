import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMeetingCatalog, parseMinutes } from "../../src/minutes/index.ts";

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
