import { escapeMrkdwn } from './mrkdwn.ts';

/** Slack user ids: U..., or W... in Enterprise Grid. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/** A mention of a Slack user, `<@U0123ABCD>`; any other text is escaped instead of linked. */
export function mention(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
