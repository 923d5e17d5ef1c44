import webApi from '@slack/web-api';

const { ErrorCode } = webApi;

/** Reason a Slack call failed, and whether trying again later can succeed. */
export interface SlackFailure {
  /** Slack's error code (`channel_not_found`), or `http_<status>`, `rate_limited`, `request_failed`. */
  code: string;
  retryable: boolean;
  /** Fix an operator applies. */
  fix: string;
  retryAfterSeconds?: number;
}

/** The fix an operator applies for each Slack error code the bot expects. */
const FIXES: Record<string, string> = {
  channel_not_found: 'check the channel id, and invite the bot to the channel or add the chat:write.public scope',
  not_in_channel: 'invite the bot to the channel (/invite @wifi-incidents), or add the chat:write.public scope for public channels',
  is_archived: 'unarchive the channel or point the bot at another one',
  invalid_auth: 'check SLACK_BOT_TOKEN: reinstall the app and copy its Bot User OAuth Token',
  not_authed: 'set SLACK_BOT_TOKEN to the Bot User OAuth Token',
  token_revoked: 'reinstall the app to the workspace and update SLACK_BOT_TOKEN',
  account_inactive: 'reinstall the app to the workspace and update SLACK_BOT_TOKEN',
  missing_scope: 'add the missing scope in the app settings (OAuth & Permissions) and reinstall the app',
  invalid_blocks: 'the message was rejected for its content; this is a bug in the bot, please report it',
  msg_too_long: 'the message was rejected for its length; this is a bug in the bot, please report it',
  message_not_found: 'the message was deleted in Slack',
  ratelimited: 'Slack is rate limiting the bot; it waits and tries again',
};

/** Classifies an error thrown by the Slack Web API client. */
export function classifySlackError(error: unknown): SlackFailure {
  const failure = error as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number };

  if (failure.code === ErrorCode.PlatformError) {
    const code = failure.data?.error ?? 'unknown_error';
    const retryable = !['invalid_blocks', 'msg_too_long', 'no_text', 'invalid_arguments'].includes(code);
    return { code, retryable, fix: FIXES[code] ?? `see Slack's documentation of the "${code}" error` };
  }

  if (failure.code === ErrorCode.RateLimitedError) {
    return { code: 'rate_limited', retryable: true, fix: FIXES.ratelimited!, retryAfterSeconds: failure.retryAfter };
  }

  if (failure.code === ErrorCode.HTTPError) {
    const status = failure.statusCode ?? 0;
    return { code: `http_${status}`, retryable: true, fix: 'Slack answered with an HTTP error; it is tried again next cycle' };
  }

  if (failure.code === ErrorCode.RequestError) {
    return { code: 'request_failed', retryable: true, fix: 'check that SLACK_API_URL is reachable from this host' };
  }

  return {
    code: 'unexpected_error',
    retryable: true,
    fix: error instanceof Error ? error.message : String(error),
  };
}
