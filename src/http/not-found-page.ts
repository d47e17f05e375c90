import { html } from "./html.ts";
import { type RenderedPage, renderPage } from "./page-layout.ts";

export function renderNotFoundPage(message: string): RenderedPage {
  const body = html`<nav class="site-nav"><a href="/">← Alle møder</a></nav>
<h1>Siden findes ikke</h1>
<p>${message}</p>`;
  return renderPage({ title: "Siden findes ikke · Referat", body });
}
