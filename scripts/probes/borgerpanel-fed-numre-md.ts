import type { Probe } from "./lib/probe.ts";

/** Markdown notes from a citizens' panel: bold numbers, bullets, a decision as a bullet. */

const text = `**Borgerpanelet for Nørreå Bymidte**
Referat – møde 2/2024
Onsdag 17. april 2024, kl. 19-21, Nørreå Bibliotek

Deltagere: 14 panelmedlemmer, fra kommunen Signe (projektleder) og Bjarke (referent)

**1.** Velkommen og siden sidst

- Signe fortalte om status på byrumsprojektet.
- Der har været 212 svar på spørgeskemaet.

**2.** Forslag til nye bænke og beplantning på Torvet

- Panelet gennemgik de tre skitser.
- Skitse B fik størst opbakning.
- **Beslutning:** Panelet anbefaler skitse B med flere træer.

**3.** Trafik i Storegade

- Drøftelse af forslaget om gågade om lørdagen.
- Ingen enighed; tages op igen.

**4.** Næste møde

- **Beslutning:** Næste møde holdes 12. juni 2024.
`;

export const probe: Probe = {
  file: "borgerpanel-fed-numre.md",
  imitates:
    "Markdown notes from a municipal citizens' panel (borgerpanel), written in a shared editor: bold numbers, bullet points, decisions as bold-led bullets",
  tricky:
    "the number alone is bold ('**1.** Velkommen …') so the line starts with markup; items' text is all bullets; decisions are '- **Beslutning:** …' bullets; the header mixes a meeting number 'møde 2/2024' with the date; the body name is bold",
  meeting: {
    date: "2024-04-17",
    body: ["Borgerpanelet for Nørreå Bymidte", "Borgerpanelet"],
    documentType: "referat",
    itemCount: 4,
  },
  items: [
    { number: 1, title: "Velkommen og siden sidst" },
    {
      number: 2,
      title: "Forslag til nye bænke og beplantning på Torvet",
      decision: "Panelet anbefaler skitse B med flere træer.",
    },
    { number: 3, title: "Trafik i Storegade" },
    { number: 4, title: "Næste møde", decision: "Næste møde holdes 12. juni 2024." },
  ],
  notes:
    "Item lines are '**N.** Title' (only the number bold). Decisions are bullets led by a bold 'Beslutning:' label; expected where present. 'møde 2/2024' is the meeting's number, not a date.",
  render: async () => text,
};
