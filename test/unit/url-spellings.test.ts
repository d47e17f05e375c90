import { describe, expect, it } from "vitest";
import { spellingsOf } from "../support/url-spellings.ts";

/** The spellings the encoding-bypass tests send: the tricks they claim to cover are there. */

describe("spellingsOf", () => {
  it("spells a path in every way the bypass tests need, the path itself first", () => {
    const targets = spellingsOf("/api/ask").map((spelling) => spelling.target);
    expect(targets[0]).toBe("/api/ask");
    expect(targets).toEqual(
      expect.arrayContaining([
        "/%61pi/ask",
        "/%61%70%69/ask",
        "/%41PI/ask",
        "/API/ask",
        "/Api/ask",
        "/%2561pi/ask",
        "/%C1%A1pi/ask",
        "/%EF%BD%81pi/ask",
        "/%D0%B0pi/ask",
        "/ap%C4%B1/ask",
        "//api/ask",
        "/api//ask",
        "/./api/ask",
        "/api/./ask",
        "/x/../api/ask",
        "/api/x/%2E%2E/ask",
        "/%2e/api/ask",
        "/api%2Fask",
        "/api%5Cask",
        "/api/ask/",
        "/api/ask%2F",
        "/api/ask;x",
        "/api/ask?",
        "/api/ask#x",
        "/api/ask%3F",
        "/api/ask%00",
        "http://localhost/api/ask",
        "HTTP://LOCALHOST/API/ASK".replace("/API/ASK", "/api/ask"),
      ]),
    );
    expect(new Set(targets).size).toBe(targets.length);
  });

  it("spells the front page too, asterisk-form included", () => {
    const targets = spellingsOf("/").map((spelling) => spelling.target);
    expect(targets).toEqual(expect.arrayContaining(["/", "//", "*", "http://localhost/", "/%2F"]));
  });

  it("refuses a relative path", () => {
    expect(() => spellingsOf("api/ask")).toThrow(/absolute path/);
  });
});
