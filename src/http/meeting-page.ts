import { itemAnchor, meetingPath, sectionAnchor } from "../minutes/anchors.ts";
import { formatDanishDate, formatLongDanishDate } from "../minutes/dates.ts";
import type { Item, Meeting, Section } from "../minutes/model.ts";
import type { DocumentType, SourceFormat } from "../minutes/readers/types.ts";
import { HIGHLIGHT_SCRIPT } from "./client-scripts.ts";
import { html, type SafeHtml } from "./html.ts";
import { type RenderedPage, renderPage } from "./page-layout.ts";
import { renderTextBlocks } from "./text-blocks.ts";

const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  referat: "Referat",
  dagsorden: "Dagsorden",
};

const FORMAT_LABELS: Record<SourceFormat, string> = {
  text: "Tekst",
  pdf: "PDF",
  html: "HTML (webside)",
  docx: "Word (DOCX)",
  "acadre-xml": "Acadre XML",
  "edagsorden-xml": "eDagsorden XML",
  "edoc-xml": "eDoc XML",
  "firstagenda-json": "FirstAgenda JSON",
};

export interface MeetingPageOptions {
  /** Whether the server offers the original files (`/meetings/:id/original`). */
  originals: boolean;
  /** Query that opens an internal meeting's originals (`access=…`), as the page itself was opened. */
  accessQuery?: string;
}

/**
 * The source page a citation link opens: the whole meeting, one anchor per item and section,
 * and where it came from: document type, format, the official document and the original file.
 */
export function renderMeetingPage(
  meeting: Meeting,
  options: MeetingPageOptions = { originals: false },
): RenderedPage {
  const title = `${meeting.body} ${formatDanishDate(meeting.date)}`;
  const body = html`<nav class="site-nav"><a href="/">← Alle møder</a></nav>
<header>
<h1>${title}</h1>
${meetingFacts(meeting, options)}
</header>
<nav class="toc" aria-label="Indholdsfortegnelse">
<h2>Dagsorden</h2>
<ol>${meeting.items.map(tableOfContentsEntry)}</ol>
</nav>
${meeting.items.map((item) => renderItem(meeting, item, options))}`;
  return renderPage({ title: `${title} · Referat`, body, script: HIGHLIGHT_SCRIPT });
}

function meetingFacts(meeting: Meeting, options: MeetingPageOptions): SafeHtml {
  const source = options.originals
    ? html`<a href="${originalPath(meeting, options)}">${meeting.sourceFile}</a> (original fil)`
    : meeting.sourceFile;
  const official = officialLink(meeting.sourceUrl);
  const facts: [string, SafeHtml | string | null][] = [
    ["Organisation", meeting.organisation],
    ["Dato", formatLongDanishDate(meeting.date)],
    ["Tidspunkt", meeting.time ? `kl. ${meeting.time}` : null],
    ["Sted", meeting.location],
    ["Dokument", meeting.documentType ? DOCUMENT_TYPE_LABELS[meeting.documentType] : null],
    ["Format", FORMAT_LABELS[meeting.format]],
    ["Kilde", source],
    ["Officielt dokument", official],
  ];
  return html`<dl class="meeting-facts">${facts
    .filter((fact): fact is [string, SafeHtml | string] => fact[1] !== null && fact[1] !== "")
    .map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

/** The official document's address, linked only when it is a web address (never `javascript:`). */
function officialLink(sourceUrl: string | null): SafeHtml | string | null {
  if (!sourceUrl) return null;
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    return sourceUrl;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return sourceUrl;
  return html`<a href="${url.href}" rel="external noopener noreferrer">${url.host}</a>`;
}

function originalPath(meeting: Meeting, options: MeetingPageOptions, item?: Item): string {
  const query = [
    ...(item ? [`item=${item.number}`] : []),
    ...(options.accessQuery ? [options.accessQuery] : []),
  ];
  const path = `${meetingPath(meeting.id)}/original`;
  return query.length > 0 ? `${path}?${query.join("&")}` : path;
}

/** Links from an item to its own file (a meeting published one file per item) and to its page in a PDF. */
function itemSourceLinks(meeting: Meeting, item: Item, options: MeetingPageOptions): SafeHtml | "" {
  if (!options.originals) return "";
  const ownFile = item.sourceFile !== undefined && item.sourceFile !== meeting.sourceFile;
  const base = ownFile ? originalPath(meeting, options, item) : originalPath(meeting, options);
  const links: SafeHtml[] = [];
  if (ownFile) {
    links.push(html`<a href="${base}">Original fil: ${item.sourceFile}</a>`);
  }
  const pdf = meeting.format === "pdf" || item.sourceFile?.toLowerCase().endsWith(".pdf");
  if (pdf && item.page !== undefined) {
    links.push(html`<a href="${base}#page=${item.page}">Side ${item.page} i originalen</a>`);
  }
  if (links.length === 0) return "";
  return html`<p class="item-meta item-source">${links.map((link, index) => (index === 0 ? link : html` · ${link}`))}</p>`;
}

function itemHeading(item: Item): string {
  return `Punkt ${item.number}: ${item.title}`;
}

function tableOfContentsEntry(item: Item): SafeHtml {
  const closed = item.closed ? html` <span class="badge">Lukket</span>` : "";
  return html`<li><a href="#${itemAnchor(item.number)}">${itemHeading(item)}</a>${closed}</li>`;
}

function renderItem(meeting: Meeting, item: Item, options: MeetingPageOptions): SafeHtml {
  const closedNotice = item.closed
    ? html`<p class="item-meta"><span class="badge">Lukket</span> Lukket punkt: indholdet er ikke offentligt.</p>`
    : "";
  const caseNumber = item.caseNumber
    ? html`<p class="item-meta">Sagsnr. ${item.caseNumber}</p>`
    : "";
  return html`<article class="item${item.closed ? " closed" : ""}" id="${itemAnchor(item.number)}">
<h2>${itemHeading(item)}</h2>
${caseNumber}${itemSourceLinks(meeting, item, options)}${closedNotice}${item.sections.map((section) => renderSection(item, section))}
</article>
`;
}

function renderSection(item: Item, section: Section): SafeHtml {
  const heading = section.heading.trim() === "" ? "" : html`<h3>${section.heading}</h3>`;
  return html`<section class="section" id="${sectionAnchor(item.number, section.slug)}">${heading}${renderTextBlocks(section.text)}</section>`;
}
