import { describe, expect, it } from "vitest";
import {
  COMPOUND_PART_QUERY_WEIGHT,
  createDanishAnalyzer,
  createPlainAnalyzer,
} from "../../src/index/danish-analyzer.ts";

/** A few sentences in the style of the minutes: the vocabulary compounds are split against. */
const CORPUS = [
  "Der nedsættes en arbejdsgruppe med en senior fra hver afdeling til at arbejde med det.",
  "Gruppen mødes hver måned. Fastholdelse af medarbejdere er vigtig, og en snak om trivsel hjælper.",
  "Borgerne skal inddrages, og borgeren har ret til en plan.",
  "Ledigheden faldt, og lederen af jobcentret gav en status. Det er gerne sådan, at man bor tæt på.",
];

function learnedAnalyzer() {
  const analyzer = createDanishAnalyzer();
  analyzer.learn(CORPUS);
  return analyzer;
}

describe("stemming", () => {
  it("gives the inflected forms of a word one stem", () => {
    const analyzer = createDanishAnalyzer();
    const stems = ["arbejdsgruppe", "arbejdsgruppen", "arbejdsgrupper", "arbejdsgrupperne"].map(
      (word) => analyzer.indexTerms(word)[0],
    );
    expect(new Set(stems)).toEqual(new Set(["arbejdsgrup"]));
    expect(analyzer.indexTerms("besluttede")[0]).toBe(analyzer.indexTerms("besluttet")[0]);
    expect(analyzer.indexTerms("budgettet")[0]).toBe(analyzer.indexTerms("budget")[0]);
  });

  it("keeps -hed nouns apart from the words Snowball would merge them with", () => {
    const analyzer = createDanishAnalyzer();
    expect(analyzer.indexTerms("ledighed")).toEqual(["ledighed"]);
    expect(analyzer.indexTerms("ledigheden")).toEqual(["ledighed"]);
    expect(analyzer.indexTerms("leder")[0]).not.toBe("ledighed");
  });
});

describe("compound splitting", () => {
  it("splits a compound into parts the corpus uses on their own", () => {
    const terms = learnedAnalyzer().indexTerms("seniorarbejdsgruppe");
    expect(terms[0]).toBe("seniorarbejdsgrup");
    // "arbejdsgruppe", "gruppe" and "senior" are all findable inside it.
    expect(terms).toEqual(expect.arrayContaining(["arbejdsgrup", "grup", "senior"]));
  });

  it("lets a query compound find its first part, at a lower weight", () => {
    const terms = learnedAnalyzer().queryTerms("fastholdelsessnakken");
    expect(terms).toContainEqual({ term: "fastholdelsessnak", weight: 1 });
    expect(terms).toContainEqual({ term: "fasthold", weight: COMPOUND_PART_QUERY_WEIGHT });
    expect(terms).toContainEqual({ term: "snak", weight: COMPOUND_PART_QUERY_WEIGHT });
  });

  it("does not split words whose parts the corpus does not know", () => {
    const empty = createDanishAnalyzer();
    expect(empty.indexTerms("seniorarbejdsgruppe")).toEqual(["seniorarbejdsgrup"]);
  });

  it("does not mistake an inflected word for a compound", () => {
    const analyzer = learnedAnalyzer();
    // "bor" and "gerne" are in the corpus, but "borgernes" is "borger" + ending.
    expect(analyzer.indexTerms("borgernes")).toEqual(["borg"]);
    // "-else" is a derivational ending (and a name), not a part.
    expect(analyzer.indexTerms("fastholdelse")).not.toContain("els");
  });

  it("restores the vocabulary it was given, so a loaded index splits as the built one did", () => {
    const learned = learnedAnalyzer();
    const restored = createDanishAnalyzer({ vocabulary: learned.vocabulary() });
    expect(restored.indexTerms("seniorarbejdsgruppen")).toEqual(
      learned.indexTerms("seniorarbejdsgruppen"),
    );
    expect(learned.vocabulary()).toContain("arbejdsgruppe");
  });
});

