import type { Logger } from '../log/logger.ts';
import { classifySlackError, type SlackFailure } from '../slack/slack-errors.ts';
import type { SlackMessage } from '../slack/messages/slack-message.ts';
import type { SlackWebClient } from '../slack/web-client.ts';

export type PostResult = { ok: true; channel: string; ts: string } | { ok: false; failure: SlackFailure };

/** Slack error codes that reject a message for its content; a plain-text version may still go through. */
const CONTENT_ERRORS = new Set(['invalid_blocks', 'msg_too_long']);

/** Maximum length of a plain-text fallback post. */
const MAX_PLAIN_TEXT = 3900;

export interface PostOptions {
  /** Posts the message as a reply in the thread of this message. */
  threadTs?: string;
}

/**
 * Posts `message` to `channel`. A message Slack rejects for its content is posted once more as
 * plain text, so the incident still reaches the channel.
 */
export async function postMessage(
  slack: SlackWebClient,
  channel: string,
  message: SlackMessage,
  logger: Logger,
  options: PostOptions = {},
): Promise<PostResult> {
  const first = await sendPost(slack, channel, message, options);
  if (first.ok || !CONTENT_ERRORS.has(first.failure.code)) {
    return first;
  }

  logger.warn({ channel, slackError: first.failure.code }, 'Slack rejected the message for its content; posting it as plain text');
  const plain: SlackMessage = { text: message.text.slice(0, MAX_PLAIN_TEXT), blocks: [], metadata: message.metadata };
  return sendPost(slack, channel, plain, options);
}

async function sendPost(slack: SlackWebClient, channel: string, message: SlackMessage, options: PostOptions): Promise<PostResult> {
  try {
    const response = await slack.chat.postMessage({
      channel,
      ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
      text: message.text,
      ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
      ...(message.metadata ? { metadata: message.metadata } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });

    if (typeof response.ts !== 'string') {
      return { ok: false, failure: { code: 'missing_ts', retryable: true, fix: 'Slack confirmed the post without a message ts' } };
    }
    return { ok: true, channel: typeof response.channel === 'string' ? response.channel : channel, ts: response.ts };
  } catch (error) {
    return { ok: false, failure: classifySlackError(error) };
  }
}
