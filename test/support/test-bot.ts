import { startBot, type RunningBot } from '../../src/bot.ts';
import type { Harness } from './bot-harness.ts';

/**
 * Starts the bot on 127.0.0.1 against the harness fakes, with the harness clock, no Slack retries
 * and a schedule that does not fire during a test unless `overrides` sets one.
 */
export function startTestBot(harness: Harness, overrides: Record<string, string> = {}): Promise<RunningBot> {
  return startBot({
    config: harness.config({ POLL_SCHEDULE: '0 0 1 1 *', ...overrides }),
    logger: harness.logger,
    now: harness.clock.now,
    host: '127.0.0.1',
    slackRetries: 0,
  });
}
