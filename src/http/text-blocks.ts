import { html, type SafeHtml } from "./html.ts";

/**
 * Renders the verbatim text of a section with its structure intact: "- " bullets and numbered
 * lines become lists (the marker is kept exactly as written), tab-separated and pipe tables
 * become tables, and everything else is a paragraph shown with `white-space: pre-wrap`, so no
 * word, line break or marker of the minutes is lost.
 */

export type TextBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: ListEntry[] }
  | { kind: "table"; header: string[] | null; rows: string[][] };

export interface ListEntry {
  marker: string;
  text: string;
}

const BULLET = /^\s*([-•–*])\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3}[.)])\s+(.*)$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEPARATOR = /^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?\s*$/;

export function splitTextBlocks(text: string): TextBlock[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: TextBlock[] = [];
  let index = 0;

  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (line.trim() === "") {
      index += 1;
      continue;
    }

    const tabRows = takeWhile(lines, index, isTabRow);
    if (tabRows.length >= 2) {
      blocks.push({ kind: "table", header: null, rows: tabRows.map(splitTabRow) });
      index += tabRows.length;
      continue;
    }

    const pipeRows = takeWhile(lines, index, (candidate) => PIPE_ROW.test(candidate));
    if (pipeRows.length >= 2) {
      blocks.push(pipeTable(pipeRows));
      index += pipeRows.length;
      continue;
    }

    const listStart = listMarker(line);
    if (listStart) {
      const items: ListEntry[] = [];
      while (index < lines.length) {
        const current = lines[index] ?? "";
        if (current.trim() === "") break;
        const marker = listMarker(current);
        if (marker && marker.ordered === listStart.ordered) {
          items.push({ marker: marker.marker, text: marker.text });
        } else if (marker || isTabRow(current) || PIPE_ROW.test(current)) {
          break;
        } else {
          const last = items[items.length - 1];
          if (last) last.text += `\n${current}`;
        }
        index += 1;
      }
      blocks.push({ kind: "list", ordered: listStart.ordered, items });
      continue;
    }

    const paragraph: string[] = [];
    while (index < lines.length) {
      const current = lines[index] ?? "";
      if (current.trim() === "" || (paragraph.length > 0 && startsBlock(lines, index))) break;
      paragraph.push(current);
      index += 1;
    }
    blocks.push({ kind: "paragraph", text: paragraph.join("\n") });
  }
  return blocks;
}

export function renderTextBlocks(text: string): SafeHtml {
  return html`${splitTextBlocks(text).map(renderBlock)}`;
}

function renderBlock(block: TextBlock): SafeHtml {
  switch (block.kind) {
    case "paragraph":
      return html`<p class="verbatim">${block.text}</p>`;
    case "list": {
      const entries = block.items.map(
        (entry) =>
          html`<li><span class="marker">${entry.marker}</span> <span class="verbatim">${entry.text}</span></li>`,
      );
      return block.ordered
        ? html`<ol class="minutes-list">${entries}</ol>`
        : html`<ul class="minutes-list">${entries}</ul>`;
    }
    case "table": {
      const header = block.header
        ? html`<thead><tr>${block.header.map((cell) => html`<th>${cell}</th>`)}</tr></thead>`
        : "";
      const width = Math.max(block.header?.length ?? 0, ...block.rows.map((row) => row.length));
      const rows = block.rows.map(
        (row) =>
          html`<tr>${Array.from({ length: width }, (_, column) => html`<td>${row[column] ?? ""}</td>`)}</tr>`,
      );
      return html`<div class="table-wrapper"><table>${header}<tbody>${rows}</tbody></table></div>`;
    }
  }
}

function listMarker(line: string): { ordered: boolean; marker: string; text: string } | undefined {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, marker: bullet[1] ?? "-", text: bullet[2] ?? "" };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { ordered: true, marker: numbered[1] ?? "", text: numbered[2] ?? "" };
  return undefined;
}

function startsBlock(lines: string[], index: number): boolean {
  const line = lines[index] ?? "";
  if (listMarker(line)) return true;
  if (isTabRow(line) && isTabRow(lines[index + 1] ?? "")) return true;
  return PIPE_ROW.test(line) && PIPE_ROW.test(lines[index + 1] ?? "");
}

function isTabRow(line: string): boolean {
  return line.includes("\t") && line.trim() !== "";
}

function splitTabRow(line: string): string[] {
  return line.split("\t").map((cell) => cell.trim());
}

function splitPipeRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

function pipeTable(rows: string[]): TextBlock {
  const separatorAt = rows.findIndex((row) => PIPE_SEPARATOR.test(row));
  const body = rows.filter((_, index) => index !== separatorAt).map(splitPipeRow);
  if (separatorAt === 1) {
    const [header = [], ...rest] = body;
    const headerIsEmpty = header.every((cell) => cell === "");
    return { kind: "table", header: headerIsEmpty ? null : header, rows: rest };
  }
  return { kind: "table", header: null, rows: body };
}

function takeWhile(lines: string[], from: number, predicate: (line: string) => boolean): string[] {
  const taken: string[] = [];
  for (let index = from; index < lines.length && predicate(lines[index] ?? ""); index += 1) {
    taken.push(lines[index] ?? "");
  }
  return taken;
}
