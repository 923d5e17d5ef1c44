import webApi from '@slack/web-api';
import type { Logger } from '../log/logger.ts';
import { toSlackLogger } from './slack-logger.ts';

const { WebClient } = webApi;
export type SlackWebClient = InstanceType<typeof WebClient>;

/** Retries of one Slack call before it counts as failed; a failed post is tried again next cycle. */
export const SLACK_RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 };

export interface SlackClientOptions {
  botToken: string;
  apiUrl: string;
  logger: Logger;
  retries?: number;
  /**
   * Throws on a 429 instead of pausing every call of the client until the Retry-After time, so
   * that the caller can hold back one channel alone. False when unset.
   */
  rejectRateLimitedCalls?: boolean;
}

/** Client options shared by the standalone Web API client and the Bolt app. */
export function slackClientOptions(options: Pick<SlackClientOptions, 'apiUrl' | 'logger' | 'retries'>) {
  return {
    slackApiUrl: options.apiUrl,
    retryConfig: { ...SLACK_RETRY_CONFIG, retries: options.retries ?? SLACK_RETRY_CONFIG.retries },
    logger: toSlackLogger(options.logger.child({ component: 'slack-web-api' })),
    timeout: 15_000,
  };
}

/** Creates a Slack Web API client, used where no Bolt app runs (`--once`). */
export function createSlackWebClient(options: SlackClientOptions): SlackWebClient {
  return new WebClient(options.botToken, {
    ...slackClientOptions(options),
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
  });
}
