import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAgentIncident, makeAlertIncident } from '../../src/simulator/sevensignal/index.ts';
import type { AlertIncident } from '../../src/sevensignal/types.ts';
import { openDatabase } from '../../src/store/database.ts';
import { PollCursors } from '../../src/store/poll-cursors.ts';
import { startHarness, type Harness } from '../support/bot-harness.ts';
import { messageOf, pollOnce, textOf, threadReplies, topLevelMessages, updatesOf } from './poller-test-support.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

function activeAlert(overrides: Partial<AlertIncident> = {}): AlertIncident {
  return makeAlertIncident({ startedAt: harness.clock.value - 20 * MINUTE, dimensionKey: 'CorpWiFi|5', triggerValue: 52, ...overrides });
}

function alertRequests() {
  return harness.sevenSignal.requests.filter((request) => request.path === '/alerting/incidents');
}

describe('alert-rule polling', () => {
  it('posts a new alert incident', async () => {
    const incident = activeAlert();
    harness.sevenSignal.addAlertIncident(incident);

    const result = await pollOnce(harness);

    expect(result.ok).toBe(true);
    expect(result.posted).toBe(1);
    const message = messageOf(harness, incident.id!);
    expect(message.metadata?.event_payload).toEqual({ kind: 'alert', id: incident.id });
    expect(textOf(message)).toContain('network CorpWiFi, band 5');
    expect(textOf(message)).toContain('52 (threshold avg &lt; 70 for 5 min)');
    expect(textOf(message)).toContain('"Acknowledge"');
    expect(textOf(message)).toContain('"Resolve"');
  });

  it('asks for active and recently resolved', async () => {
    await pollOnce(harness);
    const firstUpper = harness.clock.value;
    harness.clock.advance(MINUTE);
    await pollOnce(harness);

    const queries = alertRequests().map((request) => request.query);
    expect(queries[0]).toMatchObject({ status: 'active', page: '1' });
    expect(queries[1]).toMatchObject({ status: 'resolved', resolvedAfter: String(firstUpper - DAY), page: '1' });
    expect(queries[3]).toMatchObject({ status: 'resolved', resolvedAfter: String(firstUpper - 30 * MINUTE) });
  });

  it('posts each alert once', async () => {
    const incident = activeAlert();
    harness.sevenSignal.addAlertIncident(incident);
    await pollOnce(harness);
    harness.clock.advance(MINUTE);
    await pollOnce(harness);

    expect(topLevelMessages(harness)).toHaveLength(1);
  });

  it('keeps ids of both kinds apart', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ id, startTimestamp: new Date(harness.clock.value - 30 * MINUTE).toISOString() }));
    harness.sevenSignal.addAlertIncident(activeAlert({ id }));

    await pollOnce(harness);

    const kinds = topLevelMessages(harness).map((message) => message.metadata?.event_payload.kind);
    expect(kinds.sort()).toEqual(['agent', 'alert']);
  });

  it('shows a resolution outside slack', async () => {
    const incident = activeAlert();
    harness.sevenSignal.addAlertIncident(incident);
    await pollOnce(harness);
    const { ts } = messageOf(harness, incident.id!);
    harness.sevenSignal.updateAlertIncident(incident.id!, { resolvedAt: harness.clock.value - MINUTE, resolutionReason: 'cleared_by_user' });
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);
    harness.clock.advance(MINUTE);
    const second = await pollOnce(harness);

    expect(result.announced).toBe(1);
    expect(second.announced).toBe(0);
    expect(updatesOf(harness, ts)).toHaveLength(1);
    const text = textOf(messageOf(harness, incident.id!));
    expect(text).toContain('Resolved after 19 min');
    expect(text).toContain('resolved by hand');
    expect(text).not.toContain('"Resolve"');
    const replies = threadReplies(harness, ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('Resolved by hand outside Slack (in Mobile Eye or through the API)');
  });

  it('sees a resolution past the active list', async () => {
    const incident = activeAlert();
    harness.sevenSignal.addAlertIncident(incident);
    await pollOnce(harness);
    harness.sevenSignal.updateAlertIncident(incident.id!, { resolvedAt: harness.clock.value + 30_000, resolutionReason: 'cleared' });
    harness.clock.advance(10 * MINUTE);

    await pollOnce(harness);

    expect(textOf(messageOf(harness, incident.id!))).toContain('the condition cleared');
  });

  it('polls each organization', async () => {
    const acme = activeAlert();
    const beta = activeAlert();
    harness.sevenSignal.addAlertIncident(acme, { organization: 'acme' });
    harness.sevenSignal.addAlertIncident(beta, { organization: 'beta' });

    const result = await pollOnce(harness, { SEVENSIGNAL_ORGANIZATION: 'acme,beta' });

    expect(result.posted).toBe(2);
    expect(alertRequests().map((request) => request.query.organization)).toEqual(['acme', 'acme', 'beta', 'beta']);
    const db = openDatabase(harness.databasePath);
    const cursors = new PollCursors(db);
    expect(cursors.get('alert:acme')).toBe(harness.clock.value);
    expect(cursors.get('alert:beta')).toBe(harness.clock.value);
    db.close();
  });

  it('can be switched off', async () => {
    harness.sevenSignal.addAlertIncident(activeAlert());

    const result = await pollOnce(harness, { POLL_ALERT_INCIDENTS: 'false' });

    expect(result.posted).toBe(0);
    expect(alertRequests()).toHaveLength(0);
  });

  it('summarizes active alerts on the first run', async () => {
    harness.sevenSignal.addAlertIncident(activeAlert());
    harness.sevenSignal.addAlertIncident(activeAlert({ metric: 'dns_failures' }));

    await pollOnce(harness, { FIRST_RUN: 'summary' });

    const texts = topLevelMessages(harness).map((message) => message.text ?? '');
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('2 alert-rule incidents are active');

    const fresh = activeAlert();
    harness.sevenSignal.addAlertIncident(fresh);
    harness.clock.advance(MINUTE);
    await pollOnce(harness, { FIRST_RUN: 'summary' });

    expect(topLevelMessages(harness)).toHaveLength(3);
    expect(messageOf(harness, fresh.id!).metadata?.event_payload.kind).toBe('alert');
  });

  it('keeps agent posts when alerts fail', async () => {
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 30 * MINUTE).toISOString() }));
    harness.sevenSignal.failNext('/alerting/incidents', { status: 403 });

    const result = await pollOnce(harness);

    expect(result.ok).toBe(false);
    expect(result.posted).toBe(1);
    expect(harness.logs.find('Listing 7SIGNAL alert-rule incidents failed')).toHaveLength(1);
  });
});
