import type { Viewer } from "../minutes/visibility.ts";
import { describeError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import type { WebClient } from "./bot-dependencies.ts";

/**
 * Who an answer in Slack is for. In a channel, everyone in it can read the answer, so it sees
 * what the channel may see (internal minutes whose audiences name the channel id). In a direct
 * message it sees what the person may: minutes whose audiences name their user id or a user
 * group they belong to (read with usergroups.list, kept for a few minutes).
 */

export interface SlackPlace {
  channelId: string;
  userId: string;
  /** A direct message with the bot (channel type "im", or a D… channel id). */
  direct: boolean;
}

export type SlackViewerOf = (place: SlackPlace, client: WebClient) => Promise<Viewer>;

const USER_GROUPS_KEPT_MS = 5 * 60_000;

export function createSlackViewers(options: { logger: Logger; now?: () => number }): SlackViewerOf {
  const now = options.now ?? Date.now;
  let groups: { members: Map<string, string[]>; readAt: number } | undefined;
  let reading: Promise<Map<string, string[]>> | undefined;
  let warned = false;

  const groupsByUser = async (client: WebClient): Promise<Map<string, string[]>> => {
    if (groups && now() - groups.readAt < USER_GROUPS_KEPT_MS) return groups.members;
    reading ??= readUserGroups(client)
      .then((members) => {
        groups = { members, readAt: now() };
        return members;
      })
      .catch((error: unknown) => {
        if (!warned) {
          options.logger.warn(
            { error: describeError(error) },
            "Slack user groups cannot be read (usergroups:read scope?); direct messages see what the user id is allowed",
          );
          warned = true;
        }
        // Kept like a reading, so that DMs do not ask Slack again and again meanwhile.
        const none = new Map<string, string[]>();
        groups = { members: none, readAt: now() };
        return none;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };

  return async (place, client) => {
    if (!place.direct) return { audiences: [place.channelId] };
    const memberOf = (await groupsByUser(client)).get(place.userId) ?? [];
    return { audiences: [place.userId, ...memberOf] };
  };
}

async function readUserGroups(client: WebClient): Promise<Map<string, string[]>> {
  const response = await client.usergroups.list({ include_users: true });
  const byUser = new Map<string, string[]>();
  for (const group of response.usergroups ?? []) {
    if (!group.id) continue;
    for (const user of group.users ?? []) {
      const memberOf = byUser.get(user) ?? [];
      memberOf.push(group.id);
      byUser.set(user, memberOf);
    }
  }
  return byUser;
}
