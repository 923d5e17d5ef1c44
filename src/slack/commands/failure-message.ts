import { SevenSignalError } from '../../sevensignal/errors.ts';
import { escapeMrkdwn } from '../messages/mrkdwn.ts';
import type { SlackMessage } from '../messages/slack-message.ts';

/** Formats milliseconds as seconds with at most one decimal: `10`, `2.5`. */
function seconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(1)));
}

/**
 * Explains a failed query in words a Slack user can act on, by the error's code. Errors that are
 * not SevenSignalErrors are bugs in the bot, so the text states only that it was logged.
 */
export function describeQueryFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof SevenSignalError)) {
    return 'The query failed because of an error in the bot. The error was logged; try again, and report it to the bot\'s operator if it keeps failing.';
  }

  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  const requestId = error.requestId === undefined ? '' : ` 7SIGNAL request id for their support: ${error.requestId}.`;

  switch (error.code) {
    case 'timeout':
      return `7SIGNAL did not answer within ${seconds(timeoutMs)} s. Try again in a minute.`;
    case 'invalid_credentials':
    case 'unauthorized':
      return '7SIGNAL rejected the API key. Ask the bot\'s operator to check SEVENSIGNAL_CLIENT_ID and SEVENSIGNAL_CLIENT_SECRET against the API key in Mobile Eye.';
    case 'forbidden':
      return `7SIGNAL denied the API key access to incidents${status}. Ask the bot's operator to check the key's role and SEVENSIGNAL_ORGANIZATION.${requestId}`;
    case 'rate_limited':
      return '7SIGNAL is rate limiting the bot\'s API key (HTTP 429). Try again in a minute.';
    case 'server_error':
      return `7SIGNAL failed with a server error${status}. Try again in a few minutes.${requestId}`;
    case 'network':
      return 'The bot could not reach 7SIGNAL. Try again in a few minutes, and ask the bot\'s operator to check SEVENSIGNAL_API_URL if it keeps failing.';
    case 'invalid_response':
      return '7SIGNAL sent a response the bot could not read. Try again, and report it to the bot\'s operator if it keeps failing.';
    case 'bad_request':
      return `7SIGNAL rejected the query. ${error.message}`;
    case 'not_found':
    case 'conflict':
      return `7SIGNAL failed. ${error.message}`;
  }
}

/** Builds the private reply for a failed query. */
export function buildFailureMessage(error: unknown, timeoutMs: number): SlackMessage {
  const text = escapeMrkdwn(describeQueryFailure(error, timeoutMs));
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${text}` } }] };
}
