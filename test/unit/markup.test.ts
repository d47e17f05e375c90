import { describe, expect, it } from "vitest";
import { shortenQuote } from "../../src/answer/citations.ts";
import { withoutMarkup } from "../../src/answer/markup.ts";

describe("withoutMarkup", () => {
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

  it("keeps the text of links, headings and tables without their marks", () => {
    expect(withoutMarkup("Se [bilag 1](https://example.dk/bilag1.pdf) for detaljer.")).toBe(
      "Se bilag 1 for detaljer.",
    );
    expect(withoutMarkup("## Beslutning\nGodkendt.")).toBe("Beslutning\nGodkendt.");
    expect(withoutMarkup("| Post | 2022 |\n|---|---|\n| Formueafkast i alt | -72,1 |")).toBe(
      "Post; 2022\nFormueafkast i alt; -72,1",
    );
    expect(withoutMarkup("__Vigtigt__: mødet flyttes.")).toBe("Vigtigt: mødet flyttes.");
  });

  it("leaves text without markup as it is", () => {
    const text = "Sagen afgøres i: Udvalget for plan, udvikling og kultur (PUK) – 5 min.";
    expect(withoutMarkup(text)).toBe(text);
    expect(withoutMarkup("snake_case og 3 * 4")).toBe("snake_case og 3 * 4");
  });

  it("is applied to every shortened quote", () => {
    expect(shortenQuote('• **Indsatsområde 4: "Øget samarbejde"**')).toBe(
      '• Indsatsområde 4: "Øget samarbejde"',
    );
  });
});
