import type { Probe } from "./lib/probe.ts";

/** A council's referat with no date anywhere, time slots instead of titles, and an empty item. */

const text = `Referat fra møde i Integrationsrådet

Til stede: Amina Yusuf (formand), Per Holm, Nadia Rahimi, Jan Ek, Leila Mansour
Afbud: Tomas Berg
Referent: Jan Ek

Punkt 1 (kl. 17.00-17.10)
Dagsordenen blev godkendt.

Punkt 2 (kl. 17.10-17.40)
Oplæg fra Jobcenter Lindå om sprogpraktik. Jobcentret fortalte om de nye forløb, hvor sprogundervisning og praktik kombineres.
Rådet takkede for oplægget.

Punkt 3 (kl. 17.40-18.15)
Høringssvar til integrationspolitikken. Formanden havde rundsendt et udkast.
Beslutning: Rådet godkendte høringssvaret med de ændringer, der kom frem på mødet.

Punkt 4 (kl. 18.15-18.30)

Punkt 5 (kl. 18.30)
Eventuelt. Intet.
`;

export const probe: Probe = {
  file: "tidsrum-uden-dato.txt",
  imitates:
    "A small advisory council's (Integrationsråd) referat written by a member in a mail-like text: no date in the document, each item only a time slot",
  tricky:
    "no meeting date anywhere (and none in the file name); every item line is 'Punkt N (kl. …)' with the time slot as its only title; item 4 has no text at all; item 5's title and text share one line ('Eventuelt. Intet.'); one decision as 'Beslutning: …' inline",
  meeting: { date: null, body: ["Integrationsrådet"], documentType: "referat", itemCount: 5 },
  items: [
    { number: 1, title: null, decision: null },
    { number: 2, title: null, decision: null },
    { number: 3, title: null, decision: "Rådet godkendte høringssvaret" },
    { number: 4, title: null, decision: null },
    { number: 5, title: null, decision: null },
  ],
  notes:
    "The document shows no date: the meeting date is expected null (not scored) and must not be guessed from a time. The items have no titles of their own, only time slots ('Punkt 2 (kl. 17.10-17.40)'), so titles are expected null (number only). Only item 3 records a decision under a label ('Beslutning:'); item 1's 'Dagsordenen blev godkendt.' is unlabelled prose.",
  render: async () => text,
};
