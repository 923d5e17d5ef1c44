import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from '../../log/logger.ts';
import type { SlackMessage } from '../messages/slack-message.ts';

/** Delivery options of a reply through the response_url. */
export type ReplyOptions = Pick<RespondArguments, 'response_type' | 'replace_original' | 'delete_original'>;

/**
 * Sends `message` through the response_url and returns whether Slack accepted it. Bolt's
 * `respond()` throws a RespondError on a non-2xx status, for example 404 once the URL expired
 * (Slack accepts 5 posts within 30 minutes). Nothing else can reach the user then, so the
 * failure is logged.
 */
export async function sendReply(respond: RespondFn, message: SlackMessage, options: ReplyOptions, logger: Logger): Promise<boolean> {
  try {
    await respond({ ...options, text: message.text, blocks: message.blocks });
    return true;
  } catch (error) {
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    logger.error(
      { err: { message: error instanceof Error ? error.message : String(error), statusCode }, responseType: options.response_type },
      'Sending the reply to the response_url failed',
    );
    return false;
  }
}
