import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lowerCaseAndStripAccents } from "../../src/index/analyzer-normalize.ts";
import { scanTokens, TOKEN_PATTERN } from "../../src/index/analyzer-tokens.ts";

/** The tokens as TOKEN_PATTERN itself finds them: the definition the scanner must keep to. */
function tokensByPattern(text: string): string[] {
  return (text.match(new RegExp(TOKEN_PATTERN.source, "gu")) ?? []).map((token) =>
    token.replace(" ", ""),
  );
}

const root = join(import.meta.dirname, "../..");
const texts = [
  ...readdirSync(join(root, "data/minutes")).map((name) => join(root, "data/minutes", name)),
  ...readdirSync(join(root, "../shared/real-minutes"), { recursive: true })
    .map(String)
    .filter((name) => /\.(txt|md)$/u.test(name))
    .map((name) => join(root, "../shared/real-minutes", name)),
].map((path) => lowerCaseAndStripAccents(readFileSync(path, "utf8")));

describe("scanTokens", () => {
  it("finds exactly the tokens of TOKEN_PATTERN in real minutes", () => {
    expect(texts.length).toBeGreaterThan(5);
    for (const text of texts) {
      expect(scanTokens(text).map((token) => token.text)).toEqual(tokensByPattern(text));
    }
  });

  it("keeps the edge cases of the pattern", () => {
    const cases = [
      "§ 110 og §110, §  12, § x",
      "6.749.600 kr. og 3,7 mio. 2018-2021 18.09.2019",
      "act-indsatsen, 27.57.16-p20-2-18, a/s og godkendt.næste",
      "slut-, -start, 12., ,5 1,a a,1",
      "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ² ½ ª µ ٣٤ 北京 x²",
    ];
    for (const text of cases) {
      expect(
        scanTokens(text).map((token) => token.text),
        text,
      ).toEqual(tokensByPattern(text));
    }
    expect(scanTokens("senior-arbejdsgruppe 2019")).toEqual([
      {
        kind: "literal",
        text: "senior-arbejdsgruppe",
        alternatives: [],
        words: ["senior", "arbejdsgruppe"],
      },
      { kind: "literal", text: "2019", alternatives: [], words: [] },
    ]);
    expect(scanTokens("ledighed")).toEqual([{ kind: "word", text: "ledighed" }]);
  });
});
