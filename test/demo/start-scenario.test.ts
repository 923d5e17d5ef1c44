import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenario, startScenario, type AppliedEvent, type Scenario } from '../../src/simulator/scenario/index.ts';
import { startFakeSevenSignal, type FakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';

function timedScenario(recoverAt: string): Scenario {
  return parseScenario(
    {
      name: 'Timers',
      organization: 'Test Org',
      thresholds: {},
      sites: [{ key: 'floor', id: '11111111-1111-4111-8111-111111111111', name: 'Floor', networks: [{ ssid: 'CorpWiFi', bands: [5] }] }],
      agentIncidents: [
        {
          id: '22222222-2222-4222-8222-222222222222',
          type: 'DNS',
          site: 'floor',
          network: 'CorpWiFi',
          band: 5,
          populationCount: 20,
          timeline: [
            { at: '-1m', event: 'start', countImpacted: 3 },
            { at: '50ms', event: 'qualify' },
            { at: recoverAt, event: 'recover' },
          ],
        },
      ],
    },
    'timers.json',
  );
}

describe('start scenario', () => {
  let fake: FakeSevenSignal;

  beforeEach(async () => {
    fake = await startFakeSevenSignal({ clientId: 'client', clientSecret: 'secret' });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('applies events on timers', async () => {
    const events: AppliedEvent[] = [];
    const finished = new Promise<void>((resolve) => {
      startScenario({ scenario: timedScenario('150ms'), target: fake, onEvent: (event) => events.push(event), onFinished: resolve });
    });

    expect(events.map((event) => event.event)).toEqual(['start']);
    await finished;

    expect(events.map((event) => event.event)).toEqual(['start', 'qualify', 'recover']);
  });

  it('stop cancels later events', async () => {
    const events: AppliedEvent[] = [];
    const running = startScenario({ scenario: timedScenario('150ms'), target: fake, onEvent: (event) => events.push(event) });

    running.stop();
    await new Promise((resolve) => setTimeout(resolve, 250));

    expect(events.map((event) => event.event)).toEqual(['start']);
  });

  it('reports a failing event', async () => {
    // The incident exists already, so the start event's add throws.
    const scenario = timedScenario('150ms');
    fake.addAgentIncident({ id: '22222222-2222-4222-8222-222222222222', startTimestamp: new Date().toISOString() });
    const errors: Error[] = [];

    startScenario({ scenario, target: fake, onEvent: () => undefined, onError: (error) => errors.push(error) });

    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/already exists/)]);
  });
});
