import { formatDuration, formatUtc, slackDate, truncate } from './mrkdwn.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import type { SlackMessage } from './slack-message.ts';

/** Maximum length of the error text quoted in an outage message. */
const MAX_ERROR_TEXT = 500;

/** Builds the message that reports to the channel that the 7SIGNAL API has failed for several cycles. */
export function buildApiDownMessage(since: number, failedCycles: number, lastError: string): SlackMessage {
  const error = escapeMrkdwn(truncate(lastError, MAX_ERROR_TEXT));
  const text = `:warning: 7SIGNAL API unreachable since ${slackDate(since)}: ${failedCycles} poll cycles in a row failed. New Wi-Fi incidents are not posted until it answers again; none are lost. Last error: ${error}`;
  return {
    text: `7SIGNAL API unreachable since ${formatUtc(since)}, last error: ${truncate(lastError, MAX_ERROR_TEXT)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** Builds the message that reports to the channel that the 7SIGNAL API responds again after an outage. */
export function buildApiRecoveredMessage(since: number, recoveredAt: number): SlackMessage {
  const text = `:white_check_mark: 7SIGNAL API reachable again since ${slackDate(recoveredAt)}, after ${formatDuration(recoveredAt - since)} unreachable. Incidents from that time are posted now.`;
  return {
    text: `7SIGNAL API reachable again since ${formatUtc(recoveredAt)}, after ${formatDuration(recoveredAt - since)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
