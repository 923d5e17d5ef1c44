import webApi from '@slack/web-api';
import type { Logger } from '../log/logger.ts';
import type { SlackWebClient } from '../slack/web-client.ts';
import type { ChannelPacer } from './channel-pacer.ts';

const { ErrorCode } = webApi;

type PostMessage = SlackWebClient['chat']['postMessage'];

/** Rate-limited posts to one channel retried before the error goes to the caller. */
export const MAX_RATE_LIMIT_RETRIES = 3;

/**
 * Returns `client` with `chat.postMessage` paced per channel by `pacer`; every other method is the
 * client's own. When Slack responds with 429, only that channel waits for the Retry-After time and the
 * post is tried again, up to MAX_RATE_LIMIT_RETRIES times. `client` must be created with
 * `rejectRateLimitedCalls: true`. Otherwise the Web API client pauses its queue for every
 * channel on a 429 and retries the call itself.
 */
export function withChannelPacing(client: SlackWebClient, pacer: ChannelPacer, logger: Logger): SlackWebClient {
  const post = client.chat.postMessage;

  const pacedPost = (async (args: Parameters<PostMessage>[0]) => {
    const channel = String(args.channel);
    for (let attempt = 0; ; attempt += 1) {
      await pacer.wait(channel);
      try {
        const response = await post(args);
        pacer.finished(channel);
        return response;
      } catch (error) {
        pacer.finished(channel);
        const limited = error as { code?: string; retryAfter?: number };
        if (limited.code !== ErrorCode.RateLimitedError || attempt >= MAX_RATE_LIMIT_RETRIES) {
          throw error;
        }
        const retryAfterMs = (limited.retryAfter ?? 1) * 1000;
        pacer.pause(channel, retryAfterMs);
        logger.warn({ channel, retryAfterMs, attempt: attempt + 1 }, 'Slack rate-limited posts to the channel; that channel waits, the others go on');
      }
    }
  }) as PostMessage;

  const chat = new Proxy(client.chat, {
    get: (target, property, receiver) => (property === 'postMessage' ? pacedPost : Reflect.get(target, property, receiver)),
  });
  return new Proxy(client, {
    get: (target, property, receiver) => (property === 'chat' ? chat : Reflect.get(target, property, receiver)),
  });
}
