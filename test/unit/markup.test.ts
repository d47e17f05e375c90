import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shortenQuote } from "../../src/answer/citations.ts";
import { withoutMarkup } from "../../src/answer/markup.ts";

describe("withoutMarkup", () => {
  const seed = readFileSync("../shared/seeds/randers_udsatteraadet_2019-09-18.txt", "utf8");

  it("drops the bold marks the Randers and Region Midtjylland minutes carry", () => {
    // Lines as they stand in ../shared/seeds/.
    expect(withoutMarkup('• **Indsatsområde 3: "Sundhed for alle"**')).toBe(
      '• Indsatsområde 3: "Sundhed for alle"',
    );
    expect(
      withoutMarkup(
        "- 2. Orientering om Udsatterådets stormøde på Underværket den 23. oktober 2019**",
      ),
    ).toBe("- 2. Orientering om Udsatterådets stormøde på Underværket den 23. oktober 2019");
    expect(withoutMarkup("Sagsfremstilling**Opsamling/evaluering af programmet**")).toBe(
      "SagsfremstillingOpsamling/evaluering af programmet",
    );
  });

  it("takes the Markdown and HTML out of a converted Word file and keeps the words", () => {
    const heading = seed.match(/^.*\*\*Indsatsområde 3: "Sundhed for alle"\*\*.*$/m)?.[0] ?? "";
    expect(heading).not.toBe("");
    expect(withoutMarkup(heading)).toBe('• Indsatsområde 3: "Sundhed for alle"');
    const link = seed.match(/^.*<https:\/\/www\.randers\.dk[^>]*>.*$/m)?.[0] ?? "";
    expect(link).not.toBe("");
    expect(withoutMarkup(link)).toContain("via følgende link: https://www.randers.dk/demokrati/");
    expect(withoutMarkup(link)).not.toMatch(/[<>]/);
    const html = seed.match(/^.*<ul style="list-style-type: none">.*$/m)?.[0] ?? "";
    expect(html).not.toBe("");
    expect(withoutMarkup(html)).not.toMatch(/<\/?ul|style=/);
    expect(withoutMarkup("Første punkt<br/>\n<li>Andet punkt</li>")).toBe(
      "Første punkt\nAndet punkt",
    );
  });

  it("keeps the text of links and headings without their marks", () => {
    expect(withoutMarkup("Se [bilag 1](https://example.dk/bilag1.pdf) for detaljer.")).toBe(
      "Se bilag 1 for detaljer.",
    );
    expect(withoutMarkup("Se ![kort](bilag/kort.png) og [mail](mailto:a@b.dk).")).toBe(
      "Se kort og mail.",
    );
    expect(withoutMarkup("Skriv til <mailto:udvalg@example.dk>.")).toBe(
      "Skriv til mailto:udvalg@example.dk.",
    );
    expect(withoutMarkup("## Beslutning\nGodkendt.")).toBe("Beslutning\nGodkendt.");
    expect(withoutMarkup("__Vigtigt__: mødet flyttes.")).toBe("Vigtigt: mødet flyttes.");
    expect(
      withoutMarkup("Se [bilag 2](https://example.org/b2.pdf) og __vigtigt__ &amp; mere"),
    ).toBe("Se bilag 2 og vigtigt & mere");
  });

  it("turns table rows into their cells and drops the rules", () => {
    expect(withoutMarkup("| Post | 2022 |\n|---|---|\n| Formueafkast i alt | -72,1 |")).toBe(
      "Post; 2022\n\nFormueafkast i alt; -72,1",
    );
    expect(
      withoutMarkup("| 2018 | 2019 | 2020 |\n|------|------|------|\n| 57 % | 59 % | 73 % |"),
    ).toBe("2018; 2019; 2020\n\n57 %; 59 %; 73 %");
    expect(withoutMarkup("Udgift | 2023 | 2024\n:--- | ---: | ---:\nLøn | 5,1 | 5,3")).toBe(
      "Udgift; 2023; 2024\n\nLøn; 5,1; 5,3",
    );
    expect(withoutMarkup("Før\n\n-----\n\nEfter")).toBe("Før\n\nEfter");
  });

  it("decodes entities last, so escaped markup stays as text", () => {
    expect(withoutMarkup("Bygge &amp; Anlæg: &quot;Plan&nbsp;2030&quot; &lt;b&gt;")).toBe(
      'Bygge & Anlæg: "Plan 2030" <b>',
    );
  });

  it("leaves text without markup as it is", () => {
    const text = "Sagen afgøres i: Udvalget for plan, udvikling og kultur (PUK) – 5 min.";
    expect(withoutMarkup(text)).toBe(text);
    expect(withoutMarkup("snake_case og 3 * 4")).toBe("snake_case og 3 * 4");
    expect(withoutMarkup("Budget 2024-2027 - anden behandling")).toBe(
      "Budget 2024-2027 - anden behandling",
    );
  });

  it("is applied to every shortened quote", () => {
    expect(shortenQuote('• **Indsatsområde 4: "Øget samarbejde"**')).toBe(
      '• Indsatsområde 4: "Øget samarbejde"',
    );
    expect(shortenQuote("Se <https://example.dk/sag> &amp; <em>bilag</em>")).toBe(
      "Se https://example.dk/sag & bilag",
    );
  });
});
