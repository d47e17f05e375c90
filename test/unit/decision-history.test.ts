import { describe, expect, it } from "vitest";
import {
  decisionSectionKind,
  rekindDecisionHistory,
  sameBody,
  separateDecisionHistory,
} from "../../src/minutes/decision-history.ts";
import { recogniseHeading } from "../../src/minutes/headings.ts";
import type { SectionKind } from "../../src/minutes/model.ts";

/** The kind the text segmenter gives a heading today, before the meeting is known. */
function headingKind(heading: string): SectionKind {
  return recogniseHeading(heading)?.kind ?? "other";
}

function kindIn(heading: string, meetingDate: string | null, body?: string) {
  return decisionSectionKind(heading, headingKind(heading), { meetingDate, body: body ?? null });
}

describe("decision history: dated decision headings", () => {
  // The three decision headings of Syddjurs PUK item 715 (../shared/real-minutes, 2013-06-20).
  const puk = "Udvalget for plan, udvikling og kultur (PUK)";
  const headings = [
    `Beslutning i ${puk} den 10-04-2013`,
    `Beslutning i ${puk} den 24-04-2013`,
    `Beslutning i ${puk} den 20-06-2013`,
  ];

  it("keeps only the decision dated the meeting's date as this meeting's decision", () => {
    expect(headings.map((heading) => kindIn(heading, "2013-06-20", puk))).toEqual([
      "tidligere-beslutning",
      "tidligere-beslutning",
      "beslutning",
    ]);
  });

  it("reads the meeting of 24 April 2013 the other way round", () => {
    expect(headings.map((heading) => kindIn(heading, "2013-04-24", puk))).toEqual([
      "tidligere-beslutning",
      "beslutning",
      "tidligere-beslutning",
    ]);
  });

  it("leaves dated headings alone when the meeting's date is unknown", () => {
    expect(headings.map((heading) => kindIn(heading, null, puk))).toEqual([
      "beslutning",
      "beslutning",
      "beslutning",
    ]);
  });

  it("reads written and dotted dates too", () => {
    expect(kindIn("Forretningsudvalgets beslutning den 8. november 2022:", "2022-11-08")).toBe(
      "beslutning",
    );
    expect(kindIn("Social- og Sundhedsudvalgets beslutning den 06.11.2012", "2012-12-04")).toBe(
      "tidligere-beslutning",
    );
  });
});

describe("decision history: another body's decision", () => {
  it("treats another body's decision on the case as history (Region Hovedstaden's field captions)", () => {
    expect(kindIn("FORRETNINGSUDVALGETS BESLUTNING", "2012-09-25", "Forretningsudvalget")).toBe(
      "beslutning",
    );
    expect(kindIn("REGIONSRÅDETS BESLUTNING", "2012-09-25", "Forretningsudvalget")).toBe(
      "tidligere-beslutning",
    );
  });

  it("matches a body by its genitive, its definite form, its abbreviation and its election period", () => {
    expect(sameBody("Byrådet", "Byråd 2022-2025")).toBe(true);
    expect(sameBody("Byrådets", "Greve Byråd")).toBe(true);
    expect(sameBody("PUK", "Udvalget for plan, udvikling og kultur (PUK)")).toBe(true);
    expect(sameBody("Regionsrådet", "FORRETNINGSUDVALGET")).toBe(false);
    expect(kindIn("Byrådets beslutning den 5. september 2022", "2022-09-05", "Byråd")).toBe(
      "beslutning",
    );
    expect(
      kindIn("Byrådets beslutning den 5. september 2022", "2022-09-05", "Økonomiudvalget"),
    ).toBe("tidligere-beslutning");
  });

  it("reads a generic 'Udvalgets beslutning' as the meeting body's own", () => {
    expect(kindIn("Udvalgets beslutning", "2022-10-24", "Økonomiudvalget")).toBe("beslutning");
  });

  it("judges no body when the meeting's body is unknown", () => {
    expect(kindIn("REGIONSRÅDETS BESLUTNING", "2012-09-25")).toBe("beslutning");
  });
});

