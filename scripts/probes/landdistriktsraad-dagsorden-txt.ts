import type { Probe } from "./lib/probe.ts";

/** An advisory council's dagsorden sent out before the meeting: proposals and empty decision lines. */

const text = `DAGSORDEN

Landdistriktsrådet
Møde torsdag den 21. november 2024 kl. 19.00
Sted: Bjerre Forsamlingshus

Dagsorden:
1. Velkomst og godkendelse af dagsorden
2. Landsbypuljen 2025 – fordeling
3. Fælles busplan for oplandet
4. Orientering fra landsbyerne
5. Eventuelt

Ad 1. Velkomst og godkendelse af dagsorden
Forslag til beslutning: At dagsordenen godkendes.
Beslutning:

Ad 2. Landsbypuljen 2025 – fordeling
Der er indkommet 11 ansøgninger for i alt 640.000 kr. Puljen er på 400.000 kr. Sekretariatet har lavet et forslag til fordeling, jf. bilag 1.
Forslag til beslutning: At puljen fordeles som foreslået i bilag 1.
Beslutning:

Ad 3. Fælles busplan for oplandet
Trafikselskabet har bedt om rådets input til køreplanen for 2025. Der lægges op til, at rute 214 kun kører i skoletiden.
Forslag til beslutning: At rådet drøfter et fælles input.
Beslutning:

Ad 4. Orientering fra landsbyerne
Hver landsby har fem minutter.

Ad 5. Eventuelt
`;

export const probe: Probe = {
  file: "landdistriktsraad-dagsorden.txt",
  imitates:
    "An advisory council's dagsorden as text, sent out before the meeting: a numbered agenda list, then 'Ad N.' sections with proposals and empty 'Beslutning:' lines to be filled in",
  tricky:
    "a dagsorden that looks like a referat (every item has 'Beslutning:'), but all are empty; 'Forslag til beslutning: …' inline is the proposal; the agenda list repeats every title; en dashes in titles; 'Ad 5. Eventuelt' with no text",
  meeting: {
    date: "2024-11-21",
    body: ["Landdistriktsrådet"],
    documentType: "dagsorden",
    itemCount: 5,
  },
  items: [
    { number: 1, title: "Velkomst og godkendelse af dagsorden" },
    { number: 2, title: "Landsbypuljen 2025 – fordeling" },
    { number: 3, title: "Fælles busplan for oplandet" },
    { number: 4, title: "Orientering fra landsbyerne" },
    { number: 5, title: "Eventuelt" },
  ],
  notes:
    "A dagsorden: no decisions ('Beslutning:' lines are empty) and 'Forslag til beslutning:' is the proposal. The list under 'Dagsorden:' is the contents; the items are the 'Ad N.' sections.",
  render: async () => text,
};
