/** Roman numerals as minutes, Word lists and HTML lists write them. */

const NUMERALS: readonly [number, string][] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

const VALUES: Readonly<Record<string, number>> = {
  I: 1,
  V: 5,
  X: 10,
  L: 50,
  C: 100,
  D: 500,
  M: 1000,
};

/** 14 → "XIV"; a value outside 1–3999 has no numeral and is written in digits. */
export function toRoman(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 3999) return String(value);
  let rest = value;
  let text = "";
  for (const [amount, numeral] of NUMERALS) {
    while (rest >= amount) {
      text += numeral;
      rest -= amount;
    }
  }
  return text;
}

/** "XIV" → 14; undefined for letters that are no well-formed numeral ("IIII", "VX"). */
export function fromRoman(numeral: string): number | undefined {
  let total = 0;
  for (let index = 0; index < numeral.length; index++) {
    const value = VALUES[numeral[index] ?? ""];
    if (value === undefined) return undefined;
    const next = VALUES[numeral[index + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return toRoman(total) === numeral ? total : undefined;
}
