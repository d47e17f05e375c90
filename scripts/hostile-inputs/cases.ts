/**
 * Worst-case inputs for the per-question and per-document analysis, built deterministically (a
 * seeded generator for the random ones), so two runs measure the same text.
 */

export interface HostileCase {
  name: string;
  text: string;
}

/** The longest question the HTTP API takes (MAX_QUESTION_LENGTH in src/http/request-schemas.ts). */
export const QUESTION_LENGTH = 2000;
/** A "word" or line of this many characters in a minutes file. */
export const DOCUMENT_RUN_LENGTH = 200_000;

/** Mulberry32: a small seeded generator, enough to make the same random text each run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const cut = (text: string, length: number) => text.slice(0, length);
const repeatTo = (unit: string, length: number) =>
  cut(unit.repeat(Math.ceil(length / unit.length)), length);

/** Code points from scripts and classes that trip up text code: RTL, combining, CJK, emoji, controls. */
const UNICODE_RANGES: [number, number][] = [
  [0x0000, 0x001f],
  [0x0300, 0x036f],
  [0x0590, 0x05ff],
  [0x0600, 0x06ff],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x4e00, 0x4fff],
  [0x1f300, 0x1f5ff],
  [0x0041, 0x007a],
  [0x00c0, 0x00ff],
];

export function randomUnicode(length: number, seed: number): string {
  const random = seededRandom(seed);
  let text = "";
  while (text.length < length) {
    const [low, high] = UNICODE_RANGES[Math.floor(random() * UNICODE_RANGES.length)] as [
      number,
      number,
    ];
    text += String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
  }
  return cut(text, length);
}

function randomLetters(length: number, seed: number, alphabet: string): string {
  const random = seededRandom(seed);
  let text = "";
  for (let index = 0; index < length; index += 1) {
    text += alphabet[Math.floor(random() * alphabet.length)];
  }
  return text;
}

/** Questions of at most QUESTION_LENGTH characters. */
export function questionCases(length = QUESTION_LENGTH): HostileCase[] {
  return [
    { name: "one word of one letter repeated", text: repeatTo("b", length) },
    { name: "one word of random letters", text: randomLetters(length, 1, "abdefgiklmnoprstuvæøå") },
    { name: "one word of repeated compounds", text: repeatTo("arbejdsgruppe", length) },
    { name: "one word of repeated short parts", text: repeatTo("budget", length) },
    { name: "one word folding aa/ae/oe", text: repeatTo("aeoe", length) },
    { name: "one-letter words", text: repeatTo("b ", length) },
    { name: "compounds as words", text: repeatTo("seniorarbejdsgruppen ", length) },
    { name: "hyphen-joined words", text: repeatTo("budget-", length) },
    { name: "digit run", text: repeatTo("7", length) },
    { name: "grouped amount", text: `1${repeatTo(".000", length - 1)}` },
    { name: "case-number-like run", text: repeatTo("12-", length) },
    { name: "paragraph signs", text: repeatTo("§ 1 ", length) },
    { name: "random unicode", text: randomUnicode(length, 2) },
    { name: "combining marks on one letter", text: `a${repeatTo("\u0301", length - 1)}` },
    { name: "quoted phrase of one-letter words", text: `"${repeatTo("a ", length - 3)}"` },
    { name: "question words and bodies", text: repeatTo("hvad mente hvad ", length) },
    { name: "who ... against", text: repeatTo("hvem nogen ", length) },
    { name: "spaces", text: `a${" ".repeat(length - 2)}b` },
  ];
}

/** Minutes files around hostile runs, each with real agenda items so that a meeting is expected. */
export function documentCases(length = DOCUMENT_RUN_LENGTH): HostileCase[] {
  const minutes = (middle: string) =>
    `Referat\nUdsatterådet\n18. september 2019\n\nPunkt 1: Budget\n\nBeslutning\n${middle}\n\nPunkt 2: Eventuelt\n\nBeslutning\nIntet.\n`;
  return [
    { name: "one word of one letter repeated", text: minutes(repeatTo("b", length)) },
    { name: "one word of repeated compounds", text: minutes(repeatTo("arbejdsgruppe", length)) },
    {
      name: "one word of random letters",
      text: minutes(randomLetters(length, 3, "abdegiklmnorstæøå")),
    },
    { name: "line of spaces before a letter", text: minutes(`a${" ".repeat(length)}b`) },
    { name: "line ending in spaces", text: minutes(`a${" ".repeat(length)}`) },
    { name: "tabs and no-break spaces", text: minutes(`a${repeatTo("\t\u00a0 ", length)}b`) },
    { name: "bold spans on one line", text: minutes(repeatTo("**a** ", length)) },
    { name: "bold spans glued", text: minutes(repeatTo("**a**", length)) },
    { name: "underscore spans", text: minutes(repeatTo("__a__", length)) },
    { name: "unclosed bold marks", text: minutes(repeatTo("**a ", length)) },
    {
      name: "nested brackets",
      text: minutes(`${"[".repeat(length / 2)}${"]".repeat(length / 2)}`),
    },
    { name: "links", text: minutes(repeatTo("[a](b) ", length)) },
    { name: "pipes", text: minutes(repeatTo("| a ", length)) },
    { name: "dots (contents leaders)", text: minutes(`a${".".repeat(length)}x`) },
    { name: "colons", text: minutes(`Beslutning${repeatTo(" :", length)}`) },
    { name: "digit run", text: minutes(repeatTo("7", length)) },
    { name: "case-number-like run", text: minutes(repeatTo("12-", length)) },
    { name: "random unicode", text: minutes(randomUnicode(length, 4)) },
    { name: "NUL and controls", text: minutes(repeatTo("\u0000\u0001\u001f a", length)) },
    { name: "many short lines", text: minutes(repeatTo("a\n", length)) },
    { name: "many blank lines", text: minutes("\n".repeat(length)) },
    {
      name: "many item headings",
      text: minutes(Array.from({ length: 5000 }, (_, n) => `Punkt ${n + 3}: Sag ${n}`).join("\n")),
    },
  ];
}
