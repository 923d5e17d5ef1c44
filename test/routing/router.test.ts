import { describe, expect, it } from 'vitest';
import type { Route } from '../../src/config/route.ts';
import { parseRoutes } from '../../src/config/routes-file.ts';
import { agentIncidentFacts, alertIncidentFacts, type IncidentFacts } from '../../src/routing/incident-facts.ts';
import { Router } from '../../src/routing/router.ts';
import { makeAgentIncident, makeAlertIncident } from '../../src/simulator/sevensignal/index.ts';
import type { AgentIncident, AlertIncident } from '../../src/sevensignal/types.ts';

const DEFAULT = 'C0DEFAULT';
const FLOOR_2 = '4d707bdf-e986-47ef-9165-4c12be8f2f2a';
const RULE = '0b9f3c52-8d1e-4a57-9c1f-2a6f0d1e7b44';

/** The three routes of the worked example in docs/routing.md, then more for the cases below. */
const ROUTES_FILE = `routes:
  - match: { location: "Main Campus*", band: 5 }
    channel: C0CAMPUS
  - match: { kind: alert, metric: client_health_score }
    channel: C0RULES
    continue: true
  - match: { organization: examplecorp }
    channel: C0NOC
    minImpactedPercent: 10
  - match: { location: ${FLOOR_2}, type: "DHCP" }
    channel: C0FLOOR2
  - match: { kind: alert, location: ${FLOOR_2} }
    channel: C0FLOOR2ALERTS
  - match: { network: "Clinical-*" }
    channel: C0CLINICAL
    minImpacted: 20
  - match: { ruleId: ${RULE} }
    channel: C0RULE
`;

function loadRoutes(text: string): Route[] {
  const result = parseRoutes(text, 'routes.yaml');
  if (!result.ok) {
    throw new Error(result.problems.join('\n'));
  }
  return result.routes;
}

const router = new Router(loadRoutes(ROUTES_FILE), DEFAULT);

function agent(overrides: Partial<AgentIncident>, organization = ''): IncidentFacts {
  return agentIncidentFacts(
    makeAgentIncident({
      organizationName: 'Acme Health',
      location: 'e075854a-4a14-49cd-876a-18e739058efb',
      locationName: 'HQ Tower - Floor 11',
      network: 'CorpWiFi',
      band: 2.4,
      type: 'CONNECTION',
      countImpacted: 3,
      populationCount: 100,
      ...overrides,
    }),
    organization,
  );
}

function alert(overrides: Partial<AlertIncident>, organization = ''): IncidentFacts {
  return alertIncidentFacts(makeAlertIncident({ metric: 'roaming_time', dimensionSet: ['network', 'band'], dimensionKey: 'CorpWiFi|2.4', ...overrides }), organization);
}

interface RouteCase {
  name: string;
  facts: IncidentFacts;
  channels: string[];
}

