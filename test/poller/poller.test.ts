import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { startTestBot } from '../support/test-bot.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(overrides: Record<string, string> = {}): Promise<RunningBot> {
  // The schedule does not fire during a test: cycles run at start and through runCycle().
  bot = await startTestBot(harness, overrides);
  return bot;
}

describe('Poller', () => {
  it('runs the first cycle at start', async () => {
    const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - HOUR).toISOString() });
    harness.sevenSignal.addAgentIncident(incident);
    await start();
    await waitFor(() => harness.slack.messages(CHANNEL).length === 1);
    expect(harness.slack.messages(CHANNEL)[0]!.metadata?.event_payload).toEqual({ kind: 'agent', id: incident.id });
  });

  it('reuses the token until it expires', async () => {
    const running = await start();
    await running.poller.runCycle();
    harness.clock.advance(MINUTE);
    await running.poller.runCycle();
    harness.clock.advance(MINUTE);
    await running.poller.runCycle();
    expect(harness.sevenSignal.tokensIssued).toBe(1);

    harness.clock.advance(24 * HOUR);
    await running.poller.runCycle();
    expect(harness.sevenSignal.tokensIssued).toBe(2);
  });

  it('exchanges again after the api drops the token', async () => {
    const running = await start();
    await running.poller.runCycle();
    harness.sevenSignal.expireTokens();
    harness.clock.advance(MINUTE);
    const result = await running.poller.runCycle();
    expect(result.ok).toBe(true);
    expect(harness.sevenSignal.tokensIssued).toBe(2);
    const statuses = harness.sevenSignal.requests.filter((request) => request.path === '/incidents/agents').map((request) => request.status);
    expect(statuses).toEqual([200, 401, 200]);
  });

  it('shares one exchange between concurrent callers', async () => {
    const running = await start();
    await running.poller.runCycle();
    harness.sevenSignal.expireTokens();
    // All three calls get a 401 for the dropped token, and their re-exchanges must become one.
    const calls = await Promise.all([1, 2, 3].map(() => running.sevenSignal.api.GET('/incidents/agents', {})));
    expect(calls.map((call) => call.response.status)).toEqual([200, 200, 200]);
    expect(harness.sevenSignal.tokensIssued).toBe(2);
  });

  it('runs one cycle at a time', async () => {
    const running = await start();
    await running.poller.runCycle();
    const [first, second] = [running.poller.runCycle(), running.poller.runCycle()];
    expect(first).toBe(second);
    await first;
  });

  it('stops after a running cycle finishes', async () => {
    const running = await start();
    await running.poller.runCycle();
    harness.sevenSignal.setLatency(300);
    const cycle = running.poller.runCycle();
    await running.stop();
    expect((await cycle).ok).toBe(true);
    expect(running.db.open).toBe(false);
  });
});
