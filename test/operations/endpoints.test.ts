import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { startHarness, type Harness } from '../support/bot-harness.ts';
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

async function start(): Promise<RunningBot> {
  // A five-minute schedule sets the health threshold to 15 minutes.
  bot = await startTestBot(harness, { POLL_SCHEDULE: '*/5 * * * *' });
  return bot;
}

async function get(running: RunningBot, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${running.port}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('operations endpoints', () => {
  it('reports health from the last success', async () => {
    const running = await start();
    await running.poller.runCycle();

    const healthy = await get(running, '/healthz');
    expect(healthy.status).toBe(200);
    expect(JSON.parse(healthy.body)).toEqual({ status: 'ok', lastSuccessAgeSeconds: 0, thresholdSeconds: 900 });

    // Three intervals of the five-minute schedule pass without a successful cycle.
    harness.sevenSignal.failNext('/incidents/agents', { status: 400 }, 5);
    harness.clock.advance(16 * MINUTE);
    await running.poller.runCycle();
    const stale = await get(running, '/healthz');
    expect(stale.status).toBe(503);
    expect(JSON.parse(stale.body)).toMatchObject({ status: 'stale', lastSuccessAgeSeconds: 960 });
  });

  it('serves prometheus metrics', async () => {
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 30 * MINUTE).toISOString() }));
    const running = await start();
    await running.poller.runCycle();
    harness.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 20 * MINUTE).toISOString() }));
    harness.sevenSignal.failNext('/incidents/agents', { status: 403 });
    // Cycle 2: the listing is forbidden. Cycle 3: the new incident's post fails. Cycle 4: it is posted.
    for (let cycle = 2; cycle <= 4; cycle += 1) {
      harness.clock.advance(MINUTE);
      await running.poller.runCycle();
    }

    const { status, body } = await get(running, '/metrics');
    expect(status).toBe(200);
    expect(body).toContain('wifi_incidents_poll_cycles_total{result="ok"} 2');
    expect(body).toContain('wifi_incidents_poll_cycles_total{result="failed"} 2');
    expect(body).toContain('wifi_incidents_failures_total{source="7signal",reason="forbidden"} 1');
    expect(body).toContain('wifi_incidents_slack_errors_total{method="chat.postMessage",code="channel_not_found"} 1');
    expect(body).toContain('wifi_incidents_posted_total{kind="agent"} 2');
    expect(body).toMatch(/wifi_incidents_sevensignal_request_duration_seconds_count\{method="GET",path="\/incidents\/agents",status="200"\} \d+/);
    expect(body).toContain('wifi_incidents_sevensignal_request_duration_seconds_count{method="GET",path="/incidents/agents",status="403"} 1');
    expect(body).toContain('wifi_incidents_process_resident_memory_bytes');
  });
});
