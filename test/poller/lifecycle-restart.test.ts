import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { startHarness, type Harness } from '../support/bot-harness.ts';
import { startTestBot } from '../support/test-bot.ts';
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
  // The schedule does not fire during a test: cycles run at start and through runCycle().
  bot = await startTestBot(harness);
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
