import type { Probe } from "./lib/probe.ts";

/** A board's referat numbered with roman numerals. */

const text = `BESTYRELSEN FOR LINDÅ MUSIKSKOLE

Referat af bestyrelsesmøde

Dato: 5. marts 2024, kl. 18.30
Sted: Musikskolen, sal 2
Til stede: Jette Broe (formand), Mikkel Sand, Aase Lind, Omar Haddad, leder Kim Fogh (referent)

I. Godkendelse af dagsorden
Beslutning: Godkendt.

II. Godkendelse af referat fra mødet den 14. november 2023
Beslutning: Godkendt og underskrevet.

III. Regnskab 2023
Lederen gennemgik regnskabet, som viser et mindre overskud på 41.000 kr. Overskuddet skyldes primært færre vikarudgifter.
Beslutning: Regnskabet blev godkendt og sendes til kommunen.

IV. Takster for skoleåret 2024/25
Kommunen har varslet en pris- og lønregulering på 3,2 %. Bestyrelsen drøftede, om søskenderabatten kan bevares.
Beslutning: Taksterne reguleres med 3,2 %. Søskenderabatten bevares.

V. Orientering fra lederen
Der er 412 elever, heraf 38 på venteliste. Koncerten i Kulturhuset den 20. april er udsolgt.

VI. Eventuelt
Intet.
`;

export const probe: Probe = {
  file: "romertal-bestyrelse.txt",
  imitates:
    "A municipal institution board's (a music school's bestyrelse) referat numbered with roman numerals, typed as text",
  tricky:
    "item numbers are roman numerals I-VI (the model's number is 1-6); the body name in capitals; decisions as 'Beslutning: …' on the line; item V without a decision and item VI 'Intet.' under the title",
  meeting: {
    date: "2024-03-05",
    body: [
      "Bestyrelsen for Lindå Musikskole",
      "BESTYRELSEN FOR LINDÅ MUSIKSKOLE",
      "Lindå Musikskole",
    ],
    documentType: "referat",
    itemCount: 6,
  },
  items: [
    { number: 1, title: "Godkendelse af dagsorden", decision: "Godkendt." },
    {
      number: 2,
      title: "Godkendelse af referat fra mødet den 14. november 2023",
      decision: "Godkendt og underskrevet.",
    },
    {
      number: 3,
      title: "Regnskab 2023",
      decision: "Regnskabet blev godkendt og sendes til kommunen.",
    },
    {
      number: 4,
      title: "Takster for skoleåret 2024/25",
      decision: "Taksterne reguleres med 3,2 %.",
    },
    { number: 5, title: "Orientering fra lederen", decision: null },
    { number: 6, title: "Eventuelt", decision: null },
  ],
  notes:
    "Roman numerals I-VI are the items' numbers (expected as 1-6). Decisions follow 'Beslutning:' on the same line. Item VI's 'Intet.' is text, not a decision. The body is written in capitals.",
  render: async () => text,
};
