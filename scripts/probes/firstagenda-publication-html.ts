import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** A saved FirstAgenda Publication meeting page: decision first, then "Fremstilling" with sub-headings. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  decisionHtml: string;
  body: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "24-004001",
    decision: "Godkendt.",
    decisionHtml: "<p>Godkendt.</p>",
    body: [],
  },
  {
    number: 2,
    title: "Klimahandleplan - status 2024",
    caseNumber: "22-019876",
    decision: "Udvalget tog status til efterretning",
    decisionHtml:
      "<p>Udvalget tog status til efterretning og bad om en temadrøftelse i januar.</p><p>Fraværende: Rasmus Lyng</p>",
    body: [
      ["Sagsprocedure", ["Klima- og Miljøudvalget behandler sagen."]],
      ["Resume", ["Der gøres status på kommunens klimahandleplan."]],
      ["Indstilling", ["Administrationen indstiller, at status tages til efterretning."]],
      ["Sagsbeskrivelse", caseText(1, 3)],
      [
        "Sagens forløb",
        ["Klima- og Miljøudvalget, 7. maj 2024: Udvalget ønskede en status efter sommerferien."],
      ],
    ],
  },
  {
    number: 3,
    title: "Udledningstilladelse til Lindå Renseanlæg",
    caseNumber: "23-011223K",
    decision: "Godkendt.",
    decisionHtml: "<p>Godkendt.</p>",
    body: [
      ["Resume", ["Tilladelsen skal fornyes efter den nye vandområdeplan."]],
      ["Indstilling", ["Administrationen indstiller, at tilladelsen meddeles."]],
      ["Sagsbeskrivelse", caseText(8, 2)],
    ],
  },
  {
    number: 4,
    title: "Orientering",
    caseNumber: "24-004002",
    closed: true,
    decision: "Orienteringen blev taget til efterretning.",
    decisionHtml: "<p>Orienteringen blev taget til efterretning.</p>",
    body: [],
  },
];

const html = `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Klima- og Miljøudvalget - 03-09-2024</title>
<base href="https://dagsordener.example.dk/">
</head>
<body>
<div id="app">
<header class="publication-header"><a href="/" class="brand">Dagsordener og referater</a><nav><a href="/udvalg">Udvalg</a><a href="/soeg">Søg</a></nav></header>
<section class="meeting">
  <div class="meeting-header">
    <h1>Klima- og Miljøudvalget</h1>
    <p class="meeting-meta">Tirsdag den 3. september 2024 kl. 08:00 · Mødelokale A · Referat</p>
  </div>
  <ul class="agenda-toc">
${ITEMS.map((item) => `    <li><a href="#p${item.number}"><span>${item.number}.</span> ${item.closed ? "Lukket: " : ""}${item.title}</a></li>`).join("\n")}
  </ul>
${ITEMS.map(
  (item) => `  <article class="agenda-item" id="p${item.number}">
    <h2 class="agenda-item__title"><span class="agenda-item__number">${item.number}.</span> <span class="agenda-item__name">${item.closed ? "Lukket: " : ""}${item.title}</span></h2>
    <div class="agenda-item__case">Sagsnummer: ${item.caseNumber}</div>
    ${item.closed ? item.decisionHtml : `<h3>Beslutning</h3>\n    ${item.decisionHtml}`}
${item.body.length ? `    <h3>Fremstilling</h3>\n${item.body.map(([heading, texts]) => `    <p><strong>${heading}</strong></p>\n${texts.map((text) => `    <p>${text}</p>`).join("\n")}`).join("\n")}` : ""}
  </article>`,
).join("\n")}
</section>
<footer class="publication-footer">Leveret af dagsordensystemet · <a href="/tilgaengelighed">Tilgængelighed</a></footer>
</div>
</body>
</html>
`;

export const probe: Probe = {
  file: "firstagenda-publication.html",
  imitates:
    "A saved FirstAgenda Publication meeting page (the web view of the same data the API gives as JSON): contents list, then per item an h2 with number and title spans, 'Beslutning' first and 'Fremstilling' after with bold-paragraph sub-headings",
  tricky:
    "the decision comes before the case text; 'Sagens forløb' holds an earlier meeting's outcome ('Klima- og Miljøudvalget, 7. maj 2024: …'); sub-headings are <p><strong> paragraphs, not headings; a closed item 'Lukket: Orientering' carries only its published decision with no heading; case number ending in K; a contents list repeating every title",
  meeting: {
    date: "2024-09-03",
    body: ["Klima- og Miljøudvalget"],
    documentType: "referat",
    itemCount: 4,
  },
  items: ITEMS.map(({ number, title, caseNumber, closed, decision }) => ({
    number,
    title,
    caseNumber,
    closed: closed ?? false,
    decision: decision ?? null,
  })),
  notes:
    "As the FirstAgenda JSON: open items put <h3>Beslutning</h3> first, then <h3>Fremstilling</h3> with bold-paragraph sub-headings (Sagsprocedure, Resume, Indstilling, Sagsbeskrivelse, Sagens forløb). The closed item 4 ('Lukket: Orientering') holds only its published decision text, which is this meeting's decision. The contents list (ul) repeats every item.",
  render: async () => html,
};
