import type { Probe } from "./lib/probe.ts";

/** Markdown saved from an agenda page that puts "Beslutninger" first and the proposal after it. */

const text = `# Teknisk Udvalg - Referat

**Mødedato:** 15. januar 2024, kl. 14:00
**Mødested:** Rådhuset, lokale 3.12

---

## Punkt 1: Godkendelse af dagsorden

**Beslutninger**

Godkendt.

## Punkt 2: Parkeringsstrategi for bymidten

**Beslutninger**

1. Indstillingens punkt 1 blev godkendt.
2. Indstillingens punkt 2 blev godkendt med den ændring, at beboerlicenser også gælder lørdag.
3. Et mindretal (Ø) kunne ikke tiltræde punkt 2.

**BESLUTNINGSFORSLAG FRA DD**

Teknik og Miljø indstiller,

1. at parkeringsstrategien vedtages, og
2. at der indføres beboerlicenser i zone 1.

**Resume**

Strategien samler kommunens mål for parkering i bymidten og lægger op til færre pladser på gadeniveau.

**Sagsfremstilling**

Forslaget har været drøftet med Handelsstandsforeningen og grundejerforeningerne i bymidten.

## Punkt 3: Vejbelysning - udskiftning til LED

**Beslutninger**

Udsat til næste møde.

**BESLUTNINGSFORSLAG FRA DD**

Teknik og Miljø indstiller, at udskiftningen gennemføres i 2024-2025.

**Sagsfremstilling**

Der er ca. 6.000 armaturer, som ikke lever op til de nye krav.

## Punkt 4: Eventuelt

**Beslutninger**

Intet.
`;

export const probe: Probe = {
  file: "beslutninger-blok.md",
  imitates:
    "A big-city agenda page saved as Markdown (the layout where 'Beslutninger' stands first and 'BESLUTNINGSFORSLAG FRA DD' follows), with invented content",
  tricky:
    "the decision block 'Beslutninger' comes first and holds a numbered list (1., 2., 3.) that must not become items; 'BESLUTNINGSFORSLAG FRA DD' (the proposal, with its own numbered list) must not become the decision; bold-paragraph headings; '## Punkt N:' items; a rule '---' under the header",
  meeting: { date: "2024-01-15", body: ["Teknisk Udvalg"], documentType: "referat", itemCount: 4 },
  items: [
    { number: 1, title: "Godkendelse af dagsorden", decision: "Godkendt." },
    {
      number: 2,
      title: "Parkeringsstrategi for bymidten",
      decision: "1. Indstillingens punkt 1 blev godkendt.",
    },
    { number: 3, title: "Vejbelysning - udskiftning til LED", decision: "Udsat til næste møde." },
    { number: 4, title: "Eventuelt", decision: "Intet." },
  ],
  notes:
    "The decision is the 'Beslutninger' block at the top of each item; 'BESLUTNINGSFORSLAG FRA DD' is the proposal (indstilling) and must not be reported as, or appended to, the decision. The numbered lists in both blocks are not items. Item 2's decision starts with its list number.",
  render: async () => text,
};
