/**
 * Minutes text as a reader should see it in a quote: the markup some sources carry (Markdown
 * emphasis, links and tables from converted Word files, stray HTML tags, entities) removed, the
 * words kept. Quotes stay verbatim in their words; only the markup goes.
 */

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

export function toPlainText(text: string): string {
  return (
    text
      // [label](https://…) → label
      .replace(/\[([^\]\n]+)\]\((?:https?:\/\/|mailto:)[^\s)]*\)/g, "$1")
      // <https://…> (an autolink) → the address itself
      .replace(/<((?:https?:\/\/|mailto:)[^\s<>]+)>/g, "$1")
      // HTML tags left in the text (<ul style="…">, </li>, <br/>)
      .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, "")
      // **bold**, __bold__ (paired on one line first, then any strays)
      .replace(/\*\*([^*\n]+?)\*\*/g, "$1")
      .replace(/__([^_\n]+?)__/g, "$1")
      .replace(/\*\*/g, "")
      // Markdown headings and table rules
      .replace(/^[ \t]*#{1,6}[ \t]+/gm, "")
      .replace(/^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/gm, "")
      // | a | b | → a · b
      .replace(/^[ \t]*\|(.*)\|[ \t]*$/gm, (_row, cells: string) =>
        cells
          .split("|")
          .map((cell) => cell.trim())
          .filter((cell) => cell !== "")
          .join(" · "),
      )
      .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_entity, name: string) => ENTITIES[name] ?? "")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
  );
}
