import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOnce } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import type { AgentIncident } from '../../src/sevensignal/types.ts';
import { CHANNEL, CLIENT_SECRET, startHarness, type Harness } from '../support/bot-harness.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

function incidentAt(startMs: number, overrides: Partial<AgentIncident> = {}): AgentIncident {
  return makeAgentIncident({ startTimestamp: new Date(startMs).toISOString(), ...overrides });
}

function postedIds(): string[] {
  return harness.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.response.ok === true)
    .map((call) => (call.args.metadata as { event_payload?: { id?: string } } | undefined)?.event_payload?.id ?? '')
    .filter((id) => id !== '');
}

function once(overrides: Record<string, string> = {}) {
  return runOnce({ config: harness.config(overrides), logger: harness.logger, now: harness.clock.now, slackRetries: 0 });
}

function incidentRequests() {
  return harness.sevenSignal.requests.filter((request) => request.path === '/incidents/agents');
}

describe('runOnce', () => {
  it('posts each new incident once', async () => {
    const now = harness.clock.value;
    const first = incidentAt(now - 60 * MINUTE);
    const second = incidentAt(now - 50 * MINUTE);
    harness.sevenSignal.addAgentIncident(first);
    harness.sevenSignal.addAgentIncident(second);

    const result = await once();
    expect(result.ok).toBe(true);
    expect(postedIds().sort()).toEqual([first.id, second.id].sort());
    expect(harness.slack.messages(CHANNEL)).toHaveLength(2);

    harness.clock.advance(MINUTE);
    expect((await once()).ok).toBe(true);
    expect(postedIds()).toHaveLength(2);

    const third = incidentAt(harness.clock.value - 20 * MINUTE);
    harness.sevenSignal.addAgentIncident(third);
    harness.clock.advance(MINUTE);
    await once();
    expect(postedIds()).toHaveLength(3);
    expect(postedIds()[2]).toBe(third.id);
  });

  it('posts nothing again from a second process', async () => {
    const incident = incidentAt(harness.clock.value - 30 * MINUTE);
    harness.sevenSignal.addAgentIncident(incident);
    await once();
    // Each runOnce opens and closes its own database connection, as a separate process does.
    harness.clock.advance(5 * MINUTE);
    await once();
    harness.sevenSignal.updateAgentIncident(incident.id!, { countImpacted: 99 });
    harness.clock.advance(5 * MINUTE);
    await once();
    expect(postedIds()).toEqual([incident.id]);
  });

  it('posts a late qualifier inside the margin', async () => {
    await once();
    const start = harness.clock.value - 40 * MINUTE;
    const late = incidentAt(start, { endTimestamp: new Date(harness.clock.value - 25 * MINUTE).toISOString() });
    // It qualifies two minutes from now, after it already recovered.
    harness.sevenSignal.addAgentIncident(late, { listedFrom: harness.clock.value + 2 * MINUTE });

    harness.clock.advance(MINUTE);
    await once();
    expect(postedIds()).not.toContain(late.id);

    harness.clock.advance(2 * MINUTE);
    await once();
    expect(postedIds()).toContain(late.id);
    const window = incidentRequests().at(-1)!.query;
    expect(Number(window.from)).toBe(harness.clock.value - 2 * MINUTE - 30 * MINUTE);
  });

  it('asks for the last 24 hours first', async () => {
    await once();
    expect(incidentRequests()[0]!.query).toEqual({ from: String(harness.clock.value - DAY), to: String(harness.clock.value) });
  });

  it('splits a window over 30 days', async () => {
    await once();
    const start = harness.clock.value;
    harness.clock.advance(45 * DAY);
    const old = incidentAt(start + 2 * DAY, { endTimestamp: new Date(start + 3 * DAY).toISOString() });
    harness.sevenSignal.addAgentIncident(old);

    const result = await once();
    expect(result.ok).toBe(true);
    const [, first, second] = incidentRequests();
    expect(Number(first!.query.from)).toBe(start - 30 * MINUTE);
    expect(Number(first!.query.to)).toBe(start - 30 * MINUTE + 30 * DAY);
    expect(Number(second!.query.from)).toBe(Number(first!.query.to));
    expect(Number(second!.query.to)).toBe(harness.clock.value);
    expect(incidentRequests().every((request) => request.status === 200)).toBe(true);
    expect(postedIds()).toEqual([old.id]);
  });

  it('escapes mention syntax in slack', async () => {
    harness.sevenSignal.addAgentIncident(incidentAt(harness.clock.value - 30 * MINUTE, { locationName: '<!channel> & <Lab>' }));
    await once();
    const [message] = harness.slack.messages(CHANNEL);
    const mrkdwn = JSON.stringify(message!.blocks!.slice(1)) + message!.text;
    expect(mrkdwn).toContain('&lt;!channel&gt; &amp; &lt;Lab&gt;');
    expect(mrkdwn).not.toContain('<!channel>');
  });

  it('retries a post slack rejected', async () => {
    const incident = incidentAt(harness.clock.value - 30 * MINUTE);
    harness.sevenSignal.addAgentIncident(incident);
    harness.slack.failNext('chat.postMessage', { error: 'channel_not_found' });

    const failed = await once();
    expect(failed.ok).toBe(false);
    expect(failed.failedPosts).toBe(1);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(0);
    const logged = harness.logs.find('Posting the incident to Slack failed');
    expect(logged[0]).toMatchObject({ channel: CHANNEL, slackError: 'channel_not_found', incidentId: incident.id });

    harness.clock.advance(MINUTE);
    const retried = await once();
    expect(retried.ok).toBe(true);
    expect(postedIds()).toEqual([incident.id]);
  });

  it('summarizes open incidents on the first run', async () => {
    const now = harness.clock.value;
    harness.sevenSignal.addAgentIncident(incidentAt(now - 60 * MINUTE));
    harness.sevenSignal.addAgentIncident(incidentAt(now - 50 * MINUTE));
    harness.sevenSignal.addAgentIncident(incidentAt(now - 5 * 60 * MINUTE, { endTimestamp: new Date(now - 4 * 60 * MINUTE).toISOString() }));

    await once({ FIRST_RUN: 'summary' });
    const messages = harness.slack.messages(CHANNEL);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('2 Wi-Fi incidents are open and 1 recovered in the last 24 hours');

    harness.clock.advance(MINUTE);
    const fresh = incidentAt(harness.clock.value - 20 * MINUTE);
    harness.sevenSignal.addAgentIncident(fresh);
    await once({ FIRST_RUN: 'summary' });
    expect(harness.slack.messages(CHANNEL)).toHaveLength(2);
    expect(postedIds()).toEqual([fresh.id]);
  });

  it('stops on invalid credentials', async () => {
    const result = await once({ SEVENSIGNAL_CLIENT_SECRET: 'wrong-secret' });
    expect(result.ok).toBe(false);
    const error = result.errors[0] as Error & { code?: string };
    expect(error.code).toBe('invalid_credentials');
    expect(error.message).toContain('SEVENSIGNAL_CLIENT_ID');
    expect(error.message).toContain('SEVENSIGNAL_CLIENT_SECRET');
    expect(harness.sevenSignal.requests.filter((request) => request.path === '/oauth2/token')).toHaveLength(1);
    expect(harness.logs.text()).not.toContain('wrong-secret');
    expect(harness.logs.text()).not.toContain(CLIENT_SECRET);
  });

  it('exchanges again after a 401', async () => {
    harness.sevenSignal.addAgentIncident(incidentAt(harness.clock.value - 30 * MINUTE));
    harness.sevenSignal.failNext('/incidents/agents', { status: 401 });
    const result = await once();
    expect(result.ok).toBe(true);
    expect(harness.sevenSignal.tokensIssued).toBe(2);
    expect(postedIds()).toHaveLength(1);
  });
});
