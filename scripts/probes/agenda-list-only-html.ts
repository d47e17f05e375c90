import type { Probe, ProbeItem } from "./lib/probe.ts";

/** A meeting page published before the meeting: only the list of items, each a link to its PDF. */

const ITEMS: ProbeItem[] = [
  { number: 1, title: "Godkendelse af dagsorden" },
  { number: 2, title: "Budgetopfølgning 2. kvartal" },
  { number: 3, title: "Ansøgning om anlægsbevilling til ny brandstation" },
  { number: 4, title: "Forslag til planstrategi 2024" },
  { number: 5, title: "Meddelelser" },
  { number: 6, title: "Køb af ejendom", closed: true },
].map((item) => ({
  caseNumber: null,
  decision: null,
  listedOnly: true as const,
  closed: false,
  ...item,
}));

const html = `<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Økonomiudvalget - dagsorden 19.08.2024</title></head>
<body>
<nav class="skip"><a href="#main">Gå til indhold</a></nav>
<header><div class="logo">Egeby Kommune</div><nav><a href="/">Forside</a> <a href="/politik">Politik</a></nav></header>
<main id="main">
<h1>Økonomiudvalget</h1>
<p>Dagsorden til møde mandag den 19. august 2024 kl. 15.00, Udvalgsværelse 1</p>
<p><a href="/files/oeu-2024-08-19-samlet.pdf">Samlet dagsorden (PDF, 2,3 MB)</a></p>
<ol class="punkter">
${ITEMS.map((item) => `  <li><a href="/files/oeu-2024-08-19-punkt-${item.number}.pdf">${item.closed ? "Lukket punkt: " : ""}${item.title}</a></li>`).join("\n")}
</ol>
<p class="updated">Senest opdateret 12. august 2024</p>
</main>
<footer>Egeby Kommune · Torvegade 1</footer>
</body>
</html>
`;

export const probe: Probe = {
  file: "agenda-list-only.html",
  imitates:
    "A municipal site's meeting page published before the meeting that lists the items only, each a link to its PDF (the agenda text is in the PDFs)",
  tricky:
    "the items are an <ol> (numbers from the list, not the text); no item has any text; the page also carries a 'Senest opdateret 12. august 2024' date that is not the meeting date; a closed item 'Lukket punkt: Køb af ejendom'",
  meeting: {
    date: "2024-08-19",
    body: ["Økonomiudvalget"],
    documentType: "dagsorden",
    itemCount: 6,
  },
  items: ITEMS,
  notes:
    "The page is only a list of the agenda's items (numbered by the <ol>), each linking to a PDF: every item is listed only and has no text. Item 6 is closed. The meeting date is in the sentence under the heading; the 'Senest opdateret' date is the page's.",
  render: async () => html,
};
