import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { SAMPLE_LOCATIONS } from '../../src/simulator/sevensignal/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { buttonOf, startTestBot, waitFor, waitForClicks } from '../slack/actions/button-support.ts';
import { pollOnce, textOf } from './poller-test-support.ts';
import { addIncident, clickIn, digestsIn, failedSlackCalls, incidentMessage, incidentMessages, useRoutes } from './routing-support.ts';

const MINUTE = 60_000;

const ROUTES = `routes:
  - match: { location: "Main Campus*" }
    channel: C0CAMPUS
`;

const CAMPUS = SAMPLE_LOCATIONS.filter((location) => location.name.startsWith('Main Campus'));
const ELSEWHERE = SAMPLE_LOCATIONS.filter((location) => !location.name.startsWith('Main Campus'));

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

/** Adds `count` incidents spread over `locations`, with impacted counts growing with the index. */
function addIncidents(count: number, locations: ReadonlyArray<{ id: string; name: string }>): string[] {
  return Array.from({ length: count }, (_, index) => {
    const location = locations[index % locations.length]!;
    return addIncident(harness, {
      location: location.id,
      locationName: location.name,
      type: index % 3 === 0 ? 'DHCP' : 'CONNECTION',
      countImpacted: 5 + index,
      populationCount: 100,
    }).id!;
  });
}

function topLevel(channel: string) {
  return harness.slack.messages(channel).filter((message) => message.thread_ts === undefined);
}

