import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Route } from '../../src/config/route.ts';
import { parseRoutes, readRoutesFile } from '../../src/config/routes-file.ts';

const EXAMPLE = `routes:
  - match: { location: "Main Campus*", band: 5 }   # glob on the location name
    channel: C0CAMPUS
  - match: { kind: alert, metric: client_health_score }
    channel: C0RULES
    continue: true
  - match: { organization: examplecorp }
    channel: C0NOC
    minImpactedPercent: 10
`;

function routesOf(text: string): Route[] {
  const result = parseRoutes(text, 'routes.yaml');
  if (!result.ok) {
    throw new Error(`parseRoutes rejected ${JSON.stringify(text)}: ${result.problems.join('; ')}`);
  }
  return result.routes;
}

function problemsOf(text: string): string[] {
  const result = parseRoutes(text, 'routes.yaml');
  if (result.ok) {
    throw new Error(`parseRoutes accepted ${JSON.stringify(text)}`);
  }
  return result.problems;
}

describe('parseRoutes', () => {
  it('reads the example routes', () => {
    const result = parseRoutes(EXAMPLE, 'routes.yaml');
    expect(result).toEqual({
      ok: true,
      routes: [
        { match: { location: 'Main Campus*', band: 5 }, channel: 'C0CAMPUS', continue: false, line: 2 },
        { match: { kind: 'alert', metric: 'client_health_score' }, channel: 'C0RULES', continue: true, line: 4 },
        { match: { organization: 'examplecorp' }, channel: 'C0NOC', continue: false, minImpactedPercent: 10, line: 7 },
      ],
    });
  });

  it('reads the same routes as json', () => {
    const json = JSON.stringify(
      {
        routes: [
          { match: { location: 'Main Campus*', band: 5 }, channel: 'C0CAMPUS' },
          { match: { kind: 'alert', metric: 'client_health_score' }, channel: 'C0RULES', continue: true },
          { match: { organization: 'examplecorp' }, channel: 'C0NOC', minImpactedPercent: 10 },
        ],
      },
      null,
      2,
    );
    const routes = routesOf(json);
    expect(routes.map((route) => route.channel)).toEqual(['C0CAMPUS', 'C0RULES', 'C0NOC']);
    expect(routes.map((route) => route.line)).toEqual([3, 10, 18]);
  });

  it('accepts bands as text and an empty list', () => {
    const routes = routesOf('routes:\n  - match: { band: "2.4 GHz" }\n    channel: G0PRIVATE\n');
    expect(routes[0]!.match.band).toBe(2.4);
    expect(parseRoutes('routes: []\n', 'routes.yaml')).toEqual({ ok: true, routes: [] });
  });

  it('names line, column and field of each mistake', () => {
    const text = [
      'routes:',
      '  - match: { band: 7, site: north, kind: alerts }',
      '    chanel: C0X',
      '  - match: { location: Lab }',
      '    channel: "#noc"',
      '  - match: { network: 5 }',
      '    channel: C0B',
      '    continue: yes',
      '    minImpacted: 0',
      '    minImpactedPercent: 120',
      '  - 5',
      '  - channel: C0C',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'routes.yaml:2:20: routes[0].match.band is 7: use 2.4, 5 or 6 (GHz).',
      'routes.yaml:2:23: routes[0].match.site is not a match key. Use organization, location, network, band, type, kind, metric or ruleId.',
      'routes.yaml:2:42: routes[0].match.kind is "alerts": use agent (incidents detected by agents) or alert (incidents raised by alert rules).',
      'routes.yaml:3:5: routes[0].chanel is not a route option. Did you mean channel? Use match, channel, continue, minImpacted or minImpactedPercent.',
      'routes.yaml:5:14: routes[1].channel is "#noc", which is not a channel id: use the id, such as C0123ABCD (in Slack it is at the bottom of the channel details), not the name.',
      'routes.yaml:6:23: routes[2].match.network is 5, which YAML reads as a number: put it in quotes, such as "5".',
      'routes.yaml:8:15: routes[2].continue is "yes": use true or false.',
      'routes.yaml:9:18: routes[2].minImpacted is 0: use a whole number of agents, 1 or more.',
      'routes.yaml:10:25: routes[2].minImpactedPercent is 120: use a number of percent, from 0 to 100.',
      'routes.yaml:11:5: routes[3] is 5: each route is a mapping with match and channel.',
      'routes.yaml:12:5: routes[4] has no match: give the keys an incident must match, or match: {} for every incident.',
    ]);
  });

  it('rejects keys that never match together', () => {
    const text = [
      'routes:',
      '  - match: { kind: agent, metric: client_health_score }',
      '    channel: C0A',
      '  - match: { type: CONNECTION, ruleId: 5b0c }',
      '    channel: C0A',
      '  - match: { kind: alert }',
      '    channel: C0A',
      '    minImpacted: 3',
      '  - match: { metric: roaming_time, location: "Main*" }',
      '    channel: C0A',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'routes.yaml:2:27: routes[0].match.metric matches only alert-rule incidents, but kind is agent, so the route would never match: remove one of them.',
      'routes.yaml:4:32: routes[1].match.ruleId cannot be combined with type: ruleId matches only alert-rule incidents and type only agent incidents, so the route would never match. Split it into two routes.',
      'routes.yaml:8:5: routes[2].minImpacted applies only to agent incidents, but kind is alert, so the route would never match: remove one of them.',
      'routes.yaml:9:36: routes[3].match.location is a location name, but alert-rule incidents carry only a location id: use the location UUID.',
    ]);
  });

  it('rejects routes hidden by a catch-all', () => {
    const text = 'routes:\n  - match: {}\n    channel: C0ALL\n  - match: { band: 5 }\n    channel: C0B\n';
    expect(problemsOf(text)).toEqual([
      'routes.yaml:2:5: routes[0] matches every incident and has no continue: true, so the route below it is never tried: move it to the end, or give it continue: true.',
    ]);
  });

  // Each row: file text, and the one message it gives.
  const shapeCases: Array<[string, string]> = [
    // Nothing in the file.
    ['', 'routes.yaml:1:1: the file is empty: list the routes under a top-level "routes:" key.'],
    // A list at the top instead of a mapping.
    ['- match: {}\n  channel: C0A\n', 'routes.yaml:1:1: the file must be a mapping with a routes list: start it with "routes:", then one "- match: ..." entry per route.'],
    // A misspelt top-level key.
    ['rutes: []\n', 'routes.yaml:1:1: rutes is not a top-level key. Did you mean routes? The only key there is routes.'],
    // routes is not a list.
    ['routes: C0A\n', 'routes.yaml:1:9: routes is "C0A": give a list with one "- match: ..." entry per route, or [] for none.'],
    // A flow mapping that is never closed.
    ['routes:\n  - match: { band: 5\n', 'routes.yaml:3:1: invalid YAML or JSON: Flow map in block collection must be sufficiently indented and end with a }'],
    // The same key twice in JSON.
    ['{"routes": [{"match": {"band": 5, "band": 6}, "channel": "C0A"}]}', 'routes.yaml:1:35: invalid YAML or JSON: Map keys must be unique'],
    // A match that is a list.
    ['routes:\n  - match: [band, 5]\n    channel: C0A\n', 'routes.yaml:2:12: routes[0].match is a list: give a mapping of the keys an incident must match, such as { location: "Main Campus*", band: 5 }, or {} for every incident.'],
    // A text key without a value.
    ['routes:\n  - match: { location: }\n    channel: C0A\n', 'routes.yaml:2:24: routes[0].match.location has no value: give a text such as "Main Campus*" or a location UUID.'],
    // A channel that is missing.
    ['routes:\n  - match: { band: 5 }\n', 'routes.yaml:2:5: routes[0] has no channel: set channel to the id of the Slack channel, such as C0123ABCD.'],
  ];

  it.each(shapeCases)('rejects %j', (text, message) => {
    expect(problemsOf(text)).toEqual([message]);
  });
});

describe('readRoutesFile', () => {
  let folder: string | undefined;

  afterEach(() => {
    if (folder !== undefined) {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads a file', () => {
    folder = mkdtempSync(join(tmpdir(), 'routes-'));
    const path = join(folder, 'routes.yaml');
    writeFileSync(path, EXAMPLE);
    const result = readRoutesFile(path);
    expect(result.ok).toBe(true);
    expect((result as { routes: Route[] }).routes).toHaveLength(3);
  });

  it('names the path of a missing file', () => {
    const path = join(tmpdir(), 'no-such-folder-wifi', 'routes.yaml');
    expect(readRoutesFile(path)).toEqual({
      ok: false,
      problems: [`${path} cannot be read (ENOENT): check the path, or unset ROUTES_FILE to post every incident to SLACK_CHANNEL.`],
    });
  });
});
