import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../src/demo/demo-arguments.ts';
import { loadScenario, parseScenario, ScenarioError } from '../../src/simulator/scenario/index.ts';

const SITE = '11111111-1111-4111-8111-111111111111';
const INCIDENT = '22222222-2222-4222-8222-222222222222';
const RULE = '33333333-3333-4333-8333-333333333333';
const ALERT = '44444444-4444-4444-8444-444444444444';

/** Returns a small valid scenario, which each test breaks in one place. */
function validScenario(): Record<string, any> {
  return {
    name: 'Test',
    organization: 'Test Org',
    thresholds: { minIncidentDurationMinutes: 15 },
    sites: [{ key: 'floor-1', id: SITE, name: 'Campus - Floor 1', networks: [{ ssid: 'CorpWiFi', bands: [2.4, 5] }] }],
    agentIncidents: [
      {
        id: INCIDENT,
        type: 'CONNECTION',
        site: 'floor-1',
        network: 'CorpWiFi',
        band: 5,
        populationCount: 50,
        timeline: [
          { at: '-15m', event: 'start', countImpacted: 5 },
          { at: '5s', event: 'qualify' },
          { at: '1m', event: 'recover' },
        ],
      },
    ],
    alertRules: [
      {
        key: 'health',
        id: RULE,
        metric: 'client_health_score',
        dimensionSet: ['network', 'band'],
        aggregationFunction: 'avg',
        thresholdOperator: '<',
        thresholdValue: 70,
        pendingPeriodSeconds: 300,
      },
    ],
    alertIncidents: [
      {
        id: ALERT,
        ticketId: '1',
        rule: 'health',
        dimensions: ['CorpWiFi', '5'],
        timeline: [{ at: '10s', event: 'fire', value: 60 }],
      },
    ],
  };
}

