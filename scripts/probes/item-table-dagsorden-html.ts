import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** An agenda page whose item numbers are only in an overview table; the bodies repeat the titles without them. */

interface Item extends ProbeItem {
  title: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const ITEMS: Item[] = [
  {
    number: 1,
    title: "Meddelelser",
    caseNumber: "24-010001",
    sections: [["Sagsfremstilling", ["Formanden orienterer om aktuelle sager."]]],
  },
  {
    number: 2,
    title: "Handicappolitik 2025-2029 - høring",
    caseNumber: "24-008765",
    sections: [
      ["Sagsfremstilling", caseText(2, 3)],
      ["Indstilling", ["Social og Sundhed indstiller, at udkastet sendes i høring i otte uger."]],
    ],
  },
  {
    number: 3,
    title: "Tilsynsrapporter fra plejecentre, 1. halvår",
    caseNumber: "24-006543",
    sections: [
      ["Sagsfremstilling", caseText(5, 2)],
      [
        "Indstilling",
        ["Social og Sundhed indstiller, at tilsynsrapporterne tages til efterretning."],
      ],
    ],
  },
  {
    number: 4,
    title: "Eventuelt",
    caseNumber: "24-010002",
    sections: [],
  },
];

const html = `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Dagsorden - Social- og Handicapudvalget - 2. september 2024</title>
</head>
<body>
<div class="page">
  <div class="top"><a href="/">Lindå Kommune</a> | <a href="/politik/udvalg">Udvalg</a> | <a href="/kontakt">Kontakt</a></div>
  <div class="content">
    <h1>Social- og Handicapudvalget</h1>
    <table class="meeting">
      <tr><th>Dato</th><td>Mandag den 2. september 2024</td></tr>
      <tr><th>Tidspunkt</th><td>14:00</td></tr>
      <tr><th>Sted</th><td>Mødelokale 5</td></tr>
      <tr><th>Status</th><td>Dagsorden</td></tr>
    </table>
    <h2>Punkter</h2>
    <table class="agenda-items">
      <thead><tr><th>Nr.</th><th>Punkt</th><th>Sagsnr.</th><th>Status</th></tr></thead>
      <tbody>
${ITEMS.map((item) => `        <tr><td>${item.number}</td><td><a href="#punkt${item.number}">${item.title}</a></td><td>${item.caseNumber}</td><td>Åben</td></tr>`).join("\n")}
      </tbody>
    </table>
${ITEMS.map(
  (item) => `    <div class="item" id="punkt${item.number}">
      <h2>${item.title}</h2>
      <p class="case">Sagsnr. ${item.caseNumber}</p>
${item.sections.map(([heading, texts]) => `      <h3>${heading}</h3>\n${texts.map((text) => `      <p>${text}</p>`).join("\n")}`).join("\n")}
      <p><a href="#top">Til toppen</a></p>
    </div>`,
).join("\n")}
  </div>
  <div class="footer">Lindå Kommune, Rådhuspladsen 1</div>
</div>
</body>
</html>
`;

export const probe: Probe = {
  file: "item-table-dagsorden.html",
  imitates:
    "A municipal site's agenda page (dagsorden, before the meeting) with an overview table 'Nr. | Punkt | Sagsnr. | Status' and item bodies headed by h2 titles without numbers",
  tricky:
    "the item numbers exist only in the overview table's first column; each body's h2 repeats the title without its number; case numbers both in the table and as 'Sagsnr. 24-008765' below each h2; 'Status' column 'Åben'; an item (Eventuelt) with no text; 'Til toppen' links",
  meeting: {
    date: "2024-09-02",
    body: ["Social- og Handicapudvalget"],
    documentType: "dagsorden",
    itemCount: 4,
  },
  items: ITEMS.map(({ number, title, caseNumber }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: null,
  })),
  notes:
    "A dagsorden (Status: Dagsorden): no decisions; 'Indstilling' is the proposal. The numbers 1-4 stand only in the overview table; the bodies' h2 titles carry none, so the items must be tied to the table's numbers by their titles.",
  render: async () => html,
};
