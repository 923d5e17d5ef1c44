import { describe, expect, it } from 'vitest';
import type { AgentIncident, AlertIncident } from '../../../src/sevensignal/types.ts';
import type { IncidentFilters } from '../../../src/slack/commands/incident-query.ts';
import { matchesAgentIncident } from '../../../src/slack/commands/query-agent-incidents.ts';
import { matchesAlertIncident } from '../../../src/slack/commands/query-alert-incidents.ts';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const LOCATION_ID = '4d707bdf-e986-47ef-9165-4c12be8f2f2a';

const agent: AgentIncident = {
  id: 'i1',
  startTimestamp: '2026-12-04T11:00:00.000Z',
  type: 'CONNECTION',
  location: LOCATION_ID,
  locationName: 'Main Campus - Floor 2',
  network: 'CorpWiFi',
  band: 2.4,
};

const alert: AlertIncident = {
  id: 'a1',
  metric: 'client_health_score',
  dimensionSet: ['location_id', 'network', 'band'],
  dimensionKey: `${LOCATION_ID}|CorpWiFi|2.4`,
  startedAt: NOW - 60_000,
  resolvedAt: null,
};

function filters(overrides: Partial<IncidentFilters>): IncidentFilters {
  return { activeOnly: false, ...overrides };
}

// Each row: case, filters, whether the agent incident above matches.
const agentCases: Array<[string, IncidentFilters, boolean]> = [
  ['no filters', filters({}), true],
  ['location name in other case', filters({ locationName: 'main campus - floor 2' }), true],
  ['location name with extra spaces', filters({ locationName: ' Main  Campus - Floor 2 ' }), true],
  ['location name prefix only', filters({ locationName: 'Main Campus' }), false],
  ['location id', filters({ locationId: LOCATION_ID }), true],
  ['other location id', filters({ locationId: '2f0b7b2e-c3a6-4f5c-9dd7-d40011c3ec29' }), false],
  ['network in other case', filters({ network: 'corpwifi' }), true],
  ['other network', filters({ network: 'CorpGuest' }), false],
  ['band', filters({ band: 2.4 }), true],
  ['other band', filters({ band: 5 }), false],
  ['type in other case', filters({ type: 'connection' }), true],
  ['other type', filters({ type: 'DNS' }), false],
  ['active without end', filters({ activeOnly: true }), true],
];

// Each row: case, filters, whether the alert-rule incident above matches.
const alertCases: Array<[string, IncidentFilters, boolean]> = [
  ['no filters', filters({}), true],
  ['location id dimension', filters({ locationId: LOCATION_ID }), true],
  ['other location id', filters({ locationId: '2f0b7b2e-c3a6-4f5c-9dd7-d40011c3ec29' }), false],
  ['network dimension', filters({ network: 'CORPWIFI' }), true],
  ['other network', filters({ network: 'CorpGuest' }), false],
  ['band dimension', filters({ band: 2.4 }), true],
  ['other band', filters({ band: 6 }), false],
  ['type is the metric', filters({ type: 'Client_Health_Score' }), true],
  ['other metric', filters({ type: 'roaming' }), false],
  ['active', filters({ activeOnly: true }), true],
];

describe('matchesAgentIncident', () => {
  for (const [name, given, expected] of agentCases) {
    it(`matches ${name}`, () => expect(matchesAgentIncident(agent, given, NOW)).toBe(expected));
  }

  it('drops ended incidents when active', () => {
    const ended = { ...agent, endTimestamp: '2026-12-04T11:30:00.000Z' };

    expect(matchesAgentIncident(ended, filters({ activeOnly: true }), NOW)).toBe(false);
    expect(matchesAgentIncident(ended, filters({ activeOnly: true }), Date.parse('2026-12-04T11:20:00.000Z'))).toBe(true);
  });

  it('needs a value the filter names', () => {
    expect(matchesAgentIncident({ id: 'x' }, filters({ band: 5 }), NOW)).toBe(false);
  });
});

describe('matchesAlertIncident', () => {
  for (const [name, given, expected] of alertCases) {
    it(`matches ${name}`, () => expect(matchesAlertIncident(alert, given, NOW)).toBe(expected));
  }

  it('drops resolved alerts when active', () => {
    const resolved = { ...alert, resolvedAt: NOW - 1000 };

    expect(matchesAlertIncident(resolved, filters({ activeOnly: true }), NOW)).toBe(false);
    expect(matchesAlertIncident(resolved, filters({ activeOnly: true }), NOW - 2000)).toBe(true);
  });

  it('needs the dimension the filter names', () => {
    const byNetwork = { ...alert, dimensionSet: ['network' as const], dimensionKey: 'CorpWiFi' };

    expect(matchesAlertIncident(byNetwork, filters({ band: 2.4 }), NOW)).toBe(false);
  });
});
