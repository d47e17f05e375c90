/**
 * Slack's mrkdwn: the three control characters escaped, links as <url|label>, and the way back
 * from Slack's message text (mentions, links, entities) to the plain words a person typed.
 */

export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A link whose label cannot break out of the <url|label> syntax. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replaceAll("|", "%7C").replaceAll(">", "%3E").replaceAll("<", "%3C");
  const safeLabel = escapeMrkdwn(label).replaceAll("|", "¦");
  return `<${safeUrl}|${safeLabel}>`;
}

/**
 * Answer text as the answer functions write it (plain text, perhaps light Markdown from an LLM)
 * to mrkdwn: escaped, `**bold**` → `*bold*`, `[label](url)` → `<url|label>`.
 */
export function markdownToMrkdwn(text: string): string {
  const links: string[] = [];
  const withPlaceholders = text.replace(
    /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g,
    (_match, label: string, url: string) => {
      links.push(mrkdwnLink(url, label));
      return `\uE000${links.length - 1}\uE000`;
    },
  );
  return escapeMrkdwn(withPlaceholders)
    .replace(/\*\*([^*\n]+)\*\*/g, "*$1*")
    .replace(/^#{1,6}\s+(.+)$/gm, "*$1*")
    .replace(/\uE000(\d+)\uE000/g, (_match, index: string) => links[Number(index)] ?? "");
}

/**
 * The question as the person wrote it: the bot's own mention removed, other mentions, channel
 * references and links reduced to their visible text, entities decoded, spacing collapsed.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_match, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("@"))
        return target.slice(1) === botUserId ? " " : label ? `@${label}` : " ";
      if (target.startsWith("#")) return label ? `#${label}` : " ";
      if (target.startsWith("!")) return label ?? " ";
      return label ?? target;
    })
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ")
    .trim();
}

export function mentionsUser(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}
