import type { Probe } from "./lib/probe.ts";

/** A small committee's text referat: "Pkt. 4" with sub-items "Pkt. 4a"/"4b", "Sag nr." below titles. */

const text = `Folkeoplysningsudvalget - Referat

Mødedato:
Torsdag den 7. marts 2024
Mødetid:
17:00 - 19:00
Mødested:
Kulturhuset, lokale 2

Deltagere: Lis Bo (formand), Anders Kirk, Hanne Rud, Frits Lau, Mona Ali
Afbud: Frits Lau

Pkt. 1 Godkendelse af dagsorden
Sag nr. 129

Beslutning:
Godkendt.

Pkt. 2 Fordeling af aktivitetstilskud 2024
Sag nr. 88

Sagsfremstilling:
Der er indkommet 41 ansøgninger om aktivitetstilskud. Forvaltningen har fordelt puljen efter de vedtagne kriterier, jf. bilag 1.

Indstilling:
Forvaltningen indstiller, at tilskuddene fordeles som anført i bilag 1.

Beslutning:
Indstillingen godkendt.

Pkt. 3 Lokalefordeling sæson 2024/25
Sag nr. 131

Sagsfremstilling:
Der er stor efterspørgsel på haltider mandag og onsdag. Forvaltningen foreslår, at foreninger med børn og unge prioriteres før kl. 19.

Beslutning:
Indstillingen godkendt med den ændring, at seniorholdene bevarer deres tider om formiddagen.

Pkt. 4 Ansøgninger om underskudsgaranti
Sag nr. 132

Pkt. 4a Lindå Musikfestival
Festivalen søger underskudsgaranti på 50.000 kr.

Beslutning:
Godkendt.

Pkt. 4b Sommerteater i Bjerre
Foreningen søger underskudsgaranti på 25.000 kr.

Beslutning:
Afslået, da arrangementet ikke er folkeoplysende.

Pkt. 5 Orientering fra forvaltningen
Sag nr. 120

Pkt. 6 Eventuelt
`;

export const probe: Probe = {
  file: "pkt-underpunkter.txt",
  imitates:
    "A small committee's referat typed as plain text (copied out of Word): 'Pkt. N Title' with no separator, 'Sag nr. NNN' below each title, meeting data as labels with their values on the next line",
  tricky:
    "sub-items 'Pkt. 4a' and 'Pkt. 4b' under 'Pkt. 4' (sub-items are not in the model: they belong to item 4); 'Sag nr. 129' (a bare running number) below the title; items 5 and 6 with no text at all; 'Indstillingen godkendt.' decisions; header 'Folkeoplysningsudvalget - Referat'; 'Mødedato:' alone with the date on the next line",
  meeting: {
    date: "2024-03-07",
    body: ["Folkeoplysningsudvalget"],
    documentType: "referat",
    itemCount: 6,
  },
  items: [
    { number: 1, title: "Godkendelse af dagsorden", caseNumber: "129", decision: "Godkendt." },
    {
      number: 2,
      title: "Fordeling af aktivitetstilskud 2024",
      caseNumber: "88",
      decision: "Indstillingen godkendt.",
    },
    {
      number: 3,
      title: "Lokalefordeling sæson 2024/25",
      caseNumber: "131",
      decision: "Indstillingen godkendt med den ændring",
    },
    {
      number: 4,
      title: "Ansøgninger om underskudsgaranti",
      caseNumber: "132",
      decision: "Godkendt.",
    },
    { number: 5, title: "Orientering fra forvaltningen", caseNumber: "120", decision: null },
    { number: 6, title: "Eventuelt", caseNumber: null, decision: null },
  ],
  notes:
    "'Pkt. 4a Lindå Musikfestival' and 'Pkt. 4b Sommerteater i Bjerre' are sub-items of item 4: the model has no sub-items, so they are item 4's text and item 4's decision is the first one under it ('Godkendt.', 4a's). A parser that reads 4a/4b as a second and third item 4 scores extra items. 'Sag nr. 129' is the committee's own running case number. Items 5 and 6 have nothing below their title (item 5 only its case number).",
  render: async () => text,
};
