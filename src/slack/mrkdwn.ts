import { inertMrkdwn } from "./inert-text.ts";

/**
 * Slack's mrkdwn: the three control characters escaped, Referat's own links as <url|label>, and
 * the way back from Slack's message text (mentions, links, entities) to the plain words a
 * person typed.
 */

/**
 * A link Referat builds to its own pages: an http(s) URL that cannot break out of <url|label>,
 * its label inert. Anything else is shown as the label alone, unlinked.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = inertMrkdwn(label).replaceAll("|", "¦");
  if (!isWebUrl(url)) return safeLabel;
  const safeUrl = url.replaceAll("|", "%7C").replaceAll(">", "%3E").replaceAll("<", "%3C");
  return `<${safeUrl}|${safeLabel}>`;
}

function isWebUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  return URL.canParse(url);
}

/** A mention of the Slack user who did something (shared an answer); ids only, never text. */
export function userMention(userId: string): string | undefined {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : undefined;
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
