import { describe, expect, it } from "vitest";
import { splitIntoUnits } from "../../src/answer/sentences.ts";

function texts(text: string): string[] {
  const units = splitIntoUnits(text);
  for (const unit of units) expect(text.slice(unit.start, unit.end)).toBe(unit.text);
  return units.map((unit) => unit.text);
}

describe("splitIntoUnits", () => {
  it("splits sentences but not at abbreviations, dates or list numbers", () => {
    expect(
      texts(
        "Projektet startede den 26. september 2019 med informationsmøder. I alt 65 deltog, bl.a. fra FOA. Mødet holdes kl. 16.00 i Randers.\n1. Udkast til kvalitetsstandard",
      ),
    ).toEqual([
      "Projektet startede den 26. september 2019 med informationsmøder.",
      "I alt 65 deltog, bl.a. fra FOA.",
      "Mødet holdes kl. 16.00 i Randers.",
      "1. Udkast til kvalitetsstandard",
    ]);
  });

  it("keeps a list with the sentence that introduces it", () => {
    expect(
      texts(
        "Udkast er sendt i høring hos følgende parter:\n\n- Borgere\n- Handicaprådet\n\nBilag\n\nAndet afsnit.",
      ),
    ).toEqual([
      "Udkast er sendt i høring hos følgende parter:\n\n- Borgere\n- Handicaprådet",
      "Bilag",
      "Andet afsnit.",
    ]);
  });

  it("takes short plain lines as a list when no bullets follow the colon", () => {
    expect(
      texts(
        "Til næste møde er der følgende punkter:\n\nStatus på antiradikalisering\n\nStatus på Netværkslokomotivet\n\nForvaltningen orienterede om sagen.",
      ),
    ).toEqual([
      "Til næste møde er der følgende punkter:\n\nStatus på antiradikalisering\n\nStatus på Netværkslokomotivet",
      "Forvaltningen orienterede om sagen.",
    ]);
  });

  it("returns nothing for blank text", () => {
    expect(texts(" \n\n ")).toEqual([]);
  });
});
