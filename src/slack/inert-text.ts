/**
 * Text the bot did not write itself (minutes, LLM output, what a person typed) made inert for
 * Slack: it shows as the same words but cannot become a link, a mention or formatting. Escaping
 * `&`, `<`, `>` stops Slack's `<…>` syntax (links, `<!channel>`, `<@U…>`, `<#C…>`,
 * `<!subteam^…>`). Slack also linkifies bare URLs and domain names, and formats `*`, `_`, `~` and
 * backticks, and mrkdwn has no escape for either, so those are replaced by characters that look
 * the same and that Slack does not read as markup.
 */

/** Slack's three control characters as entities; for text Referat writes itself. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Slack's formatting characters and look-alikes it does not format with. */
const FORMATTING_LOOKALIKES: Record<string, string> = {
  "*": "\u2217", // ∗ asterisk operator
  _: "\u02CD", // ˍ modifier letter low macron
  "~": "\u02DC", // ˜ small tilde
  "`": "\u02CB", // ˋ modifier letter grave accent
};
const ONE_DOT_LEADER = "\u2024"; // ․ looks like a full stop, ends no domain name
const DIVISION_SLASH = "\u2215"; // ∕ looks like a slash, starts no URL
const FULLWIDTH_AT = "\uFF20"; // ＠ looks like @, mentions no one

/**
 * `[label](url)` as "label (url)"; URLs, `www.` and domain names broken so that no linkifier
 * finds them; `@channel`, `@here`, `@everyone` spelled so that they notify no one. Leaves `*`,
 * `_`, `~`, backticks and `<>&` alone (the callers deal with those for their kind of text).
 */
export function defangLinks(text: string): string {
  return (
    text
      // Bounded, and no `[` inside a label: each `[` scans at most to the next one, so long
      // runs of brackets cost linear time.
      .replace(/\[([^[\]\n]{0,500})\]\(([^()\s]{0,2000})\)/g, "$1 ($2)")
      .replaceAll("://", `:${DIVISION_SLASH}${DIVISION_SLASH}`)
      .replace(/www\./gi, (match) => `${match.slice(0, 3)}${ONE_DOT_LEADER}`)
      // A full stop between a letter or digit and a letter is how every domain name looks.
      .replace(/(?<=[\p{L}\p{N}])\.(?=\p{L})/gu, ONE_DOT_LEADER)
      .replace(/@(?=channel|here|everyone)/gi, FULLWIDTH_AT)
  );
}

/** Untrusted text for a mrkdwn text object: shown as written, parsed as nothing. */
export function inertMrkdwn(text: string): string {
  return escapeMrkdwn(neutraliseFormatting(defangLinks(text)));
}

/**
 * Untrusted text for a plain_text object (headers): Slack does not parse mrkdwn there, but the
 * links and angle brackets are broken all the same.
 */
export function inertPlainText(text: string): string {
  return defangLinks(text).replaceAll("<", "\u2039").replaceAll(">", "\u203A");
}

/**
 * Answer text as the answer functions write it (plain text, perhaps light Markdown from an LLM):
 * its `**bold**` and `# headings` become bold, everything else is inert: a Markdown link in an
 * LLM answer is words and a URL that is not a link.
 */
export function answerTextToMrkdwn(text: string): string {
  return defangLinks(text)
    .split("\n")
    .map((line) => {
      const heading = /^#{1,6}\s+(.+)$/.exec(line);
      if (heading) return `*${inertMrkdwn(heading[1] ?? "")}*`;
      return line
        .split(/\*\*([^*\n]+)\*\*/)
        .map((piece, index) => (index % 2 === 1 ? `*${inertMrkdwn(piece)}*` : inertMrkdwn(piece)))
        .join("");
    })
    .join("\n");
}

/** Answer text for a notification: the answer's bold marks dropped, the rest inert. */
export function inertFallback(text: string): string {
  return inertMrkdwn(text.replace(/\*\*([^*\n]+)\*\*/g, "$1"));
}

function neutraliseFormatting(text: string): string {
  return (
    text
      .replace(/[*_~`]/g, (character) => FORMATTING_LOOKALIKES[character] ?? character)
      // "> " at the start of a line would quote it.
      .replace(/^([ \t]*)>/gm, "$1\u203A")
  );
}
