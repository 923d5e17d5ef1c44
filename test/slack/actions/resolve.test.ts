import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../../src/bot.ts';
import { makeAgentIncident, makeAlertIncident } from '../../../src/simulator/sevensignal/index.ts';
import type { FakeSlackMessage } from '../../../src/simulator/slack/index.ts';
import { ACTION_IDS, encodeButtonValue } from '../../../src/slack/messages/incident-buttons.ts';
import { ActionAudit } from '../../../src/store/action-audit.ts';
import { IncidentStore } from '../../../src/store/incident-store.ts';
import { CHANNEL, startHarness, type Harness } from '../../support/bot-harness.ts';
import { buttonOf, buttonsOf, click, startTestBot, waitFor, waitForClicks } from './button-support.ts';

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

async function postAlert(
  overrides: Record<string, string> = {},
  organization?: string,
): Promise<{ running: RunningBot; id: string; message: FakeSlackMessage }> {
  const incident = makeAlertIncident({ startedAt: harness.clock.value - 20 * MINUTE, dimensionKey: 'CorpWiFi|5' });
  harness.sevenSignal.addAlertIncident(incident, organization === undefined ? {} : { organization });
  bot = await startTestBot(harness, overrides);
  await bot.poller.runCycle();
  const [message] = harness.slack.messages(CHANNEL);
  return { running: bot, id: incident.id!, message: message! };
}

function currentMessage(ts: string): FakeSlackMessage {
  return harness.slack.messages(CHANNEL).find((message) => message.ts === ts)!;
}

function resolveRequests(id: string) {
  return harness.sevenSignal.requests.filter((request) => request.method === 'POST' && request.path === `/alerting/incidents/${id}/resolve`);
}

function repliesTo(ts: string): FakeSlackMessage[] {
  return harness.slack.messages(CHANNEL).filter((message) => message.thread_ts === ts);
}

async function clickResolve(running: RunningBot, message: FakeSlackMessage, userId = 'U0ALICE'): Promise<void> {
  const resolve = buttonOf(message, 'Resolve');
  const response = await click(running, { actionId: resolve.action_id, value: resolve.value, userId, ts: message.ts });
  expect(response.status).toBe(200);
}

