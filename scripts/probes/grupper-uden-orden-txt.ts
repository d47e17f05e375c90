import type { Probe } from "./lib/probe.ts";

/** A committee referat grouped A–D with the groups and numbers out of reading order. */

const text = `Økonomiudvalget – Referat – 10. april 2012

Mødetidspunkt:\tkl. 08.30
Mødested:\tMødelokale 1, Rådhuset
Fraværende:\tIngen

Indhold
A. Sager til afgørelse i byrådet
201. Regnskab 2011
202. Anlægsbevilling til Skovvejens Skole
207. Salg af grund i Nordparken
B. Sager til afgørelse i økonomiudvalget
203. Ændring af delegationsplanen
204. Tilskud til byfest 2012
D. Orientering
206. Status på sygefravær
C. Sager til drøftelse
205. Principper for budget 2013


A. Sager til afgørelse i byrådet

201. Regnskab 2011
Åbent - 00.30.14-S00-1-12

Sagsfremstilling
Regnskabet udviser et overskud på det skattefinansierede område på 31,4 mio. kr.

Indstilling
Borgmesteren indstiller, at regnskabet oversendes til revisionen.

Beslutning
Anbefales.


202. Anlægsbevilling til Skovvejens Skole
Åbent - 17.02.00-G01-4-11

Sagsfremstilling
Der søges anlægsbevilling til udvidelse af skolens faglokaler.

Beslutning
Anbefales.


207. Salg af grund i Nordparken
Åbent - 02.34.02-P20-2-12

Sagsfremstilling
Sagen er optaget efter udsendelsen af dagsordenen, da køber ønsker svar inden 1. maj.

Beslutning
Anbefales.


B. Sager til afgørelse i økonomiudvalget

203. Ændring af delegationsplanen
Åbent - 00.01.10-A00-1-12

Beslutning
Godkendt.


204. Tilskud til byfest 2012
Åbent - 18.15.00-Ø40-3-12

Beslutning
Godkendt med 40.000 kr.


D. Orientering

206. Status på sygefravær
Åbent - 81.21.00-A00-2-12

Beslutning
Til efterretning.


C. Sager til drøftelse

205. Principper for budget 2013
Åbent - 00.30.10-Ø00-2-12

Sagsfremstilling
Udvalget drøfter principperne for budgetlægningen.

Beslutning
Drøftet.
`;

export const probe: Probe = {
  file: "grupper-uden-orden.txt",
  imitates:
    "An SBSYS-style committee referat as text: 'Økonomiudvalget – Referat – 10. april 2012' header, contents grouped A–D, 'Åbent - <KLE>' status lines, numbers running on through the year",
  tricky:
    "numbers 201-207 are not in reading order (207 sits in group A between 202 and 203; 206 before 205 because group D comes before C); the group lines 'A. Sager til afgørelse i byrådet' look like lettered items; tab-separated meeting data; a contents list titled just 'Indhold'",
  meeting: { date: "2012-04-10", body: ["Økonomiudvalget"], documentType: "referat", itemCount: 7 },
  items: [
    {
      number: 201,
      title: "Regnskab 2011",
      caseNumber: "00.30.14-S00-1-12",
      decision: "Anbefales.",
    },
    {
      number: 202,
      title: "Anlægsbevilling til Skovvejens Skole",
      caseNumber: "17.02.00-G01-4-11",
      decision: "Anbefales.",
    },
    {
      number: 207,
      title: "Salg af grund i Nordparken",
      caseNumber: "02.34.02-P20-2-12",
      decision: "Anbefales.",
    },
    {
      number: 203,
      title: "Ændring af delegationsplanen",
      caseNumber: "00.01.10-A00-1-12",
      decision: "Godkendt.",
    },
    {
      number: 204,
      title: "Tilskud til byfest 2012",
      caseNumber: "18.15.00-Ø40-3-12",
      decision: "Godkendt med 40.000 kr.",
    },
    {
      number: 206,
      title: "Status på sygefravær",
      caseNumber: "81.21.00-A00-2-12",
      decision: "Til efterretning.",
    },
    {
      number: 205,
      title: "Principper for budget 2013",
      caseNumber: "00.30.10-Ø00-2-12",
      decision: "Drøftet.",
    },
  ],
  notes:
    "Document order is 201, 202, 207, 203, 204, 206, 205: the contents (grouped A, B, D, C) give that same order, which is what confirms the out-of-order numbers. Group lines are not items. 'Åbent - <KLE case number>' gives the case number and open status.",
  render: async () => text,
};