describe("decision history: proposals are never the decision", () => {
  it("kinds proposal and recommendation headings as indstilling", () => {
    for (const heading of [
      "Forslag til beslutning",
      "BESLUTNINGSFORSLAG",
      "ADMINISTRATIONENS INDSTILLING",
      "Indstilling",
    ]) {
      expect(kindIn(heading, "2012-09-25", "Forretningsudvalget"), heading).toBe("indstilling");
    }
  });

  it("kinds headings that announce earlier decisions as history", () => {
    expect(kindIn("Tidligere beslutninger", "2012-09-25")).toBe("tidligere-beslutning");
  });

  it("leaves other sections alone", () => {
    expect(kindIn("Resumé", "2013-06-20")).toBe("resume");
    expect(kindIn("Beslutningskompetence", "2013-06-20")).toBe("other");
    expect(kindIn("Beslutning", "2013-06-20", "Byråd")).toBe("beslutning");
  });
});

describe("rekindDecisionHistory", () => {
  it("changes only the kind, keeping every other field of the segmenter's sections", () => {
    const sections = [
      {
        heading: "Beslutning i Byrådet den 10-04-2013",
        kind: "beslutning" as const,
        slug: "a",
        lineStart: 3,
        lineEnd: 4,
        text: "Udsat.",
      },
      {
        heading: "Beslutning i Byrådet den 20-06-2013",
        kind: "beslutning" as const,
        slug: "b",
        lineStart: 5,
        lineEnd: 6,
        text: "Godkendt.",
      },
    ];
    const rekinded = rekindDecisionHistory(sections, {
      meetingDate: "2013-06-20",
      body: "Byrådet",
    });
    expect(rekinded).toEqual([{ ...sections[0], kind: "tidligere-beslutning" }, sections[1]]);
    expect(rekinded[1]).toBe(sections[1]);
  });
});

describe("separateDecisionHistory", () => {
  it("splits a decision field into its dated entries and drops the entry that has only its date", () => {
    // The shape of Region Hovedstaden's FORRETNINGSUDVALGETS BESLUTNING field on 25 September 2012.
    const text = [
      "18. september 2012: Sagen udsat til behandling på ekstraordinært forretningsudvalgsmøde den 25. september.",
      "",
      "Et medlem deltog ikke i sagens behandling.",
      "",
      "25. september 2012:",
    ].join("\n");
    const sections = separateDecisionHistory(
      [{ heading: "FORRETNINGSUDVALGETS BESLUTNING", kind: "beslutning" as const, text }],
      { meetingDate: "2012-09-25", body: "Forretningsudvalget" },
    );
    expect(sections).toEqual([
      {
        heading: "FORRETNINGSUDVALGETS BESLUTNING",
        kind: "tidligere-beslutning",
        text: [
          "18. september 2012: Sagen udsat til behandling på ekstraordinært forretningsudvalgsmøde den 25. september.",
          "",
          "Et medlem deltog ikke i sagens behandling.",
        ].join("\n"),
      },
    ]);
  });

  it("keeps this meeting's entry as the decision", () => {
    const sections = separateDecisionHistory(
      [
        {
          heading: "Forretningsudvalgets beslutning",
          kind: "beslutning" as const,
          text: "18. september 2012: Udsat.\n\n25. september 2012: Anbefalet.",
        },
      ],
      { meetingDate: "2012-09-25", body: "Forretningsudvalget" },
    );
    expect(sections.map(({ kind, text }) => [kind, text])).toEqual([
      ["tidligere-beslutning", "18. september 2012: Udsat."],
      ["beslutning", "25. september 2012: Anbefalet."],
    ]);
  });

  it("separates decision headings a segmenter joined into one section", () => {
    const sections = separateDecisionHistory(
      [
        {
          heading: "Social- og Sundhedsudvalgets beslutning den 06.11.2012",
          kind: "beslutning" as const,
          text: "Udsat.\nSocial- og Sundhedsudvalgets beslutning den 04.12.2012\nGodkendt.",
        },
      ],
      { meetingDate: "2012-12-04", body: "Social- og Sundhedsudvalget" },
    );
    expect(sections.map(({ heading, kind, text }) => [heading, kind, text])).toEqual([
      ["Social- og Sundhedsudvalgets beslutning den 06.11.2012", "tidligere-beslutning", "Udsat."],
      ["Social- og Sundhedsudvalgets beslutning den 04.12.2012", "beslutning", "Godkendt."],
    ]);
  });

  it("does not split sections that are not decisions, nor decisions whose lines carry no dates", () => {
    const sections = [
      { heading: "Resumé", kind: "resume" as const, text: "18. september 2012: Et møde." },
      {
        heading: "Beslutning",
        kind: "beslutning" as const,
        text: "Godkendt.\n\nAfbud: Lone Hansen",
      },
    ];
    expect(separateDecisionHistory(sections, { meetingDate: "2012-09-25" })).toEqual(sections);
  });
});
