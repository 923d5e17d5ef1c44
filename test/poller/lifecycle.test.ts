import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import type { AgentIncident } from '../../src/sevensignal/types.ts';
import { AcknowledgementStore } from '../../src/store/acknowledgements.ts';
import { openDatabase } from '../../src/store/database.ts';
import { IncidentStore } from '../../src/store/incident-store.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { messageOf, pollOnce, textOf, threadReplies, topLevelMessages, updatesOf } from './poller-test-support.ts';

const MINUTE = 60_000;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

async function postOngoing(overrides: Partial<AgentIncident> = {}): Promise<{ incident: AgentIncident; ts: string }> {
  const incident = makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 60 * MINUTE).toISOString(), ...overrides });
  harness.sevenSignal.addAgentIncident(incident);
  expect((await pollOnce(harness)).posted).toBe(1);
  return { incident, ts: messageOf(harness, incident.id!).ts };
}

function recover(incident: AgentIncident, minutesAgo: number): void {
  harness.sevenSignal.updateAgentIncident(incident.id!, { endTimestamp: new Date(harness.clock.value - minutesAgo * MINUTE).toISOString() });
}

describe('agent incident lifecycle', () => {
  it('announces a recovery once', async () => {
    const { incident, ts } = await postOngoing();
    recover(incident, 5);
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);

    expect(result.ok).toBe(true);
    expect(result.announced).toBe(1);
    expect(updatesOf(harness, ts)).toHaveLength(1);
    expect(textOf(messageOf(harness, incident.id!))).toContain('Recovered after 55 min');
    expect(JSON.stringify(messageOf(harness, incident.id!).blocks![0])).toContain('🟢');
    const replies = threadReplies(harness, ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/^🟢 Recovered at <!date\^\d+\^.+> after 55 min\.$/);
    expect(topLevelMessages(harness)).toHaveLength(1);

    harness.clock.advance(MINUTE);
    const second = await pollOnce(harness);

    expect(second.announced).toBe(0);
    expect(updatesOf(harness, ts)).toHaveLength(1);
    expect(threadReplies(harness, ts)).toHaveLength(1);
  });

  it('does not repeat after a failed reply', async () => {
    const { incident, ts } = await postOngoing();
    recover(incident, 5);
    harness.slack.failNext('chat.postMessage', { error: 'internal_error' });
    harness.clock.advance(MINUTE);

    const failed = await pollOnce(harness);

    expect(failed.ok).toBe(false);
    expect(failed.failedUpdates).toBe(1);
    expect(threadReplies(harness, ts)).toHaveLength(0);

    harness.clock.advance(MINUTE);
    const retried = await pollOnce(harness);
    harness.clock.advance(MINUTE);
    await pollOnce(harness);

    expect(retried.announced).toBe(1);
    expect(threadReplies(harness, ts)).toHaveLength(1);
  });

  it('keeps the acknowledgement line', async () => {
    const { incident } = await postOngoing();
    const db = openDatabase(harness.databasePath);
    new AcknowledgementStore(db).acknowledge('agent', incident.id!, 'U0ALICE', harness.clock.value);
    db.close();
    recover(incident, 5);
    harness.clock.advance(MINUTE);

    await pollOnce(harness);

    const text = textOf(messageOf(harness, incident.id!));
    expect(text).toContain('Recovered after');
    expect(text).toContain('Acknowledged by <@U0ALICE>');
    expect(text).toContain('Unacknowledge');
  });

  it('posts again after the original was deleted', async () => {
    const { incident, ts } = await postOngoing();
    harness.slack.deleteMessage(CHANNEL, ts);
    recover(incident, 5);
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);

    expect(result.ok).toBe(true);
    expect(result.announced).toBe(1);
    const [reposted] = topLevelMessages(harness);
    expect(reposted!.ts).not.toBe(ts);
    expect(textOf(reposted!)).toContain('Recovered after');
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);

    const db = openDatabase(harness.databasePath);
    expect(new IncidentStore(db).get('agent', incident.id!)).toMatchObject({ ts: reposted!.ts, announcedState: 'recovered' });
    db.close();

    harness.clock.advance(MINUTE);
    await pollOnce(harness);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it('refreshes changed numbers in place', async () => {
    const { incident, ts } = await postOngoing({ countImpacted: 10, populationCount: 80 });
    harness.sevenSignal.updateAgentIncident(incident.id!, { countImpacted: 30 });
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);

    expect(result.refreshed).toBe(1);
    expect(result.posted).toBe(0);
    expect(updatesOf(harness, ts)).toHaveLength(1);
    expect(textOf(messageOf(harness, incident.id!))).toContain('30 of 80 agents (38%)');
    expect(threadReplies(harness, ts)).toHaveLength(0);
    expect(topLevelMessages(harness)).toHaveLength(1);

    harness.clock.advance(MINUTE);
    await pollOnce(harness);
    expect(updatesOf(harness, ts)).toHaveLength(1);
  });

  it('ignores a moving evaluation time', async () => {
    const { incident, ts } = await postOngoing();
    harness.sevenSignal.updateAgentIncident(incident.id!, { asOfTimestamp: new Date(harness.clock.value + MINUTE).toISOString() });
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);

    expect(result.refreshed).toBe(0);
    expect(updatesOf(harness, ts)).toHaveLength(0);
  });

  it('does not refresh a deleted message', async () => {
    const { incident, ts } = await postOngoing({ countImpacted: 10 });
    harness.slack.deleteMessage(CHANNEL, ts);
    harness.sevenSignal.updateAgentIncident(incident.id!, { countImpacted: 20 });
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);
    harness.clock.advance(MINUTE);
    await pollOnce(harness);

    expect(result.ok).toBe(true);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(0);
    expect(harness.slack.callsTo('chat.update')).toHaveLength(1);
  });

  it('posts a late recovery as recovered', async () => {
    await pollOnce(harness);
    const incident = makeAgentIncident({
      startTimestamp: new Date(harness.clock.value - 40 * MINUTE).toISOString(),
      endTimestamp: new Date(harness.clock.value - 10 * MINUTE).toISOString(),
    });
    harness.sevenSignal.addAgentIncident(incident);
    harness.clock.advance(MINUTE);

    const result = await pollOnce(harness);
    harness.clock.advance(MINUTE);
    const second = await pollOnce(harness);

    expect(result.posted).toBe(1);
    expect(result.announced).toBe(0);
    expect(second.announced).toBe(0);
    expect(threadReplies(harness, messageOf(harness, incident.id!).ts)).toHaveLength(0);
  });
});