describe('Resolve button', () => {
  it('resolves through the api', async () => {
    const { running, id, message } = await postAlert();

    await clickResolve(running, message);
    await waitForClicks(harness, 1);

    expect(resolveRequests(id).map((request) => request.status)).toEqual([200]);
    const shown = JSON.stringify(currentMessage(message.ts).blocks);
    expect(shown).toContain('Resolved after 20 min');
    expect(shown).toContain('resolved by hand');
    expect(shown).toContain(`Resolved in Slack by <@U0ALICE> at <!date^${Math.floor(harness.clock.value / 1000)}^`);
    expect(buttonsOf(currentMessage(message.ts)).map((button) => button.text.text)).toEqual(['Acknowledge']);
    const replies = repliesTo(message.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('🟢 Resolved by <@U0ALICE> in Slack');
    expect(harness.slack.ephemeralMessages()).toEqual([]);
    expect(new IncidentStore(running.db).get('alert', id)).toMatchObject({ state: 'resolved', announcedState: 'resolved', resolvedBy: 'U0ALICE' });
    expect(new ActionAudit(running.db).latest()[0]).toMatchObject({ userId: 'U0ALICE', action: ACTION_IDS.resolve, kind: 'alert', incidentId: id, result: 'resolved' });
  });

  it('is not announced again by the poller', async () => {
    const { running, message } = await postAlert();
    await clickResolve(running, message);
    await waitForClicks(harness, 1);

    harness.clock.advance(MINUTE);
    const cycle = await running.poller.runCycle();

    expect(cycle.announced).toBe(0);
    expect(repliesTo(message.ts)).toHaveLength(1);
    expect(JSON.stringify(currentMessage(message.ts).blocks)).toContain('Resolved in Slack by <@U0ALICE>');
  });

  it('works after a restart', async () => {
    const { running, id, message } = await postAlert();
    await running.stop();
    bot = await startTestBot(harness);

    await clickResolve(bot, message);
    await waitForClicks(harness, 1);

    expect(resolveRequests(id)).toHaveLength(1);
    expect(JSON.stringify(currentMessage(message.ts).blocks)).toContain('Resolved in Slack by <@U0ALICE>');
  });

  it('resolves in the incident organization', async () => {
    const { running, id, message } = await postAlert({ SEVENSIGNAL_ORGANIZATION: 'acme' }, 'acme');

    await clickResolve(running, message);
    await waitForClicks(harness, 1);

    const [request] = resolveRequests(id);
    expect(request!.query).toEqual({ organization: 'acme' });
    expect(request!.status).toBe(200);
  });

  it('shows an earlier resolution on 409', async () => {
    const { running, id, message } = await postAlert();
    harness.sevenSignal.updateAlertIncident(id, { resolvedAt: harness.clock.value - MINUTE, resolutionReason: 'cleared' });

    await clickResolve(running, message);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(resolveRequests(id).map((request) => request.status)).toEqual([409]);
    const shown = JSON.stringify(currentMessage(message.ts).blocks);
    expect(shown).toContain('Resolved after 19 min');
    expect(shown).toContain('the condition cleared');
    expect(shown).not.toContain('Resolved in Slack by');
    expect(repliesTo(message.ts)).toHaveLength(1);
    const [ephemeral] = harness.slack.ephemeralMessages();
    expect(ephemeral).toMatchObject({ user: 'U0ALICE', channel: CHANNEL });
    expect(ephemeral!.text).toBe('7SIGNAL had already resolved this incident (the condition cleared); the message now shows it as resolved.');
    expect(new ActionAudit(running.db).latest()[0]).toMatchObject({ result: 'already_resolved', detail: expect.stringContaining('conflict') });

    harness.clock.advance(MINUTE);
    await running.poller.runCycle();
    expect(repliesTo(message.ts)).toHaveLength(1);
  });

  it('shows a 409 without details', async () => {
    const { running, id, message } = await postAlert();
    harness.sevenSignal.failNext(`/alerting/incidents/${id}/resolve`, { status: 409 });
    harness.sevenSignal.failNext(`/alerting/incidents/${id}`, { status: 403 });

    await clickResolve(running, message);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(JSON.stringify(currentMessage(message.ts).blocks)).toContain('*State*\\nResolved"');
    expect(harness.slack.ephemeralMessages()[0]!.text).toBe('7SIGNAL had already resolved this incident; the message now shows it as resolved.');
    expect(new IncidentStore(running.db).get('alert', id)?.state).toBe('resolved');
  });

  it('names the cause of a 404', async () => {
    const { running, id, message } = await postAlert();
    harness.sevenSignal.failNext(`/alerting/incidents/${id}/resolve`, { status: 404 });

    await clickResolve(running, message);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toBe(
      `Resolving failed: 7SIGNAL has no alert incident ${id} (HTTP 404); it may have been deleted. Nothing was changed.`,
    );
    expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
    expect(buttonsOf(currentMessage(message.ts)).map((button) => button.text.text)).toEqual(['Acknowledge', 'Resolve']);
    expect(new IncidentStore(running.db).get('alert', id)?.state).toBe('open');
    expect(new ActionAudit(running.db).latest()[0]).toMatchObject({ result: 'not_found' });
  });

  it('names the cause of another failure', async () => {
    const { running, id, message } = await postAlert();
    harness.sevenSignal.failNext(`/alerting/incidents/${id}/resolve`, { status: 403 });

    await clickResolve(running, message);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    const text = harness.slack.ephemeralMessages()[0]!.text!;
    expect(text).toContain(`Resolving failed: 7SIGNAL API POST /alerting/incidents/${id}/resolve failed with HTTP 403`);
    expect(text).toContain('Nothing was changed; try again later.');
    expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
    expect(new IncidentStore(running.db).get('alert', id)?.state).toBe('open');
    expect(new ActionAudit(running.db).latest()[0]).toMatchObject({ result: 'failed', detail: expect.stringContaining('forbidden') });
  });

  it('calls the api once for two clicks', async () => {
    const { running, id, message } = await postAlert();

    await Promise.all(['U0ALICE', 'U0BOB'].map((userId) => clickResolve(running, message, userId)));
    await waitForClicks(harness, 2);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(resolveRequests(id).map((request) => request.status)).toEqual([200]);
    expect(repliesTo(message.ts)).toHaveLength(1);
    expect(harness.slack.ephemeralMessages()[0]!.text).toBe('This incident is already resolved.');
    expect(new IncidentStore(running.db).get('alert', id)).toMatchObject({ state: 'resolved', announcedState: 'resolved' });
    const results = new ActionAudit(running.db).latest().map((entry) => entry.result).sort();
    expect(results).toEqual(['already_resolved', 'resolved']);
  });

  it('rejects a user outside the list', async () => {
    const { running, id, message } = await postAlert({ RESOLVE_ALLOWED_USERS: 'U0ALICE' });

    await clickResolve(running, message, 'U0MALLORY');
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('You are not allowed to resolve incidents: RESOLVE_ALLOWED_USERS');
    expect(resolveRequests(id)).toHaveLength(0);
    expect(new IncidentStore(running.db).get('alert', id)?.state).toBe('open');
  });

  it('rejects a resolve value for an agent incident', async () => {
    const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 30 * MINUTE).toISOString() });
    harness.sevenSignal.addAgentIncident(incident);
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    const [message] = harness.slack.messages(CHANNEL);

    await click(bot, { actionId: ACTION_IDS.resolve, value: encodeButtonValue({ kind: 'agent', id: incident.id! }), userId: 'U0ALICE', ts: message!.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('This message is out of date');
    expect(harness.sevenSignal.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/resolve'))).toHaveLength(0);
  });
});
