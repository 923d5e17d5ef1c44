import type { Logger } from '../../log/logger.ts';
import { classifySlackError } from '../slack-errors.ts';
import type { SlackWebClient } from '../web-client.ts';

/** Returns the user ids of a Slack user group. */
export type GroupMemberLister = (groupId: string) => Promise<string[]>;

/**
 * Whether a user may press a button: `allowed`, `not_listed` (neither the user nor a group of
 * theirs is in the list), or `lookup_failed` when a user group could not be read and the user
 * was not found otherwise. `cause` names the error of a failed lookup.
 */
export type AllowDecision =
  | { outcome: 'allowed' }
  | { outcome: 'not_listed' }
  | { outcome: 'lookup_failed'; cause: string };

/** How long the members of a user group are reused before Slack is asked again. */
export const GROUP_MEMBERS_TTL_MS = 60_000;

const GROUP_ID = /^S/;

/** Lists the members of a user group with `usergroups.users.list`, which needs the `usergroups:read` scope. */
export function slackGroupMembers(slack: SlackWebClient): GroupMemberLister {
  return async (groupId) => {
    const response = await slack.usergroups.users.list({ usergroup: groupId });
    return response.users ?? [];
  };
}

/**
 * Checks Slack users against allow lists of user ids (U..., W...) and user-group ids (S...).
 * Group members are cached for GROUP_MEMBERS_TTL_MS, so a change of a group takes up to that
 * long to apply.
 */
export class AllowedUsers {
  private readonly cache = new Map<string, { members: Set<string>; readAt: number }>();

  constructor(
    private readonly listMembers: GroupMemberLister,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** Decides whether `userId` is in `allowList`; an empty list allows everyone. */
  async check(userId: string, allowList: readonly string[]): Promise<AllowDecision> {
    if (allowList.length === 0 || allowList.includes(userId)) {
      return { outcome: 'allowed' };
    }

    let failure: string | undefined;
    for (const groupId of allowList.filter((id) => GROUP_ID.test(id))) {
      try {
        if ((await this.members(groupId)).has(userId)) {
          return { outcome: 'allowed' };
        }
      } catch (error) {
        const classified = classifySlackError(error);
        failure = `reading user group ${groupId} failed with ${classified.code}`;
        this.logger.error(
          { groupId, slackError: classified.code },
          `Reading the members of a Slack user group failed: ${classified.fix}`,
        );
      }
    }

    return failure === undefined ? { outcome: 'not_listed' } : { outcome: 'lookup_failed', cause: failure };
  }

  private async members(groupId: string): Promise<Set<string>> {
    const cached = this.cache.get(groupId);
    if (cached !== undefined && this.now() - cached.readAt < GROUP_MEMBERS_TTL_MS) {
      return cached.members;
    }

    const members = new Set(await this.listMembers(groupId));
    this.cache.set(groupId, { members, readAt: this.now() });
    return members;
  }
}
