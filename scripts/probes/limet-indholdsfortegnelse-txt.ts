import type { Probe } from "./lib/probe.ts";

/** Text copied out of a PDF viewer: headings glued together, "1.Title" without a space, page furniture inside items. */

const text = `Byrådet - Referat
Mødedato:
12. marts 2024
Mødetidspunkt:
18:00
Mødested:
Byrådssalen, Fjordby Rådhus
IndholdsfortegnelsePunkt Side
1.Godkendelse af dagsorden 2
2.Spørgetid for borgerne 2
3.Budgetrevision 2 3
4.Udpegning af medlem til Ungdomsrådet 4
5.Eventuelt 4
Byrådet 12-03-2024 Side 1 af 4
1.Godkendelse af dagsorden
Sagsnr.: 24/01001
Beslutning
Godkendt.
2.Spørgetid for borgerne
Sagsnr.: 24/01002
Sagsfremstilling
Der var ingen spørgsmål fra borgerne.
Beslutning
Ingen.
3.Budgetrevision 2
Sagsnr.: 24/00922
Resume
Budgetrevisionen viser et forventet merforbrug på serviceudgifterne på 6,2 mio. kr., som primært skyldes specialundervisning og ældreområdet.
Byrådet 12-03-2024 Side 2 af 4
Sagsfremstilling
Direktionen har udarbejdet en handleplan, som skal bringe forbruget ned i balance inden årets udgang. Handleplanen indeholder ansættelsesstop i administrationen og udskydelse af mindre anlægsprojekter.
Indstilling
Direktionen indstiller, at budgetrevisionen tages til efterretning, og at handleplanen godkendes.
Beslutning i Økonomiudvalget den 5. marts 2024
Anbefales.
Beslutning i Byrådet den 12. marts 2024
Indstillingen godkendt.
Byrådet 12-03-2024 Side 3 af 4
4.Udpegning af medlem til Ungdomsrådet
Sagsnr.: 24/01190
Sagsfremstilling
Ungdomsrådet har bedt om et nyt medlem fra byrådet, da Karen Ulv er udtrådt.
Beslutning
Byrådet udpegede Sune Bak (A).
5.Eventuelt
Beslutning
Intet.
Byrådet 12-03-2024 Side 4 af 4
`;

export const probe: Probe = {
  file: "limet-indholdsfortegnelse.txt",
  imitates:
    "Minutes text copied out of a PDF viewer (the way a clerk pastes a Prepare/Acadre PDF into a mail or an archive system): no blank lines, headings glued, furniture lines left in",
  tricky:
    "'IndholdsfortegnelsePunkt Side' glued; contents rows '3.Budgetrevision 2 3' where the title ends in a number and the page number follows; '1.Title' without a space everywhere; 'Byrådet 12-03-2024 Side 2 af 4' lines inside items; no blank lines at all; labels and values on separate lines; an earlier committee's dated decision before this meeting's",
  meeting: {
    date: "2024-03-12",
    body: ["Byrådet", "Byråd"],
    documentType: "referat",
    itemCount: 5,
  },
  items: [
    { number: 1, title: "Godkendelse af dagsorden", caseNumber: "24/01001", decision: "Godkendt." },
    { number: 2, title: "Spørgetid for borgerne", caseNumber: "24/01002", decision: "Ingen." },
    {
      number: 3,
      title: "Budgetrevision 2",
      caseNumber: "24/00922",
      decision: "Indstillingen godkendt.",
    },
    {
      number: 4,
      title: "Udpegning af medlem til Ungdomsrådet",
      caseNumber: "24/01190",
      decision: "Byrådet udpegede Sune Bak (A).",
    },
    { number: 5, title: "Eventuelt", caseNumber: null, decision: "Intet." },
  ],
  notes:
    "The contents repeat every item ('3.Budgetrevision 2 3': title 'Budgetrevision 2', page 3). In the body every title is '1.Title' with no space. The page footer lines 'Byrådet 12-03-2024 Side N af 4' stand inside items 3 and at item ends and are not text. Item 3's 'Beslutning i Økonomiudvalget den 5. marts 2024' is history; 'Beslutning i Byrådet den 12. marts 2024' is this meeting's.",
  render: async () => text,
};
