import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/answer/language.ts";

describe("detectLanguage", () => {
  it.each([
    ["Hvad blev der besluttet om arbejdsgruppen for seniorer?", "da"],
    ["Hvem stemte imod?", "da"],
    ["hvornår er næste møde", "da"],
    ["What was decided about the seniors working group?", "en"],
    ["How many of the 27 sub-goals in Beskæftigelsesplan 2020 were fulfilled?", "en"],
    ["Which supplier announced that Sensus Bosted will be phased out?", "en"],
    ["and who was appointed?", "en"],
    ["og hvem blev udpeget?", "da"],
  ] as const)("%s → %s", (question, language) => {
    expect(detectLanguage(question)).toBe(language);
  });

  it("falls back to Danish, the language of the minutes, when there is nothing to go on", () => {
    expect(detectLanguage("")).toBe("da");
    expect(detectLanguage("ACT 2019")).toBe("da");
  });

  it("agrees with the language of every evaluation question", () => {
    const lines = readFileSync(
      new URL("../../../shared/eval/questions.jsonl", import.meta.url),
      "utf8",
    )
      .split("\n")
      .filter((line) => line.trim() !== "");
    const questions = lines.map((line) => JSON.parse(line) as { q: string; lang: string });
    expect(questions.length).toBeGreaterThan(10);
    for (const { q, lang } of questions) expect([q, detectLanguage(q)]).toEqual([q, lang]);
  });
});
