import type { Probe } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** One item's own page in an agenda system that publishes one page per item. */

const html = `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Punkt 7: Renovering af Nordhallen - Miljø- og Teknikudvalget 02.05.2024</title>
</head>
<body>
<header><a href="/">Bakkedal Kommune</a><nav><a href="/politik">Politik</a> <a href="/selvbetjening">Selvbetjening</a></nav></header>
<div class="crumbs">Forside › Politik › Dagsordener og referater › Miljø- og Teknikudvalget › 02.05.2024 › Punkt 7</div>
<main>
  <p class="meeting">Miljø- og Teknikudvalget · Referat · 2. maj 2024</p>
  <div class="pager"><a href="punkt-6.html">‹ Forrige punkt</a> | Punkt 7 af 11 | <a href="punkt-8.html">Næste punkt ›</a></div>
  <h1>7. Renovering af Nordhallen</h1>
  <p>Sagsnr.: 23/04567&nbsp;&nbsp;&nbsp;Åbent punkt</p>
  <h2>Resumé</h2>
  <p>Nordhallens tag og ventilation er nedslidt. Der foreligger et projektforslag til en samlet renovering.</p>
  <h2>Sagsfremstilling</h2>
${caseText(6, 3)
  .map((text) => `  <p>${text}</p>`)
  .join("\n")}
  <h2>Indstilling</h2>
  <p>Teknik og Miljø indstiller, at projektforslaget godkendes, og at der søges en anlægsbevilling på 6,8 mio. kr.</p>
  <h2>Beslutning</h2>
  <p>Anbefales over for Økonomiudvalget og Byrådet.</p>
  <h2>Bilag</h2>
  <ul><li><a href="bilag/1.pdf">Projektforslag Nordhallen (PDF)</a></li></ul>
  <div class="pager"><a href="punkt-6.html">‹ Forrige punkt</a> | <a href="punkt-8.html">Næste punkt ›</a></div>
  <p><a href="#top">Til toppen</a></p>
</main>
<footer>Bakkedal Kommune · Rådhusvej 2 · 8999 Bakkedal</footer>
</body>
</html>
`;

export const probe: Probe = {
  file: "one-item-page.html",
  imitates:
    "One item's own page from an agenda system that publishes one page per item (a pager 'Forrige punkt | Punkt 7 af 11 | Næste punkt')",
  tricky:
    "the page holds one item of eleven (7); the meeting data only as a line 'Miljø- og Teknikudvalget · Referat · 2. maj 2024' and in the <title>; 'Sagsnr.: 23/04567' and 'Åbent punkt' on one line separated by NBSPs; pager text 'Punkt 7 af 11' above the title; breadcrumb ending in 'Punkt 7'",
  meeting: {
    date: "2024-05-02",
    body: ["Miljø- og Teknikudvalget"],
    documentType: "referat",
    itemCount: 1,
  },
  items: [
    {
      number: 7,
      title: "Renovering af Nordhallen",
      caseNumber: "23/04567",
      closed: false,
      decision: "Anbefales over for Økonomiudvalget og Byrådet.",
    },
  ],
  notes:
    "A single-item page: one item, number 7 (the pager's 'Punkt 7 af 11' and the breadcrumb are navigation, not items or titles). The case number shares its line with 'Åbent punkt' after NBSPs.",
  render: async () => html,
};
