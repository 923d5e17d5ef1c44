import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../../src/bot.ts';
import { makeAgentIncident } from '../../../src/simulator/sevensignal/index.ts';
import type { FakeSlackMessage } from '../../../src/simulator/slack/index.ts';
import { ACTION_IDS, encodeButtonValue } from '../../../src/slack/messages/incident-buttons.ts';
import { AcknowledgementStore } from '../../../src/store/acknowledgements.ts';
import { ActionAudit } from '../../../src/store/action-audit.ts';
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

/** Starts the bot with one ongoing agent incident and returns its posted message. */
async function postIncident(overrides: Record<string, string> = {}): Promise<{ running: RunningBot; id: string; message: FakeSlackMessage }> {
  const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 30 * MINUTE).toISOString() });
  harness.sevenSignal.addAgentIncident(incident);
  bot = await startTestBot(harness, overrides);
  await bot.poller.runCycle();
  const [message] = harness.slack.messages(CHANNEL);
  return { running: bot, id: incident.id!, message: message! };
}

function currentMessage(ts: string): FakeSlackMessage {
  return harness.slack.messages(CHANNEL).find((message) => message.ts === ts)!;
}

function updatesOf(ts: string) {
  return harness.slack.callsTo('chat.update').filter((call) => call.args.ts === ts && call.response.ok === true);
}

