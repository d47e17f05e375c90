import { describe, expect, it } from "vitest";
import { unglueHeadings } from "../../src/minutes/readers/glued-headings.ts";

function texts(text: string): string[] {
  return unglueHeadings(text).lines.map((line) => line.text);
}

describe("unglueHeadings: flat text whose headings are glued to their neighbours", () => {
  it("splits a heading glued before its text and after the previous sentence", () => {
    expect(
      texts(
        "SammendragForvaltningen fremlægger sagen.IndstillingDirektøren indstiller, at sagen godkendes.",
      ),
    ).toEqual([
      "Sammendrag",
      "Forvaltningen fremlægger sagen.",
      "Indstilling",
      "Direktøren indstiller, at sagen godkendes.",
    ]);
  });

  it("splits a dated decision heading glued to the decision", () => {
    expect(texts("Børne- og Ungdomsudvalgets beslutning den 12.03.2024Godkendt.")).toEqual([
      "Børne- og Ungdomsudvalgets beslutning den 12.03.2024",
      "Godkendt.",
    ]);
  });

  it("takes out a labelled case number and keeps everything else as written", () => {
    const { lines, caseNumber } = unglueHeadings(
      "Sagsnr.: 24/01234BaggrundMcDonald's og iPhone-brugere skrev til ØkonomiUdvalget.",
    );
    expect(caseNumber).toBe("24/01234");
    expect(lines.map((line) => line.text)).toEqual([
      "Baggrund",
      "McDonald's og iPhone-brugere skrev til ØkonomiUdvalget.",
    ]);
  });

  it("keeps line breaks and blank lines, numbering lines as the text does", () => {
    const { lines } = unglueHeadings("Resumé\nEt afsnit.\n\nBeslutning: Godkendt.");
    expect(lines.map((line) => [line.number, line.text])).toEqual([
      [1, "Resumé"],
      [2, "Et afsnit."],
      [3, ""],
      [4, "Beslutning"],
      [4, "Godkendt."],
    ]);
  });
});
