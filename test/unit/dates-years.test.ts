import { describe, expect, it } from "vitest";
import { yearsNamed } from "../../src/minutes/dates.ts";

describe("yearsNamed", () => {
  it("finds the years a question or an item names", () => {
    expect([...yearsNamed("How much is Movia putting bus fares up by in 2014?")]).toEqual(["2014"]);
    expect([...yearsNamed("Regnskab 2021 og budget 2023")]).toEqual(["2021", "2023"]);
    expect(yearsNamed("Hvad besluttede byrådet om skøjtehallen?").size).toBe(0);
  });

  it("counts every year of a span", () => {
    expect([...yearsNamed("Budget 2023-26 - 1. behandling")]).toEqual([
      "2023",
      "2024",
      "2025",
      "2026",
    ]);
    expect([...yearsNamed("vikarbudgetter i skoleåret 2014/15")]).toEqual(["2014", "2015"]);
    expect([...yearsNamed("Psykiatriplan 2018–2021")]).toEqual(["2018", "2019", "2020", "2021"]);
  });

  it("reads a long span, amounts and case numbers for what they are", () => {
    expect([...yearsNamed("Plan 1990-2030")]).toEqual(["1990", "2030"]);
    expect(yearsNamed("et beløb på 12.000 kr. og 2.050 boliger").size).toBe(0);
    expect(yearsNamed("sag 20123456 og tlf. 4320 1234").size).toBe(0);
    expect([...yearsNamed("sagsnr. 2022-012345")]).toEqual(["2022"]);
  });
});
