/** The source pages' one stylesheet, served at /assets/style.css. */
export const STYLESHEET_PATH = "/assets/style.css";

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5a5a66; --line: #d9d9e0; --accent: #0b5cad; --mark: #fff3b0; --closed: #f3f0f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafafb; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 0.25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
.site-nav { font-size: 0.9rem; margin-bottom: 1rem; }
.meeting-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 1.5rem; color: var(--muted); }
.meeting-facts dt { font-weight: 600; }
.meeting-facts dd { margin: 0; }
.toc { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin-bottom: 2rem; }
.toc ol { margin: 0; padding-left: 1.25rem; }
.item { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin: 0 0 1.5rem; scroll-margin-top: 1rem; }
.item.closed { background: var(--closed); }
.item-meta { color: var(--muted); font-size: 0.9rem; margin: 0 0 0.5rem; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; padding: 0.05rem 0.45rem; border-radius: 4px; background: #5a5a66; color: #fff; vertical-align: middle; }
.section { border-left: 4px solid transparent; padding: 0.1rem 0 0.1rem 0.75rem; margin-left: -0.8rem; scroll-margin-top: 1rem; }
.section:target, .section.highlighted, .item:target, .item.highlighted { background: var(--mark); border-left-color: #e0b400; }
.item:target, .item.highlighted { outline: 3px solid #e0b400; }
.verbatim { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.4rem 0; }
.minutes-list { list-style: none; padding-left: 0.5rem; margin: 0.4rem 0; }
.minutes-list li { display: flex; gap: 0.4rem; }
.minutes-list .marker { flex: none; min-width: 1.2rem; }
.minutes-list .verbatim { margin: 0; }
.table-wrapper { overflow-x: auto; margin: 0.5rem 0; }
table { border-collapse: collapse; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; white-space: pre-wrap; }
.meetings { width: 100%; background: #fff; }
.ask { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 1rem 0 2rem; }
.ask label { display: block; font-weight: 600; margin-bottom: 0.35rem; }
.ask textarea, .ask input { width: 100%; font: inherit; padding: 0.5rem; border: 1px solid var(--line); border-radius: 4px; }
.ask button { margin-top: 0.5rem; font: inherit; padding: 0.4rem 1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
.ask button[disabled] { opacity: 0.6; cursor: progress; }
.answer { margin-top: 1rem; }
.answer-text { white-space: pre-wrap; }
.answer .citations li { margin-bottom: 0.5rem; }
.answer blockquote { margin: 0.2rem 0 0; padding-left: 0.75rem; border-left: 3px solid var(--line); color: var(--muted); }
.answer .error { color: #a40000; }
.muted { color: var(--muted); }
`;
