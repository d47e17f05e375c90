/**
 * Slack's Block Kit limits, and text splitting that respects them without cutting a word, a
 * link or an entity in half.
 */
export const SLACK_LIMITS = {
  sectionText: 3000,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  blocksPerMessage: 50,
  /**
   * The blocks of one message, measured as JSON. Slack documents no such limit but refuses
   * longer ones with msg_blocks_too_long (seen from about 13,200 characters of block text,
   * slackapi/bolt-js#2509); kept well below that.
   */
  blockCharactersPerMessage: 12_000,
  /** The notification/fallback `text` of a message with blocks; Slack cuts longer ones. */
  fallbackText: 3000,
} as const;

/** Shortens to at most `limit` characters at a word boundary, ending with `suffix`. */
export function truncateText(text: string, limit: number, suffix = "…"): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - suffix.length);
  const cut = safeCutIndex(text, room);
  return `${text.slice(0, cut).trimEnd()}${suffix}`;
}

/**
 * Splits text into pieces of at most `limit` characters, preferring paragraph breaks, then line
 * breaks, then sentence ends, then spaces; a piece never ends inside `<…>` or an `&…;` entity.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = safeCutIndex(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece !== "") pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

function safeCutIndex(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const window = text.slice(0, limit + 1);
  const minimum = Math.floor(limit * 0.5);
  const candidates = [
    window.lastIndexOf("\n\n"),
    window.lastIndexOf("\n"),
    Math.max(window.lastIndexOf(". "), window.lastIndexOf("? "), window.lastIndexOf("! ")) + 1,
    window.lastIndexOf(" "),
  ];
  let cut = candidates.find((index) => index >= minimum) ?? limit;
  cut = Math.min(cut, limit);
  return avoidOpenToken(text, cut);
}

/** Moves a cut back before a `<link>` or `&entity;` that would otherwise be split. */
function avoidOpenToken(text: string, cut: number): number {
  const head = text.slice(0, cut);
  const openAngle = head.lastIndexOf("<");
  if (openAngle > head.lastIndexOf(">") && openAngle > 0) return openAngle;
  const ampersand = head.lastIndexOf("&");
  if (ampersand > head.lastIndexOf(";") && cut - ampersand < 8 && ampersand > 0) {
    const rest = text.slice(ampersand, ampersand + 8);
    if (/^&[a-z]+;/.test(rest)) return ampersand;
  }
  return cut;
}

/** Groups blocks into messages of at most 50 blocks each, keeping order. */
export function chunkBlocks<T>(
  blocks: readonly T[],
  perMessage: number = SLACK_LIMITS.blocksPerMessage,
): T[][] {
  const messages: T[][] = [];
  for (let index = 0; index < blocks.length; index += perMessage) {
    messages.push(blocks.slice(index, index + perMessage));
  }
  return messages;
}
