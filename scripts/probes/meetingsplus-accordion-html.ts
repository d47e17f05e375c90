import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** An agenda-system meeting page with each item in a collapsed accordion panel. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string | null;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Godkendelse af dagsorden",
    caseNumber: "24/08100",
    decision: "Godkendt.",
    sections: [["Beslutning", ["Godkendt."]]],
  },
  {
    number: 2,
    title: "Kvalitetsrapport for skoleåret 2023/24",
    caseNumber: "24/04412",
    decision: "Udvalget godkendte kvalitetsrapporten",
    sections: [
      ["Resume", ["Kvalitetsrapporten beskriver skolernes faglige niveau, trivsel og fravær."]],
      ["Sagsfremstilling", caseText(0, 3)],
      [
        "Indstilling",
        [
          "Børn og Skole indstiller, at kvalitetsrapporten godkendes og sendes til skolebestyrelserne.",
        ],
      ],
      [
        "Beslutning",
        ["Udvalget godkendte kvalitetsrapporten og sender den til udtalelse i skolebestyrelserne."],
      ],
    ],
  },
  {
    number: 3,
    title: "Ny tildelingsmodel for specialundervisning",
    caseNumber: "24/02290",
    decision: "Anbefales.",
    sections: [
      ["Sagsfremstilling", caseText(4, 3)],
      ["Økonomi", ["Modellen er udgiftsneutral."]],
      [
        "Indstilling",
        ["Børn og Skole indstiller, at modellen anbefales over for Økonomiudvalget og Byrådet."],
      ],
      ["Beslutning", ["Anbefales.", "Ulla Bank (Ø) tog forbehold."]],
    ],
  },
  {
    number: 4,
    title: "Orientering om skolestart 2024",
    caseNumber: null,
    decision: "Til orientering.",
    sections: [
      ["Sagsfremstilling", caseText(7, 1)],
      ["Beslutning", ["Til orientering."]],
    ],
  },
  {
    number: 5,
    title: "Klage over afslag på skoleskift",
    caseNumber: "24/05123",
    closed: true,
    decision: null,
    sections: [],
  },
];

const panel = (item: Item) =>
  [
    item.caseNumber
      ? `<dl class="item-meta"><dt>Sagsnr.</dt><dd>${item.caseNumber}</dd><dt>Status</dt><dd>Åben</dd></dl>`
      : "",
    ...item.sections.map(
      ([heading, texts]) =>
        `<div class="field"><h4>${heading}</h4>${texts.map((text) => `<p>${text}</p>`).join("")}</div>`,
    ),
  ].join("\n        ");

const html = `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Børne- og Skoleudvalget 11-06-2024 - Referat - Søholt Kommune</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="Søholt Kommune">
<link rel="stylesheet" href="/meetings/css/site.css">
<script src="/meetings/js/accordion.js"></script>
</head>
<body>
<div id="cookie-consent" class="cookie-banner"><p>Vi bruger cookies til at forbedre din oplevelse af siden.</p><button>Accepter alle</button><button>Kun nødvendige</button></div>
<header class="site-header">
  <a class="logo" href="/">Søholt Kommune</a>
  <nav class="main-nav"><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li><li><a href="/politik">Politik</a></li><li><a href="/om-kommunen">Om kommunen</a></li></ul></nav>
  <form class="search"><input type="search" placeholder="Søg"><button>Søg</button></form>
</header>
<main id="content">
  <ol class="breadcrumb"><li><a href="/">Forside</a></li><li><a href="/politik">Politik</a></li><li><a href="/meetings">Dagsordener og referater</a></li><li>Børne- og Skoleudvalget</li></ol>
  <h1>Børne- og Skoleudvalget</h1>
  <div class="meeting-details">
    <span class="meeting-date">11-06-2024 kl. 16:00</span>
    <span class="meeting-location">Mødelokale 3, Rådhuset</span>
    <span class="meeting-type">Referat</span>
  </div>
  <p><a class="download" href="/meetings/download/8812.pdf">Hent hele referatet som PDF</a></p>
  <div class="agenda" id="agenda">
${ITEMS.map(
  (item) => `    <div class="agenda-item${item.closed ? " agenda-item--closed" : ""}">
      <button class="accordion-toggle" type="button" aria-expanded="false" aria-controls="item-${item.number}">
        <span class="item-number">${item.number}</span>
        <span class="item-title">${item.closed ? "Lukket punkt: " : ""}${item.title}</span>
      </button>
      <div class="accordion-panel" id="item-${item.number}" hidden>
        ${item.closed ? "<p>Punktet er lukket for offentligheden.</p>" : panel(item)}
      </div>
    </div>`,
).join("\n")}
  </div>
  <p class="to-top"><a href="#content">Til toppen</a></p>
</main>
<footer class="site-footer"><p>Søholt Kommune · Torvet 1 · 7999 Søholt · Tlf. 99 99 99 99</p><p><a href="/tilgaengelighed">Tilgængelighedserklæring</a> · <a href="/cookies">Cookies</a></p></footer>
</body>
</html>
`;

export const probe: Probe = {
  file: "meetingsplus-accordion.html",
  imitates:
    "A meetings-system page (Meetings+/Netpublicator-like public agenda module) with each item in a collapsed accordion: a button holding the number and title in separate spans, the panel hidden",
  tricky:
    "the item number is its own span with no full stop ('2' 'Kvalitetsrapport …'), so the line reads as a bare number and title; panels are hidden until clicked; case number and status in a definition list; the date only in the meeting details ('11-06-2024 kl. 16:00'); cookie banner, menus, search, breadcrumb and footer chrome; a closed item 'Lukket punkt: …' whose panel says only that it is closed",
  meeting: {
    date: "2024-06-11",
    body: ["Børne- og Skoleudvalget"],
    documentType: "referat",
    itemCount: 5,
  },
  items: ITEMS.map(({ number, title, caseNumber, closed, decision }) => ({
    number,
    title,
    // A closed item's panel shows neither its case number nor its text.
    caseNumber: closed ? null : caseNumber,
    closed: closed ?? false,
    decision: decision ?? null,
  })),
  notes:
    "Each item is a button (number span + title span) followed by a hidden panel with a definition list (Sagsnr. / Status) and h4 sections. Item 5 is closed and its panel holds only 'Punktet er lukket for offentligheden.' (no decision). The page's chrome (cookie banner, nav, search, breadcrumb, footer) is not content.",
  render: async () => html,
};
