import { classifySlackError, type SlackFailure } from '../slack/slack-errors.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';

export type UpdateResult = { ok: true } | { ok: false; failure: SlackFailure };

/**
 * Replaces the text and blocks of message `ts` in `channel` with `message` through
 * `chat.update`. A deleted message fails with the code `message_not_found`.
 */
export async function updateMessage(
  slack: SlackWebClient,
  channel: string,
  ts: string,
  message: SlackMessage,
): Promise<UpdateResult> {
  try {
    await slack.chat.update({
      channel,
      ts,
      text: message.text,
      blocks: message.blocks,
      ...(message.metadata ? { metadata: message.metadata } : {}),
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: classifySlackError(error) };
  }
}