describe("æ/ø/å folding", () => {
  it("matches the Danish letters and their ASCII spellings both ways", () => {
    const analyzer = createDanishAnalyzer();
    expect(analyzer.indexTerms("Udsatteraadet")).toEqual(analyzer.indexTerms("Udsatterådet"));
    expect(analyzer.indexTerms("oekonomi")).toEqual(analyzer.indexTerms("Økonomi"));
    expect(analyzer.indexTerms("Naestformand")).toEqual(analyzer.indexTerms("næstformand"));
    expect(analyzer.queryTerms("moede")).toEqual(analyzer.queryTerms("MØDE"));
  });

  it("ignores optional accents", () => {
    const analyzer = createDanishAnalyzer();
    expect(analyzer.indexTerms("idé")).toEqual(analyzer.indexTerms("ide"));
  });
});

describe("stop words", () => {
  it("drops Danish function words but keeps negations, counts and naming words", () => {
    const analyzer = createDanishAnalyzer();
    expect(analyzer.indexTerms("og det at der som")).toEqual([]);
    const kept = analyzer.indexTerms("ikke flere næste ny tre");
    expect(kept).toHaveLength(5);
  });

  it("drops English function words from queries only", () => {
    const analyzer = createDanishAnalyzer();
    expect(analyzer.queryTerms("What was the budget?").map((term) => term.term)).toEqual(["budg"]);
    expect(analyzer.indexTerms("the")).toEqual(["the"]);
  });
});

describe("numbers, amounts and case numbers", () => {
  const analyzer = createDanishAnalyzer();

  it("keeps amounts as written and without thousands separators", () => {
    expect(analyzer.indexTerms("i alt 6.749.600 kr.")).toEqual(
      expect.arrayContaining(["6.749.600", "6749600"]),
    );
    expect(analyzer.indexTerms("forventet resultat på 3,7 mio.")).toContain("3,7");
    expect(analyzer.queryTerms("6749600").map((term) => term.term)).toEqual(["6749600"]);
  });

  it("keeps paragraphs findable with or without the space and the sign", () => {
    expect(analyzer.indexTerms("borgere på §110 området")).toEqual(
      expect.arrayContaining(["§110", "110"]),
    );
    expect(analyzer.indexTerms("efter § 110")).toEqual(expect.arrayContaining(["§110"]));
  });

  it("keeps case numbers whole", () => {
    expect(analyzer.indexTerms("Sagsnr. 27.57.16-P20-2-18")).toContain("27.57.16-p20-2-18");
    expect(analyzer.indexTerms("1-13-3-131-21")).toContain("1-13-3-131-21");
  });

  it("finds years inside dates and ranges, and the words of hyphenated names", () => {
    expect(analyzer.indexTerms("den 18.09.2019")).toEqual(
      expect.arrayContaining(["18.09.2019", "2019"]),
    );
    expect(analyzer.indexTerms("Psykiatriplan 2018-2021")).toEqual(
      expect.arrayContaining(["2018-2021", "2018", "2021"]),
    );
    expect(analyzer.indexTerms("ACT-indsatsen")).toEqual(
      expect.arrayContaining(["act-indsatsen", "act", analyzer.indexTerms("indsatsen")[0]]),
    );
  });
});

describe("English plurals in queries", () => {
  it("maps an English plural onto the Danish word the corpus uses", () => {
    const terms = learnedAnalyzer()
      .queryTerms("seniors")
      .map((term) => term.term);
    expect(terms).toContain("senior");
  });
});

describe("plain analyser (the baseline)", () => {
  it("only lower-cases and splits words", () => {
    const plain = createPlainAnalyzer();
    expect(plain.indexTerms("Arbejdsgruppen og Udsatterådet, 6.749.600")).toEqual([
      "arbejdsgruppen",
      "og",
      "udsatterådet",
      "6",
      "749",
      "600",
    ]);
  });
});
