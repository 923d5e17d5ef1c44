import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { startTestBot } from '../support/test-bot.ts';

const MINUTE = 60_000;

let harness: Harness;
let bot: RunningBot | undefined;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await harness.close();
});

async function cycles(running: RunningBot, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    harness.clock.advance(MINUTE);
    await running.poller.runCycle();
  }
}

function outageMessages(): string[] {
  return harness.slack.messages(CHANNEL).map((message) => message.text ?? '');
}

describe('api outage messages', () => {
  it('posts once after the threshold and once on recovery', async () => {
    bot = await startTestBot(harness, { POLL_ALERT_INCIDENTS: 'false', API_DOWN_ALERT_AFTER: '3' });
    await bot.poller.runCycle();
    const outageStart = harness.clock.value + MINUTE;

    // A 400 is not retried, so each failing cycle makes one request.
    harness.sevenSignal.failNext('/incidents/agents', { status: 400, body: { status: 400, error: 'Bad Request', message: 'upstream down', requestId: 'r-1' } }, 6);
    await cycles(bot, 2);
    expect(outageMessages()).toEqual([]);

    await cycles(bot, 4);
    expect(outageMessages()).toHaveLength(1);
    expect(outageMessages()[0]).toContain(`7SIGNAL API unreachable since ${new Date(outageStart).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    expect(outageMessages()[0]).toContain('upstream down');

    await cycles(bot, 2);
    expect(outageMessages()).toHaveLength(2);
    expect(outageMessages()[1]).toContain('7SIGNAL API reachable again');
    expect(outageMessages()[1]).toContain('after 6 min');
  });

  it('stays quiet when turned off', async () => {
    bot = await startTestBot(harness, { POLL_ALERT_INCIDENTS: 'false', API_DOWN_ALERT_AFTER: '0' });
    harness.sevenSignal.failNext('/incidents/agents', { status: 400 }, 10);
    await cycles(bot, 10);
    expect(outageMessages()).toEqual([]);
  });
});
