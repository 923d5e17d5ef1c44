import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const valid = {
  SEVENSIGNAL_CLIENT_ID: 'client-id',
  SEVENSIGNAL_CLIENT_SECRET: 'client-secret',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'signing-secret',
  SLACK_CHANNEL: 'C0INCIDENTS',
};

const folder = mkdtempSync(join(tmpdir(), 'routing-settings-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...valid, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('loadConfig accepted invalid settings');
}

describe('routing settings', () => {
  it('defaults to no routes, no reminders', () => {
    const config = loadConfig(valid);
    expect(config.routing).toEqual({ routesFile: undefined, routes: [], digestThreshold: 5 });
    expect(config.reminders).toEqual({ unacknowledgedAfterMs: undefined, mention: undefined });
    expect(config.slack.postIntervalMs).toBe(1000);
  });

  it('reads the post interval', () => {
    expect(loadConfig({ ...valid, SLACK_POST_INTERVAL: '1500ms' }).slack.postIntervalMs).toBe(1500);
  });

  it('reads the routes file and reminders', () => {
    const path = join(folder, 'routes.yaml');
    writeFileSync(path, 'routes:\n  - match: { band: 5 }\n    channel: C0FIVE\n');
    const config = loadConfig({ ...valid, ROUTES_FILE: path, DIGEST_THRESHOLD: '12', REMIND_UNACKED_AFTER: '30m', REMIND_MENTION: 'S0NOC' });
    expect(config.routing.routes).toEqual([{ match: { band: 5 }, channel: 'C0FIVE', continue: false, line: 2 }]);
    expect(config.routing.digestThreshold).toBe(12);
    expect(config.reminders).toEqual({ unacknowledgedAfterMs: 30 * 60_000, mention: 'S0NOC' });
  });

  it('prefixes routes file problems with the setting', () => {
    const path = join(folder, 'broken.yaml');
    writeFileSync(path, 'routes:\n  - match: { band: 7 }\n    channel: C0FIVE\n');
    expect(problemsOf({ ROUTES_FILE: path })).toEqual([`ROUTES_FILE ${path}:2:20: routes[0].match.band is 7: use 2.4, 5 or 6 (GHz).`]);
  });

  // Each row: settings with a mistake, and the one message it gives.
  const cases: Array<[Record<string, string>, string]> = [
    // Zero would make a digest of every single incident.
    [{ DIGEST_THRESHOLD: '0' }, 'DIGEST_THRESHOLD is "0": use a whole number of incidents, 1 or more, such as 5.'],
    [{ DIGEST_THRESHOLD: 'five' }, 'DIGEST_THRESHOLD is "five": use a whole number of incidents, 1 or more, such as 5.'],
    // Reminders more often than once a minute are not a reminder but noise.
    [{ REMIND_UNACKED_AFTER: '30s' }, 'REMIND_UNACKED_AFTER is "30s": use a duration of at least 1m, such as 30m or 2h, or off.'],
    [{ REMIND_UNACKED_AFTER: 'soon' }, 'REMIND_UNACKED_AFTER is "soon": use a duration of at least 1m, such as 30m or 2h, or off.'],
    // A user id is not a user group.
    [
      { REMIND_UNACKED_AFTER: '30m', REMIND_MENTION: 'U0123ABCD' },
      'REMIND_MENTION is "U0123ABCD", which is not a user-group id: use an id such as S0123ABCD (in Slack, the group\'s "Copy group ID"), or leave it unset.',
    ],
    [{ SLACK_POST_INTERVAL: 'fast' }, 'SLACK_POST_INTERVAL is not a duration (got "fast"): use a whole number and a unit, such as 30m, 10s or 2h.'],
    // A mention without reminders would never be used.
    [{ REMIND_MENTION: 'S0NOC' }, 'REMIND_MENTION is set but REMIND_UNACKED_AFTER is not: set REMIND_UNACKED_AFTER, such as 30m, or unset REMIND_MENTION.'],
  ];

  it.each(cases)('rejects %j', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('treats off as no reminders', () => {
    expect(loadConfig({ ...valid, REMIND_UNACKED_AFTER: 'OFF' }).reminders.unacknowledgedAfterMs).toBeUndefined();
  });
});
