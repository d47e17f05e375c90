import type { InlineScript } from "./client-scripts.ts";
import { html, rawHtml, type SafeHtml } from "./html.ts";
import { STYLESHEET_PATH } from "./stylesheet.ts";

export interface RenderedPage {
  html: string;
  /** Allows this page's own inline script (by hash), the stylesheet and fetches to self only. */
  contentSecurityPolicy: string;
}

export function renderPage(page: {
  title: string;
  body: SafeHtml;
  script?: InlineScript;
}): RenderedPage {
  const script = page.script ? html`<script>${rawHtml(page.script.source)}</script>` : "";
  const document = html`<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
${page.body}
</main>
${script}
</body>
</html>
`;
  return { html: document.value, contentSecurityPolicy: contentSecurityPolicy(page.script) };
}

export function contentSecurityPolicy(script?: InlineScript): string {
  return [
    "default-src 'none'",
    `script-src ${script ? script.hash : "'none'"}`,
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
