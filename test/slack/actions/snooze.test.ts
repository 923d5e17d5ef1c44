import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../../src/bot.ts';
import { makeAgentIncident, makeAlertIncident, SAMPLE_LOCATIONS } from '../../../src/simulator/sevensignal/index.ts';
import type { FakeSlackMessage } from '../../../src/simulator/slack/index.ts';
import type { AgentIncident } from '../../../src/sevensignal/types.ts';
import { ActionAudit } from '../../../src/store/action-audit.ts';
import { SnoozeStore } from '../../../src/store/snoozes.ts';
import { CHANNEL, startHarness, type Harness } from '../../support/bot-harness.ts';
import { incidentMessage, incidentMessages } from '../../poller/routing-support.ts';
import { click, startTestBot, waitFor, waitForClicks } from './button-support.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FLOOR_2 = SAMPLE_LOCATIONS[0]!;

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

/** Adds an ongoing incident at Main Campus - Floor 2 on CorpWiFi, 5 GHz, unless overridden. */
function addIncident(overrides: Partial<AgentIncident> = {}): AgentIncident {
  const incident = makeAgentIncident({
    startTimestamp: new Date(harness.clock.value - 20 * MINUTE).toISOString(),
    location: FLOOR_2.id,
    locationName: FLOOR_2.name,
    network: 'CorpWiFi',
    band: 5,
    type: 'CONNECTION',
    ...overrides,
  });
  harness.sevenSignal.addAgentIncident(incident);
  return incident;
}

function snoozeButtonsOf(message: FakeSlackMessage): Array<{ action_id: string; value: string; text: { text: string } }> {
  const block = (message.blocks ?? []).find((candidate) => (candidate as { block_id?: string }).block_id === 'incident_snooze') as
    | { elements: Array<{ action_id: string; value: string; text: { text: string } }> }
    | undefined;
  return block?.elements ?? [];
}

function snoozeButton(message: FakeSlackMessage, label: string): { action_id: string; value: string } {
  const button = snoozeButtonsOf(message).find((candidate) => candidate.text.text === label);
  if (button === undefined) {
    throw new Error(`No "${label}" button on message ${message.ts}`);
  }
  return button;
}

/** Clicks a snooze button and waits for the clicker's ephemeral reply, which comes last. */
async function pressSnooze(message: FakeSlackMessage, label: string, userId = 'U0ALICE', clicks = 1): Promise<void> {
  const button = snoozeButton(message, label);
  const replies = harness.slack.ephemeralMessages().length;
  const response = await click(bot!, { actionId: button.action_id, value: button.value, userId, ts: message.ts });
  expect(response.status).toBe(200);
  await waitForClicks(harness, clicks);
  await waitFor(() => harness.slack.ephemeralMessages().length > replies, 'the reply to the click');
}

function reports(): FakeSlackMessage[] {
  return harness.slack.messages(CHANNEL).filter((message) => message.metadata?.event_type === 'wifi_incident_snooze_end');
}

function lastEphemeral(): string {
  return harness.slack.ephemeralMessages().at(-1)?.text ?? '';
}

