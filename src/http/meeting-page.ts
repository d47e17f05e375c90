import { itemAnchor, sectionAnchor } from "../minutes/anchors.ts";
import { formatDanishDate, formatLongDanishDate } from "../minutes/dates.ts";
import type { Item, Meeting, Section } from "../minutes/model.ts";
import { HIGHLIGHT_SCRIPT } from "./client-scripts.ts";
import { html, type SafeHtml } from "./html.ts";
import { type RenderedPage, renderPage } from "./page-layout.ts";
import { renderTextBlocks } from "./text-blocks.ts";

/** The source page a citation link opens: the whole meeting, one anchor per item and section. */
export function renderMeetingPage(meeting: Meeting): RenderedPage {
  const title = `${meeting.body} ${formatDanishDate(meeting.date)}`;
  const body = html`<nav class="site-nav"><a href="/">← Alle møder</a></nav>
<header>
<h1>${title}</h1>
${meetingFacts(meeting)}
</header>
<nav class="toc" aria-label="Indholdsfortegnelse">
<h2>Dagsorden</h2>
<ol>${meeting.items.map(tableOfContentsEntry)}</ol>
</nav>
${meeting.items.map(renderItem)}`;
  return renderPage({ title: `${title} · Referat`, body, script: HIGHLIGHT_SCRIPT });
}

function meetingFacts(meeting: Meeting): SafeHtml {
  const facts: [string, string | null][] = [
    ["Organisation", meeting.organisation],
    ["Dato", formatLongDanishDate(meeting.date)],
    ["Tidspunkt", meeting.time ? `kl. ${meeting.time}` : null],
    ["Sted", meeting.location],
    ["Kilde", meeting.sourceFile],
  ];
  return html`<dl class="meeting-facts">${facts
    .filter((fact): fact is [string, string] => fact[1] !== null && fact[1] !== "")
    .map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function itemHeading(item: Item): string {
  return `Punkt ${item.number}: ${item.title}`;
}

function tableOfContentsEntry(item: Item): SafeHtml {
  const closed = item.closed ? html` <span class="badge">Lukket</span>` : "";
  return html`<li><a href="#${itemAnchor(item.number)}">${itemHeading(item)}</a>${closed}</li>`;
}

function renderItem(item: Item): SafeHtml {
  const closedNotice = item.closed
    ? html`<p class="item-meta"><span class="badge">Lukket</span> Lukket punkt: indholdet er ikke offentligt.</p>`
    : "";
  const caseNumber = item.caseNumber
    ? html`<p class="item-meta">Sagsnr. ${item.caseNumber}</p>`
    : "";
  return html`<article class="item${item.closed ? " closed" : ""}" id="${itemAnchor(item.number)}">
<h2>${itemHeading(item)}</h2>
${caseNumber}${closedNotice}${item.sections.map((section) => renderSection(item, section))}
</article>
`;
}

function renderSection(item: Item, section: Section): SafeHtml {
  const heading = section.heading.trim() === "" ? "" : html`<h3>${section.heading}</h3>`;
  return html`<section class="section" id="${sectionAnchor(item.number, section.slug)}">${heading}${renderTextBlocks(section.text)}</section>`;
}
