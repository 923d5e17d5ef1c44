import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../src/demo/demo-arguments.ts';
import { loadScenario, ScenarioRunner, type Scenario } from '../../src/simulator/scenario/index.ts';
import { startFakeSevenSignal, type FakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import type { AgentIncident, AlertIncident } from '../../src/sevensignal/types.ts';

const START = Date.UTC(2026, 11, 4, 9, 0);
const CONNECTION_ID = '54b60463-437b-4d83-8fcf-8ecefb7795d2';
const NEVER_QUALIFIES_ID = 'e019e75a-f7ce-4c0a-9bdb-3fa1fd5ab9ef';
const OPEN_AT_START_ID = 'a8ec0a9f-a098-4688-9843-c95a654a0df4';
const HEALTH_ALERT_ID = '456ea28e-f094-4108-a6aa-b292473e37db';

class Clock {
  constructor(public value: number) {}
  readonly now = (): number => this.value;
}

/** Lists agent incidents through the fake's HTTP API, as the bot receives them. */
async function listAgentIncidents(fake: FakeSevenSignal): Promise<AgentIncident[]> {
  const token = await fetch(`${fake.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=client&client_secret=secret',
  }).then((response) => response.json() as Promise<{ access_token: string }>);
  const list = await fetch(`${fake.url}/incidents/agents`, { headers: { authorization: `Bearer ${token.access_token}` } });
  return ((await list.json()) as { results: AgentIncident[] }).results;
}

describe('scenario runner', () => {
  let scenario: Scenario;
  let clock: Clock;
  let fake: FakeSevenSignal;
  let runner: ScenarioRunner;

  beforeEach(async () => {
    scenario = await loadScenario(DEFAULT_SCENARIO);
    clock = new Clock(START);
    fake = await startFakeSevenSignal({ clientId: 'client', clientSecret: 'secret', now: clock.now });
    runner = new ScenarioRunner(scenario, fake, START);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('applies past events at the start', () => {
    const applied = runner.applyDue(START);

    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((event) => event.offset <= 0)).toBe(true);
    expect(applied.map((event) => event.offset)).toEqual([...applied.map((event) => event.offset)].sort((a, b) => a - b));
    expect(runner.nextAt).toBe(START + 5000);
  });

  it('applies nothing twice', () => {
    const first = runner.applyDue(START + 60_000);
    const again = runner.applyDue(START + 60_000);

    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual([]);
  });

  it('lists an incident once it qualifies', async () => {
    runner.applyDue(START);
    expect((await listAgentIncidents(fake)).map((incident) => incident.id)).toEqual([OPEN_AT_START_ID]);

    clock.value = START + 5000;
    const applied = runner.applyDue(clock.value);

    expect(applied.map((event) => `${event.incidentId} ${event.event}`)).toEqual([`${CONNECTION_ID} qualify`]);
    const listed = (await listAgentIncidents(fake)).find((incident) => incident.id === CONNECTION_ID);
    expect(listed?.startTimestamp).toBe(new Date(START - 15 * 60_000).toISOString());
    expect(listed?.timestampDeterminedToBeIncident).toBe(new Date(START + 5000).toISOString());
    expect(listed?.countImpacted).toBe(9);
    expect(listed?.populationCount).toBe(84);
    expect(listed?.band).toBe(5);
    expect(listed?.locationName).toBe('Main Campus - Floor 2');
    expect(listed?.organizationName).toBe('Acme Health');
    expect(listed?.thresholds?.minIncidentDurationMinutes).toBe(15);
    expect(listed?.endTimestamp).toBeUndefined();
  });

  it('grows and recovers an incident', async () => {
    clock.value = START + 3 * 60_000;
    const applied = runner.applyDue(clock.value);

    const incident = (await listAgentIncidents(fake)).find((listed) => listed.id === CONNECTION_ID);
    expect(incident?.countImpacted).toBe(14);
    expect(incident?.endTimestamp).toBe(new Date(START + 3 * 60_000).toISOString());
    const lines = applied.filter((event) => event.incidentId === CONNECTION_ID).map((event) => event.description);
    expect(lines).toContain('agent incident impact grew: CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz), 9 → 17 of 84 agents');
    expect(lines).toContain('agent incident impact shrank: CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz), 26 → 14 of 84 agents');
    expect(lines.at(-1)).toBe('agent incident recovered: CONNECTION at Main Campus - Floor 2 (CorpWiFi, 5 GHz)');
  });

  it('never lists an incident without qualify', async () => {
    clock.value = START + 10 * 60_000;
    const applied = runner.applyDue(clock.value);

    expect(applied.filter((event) => event.incidentId === NEVER_QUALIFIES_ID).map((event) => event.event)).toEqual(['start', 'recover']);
    expect((await listAgentIncidents(fake)).map((incident) => incident.id)).not.toContain(NEVER_QUALIFIES_ID);
  });

  it('fires and clears an alert', () => {
    clock.value = START + 15_000;
    runner.applyDue(clock.value);
    const fired: AlertIncident | undefined = fake.getAlertIncident(HEALTH_ALERT_ID);

    expect(fired).toMatchObject({
      ticketId: '4712',
      metric: 'client_health_score',
      dimensionSet: ['network', 'band'],
      dimensionKey: 'CorpWiFi|5',
      startedAt: START + 15_000,
      resolvedAt: null,
      triggerValue: 58.4,
      snapshot: { thresholdValue: 70, thresholdOperator: '<', aggregationFunction: 'avg', pendingPeriodSeconds: 300 },
    });

    clock.value = START + 170_000;
    runner.applyDue(clock.value);

    expect(fake.getAlertIncident(HEALTH_ALERT_ID)).toMatchObject({ resolvedAt: START + 170_000, resolutionReason: 'cleared', resolveValue: 76.2 });
  });

  it('leaves an alert resolved by hand', () => {
    runner.applyDue(START + 15_000);
    fake.updateAlertIncident(HEALTH_ALERT_ID, { resolvedAt: START + 20_000, resolutionReason: 'cleared_by_user' });

    const applied = runner.applyDue(START + 170_000);

    const clear = applied.find((event) => event.incidentId === HEALTH_ALERT_ID && event.event === 'clear');
    expect(clear?.description).toMatch(/^alert clear skipped: .* is already resolved \(cleared_by_user\)$/);
    expect(fake.getAlertIncident(HEALTH_ALERT_ID)).toMatchObject({ resolvedAt: START + 20_000, resolutionReason: 'cleared_by_user' });
  });

  it('ends after the last event', () => {
    runner.applyDue(START + runner.lastOffset);

    expect(runner.nextAt).toBeUndefined();
    expect(runner.lastOffset).toBe(250_000);
  });
});
