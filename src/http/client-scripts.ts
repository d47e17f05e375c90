import { createHash } from "node:crypto";

/**
 * The only scripts the pages run: small, inline and constant, so the Content-Security-Policy can
 * allow each by its sha256 hash and nothing else.
 */

export interface InlineScript {
  source: string;
  /** CSP source expression: `'sha256-…'`. */
  hash: string;
}

function inlineScript(source: string): InlineScript {
  return { source, hash: `'sha256-${createHash("sha256").update(source).digest("base64")}'` };
}

/** Highlights the cited item or section (hash or `?highlight=`) and scrolls it into view. */
export const HIGHLIGHT_SCRIPT = inlineScript(`
(() => {
  const targetId = () =>
    decodeURIComponent(location.hash.slice(1)) ||
    new URLSearchParams(location.search).get("highlight") ||
    "";
  const highlight = () => {
    for (const element of document.querySelectorAll(".highlighted")) {
      element.classList.remove("highlighted");
      element.removeAttribute("aria-current");
    }
    const id = targetId();
    const element = id ? document.getElementById(id) : null;
    if (!element) return;
    element.classList.add("highlighted");
    element.setAttribute("aria-current", "location");
    element.scrollIntoView({ block: "start" });
  };
  highlight();
  window.addEventListener("hashchange", highlight);
})();
`);

/** The question box on the front page: POST /api/ask and show the answer with its citations. */
export const ASK_SCRIPT = inlineScript(`
(() => {
  const form = document.getElementById("ask-form");
  const output = document.getElementById("answer");
  if (!form || !output) return;
  const button = form.querySelector("button");
  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const citationList = (citations) => {
    const list = element("ol", "citations");
    for (const citation of citations) {
      const entry = element("li");
      const link = element("a", "citation", citation.label);
      link.href = citation.url;
      entry.append(link);
      entry.append(element("div", "citation-title muted", citation.title));
      if (citation.quote) entry.append(element("blockquote", "", citation.quote));
      list.append(entry);
    }
    return list;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = form.elements.question.value.trim();
    if (!question) return;
    const headers = { "content-type": "application/json" };
    const token = form.elements.token ? form.elements.token.value.trim() : "";
    if (token) headers.authorization = "Bearer " + token;
    button.disabled = true;
    output.replaceChildren(element("p", "muted", "Søger i referaterne …"));
    output.setAttribute("aria-busy", "true");
    try {
      const response = await fetch("/api/ask", { method: "POST", headers, body: JSON.stringify({ question }) });
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) {
        const message = body && body.error ? body.error.message : "Svaret kunne ikke hentes (" + response.status + ").";
        output.replaceChildren(element("p", "error", message));
        return;
      }
      const parts = [element("p", "answer-text", body.text)];
      if (body.citations && body.citations.length > 0) {
        parts.push(element("h3", "", "Kilder"), citationList(body.citations));
      }
      if (body.abstained && body.related && body.related.length > 0) {
        parts.push(element("h3", "", "Måske relateret"), citationList(body.related));
      }
      if (body.note) parts.push(element("p", "muted", body.note));
      output.replaceChildren(...parts);
    } catch (error) {
      output.replaceChildren(element("p", "error", "Forbindelsen til serveren fejlede."));
    } finally {
      button.disabled = false;
      output.removeAttribute("aria-busy");
    }
  });
})();
`);
