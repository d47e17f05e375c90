import { describe, expect, it } from "vitest";
import { isAttendanceNote, isBareDecision, isFormality } from "../../src/answer/bare-decision.ts";
import { approvesRecommendation } from "../../src/answer/fact-patterns.ts";

/** What summaries quote beside a decision: bare decisions told apart from ones that say something. */

describe("isBareDecision, on decisions as real minutes write them", () => {
  it.each([
    // Randers, Aalborg, Region Hovedstaden, Greve
    [["Taget til efterretning"]],
    [["Godkendt."]],
    [["Drøftet."]],
    [["1. Drøftet", "2. Udsat"]],
    [["Godkendt.", "Mette Ekstrøm og Rikke Pedersen var fraværende."]],
    [["Til orientering.", "Mødet blev suspenderet i 5 min."]],
    [
      [
        "Anbefalet.",
        "Jesper Hammer (D), Peter Westermann (F) og Tormod Olsen (Ø) deltog ikke i sagens behandling.",
      ],
    ],
    [["Byrådet godkendte Økonomiudvalgets indstilling."]],
    [["Byrådet godkendte administrationens indstilling."]],
    [
      [
        "Økonomiudvalget anbefaler overfor Byrådet at Klima-, Teknik- og Miljøudvalgets indstilling godkendes.",
      ],
    ],
    [["Orienteringen blev taget til efterretning."]],
    [["Indstillingen tiltrådt."]],
    [
      [
        "Med stemmerne 20 for og 1 imod godkendte Byrådet Økonomiudvalgets indstilling.",
        "For stemte: (V), (A), (C), (D), Liselott Blixt (UP) og (F).",
        "Imod stemte: (Ø).",
      ],
    ],
  ])("%j is bare", (sentences) => {
    expect(isBareDecision(sentences)).toBe(true);
  });

  it.each([
    [["Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen."]],
    [["Udsatterådet besluttede at afgive et høringssvar"]],
    [["Godkendt.", "Sag 3 udgår."]],
    [
      [
        "Godkendt, at gruppe A har udpeget byrådsmedlem Jesper Kinch-Jensen som nyt medlem i stedet for rådmand Søren Thorsager.",
      ],
    ],
    [
      [
        "Økonomiudvalget anbefaler overfor Byrådet at administrationens indstilling godkendes, med den præcisering, at kommunen kan anvende hele eller dele af arealet til andet end klimatilpasning.",
      ],
    ],
    [
      [
        "Borgmesteren orienterede om status på FGU på baggrund af anonym henvendelse.",
        "Orienteringen blev taget til efterretning.",
      ],
    ],
  ])("%j says what was decided", (sentences) => {
    expect(isBareDecision(sentences)).toBe(false);
  });

  it("tells approvals from notes, and attendance from substance", () => {
    expect(approvesRecommendation("Byrådet godkendte Økonomiudvalgets indstilling.")).toBe(true);
    expect(approvesRecommendation("Anbefales.")).toBe(true);
    expect(approvesRecommendation("Taget til efterretning")).toBe(false);
    expect(approvesRecommendation("Drøftet")).toBe(false);
    // The one recogniser of approvals serves summaries and extractive answers alike.
    expect(approvesRecommendation("Indstillingen tiltrådt.")).toBe(true);
    expect(approvesRecommendation("Godkendt uden bemærkninger.")).toBe(true);
    expect(approvesRecommendation("1. Godkendt")).toBe(true);
    expect(approvesRecommendation("Udvalget tiltræder indstillingen.")).toBe(true);
    expect(approvesRecommendation("Indstillingen blev ikke godkendt.")).toBe(false);
    expect(
      approvesRecommendation(
        "Økonomiudvalget anbefaler overfor Byrådet at orienteringen tages til efterretning.",
      ),
    ).toBe(false);
    expect(approvesRecommendation("Dagsordenen blev godkendt.")).toBe(false);
    expect(isAttendanceNote("Fraværende: Heidi Serny Jacobsen")).toBe(true);
    expect(
      isAttendanceNote("Martin Geertsen (V) forlod mødet kl. 12:03 og kom tilbage kl. 12:45."),
    ).toBe(true);
    expect(isAttendanceNote("Sag 3 udgår.")).toBe(false);
    expect(isFormality("1. at orienteringen tages til efterretning.")).toBe(true);
    expect(isFormality("Foretoges.")).toBe(true);
    expect(isFormality("1. at dagsorden og tidsplan godkendes")).toBe(true);
    expect(isFormality("1. at udsatterådet udvælger et medlem")).toBe(false);
  });
});
