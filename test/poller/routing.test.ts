import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeAgentIncident } from '../../src/poller/incident-observation.ts';
import { makeAlertIncident } from '../../src/simulator/sevensignal/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { IncidentStore } from '../../src/store/incident-store.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { pollOnce, textOf } from './poller-test-support.ts';
import { addIncident, failedSlackCalls, incidentIdsIn, incidentMessage, incidentMessages, useRoutes } from './routing-support.ts';

const MINUTE = 60_000;

const ROUTES = `routes:
  - match: { location: "Main Campus*", band: 5 }
    channel: C0CAMPUS
  - match: { network: "Clinical-*" }
    channel: C0CLINIC
    continue: true
  - match: { type: DNS }
    channel: C0NOC
`;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.close();
});

describe('routing', () => {
  it('posts to the routed channels', async () => {
    const campus = addIncident(harness, { locationName: 'Main Campus - Floor 2', band: 5, network: 'CorpWiFi', type: 'CONNECTION' });
    const clinic = addIncident(harness, { locationName: 'North Clinic - Lobby', band: 2.4, network: 'Clinical-IoT', type: 'DNS' });
    const other = addIncident(harness, { locationName: 'HQ Tower - Floor 11', band: 2.4, network: 'eduroam', type: 'CONNECTION' });

    const result = await pollOnce(harness, useRoutes(harness, ROUTES));

    expect(result.ok).toBe(true);
    // Three main messages and one copy, from the continue route.
    expect(result.posted).toBe(4);
    expect(incidentIdsIn(harness, 'C0CAMPUS')).toEqual([campus.id]);
    expect(incidentIdsIn(harness, 'C0CLINIC')).toEqual([clinic.id]);
    expect(incidentIdsIn(harness, 'C0NOC')).toEqual([clinic.id]);
    expect(incidentIdsIn(harness, CHANNEL)).toEqual([other.id]);
  });

  it('keeps the first channel after a failure', async () => {
    const incident = addIncident(harness, { locationName: 'Main Campus - Floor 2', band: 5 });
    harness.slack.failNext('chat.postMessage', { error: 'internal_error' });

    const failed = await pollOnce(harness, useRoutes(harness, ROUTES));
    expect(failed.failedPosts).toBe(1);

    harness.clock.advance(MINUTE);
    const retried = await pollOnce(harness, useRoutes(harness, 'routes:\n  - match: {}\n    channel: C0ELSEWHERE\n'));

    expect(retried.posted).toBe(1);
    expect(incidentIdsIn(harness, 'C0CAMPUS')).toEqual([incident.id]);
    expect(harness.slack.messages('C0ELSEWHERE')).toEqual([]);
  });

  it('reposts nothing after a routes change', async () => {
    addIncident(harness, { locationName: 'Main Campus - Floor 2', band: 5 });
    addIncident(harness, { locationName: 'HQ Tower - Floor 11', band: 2.4, network: 'eduroam', type: 'CONNECTION' });
    expect((await pollOnce(harness, useRoutes(harness, ROUTES))).posted).toBe(2);
    const postsBefore = harness.slack.callsTo('chat.postMessage').length;

    harness.clock.advance(MINUTE);
    const changed = useRoutes(harness, 'routes:\n  - match: {}\n    channel: C0ELSEWHERE\n', 'changed.yaml');
    const restarted = await pollOnce(harness, changed);

    expect(restarted.posted).toBe(0);
    expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);

    const later = addIncident(harness, { locationName: 'Main Campus - Floor 3', band: 5 });
    harness.clock.advance(MINUTE);
    await pollOnce(harness, changed);

    expect(incidentIdsIn(harness, 'C0ELSEWHERE')).toEqual([later.id]);
  });

  it('routes incidents listed before routing', async () => {
    // A pending row without a channel, as a database from before routing has them.
    const incident = addIncident(harness, { locationName: 'Main Campus - Floor 2', band: 5 });
    const db = openDatabase(harness.databasePath);
    new IncidentStore(db).observe('agent', '', [observeAgentIncident(incident, harness.clock.value)], harness.clock.value);
    db.prepare("INSERT INTO poll_cursors (source, upper_ms, updated_at) VALUES ('agent:', ?, ?)").run(harness.clock.value, harness.clock.value);
    db.close();

    const result = await pollOnce(harness, useRoutes(harness, ROUTES));

    expect(result.posted).toBe(1);
    expect(incidentIdsIn(harness, 'C0CAMPUS')).toEqual([incident.id]);
  });

  it('goes on when one channel fails', async () => {
    harness.slack.addChannel('C0CAMPUS', { member: false });
    addIncident(harness, { locationName: 'Main Campus - Floor 2', band: 5 });
    addIncident(harness, { locationName: 'Main Campus - Floor 3', band: 5 });
    const other = addIncident(harness, { locationName: 'HQ Tower - Floor 11', band: 2.4, network: 'eduroam', type: 'CONNECTION' });

    const result = await pollOnce(harness, useRoutes(harness, ROUTES));

    expect(result.ok).toBe(false);
    // The first not_in_channel stops that channel for the cycle, so the second is not tried.
    expect(result.failedPosts).toBe(1);
    expect(harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0CAMPUS')).toHaveLength(1);
    expect(incidentIdsIn(harness, CHANNEL)).toEqual([other.id]);
  });

  it('updates copies on recovery', async () => {
    const clinic = addIncident(harness, { locationName: 'North Clinic - Lobby', band: 2.4, network: 'Clinical-IoT', type: 'DNS' });
    const routes = useRoutes(harness, ROUTES);
    await pollOnce(harness, routes);

    harness.sevenSignal.updateAgentIncident(clinic.id!, { endTimestamp: new Date(harness.clock.value - MINUTE).toISOString() });
    harness.clock.advance(MINUTE);
    const result = await pollOnce(harness, routes);

    expect(result.ok).toBe(true);
    expect(result.announced).toBe(2);
    for (const channel of ['C0CLINIC', 'C0NOC']) {
      const message = incidentMessage(harness, channel, clinic.id!);
      expect(textOf(message), channel).toContain('Recovered after');
      const replies = harness.slack.messages(channel).filter((reply) => reply.thread_ts === message.ts);
      expect(replies.map((reply) => reply.metadata?.event_type), channel).toEqual(['wifi_incident_state']);
    }

    harness.clock.advance(MINUTE);
    const again = await pollOnce(harness, routes);
    expect(again.announced).toBe(0);
  });

  it('routes each polled organization', async () => {
    const north = addIncident(harness, {}, { organization: 'north' });
    const south = addIncident(harness, {}, { organization: 'south' });
    const southAlert = makeAlertIncident({ startedAt: harness.clock.value - 10 * MINUTE });
    harness.sevenSignal.addAlertIncident(southAlert, { organization: 'south' });
    const routes = useRoutes(harness, 'routes:\n  - match: { organization: north }\n    channel: C0NORTH\n  - match: { organization: "s*" }\n    channel: C0SOUTH\n');

    const result = await pollOnce(harness, { ...routes, SEVENSIGNAL_ORGANIZATION: 'north,south' });

    expect(result.ok).toBe(true);
    expect(incidentIdsIn(harness, 'C0NORTH')).toEqual([north.id]);
    expect(incidentIdsIn(harness, 'C0SOUTH')).toEqual([south.id, southAlert.id].sort());
    expect(incidentIdsIn(harness, CHANNEL)).toEqual([]);
  });

  it('summarizes the first run per channel', async () => {
    const campus = addIncident(harness, { locationName: 'Main Campus - Floor 2', band: 5 });
    addIncident(harness, { locationName: 'HQ Tower - Floor 11', band: 2.4, network: 'eduroam', type: 'CONNECTION' });

    const result = await pollOnce(harness, { ...useRoutes(harness, ROUTES), FIRST_RUN: 'summary' });

    expect(result.ok).toBe(true);
    expect(incidentMessages(harness, 'C0CAMPUS')).toEqual([]);
    const campusSummary = harness.slack.messages('C0CAMPUS');
    expect(campusSummary).toHaveLength(1);
    expect(campusSummary[0]!.text).toContain('1 Wi-Fi incident is open');
    expect(textOf(campusSummary[0]!)).toContain(campus.locationName);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);
    expect(harness.slack.messages(CHANNEL)[0]!.text).toContain('1 Wi-Fi incident is open');
    // No incident routes to C0NOC, so it gets no summary.
    expect(harness.slack.messages('C0NOC')).toEqual([]);
    expect(failedSlackCalls(harness)).toEqual([]);
  });
});
