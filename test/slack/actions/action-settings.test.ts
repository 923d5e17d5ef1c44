import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/config.ts';

const valid = {
  SEVENSIGNAL_CLIENT_ID: 'client-id',
  SEVENSIGNAL_CLIENT_SECRET: 'client-secret',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'signing-secret',
  SLACK_CHANNEL: 'C0INCIDENTS',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('loadConfig accepted invalid settings');
}

describe('button and alert settings', () => {
  it('default to everyone and alert polling', () => {
    const config = loadConfig(valid);
    expect(config.actions).toEqual({ acknowledgeAllowed: [], resolveAllowed: [] });
    expect(config.poll.alertIncidents).toBe(true);
  });

  it('read user and group ids', () => {
    const config = loadConfig({ ...valid, ACK_ALLOWED_USERS: ' U0123ABCD, W0456EFGH ,S0789IJKL,U0123ABCD', RESOLVE_ALLOWED_USERS: 'S0789IJKL' });
    expect(config.actions.acknowledgeAllowed).toEqual(['U0123ABCD', 'W0456EFGH', 'S0789IJKL']);
    expect(config.actions.resolveAllowed).toEqual(['S0789IJKL']);
  });

  // Each row: a POLL_ALERT_INCIDENTS value and the switch it gives.
  const switches: Array<[string, boolean]> = [
    ['false', false],
    ['0', false],
    ['Off', false],
    ['no', false],
    ['true', true],
    ['YES', true],
  ];
  for (const [value, expected] of switches) {
    it(`reads POLL_ALERT_INCIDENTS=${value}`, () => {
      expect(loadConfig({ ...valid, POLL_ALERT_INCIDENTS: value }).poll.alertIncidents).toBe(expected);
    });
  }

  it('rejects a bad switch', () => {
    expect(problemsOf({ ...valid, POLL_ALERT_INCIDENTS: 'sometimes' })).toEqual(['POLL_ALERT_INCIDENTS is "sometimes": use true or false.']);
  });

  it('rejects names in the allow lists', () => {
    const problems = problemsOf({ ...valid, ACK_ALLOWED_USERS: 'U0123ABCD,@alice', RESOLVE_ALLOWED_USERS: 'C0123ABCD' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('ACK_ALLOWED_USERS contains "@alice", which is not a Slack user id or user-group id');
    expect(problems[1]).toContain('RESOLVE_ALLOWED_USERS contains "C0123ABCD"');
  });
});