describe('Acknowledge button', () => {
  it('acknowledges in place', async () => {
    const { running, id, message } = await postIncident();

    const response = await click(running, { ...buttonOf(message, 'Acknowledge'), actionId: ACTION_IDS.acknowledge, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);

    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3000);
    const [update] = updatesOf(message.ts);
    expect(update!.args.channel).toBe(CHANNEL);
    expect(JSON.stringify(update!.args.blocks)).toContain(`✅ Acknowledged by <@U0ALICE> at <!date^${Math.floor(harness.clock.value / 1000)}^`);
    expect(buttonsOf(currentMessage(message.ts)).map((button) => button.text.text)).toEqual(['Unacknowledge']);
    expect(new AcknowledgementStore(running.db).get('agent', id)).toEqual({ userId: 'U0ALICE', at: harness.clock.value });
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);
    expect(harness.slack.ephemeralMessages()).toEqual([]);
  });

  it('unacknowledges in place', async () => {
    const { running, id, message } = await postIncident();
    await click(running, { ...buttonOf(message, 'Acknowledge'), actionId: ACTION_IDS.acknowledge, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);

    const unacknowledge = buttonOf(currentMessage(message.ts), 'Unacknowledge');
    await click(running, { actionId: unacknowledge.action_id, value: unacknowledge.value, userId: 'U0BOB', ts: message.ts });
    await waitForClicks(harness, 2);

    expect(updatesOf(message.ts)).toHaveLength(2);
    expect(JSON.stringify(currentMessage(message.ts).blocks)).not.toContain('Acknowledged by');
    expect(buttonsOf(currentMessage(message.ts)).map((button) => button.text.text)).toEqual(['Acknowledge']);
    expect(new AcknowledgementStore(running.db).get('agent', id)).toBeUndefined();
  });

  it('works after a restart', async () => {
    const { running, id, message } = await postIncident();
    await running.stop();
    bot = await startTestBot(harness);

    await click(bot, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);

    expect(updatesOf(message.ts)).toHaveLength(1);
    expect(JSON.stringify(currentMessage(message.ts).blocks)).toContain('Acknowledged by <@U0ALICE>');
    expect(new AcknowledgementStore(bot.db).get('agent', id)?.userId).toBe('U0ALICE');
  });

  it('keeps the first of two clicks', async () => {
    const { running, id, message } = await postIncident();
    const value = buttonOf(message, 'Acknowledge').value;

    await Promise.all(
      ['U0ALICE', 'U0BOB'].map((userId) => click(running, { actionId: ACTION_IDS.acknowledge, value, userId, ts: message.ts })),
    );
    await waitForClicks(harness, 2);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    const winner = new AcknowledgementStore(running.db).get('agent', id)!.userId;
    const loser = winner === 'U0ALICE' ? 'U0BOB' : 'U0ALICE';
    const shown = JSON.stringify(currentMessage(message.ts).blocks);
    expect(shown).toContain(`Acknowledged by <@${winner}>`);
    expect(shown).not.toContain(`<@${loser}>`);
    const [ephemeral] = harness.slack.ephemeralMessages();
    expect(ephemeral!.user).toBe(loser);
    expect(ephemeral!.text).toContain(`<@${winner}> already acknowledged this incident`);
    expect(new ActionAudit(running.db).latest().map((entry) => entry.result).sort()).toEqual(['acknowledged', 'already_acknowledged']);
  });

  it('shows the stored state after mixed clicks', async () => {
    const { running, id, message } = await postIncident();
    const value = buttonOf(message, 'Acknowledge').value;
    const clicks = [
      { actionId: ACTION_IDS.acknowledge, userId: 'U0ALICE' },
      { actionId: ACTION_IDS.unacknowledge, userId: 'U0BOB' },
      { actionId: ACTION_IDS.acknowledge, userId: 'U0CAROL' },
      { actionId: ACTION_IDS.unacknowledge, userId: 'U0DAVE' },
      { actionId: ACTION_IDS.acknowledge, userId: 'U0ERIN' },
    ];

    await Promise.all(clicks.map((sent) => click(running, { ...sent, value, ts: message.ts })));
    await waitForClicks(harness, clicks.length);

    const stored = new AcknowledgementStore(running.db).get('agent', id);
    const shown = currentMessage(message.ts);
    const labels = buttonsOf(shown).map((button) => button.text.text);
    if (stored === undefined) {
      expect(labels).toEqual(['Acknowledge']);
      expect(JSON.stringify(shown.blocks)).not.toContain('Acknowledged by');
    } else {
      expect(labels).toEqual(['Unacknowledge']);
      expect(JSON.stringify(shown.blocks)).toContain(`Acknowledged by <@${stored.userId}>`);
    }
  });

  it('orders updates of one message', async () => {
    const { running, id, message } = await postIncident();
    const value = buttonOf(message, 'Acknowledge').value;
    // The first update reaches Slack late; an unlocked later update would land before it.
    harness.slack.failNext('chat.update', { delayMs: 300 });

    await click(running, { actionId: ACTION_IDS.acknowledge, value, userId: 'U0ALICE', ts: message.ts });
    await click(running, { actionId: ACTION_IDS.unacknowledge, value, userId: 'U0BOB', ts: message.ts });
    await waitForClicks(harness, 2);

    expect(new AcknowledgementStore(running.db).get('agent', id)).toBeUndefined();
    expect(buttonsOf(currentMessage(message.ts)).map((button) => button.text.text)).toEqual(['Acknowledge']);
    expect(JSON.stringify(currentMessage(message.ts).blocks)).not.toContain('Acknowledged by');
  });

  it('ignores a double click', async () => {
    const { running, message } = await postIncident();
    const sent = { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts };

    await click(running, sent);
    await click(running, sent);
    await waitForClicks(harness, 2);

    expect(harness.slack.ephemeralMessages()).toEqual([]);
    expect(new ActionAudit(running.db).latest().map((entry) => entry.result)).toEqual(['acknowledged', 'already_acknowledged']);
  });

  it('reports an unknown value as out of date', async () => {
    const { running, id, message } = await postIncident();

    await click(running, { actionId: ACTION_IDS.acknowledge, value: `v0:agent:${id}`, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    const [ephemeral] = harness.slack.ephemeralMessages();
    expect(ephemeral).toMatchObject({ channel: CHANNEL, user: 'U0ALICE' });
    expect(ephemeral!.text).toContain('This message is out of date');
    expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
    expect(new AcknowledgementStore(running.db).get('agent', id)).toBeUndefined();
    expect(new ActionAudit(running.db).latest()).toEqual([
      {
        at: harness.clock.value,
        userId: 'U0ALICE',
        action: ACTION_IDS.acknowledge,
        channel: CHANNEL,
        messageTs: message.ts,
        result: 'out_of_date',
        detail: `action incident_acknowledge with value "v0:agent:${id}"`,
      },
    ]);
  });

  it('reports an unknown action as out of date', async () => {
    const { running, id, message } = await postIncident();

    await click(running, { actionId: 'incident_snooze', value: encodeButtonValue({ kind: 'agent', id }), userId: 'U0ALICE', ts: message.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('This message is out of date');
    expect(new ActionAudit(running.db).latest()[0]).toMatchObject({ action: 'incident_snooze', kind: 'agent', incidentId: id, result: 'out_of_date' });
  });

  it('reports an unknown incident as out of date', async () => {
    const { running, message } = await postIncident();

    await click(running, { actionId: ACTION_IDS.acknowledge, value: 'v1:agent:00000000-0000-4000-8000-000000000000', userId: 'U0ALICE', ts: message.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('This message is out of date');
    expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('rejects a user outside the list', async () => {
    const { running, id, message } = await postIncident({ ACK_ALLOWED_USERS: 'U0ALICE' });

    await click(running, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0MALLORY', ts: message.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]).toMatchObject({ user: 'U0MALLORY' });
    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('You are not allowed to acknowledge incidents: ACK_ALLOWED_USERS');
    expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
    expect(new AcknowledgementStore(running.db).get('agent', id)).toBeUndefined();
    expect(new ActionAudit(running.db).latest()[0]).toMatchObject({ userId: 'U0MALLORY', result: 'not_allowed' });
  });

  it('allows a listed user', async () => {
    const { running, id, message } = await postIncident({ ACK_ALLOWED_USERS: 'U0ALICE' });

    await click(running, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);

    expect(new AcknowledgementStore(running.db).get('agent', id)?.userId).toBe('U0ALICE');
  });

  it('rejects when a group cannot be read', async () => {
    const { running, id, message } = await postIncident({ ACK_ALLOWED_USERS: 'S0ONCALL' });

    await click(running, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    // The fake Slack has no group S0ONCALL, so it returns no_such_subteam.
    expect(harness.slack.callsTo('usergroups.users.list')[0]!.args.usergroup).toBe('S0ONCALL');
    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('Could not check whether you may acknowledge incidents (reading user group S0ONCALL failed with no_such_subteam)');
    expect(new AcknowledgementStore(running.db).get('agent', id)).toBeUndefined();
  });

  it('allows a member of a listed group', async () => {
    harness.slack.addUserGroup('S0ONCALL', ['U0BOB', 'U0ALICE']);
    const { running, id, message } = await postIncident({ ACK_ALLOWED_USERS: 'S0ONCALL' });

    await click(running, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);

    expect(new AcknowledgementStore(running.db).get('agent', id)?.userId).toBe('U0ALICE');
  });

  it('rejects a user outside a listed group', async () => {
    harness.slack.addUserGroup('S0ONCALL', ['U0BOB']);
    const { running, id, message } = await postIncident({ ACK_ALLOWED_USERS: 'S0ONCALL' });

    await click(running, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toMatch(/not allowed/i);
    expect(new AcknowledgementStore(running.db).get('agent', id)).toBeUndefined();
  });

  it('reports a failed message update', async () => {
    const { running, id, message } = await postIncident();
    harness.slack.failNext('chat.update', { error: 'internal_error' });

    await click(running, { actionId: ACTION_IDS.acknowledge, value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the ephemeral reply');

    expect(harness.slack.ephemeralMessages()[0]!.text).toContain('The change is saved, but updating the message failed (internal_error)');
    expect(new AcknowledgementStore(running.db).get('agent', id)?.userId).toBe('U0ALICE');

    harness.clock.advance(MINUTE);
    const cycle = await running.poller.runCycle();

    expect(cycle.refreshed).toBe(1);
    expect(JSON.stringify(currentMessage(message.ts).blocks)).toContain('Acknowledged by <@U0ALICE>');
  });
});
