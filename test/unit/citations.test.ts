import { describe, expect, it } from "vitest";
import {
  createCitation,
  formatCitationLabel,
  shortenQuote,
  uniqueCitations,
} from "../../src/answer/citations.ts";

const meeting = { id: "udsatteraadet-2019-09-18", body: "Udsatterådet", date: "2019-09-18" };
const item = {
  number: 32,
  title: "Medlem til styregruppen for ACT-indsatsen",
  caseNumber: "27.57.16-P20-2-18",
  closed: false,
};
const decision = { heading: "Beslutning", slug: "beslutning", kind: "beslutning" as const };

describe("createCitation", () => {
  it("cites a section with its anchor URL and a verbatim quote", () => {
    const citation = createCitation({
      meeting,
      item,
      section: decision,
      quote: "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
      publicBaseUrl: "https://referat.example.dk/",
    });
    expect(citation).toEqual({
      meetingId: "udsatteraadet-2019-09-18",
      body: "Udsatterådet",
      date: "2019-09-18",
      number: 32,
      title: "Medlem til styregruppen for ACT-indsatsen",
      section: "Beslutning",
      sectionSlug: "beslutning",
      sectionKind: "beslutning",
      quote: "Udsatterådet udpeger Henrik Juncher som medlem i ACT-styregruppen.",
      url: "https://referat.example.dk/meetings/udsatteraadet-2019-09-18#punkt-32-beslutning",
      closed: false,
    });
  });

  it("cites a closed item as closed: item anchor, no section, no quote", () => {
    const citation = createCitation({
      meeting: {
        id: "beskaeftigelsesudvalget-2020-01-14",
        body: "Beskæftigelsesudvalget",
        date: "2020-01-14",
      },
      item: { number: 5, title: "Lukket", caseNumber: null, closed: true },
      section: { heading: "Tekst", slug: "tekst" },
      quote: "secret content",
      publicBaseUrl: "http://localhost:3000",
    });
    expect(citation.closed).toBe(true);
    expect(citation.quote).toBe("");
    expect(citation.section).toBe("");
    expect(citation.url).toBe(
      "http://localhost:3000/meetings/beskaeftigelsesudvalget-2020-01-14#punkt-5",
    );
    expect(formatCitationLabel(citation, "da")).toBe(
      "Beskæftigelsesudvalget 14.01.2020 · Punkt 5 (lukket)",
    );
    expect(formatCitationLabel(citation, "en")).toBe(
      "Beskæftigelsesudvalget 14.01.2020 · Item 5 (closed)",
    );
  });
});

describe("formatCitationLabel", () => {
  const citation = createCitation({
    meeting,
    item,
    section: decision,
    quote: "x",
    publicBaseUrl: "http://localhost:3000",
  });

  it("labels in Danish as the minutes do", () => {
    expect(formatCitationLabel(citation, "da")).toBe(
      "Udsatterådet 18.09.2019 · Punkt 32 › Beslutning",
    );
  });

  it("labels in English, keeping the heading findable on the page", () => {
    expect(formatCitationLabel(citation, "en")).toBe(
      "Udsatterådet 18.09.2019 · Item 32 › Beslutning (decision)",
    );
  });

  it("labels a whole item without a section", () => {
    const whole = createCitation({ meeting, item, quote: "", publicBaseUrl: "http://x" });
    expect(formatCitationLabel(whole, "da")).toBe("Udsatterådet 18.09.2019 · Punkt 32");
    expect(whole.url).toBe("http://x/meetings/udsatteraadet-2019-09-18#punkt-32");
  });
});

describe("shortenQuote", () => {
  it("keeps short text, collapsing whitespace", () => {
    expect(shortenQuote("  Godkendt\n\n med  bemærkninger ")).toBe("Godkendt med bemærkninger");
  });

  it("cuts long text at a word boundary, so the quote stays a verbatim prefix", () => {
    const text =
      "Randers Kommune har udarbejdet udkast til nye kvalitetsstandarder for socialområdet. Socialudvalget drøftede udkastet på møde den 26. august 2019.";
    const quote = shortenQuote(text, 60);
    expect(quote.endsWith(" …")).toBe(true);
    const head = quote.slice(0, -2);
    expect(text.startsWith(head)).toBe(true);
    expect(head.length).toBeLessThanOrEqual(60);
    expect(text[head.length]).toBe(" ");
  });
});

describe("uniqueCitations", () => {
  it("drops repeated citations of the same section", () => {
    const make = (slug: string) =>
      createCitation({
        meeting,
        item,
        section: { heading: slug, slug },
        quote: slug,
        publicBaseUrl: "http://x",
      });
    expect(
      uniqueCitations([make("beslutning"), make("resume"), make("beslutning")]).map(
        (c) => c.sectionSlug,
      ),
    ).toEqual(["beslutning", "resume"]);
  });
});