describe('Snooze buttons', () => {
  it('offers three durations', async () => {
    const incident = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();

    const buttons = snoozeButtonsOf(incidentMessage(harness, CHANNEL, incident.id!));
    expect(buttons.map((button) => button.text.text)).toEqual(['Snooze 1 h', 'Snooze 4 h', 'Snooze 24 h']);
    expect(buttons.map((button) => button.action_id)).toEqual(['incident_snooze_1h', 'incident_snooze_4h', 'incident_snooze_24h']);
  });

  it('holds matching incidents until the end', async () => {
    const first = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    const snoozedAt = harness.clock.value;

    await pressSnooze(incidentMessage(harness, CHANNEL, first.id!), 'Snooze 1 h');

    expect(lastEphemeral()).toContain(`Snoozed until <!date^${Math.floor((snoozedAt + HOUR) / 1000)}^`);
    const shown = incidentMessage(harness, CHANNEL, first.id!);
    expect(JSON.stringify(shown.blocks)).toContain('🔕 Snoozed until');
    expect(JSON.stringify(shown.blocks)).toContain('Main Campus - Floor 2 · CorpWiFi · 5 GHz');
    expect(snoozeButtonsOf(shown).map((button) => button.text.text)).toEqual(['End snooze']);

    // Same location, network and band: held. Another band: posted.
    const held = addIncident({ type: 'DHCP' });
    const otherBand = addIncident({ band: 2.4 });
    harness.clock.advance(MINUTE);
    const during = await bot.poller.runCycle();

    expect(during.held).toBe(1);
    expect(during.posted).toBe(1);
    expect(incidentMessages(harness, CHANNEL).map((message) => message.metadata?.event_payload.id).sort()).toEqual([first.id, otherBand.id].sort());

    // The snooze is in SQLite, so a restarted bot keeps holding.
    await bot.stop();
    bot = await startTestBot(harness);
    const heldAfterRestart = addIncident({ type: 'DNS' });
    harness.clock.advance(MINUTE);
    const restarted = await bot.poller.runCycle();
    expect(restarted.held).toBe(1);
    expect(reports()).toEqual([]);

    // Past the end: one report lists what was held, and the message no longer shows the snooze.
    harness.clock.value = snoozedAt + HOUR + MINUTE;
    const ended = await bot.poller.runCycle();

    expect(ended.snoozesReported).toBe(1);
    const [report] = reports();
    expect(report!.text).toMatch(/^🔔 The snooze of Main Campus - Floor 2 · CorpWiFi · 5 GHz ran out at <!date\^\d+\^.+>\. 2 incidents were held back since/);
    const listed = JSON.stringify(report!.blocks);
    expect(listed).toContain('DHCP at Main Campus - Floor 2 (CorpWiFi, 5 GHz)');
    expect(listed).toContain('DNS at Main Campus - Floor 2 (CorpWiFi, 5 GHz)');
    expect(listed).not.toContain('CONNECTION');
    expect(held.id).not.toBe(heldAfterRestart.id);
    const refreshed = incidentMessage(harness, CHANNEL, first.id!);
    expect(JSON.stringify(refreshed.blocks)).not.toContain('🔕');
    expect(snoozeButtonsOf(refreshed).map((button) => button.text.text)).toEqual(['Snooze 1 h', 'Snooze 4 h', 'Snooze 24 h']);

    // After the end, matching incidents are posted again, and the report is not repeated.
    const after = addIncident({ type: 'AUTHENTICATION' });
    harness.clock.advance(MINUTE);
    const later = await bot.poller.runCycle();
    expect(later.posted).toBe(1);
    expect(incidentMessage(harness, CHANNEL, after.id!).thread_ts).toBeUndefined();
    expect(reports()).toHaveLength(1);
  });

  it('ends early with end snooze', async () => {
    const first = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    await pressSnooze(incidentMessage(harness, CHANNEL, first.id!), 'Snooze 4 h');
    addIncident({ type: 'DHCP' });
    harness.clock.advance(MINUTE);
    await bot.poller.runCycle();

    harness.clock.advance(MINUTE);
    await pressSnooze(incidentMessage(harness, CHANNEL, first.id!), 'End snooze', 'U0BOB', 2);

    const [report] = reports();
    expect(report!.text).toContain('was ended by <@U0BOB>');
    expect(report!.text).toContain('1 incident was held back');
    expect(lastEphemeral()).toBe(`Ended the snooze of Main Campus - Floor 2 · CorpWiFi · 5 GHz. The incidents it held back are listed in <#${CHANNEL}>.`);
    expect(snoozeButtonsOf(incidentMessage(harness, CHANNEL, first.id!))[0]!.text.text).toBe('Snooze 1 h');
    expect(new ActionAudit(bot.db).latest().at(-1)).toMatchObject({ action: 'incident_snooze_end', result: 'snooze_ended', userId: 'U0BOB' });

    // The poll cycle finds the report posted and posts no second one.
    harness.clock.advance(MINUTE);
    const next = await bot.poller.runCycle();
    expect(next.snoozesReported).toBe(0);
    expect(reports()).toHaveLength(1);
  });

  it('changes the end on a second click', async () => {
    const first = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    const message = incidentMessage(harness, CHANNEL, first.id!);
    await pressSnooze(message, 'Snooze 24 h');
    const start = harness.clock.value;

    // The original message still shows the snooze buttons it had when it was posted.
    await pressSnooze(message, 'Snooze 1 h', 'U0BOB', 2);

    expect(lastEphemeral()).toContain(`now ends at <!date^${Math.floor((start + HOUR) / 1000)}^`);
    const active = new SnoozeStore(bot.db).activeSnoozes(harness.clock.value);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ until: start + HOUR, setBy: 'U0BOB' });
  });

  it('reports an end without held incidents', async () => {
    const first = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    await pressSnooze(incidentMessage(harness, CHANNEL, first.id!), 'Snooze 1 h');

    harness.clock.advance(2 * HOUR);
    await bot.poller.runCycle();

    expect(reports()).toHaveLength(1);
    expect(reports()[0]!.text).toContain('No incident was held back');
  });

  it('holds the same alert rule and dimensions', async () => {
    const rule = '8f1c3d2e-5b6a-4c7d-9e8f-0a1b2c3d4e5f';
    const alert = makeAlertIncident({ ruleId: rule, dimensionKey: 'CorpWiFi|5' });
    harness.sevenSignal.addAlertIncident(alert);
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    await pressSnooze(incidentMessage(harness, CHANNEL, alert.id!), 'Snooze 1 h');

    harness.sevenSignal.addAlertIncident(makeAlertIncident({ ruleId: rule, dimensionKey: 'CorpWiFi|5' }));
    const otherKey = makeAlertIncident({ ruleId: rule, dimensionKey: 'CorpGuest|5' });
    harness.sevenSignal.addAlertIncident(otherKey);
    harness.clock.advance(MINUTE);
    const result = await bot.poller.runCycle();

    expect(result.held).toBe(1);
    expect(result.posted).toBe(1);
    expect(incidentMessage(harness, CHANNEL, otherKey.id!)).toBeDefined();
    expect(lastEphemeral()).toContain('the same alert rule and dimension values');
  });

  it('needs the acknowledge allow list', async () => {
    const first = addIncident();
    bot = await startTestBot(harness, { ACK_ALLOWED_USERS: 'U0ALICE' });
    await bot.poller.runCycle();

    await pressSnooze(incidentMessage(harness, CHANNEL, first.id!), 'Snooze 1 h', 'U0MALLORY');

    expect(lastEphemeral()).toBe('You are not allowed to snooze incidents: ACK_ALLOWED_USERS lists neither you nor a user group of yours. Nothing was changed.');
    expect(new SnoozeStore(bot.db).activeSnoozes(harness.clock.value)).toEqual([]);
  });

  it('ends the snooze set on the message', async () => {
    const first = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    // A scope that no longer matches the incident's data, as after a change of its location name.
    new SnoozeStore(bot.db).snooze(
      { scope: '["agent","","old scope"]', label: 'Old name · CorpWiFi · 5 GHz', kind: 'agent', incidentId: first.id!, channel: CHANNEL, messageTs: null, userId: 'U0ALICE', until: harness.clock.value + HOUR },
      harness.clock.value,
    );
    const message = incidentMessage(harness, CHANNEL, first.id!);

    await click(bot, { actionId: 'incident_snooze_end', value: snoozeButton(message, 'Snooze 1 h').value, userId: 'U0BOB', ts: message.ts });
    await waitForClicks(harness, 1);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the reply to the click');

    expect(new SnoozeStore(bot.db).activeSnoozes(harness.clock.value)).toEqual([]);
    expect(reports()[0]!.text).toContain('The snooze of Old name · CorpWiFi · 5 GHz was ended by <@U0BOB>');
  });

  it('ends nothing when not snoozed', async () => {
    const first = addIncident();
    bot = await startTestBot(harness);
    await bot.poller.runCycle();
    const message = incidentMessage(harness, CHANNEL, first.id!);
    const value = snoozeButton(message, 'Snooze 1 h').value;

    await click(bot, { actionId: 'incident_snooze_end', value, userId: 'U0ALICE', ts: message.ts });
    await waitForClicks(harness, 1);
    await waitFor(() => harness.slack.ephemeralMessages().length === 1, 'the reply to the click');

    expect(lastEphemeral()).toBe('No snooze of Main Campus - Floor 2 · CorpWiFi · 5 GHz is active, so nothing was changed.');
    expect(reports()).toEqual([]);
  });
});
