import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { startHarness, type Harness } from '../support/bot-harness.ts';
import { messageOf, threadReplies, updatesOf } from './poller-test-support.ts';

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

async function start(): Promise<RunningBot> {
  bot = await startBot({
    // A schedule that does not fire during a test: cycles run at start and through runCycle().
    config: harness.config({ POLL_SCHEDULE: '0 0 1 1 *' }),
    logger: harness.logger,
    now: harness.clock.now,
    host: '127.0.0.1',
    slackRetries: 0,
  });
  return bot;
}

describe('lifecycle across a restart', () => {
  it('announces a recovery once', async () => {
    const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 60 * MINUTE).toISOString() });
    harness.sevenSignal.addAgentIncident(incident);
    const first = await start();
    await first.poller.runCycle();
    const { ts } = messageOf(harness, incident.id!);

    harness.sevenSignal.updateAgentIncident(incident.id!, { endTimestamp: new Date(harness.clock.value - MINUTE).toISOString() });
    harness.clock.advance(MINUTE);
    const announced = await first.poller.runCycle();
    await first.stop();

    harness.clock.advance(MINUTE);
    const second = await start();
    const afterRestart = await second.poller.runCycle();

    expect(announced.announced).toBe(1);
    expect(afterRestart.ok).toBe(true);
    expect(afterRestart.announced).toBe(0);
    expect(threadReplies(harness, ts)).toHaveLength(1);
    expect(updatesOf(harness, ts)).toHaveLength(1);
  });
});