describe('storm digests', () => {
  it('posts 3 new incidents one by one', async () => {
    const ids = addIncidents(3, ELSEWHERE);

    const result = await pollOnce(harness);

    expect(result.posted).toBe(3);
    expect(result.digests).toBe(0);
    expect(digestsIn(harness, CHANNEL)).toEqual([]);
    expect(topLevel(CHANNEL).map((message) => message.metadata?.event_payload.id).sort()).toEqual([...ids].sort());
  });

  it('posts 6 new incidents as a digest', async () => {
    addIncidents(6, ELSEWHERE);

    const result = await pollOnce(harness);

    expect(result.digests).toBe(1);
    expect(topLevel(CHANNEL)).toHaveLength(1);
  });

  it('gives 60 incidents one digest per channel', async () => {
    const campus = addIncidents(35, CAMPUS);
    const elsewhere = addIncidents(25, ELSEWHERE);

    const result = await pollOnce(harness, useRoutes(harness, ROUTES));

    expect(result.ok).toBe(true);
    expect(result.posted).toBe(60);
    expect(result.digests).toBe(2);
    expect(failedSlackCalls(harness)).toEqual([]);

    for (const [channel, ids] of [['C0CAMPUS', campus], [CHANNEL, elsewhere]] as const) {
      const digests = digestsIn(harness, channel);
      expect(digests, channel).toHaveLength(1);
      expect(topLevel(channel), channel).toHaveLength(1);

      const messages = incidentMessages(harness, channel);
      expect(messages.map((message) => message.metadata?.event_payload.id).sort(), channel).toEqual([...ids].sort());
      expect(messages.every((message) => message.thread_ts === digests[0]!.ts), channel).toBe(true);
      // Each incident in the thread has its own buttons.
      expect(messages.every((message) => buttonOf(message, 'Acknowledge').value.endsWith(String(message.metadata?.event_payload.id))), channel).toBe(true);
    }

    const campusDigest = digestsIn(harness, 'C0CAMPUS')[0]!;
    expect(campusDigest.text).toBe('35 new Wi-Fi incidents at 2 locations, most at Main Campus - Floor 2 (18), Main Campus - Floor 3 (17). Each incident is in the thread.');
    expect(textOf(campusDigest)).toContain('*Main Campus - Floor 2*: 18 (CONNECTION 12, DHCP 6)');
  });

  it('keeps the digest thread after a failure', async () => {
    addIncidents(8, ELSEWHERE);
    // The digest goes through; the first incident of its thread fails once.
    harness.slack.failNext('chat.postMessage', { delayMs: 0 });
    harness.slack.failNext('chat.postMessage', { error: 'internal_error' });

    const first = await pollOnce(harness);
    expect(first.digests).toBe(1);
    expect(first.posted).toBe(7);
    expect(first.failedPosts).toBe(1);

    harness.clock.advance(MINUTE);
    const second = await pollOnce(harness);

    expect(second.posted).toBe(1);
    expect(second.digests).toBe(0);
    const digests = digestsIn(harness, CHANNEL);
    expect(digests).toHaveLength(1);
    expect(incidentMessages(harness, CHANNEL).every((message) => message.thread_ts === digests[0]!.ts)).toBe(true);
  });

  it('retries a failed digest once', async () => {
    addIncidents(7, ELSEWHERE);
    harness.slack.failNext('chat.postMessage', { error: 'internal_error' });

    const first = await pollOnce(harness);
    expect(first.failedPosts).toBe(7);
    expect(harness.slack.messages(CHANNEL)).toEqual([]);

    // Two more arrive before the retry; they join the digest that is still waiting.
    addIncidents(2, ELSEWHERE);
    harness.clock.advance(MINUTE);
    const second = await pollOnce(harness);

    expect(second.digests).toBe(1);
    expect(second.posted).toBe(9);
    expect(digestsIn(harness, CHANNEL)).toHaveLength(1);
    expect(digestsIn(harness, CHANNEL)[0]!.text).toMatch(/^9 new Wi-Fi incidents/);
  });

  it('leaves a started post outside digests', async () => {
    const [early] = addIncidents(1, ELSEWHERE);
    harness.slack.failNext('chat.postMessage', { error: 'internal_error' });
    expect((await pollOnce(harness)).failedPosts).toBe(1);

    addIncidents(6, ELSEWHERE);
    harness.clock.advance(MINUTE);
    const result = await pollOnce(harness);

    expect(result.posted).toBe(7);
    expect(result.digests).toBe(1);
    // Its first post may have reached Slack, and only a message of its own is found again.
    expect(incidentMessage(harness, CHANNEL, early!).thread_ts).toBeUndefined();
  });

  it('replies in the digest thread', async () => {
    const ids = addIncidents(6, ELSEWHERE);
    await pollOnce(harness);
    const digest = digestsIn(harness, CHANNEL)[0]!;

    harness.sevenSignal.updateAgentIncident(ids[2]!, { endTimestamp: new Date(harness.clock.value - MINUTE).toISOString() });
    harness.clock.advance(MINUTE);
    const result = await pollOnce(harness);

    expect(result.announced).toBe(1);
    expect(textOf(incidentMessage(harness, CHANNEL, ids[2]!))).toContain('Recovered after');
    const replies = harness.slack.messages(CHANNEL).filter((message) => message.metadata?.event_type === 'wifi_incident_state');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.thread_ts).toBe(digest.ts);
    expect(harness.slack.callsTo('chat.postMessage').at(-1)!.args.thread_ts).toBe(digest.ts);
  });

  it('finds a digest posted before a crash', async () => {
    const ids = addIncidents(6, ELSEWHERE);
    await pollOnce(harness);
    const posts = harness.slack.callsTo('chat.postMessage').length;

    // The state after a crash between Slack's responses and the database writes: the digest and one
    // incident were posted and their attempts recorded, but not their messages.
    const db = openDatabase(harness.databasePath);
    db.prepare('UPDATE digests SET ts = NULL, posted_at = NULL').run();
    db.prepare("UPDATE incidents SET status = 'pending', ts = NULL, thread_ts = NULL WHERE id = ?").run(ids[3]!);
    db.close();

    harness.clock.advance(MINUTE);
    const result = await pollOnce(harness);

    expect(result.ok).toBe(true);
    expect(result.digests).toBe(0);
    expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(posts);
    expect(digestsIn(harness, CHANNEL)).toHaveLength(1);
    const reopened = openDatabase(harness.databasePath);
    const row = reopened.prepare('SELECT status, ts, thread_ts FROM incidents WHERE id = ?').get(ids[3]!) as { status: string; ts: string; thread_ts: string };
    reopened.close();
    expect(row).toEqual({ status: 'posted', ts: incidentMessage(harness, CHANNEL, ids[3]!).ts, thread_ts: digestsIn(harness, CHANNEL)[0]!.ts });
  });

  it('replies to a reposted member on its own', async () => {
    const ids = addIncidents(6, ELSEWHERE);
    await pollOnce(harness);
    const digest = digestsIn(harness, CHANNEL)[0]!;
    harness.slack.deleteMessage(CHANNEL, incidentMessage(harness, CHANNEL, ids[0]!).ts);

    // The recovery finds the message deleted and posts the incident again, as a message of its own.
    harness.sevenSignal.updateAgentIncident(ids[0]!, { endTimestamp: new Date(harness.clock.value - MINUTE).toISOString() });
    harness.clock.advance(MINUTE);
    await pollOnce(harness);
    const reposted = incidentMessage(harness, CHANNEL, ids[0]!);
    expect(reposted.thread_ts).toBeUndefined();

    harness.sevenSignal.updateAgentIncident(ids[0]!, { endTimestamp: '' });
    harness.clock.advance(MINUTE);
    await pollOnce(harness);

    const replies = harness.slack.messages(CHANNEL).filter((message) => message.metadata?.event_type === 'wifi_incident_state');
    expect(replies.map((reply) => reply.thread_ts)).toEqual([reposted.ts]);
    expect(replies[0]!.thread_ts).not.toBe(digest.ts);
  });

  it('acknowledges in the thread', async () => {
    const ids = addIncidents(6, CAMPUS);
    bot = await startTestBot(harness, useRoutes(harness, ROUTES));
    await waitFor(() => incidentMessages(harness, 'C0CAMPUS').length === 6, 'six incidents in the thread');
    const message = incidentMessage(harness, 'C0CAMPUS', ids[4]!);
    expect(message.thread_ts).toBe(digestsIn(harness, 'C0CAMPUS')[0]!.ts);

    const response = await clickIn(bot, { channel: 'C0CAMPUS', actionId: 'incident_acknowledge', value: buttonOf(message, 'Acknowledge').value, userId: 'U0ALICE', ts: message.ts });
    expect(response.status).toBe(200);
    await waitForClicks(harness, 1);

    const updated = incidentMessage(harness, 'C0CAMPUS', ids[4]!);
    expect(textOf(updated)).toContain('Acknowledged by <@U0ALICE>');
    expect(buttonOf(updated, 'Unacknowledge').value).toBe(buttonOf(message, 'Acknowledge').value);
  });
});