function problemsOf(json: unknown): string[] {
  try {
    parseScenario(json, 'test.json');
  } catch (error) {
    if (error instanceof ScenarioError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe('scenario loading', () => {
  const folder = mkdtempSync(join(tmpdir(), 'scenario-loading-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('default scenario is valid', async () => {
    const scenario = await loadScenario(DEFAULT_SCENARIO);

    expect(scenario.sites.length).toBeGreaterThanOrEqual(4);
    expect(new Set(scenario.sites.map((site) => site.name.split(' - ')[0])).size).toBe(2);
    const bands = new Set(scenario.sites.flatMap((site) => site.networks.flatMap((network) => network.bands)));
    expect([...bands].sort()).toEqual([2.4, 5, 6]);
    expect(scenario.agentIncidents.flatMap((plan) => plan.timeline.map((event) => event.event))).toEqual(
      expect.arrayContaining(['start', 'qualify', 'impact', 'recover']),
    );
    expect(scenario.alertIncidents.flatMap((plan) => plan.timeline.map((event) => event.event))).toEqual(
      expect.arrayContaining(['fire', 'clear']),
    );
  });

  it('valid scenario has no problems', () => {
    expect(problemsOf(validScenario())).toEqual([]);
  });

  it('offsets become milliseconds', () => {
    const scenario = parseScenario(validScenario(), 'test.json');

    expect(scenario.agentIncidents[0]?.timeline.map((event) => event.at)).toEqual([-900_000, 5000, 60_000]);
  });

  it('clear reason defaults to cleared', () => {
    const json = validScenario();
    json.alertIncidents[0].timeline.push({ at: '2m', event: 'clear', value: 75 });

    const scenario = parseScenario(json, 'test.json');

    expect(scenario.alertIncidents[0]?.timeline[1]).toMatchObject({ event: 'clear', reason: 'cleared' });
  });

  const cases: Array<[string, (json: Record<string, any>) => void, RegExp]> = [
    ['bad offset', (json) => (json.agentIncidents[0].timeline[1].at = '5 seconds'), /^agentIncidents\[0\]\.timeline\[1\]\.at: "5 seconds" is not a time offset/],
    ['unknown field', (json) => (json.sites[0].floor = 2), /^sites\[0\]: .*floor/],
    ['bad band', (json) => (json.agentIncidents[0].band = 3), /^agentIncidents\[0\]\.band: a band is 2\.4, 5 or 6/],
    ['bad uuid', (json) => (json.sites[0].id = 'site-1'), /^sites\[0\]\.id: /],
    ['unknown site', (json) => (json.agentIncidents[0].site = 'floor-9'), /^agentIncidents\[0\]\.site: no site has the key "floor-9"/],
    ['unknown network', (json) => (json.agentIncidents[0].network = 'Guest'), /^agentIncidents\[0\]\.network: site "floor-1" has no network "Guest"/],
    ['band not offered', (json) => (json.agentIncidents[0].band = 6), /^agentIncidents\[0\]\.band: network "CorpWiFi" at site "floor-1" has no 6 GHz band/],
    ['start not first', (json) => json.agentIncidents[0].timeline.reverse(), /timeline\[0\]\.event: the first event is "recover", but a timeline begins with "start"/],
    ['out of order', (json) => (json.agentIncidents[0].timeline[2].at = '1s'), /timeline\[2\]\.at: the recover event comes before the qualify event/],
    ['recover not last', (json) => json.agentIncidents[0].timeline.push({ at: '2m', event: 'impact', countImpacted: 9 }), /timeline\[2\]\.event: "recover" must be the last event/],
    ['two qualifies', (json) => json.agentIncidents[0].timeline.splice(2, 0, { at: '10s', event: 'qualify' }), /^agentIncidents\[0\]\.timeline: an incident qualifies at most once/],
    ['count over population', (json) => (json.agentIncidents[0].timeline[0].countImpacted = 51), /timeline\[0\]\.countImpacted: 51 impacted agents is more than the population of 50/],
    ['duplicate incident', (json) => json.agentIncidents.push(structuredClone(json.agentIncidents[0])), /^agentIncidents\[1\]\.id: id "2222/],
    ['unknown rule', (json) => (json.alertIncidents[0].rule = 'dhcp'), /^alertIncidents\[0\]\.rule: no alert rule has the key "dhcp"/],
    ['dimension count', (json) => (json.alertIncidents[0].dimensions = ['CorpWiFi']), /^alertIncidents\[0\]\.dimensions: rule "health" has 2 dimensions \(network, band\) but the incident gives 1 values/],
    ['pipe in dimension', (json) => (json.alertIncidents[0].dimensions = ['Corp|WiFi', '5']), /dimensions\[0\]: "Corp\|WiFi" contains "\|"/],
    ['fire not first', (json) => json.alertIncidents[0].timeline.unshift({ at: '1s', event: 'clear' }), /timeline\[0\]\.event: the first event is "clear", but a timeline begins with "fire"/],
    ['unknown reason', (json) => json.alertIncidents[0].timeline.push({ at: '2m', event: 'clear', reason: 'fixed' }), /timeline\[1\]\.reason: /],
    ['unknown event', (json) => (json.agentIncidents[0].timeline[1].event = 'escalate'), /timeline\[1\]\.event: /],
  ];

  it.each(cases)('rejects %s', (_name, breakIt, expected) => {
    const json = validScenario();
    breakIt(json);

    const problems = problemsOf(json);

    expect(problems.some((problem) => expected.test(problem)), problems.join('\n')).toBe(true);
  });

  it('rejects a missing file', async () => {
    const file = join(folder, 'missing.json');

    await expect(loadScenario(file)).rejects.toThrow(`Invalid scenario ${file}:\n  - the file cannot be read`);
  });

  it('rejects a file that is not json', async () => {
    const file = join(folder, 'broken.json');
    writeFileSync(file, '{ "name": ');

    await expect(loadScenario(file)).rejects.toThrow(/the file is not valid JSON/);
  });
});