// Each row: a named incident and the channels the routes above send it to, main channel first.
const cases: RouteCase[] = [
  // A glob on the location name together with the band.
  { name: 'campus on 5 ghz', facts: agent({ locationName: 'Main Campus - Floor 3', band: 5 }), channels: ['C0CAMPUS'] },
  // Globs ignore case.
  { name: 'campus in other case', facts: agent({ locationName: 'MAIN CAMPUS - lobby', band: 5 }), channels: ['C0CAMPUS'] },
  // Every given key must match: the band differs.
  { name: 'campus on 2.4 ghz', facts: agent({ locationName: 'Main Campus - Floor 3', band: 2.4 }), channels: [DEFAULT] },
  // The glob covers the whole name, so a prefix elsewhere in the name does not match.
  { name: 'name with campus inside', facts: agent({ locationName: 'Old Main Campus', band: 5 }), channels: [DEFAULT] },
  // The first match wins: the campus route comes before the examplecorp route.
  {
    name: 'first match wins',
    facts: agent({ locationName: 'Main Campus - Floor 2', band: 5, countImpacted: 50 }, 'examplecorp'),
    channels: ['C0CAMPUS'],
  },
  // continue: true sends the incident on to the routes below as well.
  { name: 'alert with continue', facts: alert({ metric: 'client_health_score' }, 'examplecorp'), channels: ['C0RULES'] },
  // After a continue route, a later matching route adds its channel; minImpactedPercent does not apply to alerts.
  {
    name: 'continue then rule id',
    facts: alert({ metric: 'client_health_score', ruleId: RULE }),
    channels: ['C0RULES', 'C0RULE'],
  },
  // The organization as configured for polling.
  { name: 'organization as polled', facts: agent({ countImpacted: 10 }, 'examplecorp'), channels: ['C0NOC'] },
  // The organization name the API reports, when the key's own organization is polled.
  { name: 'organization by name', facts: agent({ organizationName: 'ExampleCorp', countImpacted: 10 }), channels: ['C0NOC'] },
  // 9 of 100 agents is below minImpactedPercent 10, so the route does not match.
  { name: 'too small for noc', facts: agent({ countImpacted: 9 }, 'examplecorp'), channels: [DEFAULT] },
  // 10 of 100 is exactly the minimum.
  { name: 'exactly the minimum percent', facts: agent({ countImpacted: 10 }, 'examplecorp'), channels: ['C0NOC'] },
  // Without a population the percentage is unknown, so the route does not match.
  { name: 'unknown population', facts: agent({ countImpacted: 10, populationCount: 0 }, 'examplecorp'), channels: [DEFAULT] },
  // A location UUID matches the location id, in any case.
  { name: 'location by uuid', facts: agent({ location: FLOOR_2.toUpperCase(), type: 'DHCP' }), channels: ['C0FLOOR2'] },
  // The type is a glob too, and must match along with the location.
  { name: 'uuid with other type', facts: agent({ location: FLOOR_2, type: 'DNS' }), channels: [DEFAULT] },
  // An alert rule keyed by location id matches a location UUID.
  { name: 'alert by location id', facts: alert({ dimensionSet: ['location_id'], dimensionKey: FLOOR_2 }), channels: ['C0FLOOR2ALERTS'] },
  // Without a location dimension the location key does not match.
  { name: 'alert without location', facts: alert({}), channels: [DEFAULT] },
  // minImpacted counts agents; 20 of 200 qualifies even though it is 10 percent.
  { name: 'clinical network big', facts: agent({ network: 'Clinical-IoT', countImpacted: 20, populationCount: 200 }), channels: ['C0CLINICAL'] },
  { name: 'clinical network small', facts: agent({ network: 'Clinical-IoT', countImpacted: 19, populationCount: 200 }), channels: [DEFAULT] },
  // Alert-rule incidents have no impacted count, so minImpacted never matches them.
  { name: 'clinical alert', facts: alert({ dimensionKey: 'Clinical-IoT|5' }), channels: [DEFAULT] },
  // Nothing matches: the default channel.
  { name: 'no route matches', facts: agent({}), channels: [DEFAULT] },
];

describe('Router', () => {
  it.each(cases)('$name', ({ facts, channels }) => {
    expect(router.channelsFor(facts)).toEqual(channels);
  });

  it('sends everything to the default without routes', () => {
    expect(new Router([], DEFAULT).channelsFor(agent({}))).toEqual([DEFAULT]);
  });

  it('lists a channel once', () => {
    const routes = loadRoutes('routes:\n  - match: { band: 5 }\n    channel: C0A\n    continue: true\n  - match: { network: CorpWiFi }\n    channel: C0A\n');
    expect(new Router(routes, DEFAULT).channelsFor(agent({ band: 5 }))).toEqual(['C0A']);
  });

  it('skips the default after a continue match', () => {
    const routes = loadRoutes('routes:\n  - match: { band: 5 }\n    channel: C0A\n    continue: true\n');
    expect(new Router(routes, DEFAULT).channelsFor(agent({ band: 5 }))).toEqual(['C0A']);
  });

  it('matches the band dimension of alerts', () => {
    const routes = loadRoutes('routes:\n  - match: { band: 6, network: "Corp*" }\n    channel: C0SIX\n');
    expect(new Router(routes, DEFAULT).channelsFor(alert({ dimensionKey: 'CorpGuest|6' }))).toEqual(['C0SIX']);
  });

  it('escapes regex characters in globs', () => {
    const routes = loadRoutes('routes:\n  - match: { network: "Corp.Net (5)" }\n    channel: C0DOT\n');
    const dotted = new Router(routes, DEFAULT);
    expect(dotted.channelsFor(agent({ network: 'Corp.Net (5)' }))).toEqual(['C0DOT']);
    expect(dotted.channelsFor(agent({ network: 'CorpXNet (5)' }))).toEqual([DEFAULT]);
  });
});
