import { z } from "zod";

/**
 * The parts of Slack's payloads the listeners read, validated at the boundary; everything else
 * Slack sends is ignored.
 */

export const messageEventSchema = z.object({
  type: z.string(),
  channel: z.string(),
  ts: z.string(),
  user: z.string().optional(),
  text: z.string().optional(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  channel_type: z.string().optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

export const actionValueSchema = z.object({
  q: z.string().min(1).max(100),
  l: z.enum(["da", "en"]),
});

export function parseActionValue(
  value: string | undefined,
): { questionId: string; language: "da" | "en" } | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = actionValueSchema.safeParse(json);
  return parsed.success ? { questionId: parsed.data.q, language: parsed.data.l } : undefined;
}
