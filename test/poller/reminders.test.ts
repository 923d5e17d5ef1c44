import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCATIONS } from '../../src/simulator/sevensignal/index.ts';
import { AcknowledgementStore } from '../../src/store/acknowledgements.ts';
import { openDatabase } from '../../src/store/database.ts';
import { SnoozeStore } from '../../src/store/snoozes.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { pollOnce } from './poller-test-support.ts';
import { addIncident, digestsIn, incidentMessage } from './routing-support.ts';

const MINUTE = 60_000;
const REMINDERS = { REMIND_UNACKED_AFTER: '30m', REMIND_MENTION: 'S0NOC' };

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

function reminders() {
  return harness.slack.messages(CHANNEL).filter((message) => message.metadata?.event_type === 'wifi_incident_reminder');
}

function remindedIds(): string[] {
  return reminders()
    .map((message) => String(message.metadata!.event_payload.id))
    .sort();
}

describe('reminders', () => {
  it('reminds once of an unacknowledged incident', async () => {
    const open = addIncident(harness, { type: 'DHCP', locationName: 'North Clinic - Lobby' });
    const acknowledged = addIncident(harness);
    const recovering = addIncident(harness);
    await pollOnce(harness, REMINDERS);
    const postedAt = harness.clock.value;

    const db = openDatabase(harness.databasePath);
    new AcknowledgementStore(db).acknowledge('agent', acknowledged.id!, 'U0ALICE', postedAt + MINUTE);
    db.close();
    harness.sevenSignal.updateAgentIncident(recovering.id!, { endTimestamp: new Date(postedAt + 10 * MINUTE).toISOString() });

    harness.clock.value = postedAt + 29 * MINUTE;
    expect((await pollOnce(harness, REMINDERS)).reminded).toBe(0);

    harness.clock.value = postedAt + 31 * MINUTE;
    const due = await pollOnce(harness, REMINDERS);

    expect(due.reminded).toBe(1);
    expect(remindedIds()).toEqual([open.id]);
    const [reminder] = reminders();
    expect(reminder!.thread_ts).toBe(incidentMessage(harness, CHANNEL, open.id!).ts);
    expect(reminder!.text).toBe('⏰ <!subteam^S0NOC> Still open and not acknowledged after 31 min: DHCP at North Clinic - Lobby.');

    harness.clock.value = postedAt + 90 * MINUTE;
    expect((await pollOnce(harness, REMINDERS)).reminded).toBe(0);
    expect(reminders()).toHaveLength(1);
  });

  it('sends none when off', async () => {
    addIncident(harness);
    await pollOnce(harness);
    harness.clock.advance(24 * 60 * MINUTE);
    expect((await pollOnce(harness)).reminded).toBe(0);
    expect(reminders()).toEqual([]);
  });

  it('mentions nobody without a group', async () => {
    const open = addIncident(harness, { type: 'DNS', locationName: 'HQ Tower - Floor 11' });
    await pollOnce(harness, { REMIND_UNACKED_AFTER: '30m' });
    harness.clock.advance(45 * MINUTE);
    await pollOnce(harness, { REMIND_UNACKED_AFTER: '30m' });
    expect(reminders().map((message) => message.text)).toEqual(['⏰ Still open and not acknowledged after 45 min: DNS at HQ Tower - Floor 11.']);
    expect(remindedIds()).toEqual([open.id]);
  });

  it('reminds in the digest thread', async () => {
    const ids = Array.from({ length: 6 }, () => addIncident(harness).id!);
    await pollOnce(harness, REMINDERS);
    const digest = digestsIn(harness, CHANNEL)[0]!;

    harness.clock.advance(31 * MINUTE);
    const result = await pollOnce(harness, REMINDERS);

    expect(result.reminded).toBe(6);
    expect(remindedIds()).toEqual([...ids].sort());
    expect(reminders().every((message) => message.thread_ts === digest.ts)).toBe(true);
  });

  it('skips snoozed incidents', async () => {
    const location = SAMPLE_LOCATIONS[0]!;
    const snoozed = addIncident(harness, { location: location.id, locationName: location.name, network: 'CorpWiFi', band: 5 });
    const other = addIncident(harness, { location: location.id, locationName: location.name, network: 'CorpWiFi', band: 6 });
    await pollOnce(harness, REMINDERS);
    const db = openDatabase(harness.databasePath);
    new SnoozeStore(db).snooze(
      {
        scope: JSON.stringify(['agent', '', location.id, 'CorpWiFi', 5]),
        label: 'Main Campus - Floor 2 · CorpWiFi · 5 GHz',
        kind: 'agent',
        incidentId: snoozed.id!,
        channel: CHANNEL,
        messageTs: null,
        userId: 'U0ALICE',
        until: harness.clock.value + 4 * 60 * MINUTE,
      },
      harness.clock.value,
    );
    db.close();

    harness.clock.advance(31 * MINUTE);
    await pollOnce(harness, REMINDERS);

    expect(remindedIds()).toEqual([other.id]);
  });

  it('retries a failed reminder', async () => {
    const open = addIncident(harness);
    await pollOnce(harness, REMINDERS);
    harness.clock.advance(31 * MINUTE);
    harness.slack.failNext('chat.postMessage', { error: 'internal_error' });

    const failed = await pollOnce(harness, REMINDERS);
    expect(failed.ok).toBe(false);
    expect(reminders()).toEqual([]);

    harness.clock.advance(MINUTE);
    const retried = await pollOnce(harness, REMINDERS);
    expect(retried.reminded).toBe(1);
    expect(remindedIds()).toEqual([open.id]);
  });
});
