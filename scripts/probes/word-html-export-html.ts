import type { Probe, ProbeItem } from "./lib/probe.ts";
import { caseText } from "./lib/text-bank.ts";

/** A Word "Save as Web Page" export in windows-1252: MsoNormal paragraphs, list numbers in mso-list spans. */

interface Item extends ProbeItem {
  title: string;
  group: string;
  caseNumber: string;
  sections: [string, string[]][];
}

const A = "A. Sager til afgørelse i Byrådet";
const B = "B. Sager til afgørelse i udvalget";
const D = "D. Orientering";

const ITEMS: Item[] = [
  {
    number: 87,
    title: "Takstblad for dagtilbud 2025",
    group: A,
    caseNumber: "28.00.00-Ø00-1-24",
    decision: "Anbefales.",
    sections: [
      ["Sagsfremstilling", caseText(1, 2)],
      ["Indstilling", ["Forvaltningen indstiller, at takstbladet anbefales."]],
      ["Beslutning", ["Anbefales."]],
    ],
  },
  {
    number: 88,
    title: "Pladsanvisningens regler – revision",
    group: B,
    caseNumber: "28.09.00-G01-2-24",
    decision: "Godkendt med den tilføjelse",
    sections: [
      ["Sagsfremstilling", caseText(4, 2)],
      ["Beslutning", ["Godkendt med den tilføjelse, at søskendefortrin bevares."]],
    ],
  },
  {
    number: 89,
    title: "Sprogvurderinger i børnehaver – resultater",
    group: D,
    caseNumber: "17.02.00-A00-3-24",
    decision: "Til efterretning.",
    sections: [
      ["Sagsfremstilling", caseText(7, 1)],
      ["Beslutning", ["Til efterretning."]],
    ],
  },
];

function toWindows1252(text: string): Uint8Array {
  const special: Record<string, number> = {
    "–": 0x96,
    "—": 0x97,
    "’": 0x92,
    "“": 0x93,
    "”": 0x94,
    "€": 0x80,
    "…": 0x85,
  };
  return Uint8Array.from(
    [...text].map(
      (char) => special[char] ?? (char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f),
    ),
  );
}

const listNumber = (number: number) =>
  `<span style='mso-list:Ignore'>${number}.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>`;

const body = ITEMS.map((item, index) => {
  const groupLine =
    ITEMS[index - 1]?.group === item.group
      ? ""
      : `<p class=MsoNormal><b><span style='font-size:12.0pt'>${item.group}<o:p></o:p></span></b></p>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n`;
  const sections = item.sections
    .map(
      ([heading, texts]) =>
        `<p class=MsoNormal><b>${heading}<o:p></o:p></b></p>\n${texts.map((text) => `<p class=MsoNormal>${text}<o:p></o:p></p>`).join("\n")}\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>`,
    )
    .join("\n");
  return `${groupLine}<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><b>${listNumber(item.number)}</b><![endif]><b>${item.title}<o:p></o:p></b></p>
<p class=MsoNormal>Åbent - ${item.caseNumber}<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
${sections}`;
}).join("\n");

const html = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>Referat</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties><o:Author>Dagtilbud</o:Author></o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
p.MsoListParagraph {margin-left:36.0pt;}
@list l0:level1 {mso-level-start-at:87; mso-level-tab-stop:none; mso-level-number-position:left;}
-->
</style>
</head>
<body lang=DA style='tab-interval:65.2pt'>
<div class=WordSection1>
<p class=MsoNormal><b><span style='font-size:16.0pt'>Referat<o:p></o:p></span></b></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0>
 <tr><td width=140 valign=top><p class=MsoNormal><b>Udvalg:</b></p></td><td valign=top><p class=MsoNormal>Børne- og Familieudvalget</p></td></tr>
 <tr><td width=140 valign=top><p class=MsoNormal><b>Mødedato:</b></p></td><td valign=top><p class=MsoNormal>4.&nbsp;juni&nbsp;2024</p></td></tr>
 <tr><td width=140 valign=top><p class=MsoNormal><b>Mødested:</b></p></td><td valign=top><p class=MsoNormal>Mødelokale&nbsp;2</p></td></tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
${body}
</div>
</body>
</html>
`;

export const probe: Probe = {
  file: "word-html-export.html",
  imitates:
    "A Word 'Save as Web Page' export in windows-1252 (MsoNormal paragraphs, <o:p>, list numbers in mso-list:Ignore spans inside <![if !supportLists]>), as small municipalities and older SBSYS templates publish",
  tricky:
    "the charset is declared only in a http-equiv meta; en dashes are byte 0x96; item numbers 87-89 are Word list numbers written into a span with NBSP padding; groups 'A. …', 'B. …', 'D. …' with C missing; 'Åbent - 28.00.00-Ø00-1-24' status lines; empty <o:p>&nbsp;</o:p> paragraphs between everything; NBSPs inside the date",
  meeting: {
    date: "2024-06-04",
    body: ["Børne- og Familieudvalget"],
    documentType: "referat",
    itemCount: 3,
  },
  items: ITEMS.map(({ number, title, caseNumber, decision }) => ({
    number,
    title,
    caseNumber,
    closed: false,
    decision: decision ?? null,
  })),
  notes:
    "Item lines are '87.' + NBSP padding + bold title in one paragraph. The group lines ('A. Sager til afgørelse i Byrådet') are not items even though they start with a letter and a full stop. 'Åbent - <KLE case number>' gives the case number. The document is windows-1252: 'Pladsanvisningens regler – revision' has an en dash (0x96).",
  render: async () => toWindows1252(html),
};
