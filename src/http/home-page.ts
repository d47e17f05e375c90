import { meetingPath } from "../minutes/anchors.ts";
import { formatDanishDate } from "../minutes/dates.ts";
import type { Meeting } from "../minutes/model.ts";
import { ASK_SCRIPT } from "./client-scripts.ts";
import { html, type SafeHtml } from "./html.ts";
import { type RenderedPage, renderPage } from "./page-layout.ts";
import { MAX_QUESTION_LENGTH } from "./request-schemas.ts";

/** The front page: a question box that calls /api/ask, and every meeting, newest first. */
export function renderHomePage(options: {
  meetings: Meeting[];
  tokenRequired: boolean;
}): RenderedPage {
  const tokenField = options.tokenRequired
    ? html`<label for="token">API-token</label>
<input id="token" name="token" type="password" autocomplete="off" required>`
    : "";
  const body = html`<header>
<h1>Referat</h1>
<p>Stil et spørgsmål til mødereferaterne. Svaret henviser til det præcise dagsordenspunkt, med et link til kilden.</p>
</header>
<form id="ask-form" class="ask">
<label for="question">Spørgsmål</label>
<textarea id="question" name="question" rows="3" maxlength="${MAX_QUESTION_LENGTH}" required placeholder="Fx: Hvem blev medlem af styregruppen for ACT-indsatsen?"></textarea>
${tokenField}
<button type="submit">Spørg</button>
</form>
<section id="answer" class="answer" aria-live="polite"></section>
<h2>Møder</h2>
${meetingTable(options.meetings)}`;
  return renderPage({ title: "Referat", body, script: ASK_SCRIPT });
}

function meetingTable(meetings: Meeting[]): SafeHtml {
  if (meetings.length === 0) return html`<p class="muted">Der er endnu ingen referater.</p>`;
  const rows = meetings.map(
    (meeting) => html`<tr>
<td>${formatDanishDate(meeting.date)}</td>
<td><a href="${meetingPath(meeting.id)}">${meeting.body}</a>${meeting.organisation ? html`<div class="muted">${meeting.organisation}</div>` : ""}</td>
<td>${meeting.items.length}</td>
</tr>`,
  );
  return html`<table class="meetings">
<thead><tr><th>Dato</th><th>Møde</th><th>Punkter</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}
