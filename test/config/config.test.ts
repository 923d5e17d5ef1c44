import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

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

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig(valid);
    expect(config.sevenSignal.apiUrl).toBe('https://api-v2.7signal.com');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.poll.schedule).toBe('* * * * *');
    expect(config.poll.lookbackMs).toBe(30 * 60_000);
    expect(config.poll.firstRun).toBe('summary');
    expect(config.databasePath).toBe('./data/wifi-incidents.db');
    expect(config.port).toBe(3000);
    expect(config.sevenSignal.organizations).toEqual([]);
  });

  it('reads organizations and a six-field schedule', () => {
    const config = loadConfig({ ...valid, SEVENSIGNAL_ORGANIZATION: 'acme, examplecorp ,', POLL_SCHEDULE: '*/10 * * * * *' });
    expect(config.sevenSignal.organizations).toEqual(['acme', 'examplecorp']);
    expect(config.poll.schedule).toBe('*/10 * * * * *');
  });

  it('lists every missing setting', () => {
    const problems = problemsOf({});
    for (const name of ['SEVENSIGNAL_CLIENT_ID', 'SEVENSIGNAL_CLIENT_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_CHANNEL', 'SLACK_SIGNING_SECRET']) {
      expect(problems.some((problem) => problem.startsWith(`${name} is missing`)), name).toBe(true);
    }
  });

  // Each row: a setting with a bad value, and the start of the message that names it.
  const invalid: Array<[string, string, string]> = [
    ['POLL_SCHEDULE', 'every minute', 'POLL_SCHEDULE is not a valid cron expression (got "every minute": it has 2 fields)'],
    ['POLL_SCHEDULE', '61 * * * *', 'POLL_SCHEDULE is not a valid cron expression (got "61 * * * *": the minute field "61" is out of range or malformed)'],
    ['POLL_LOOKBACK', '30 minutes', 'POLL_LOOKBACK is not a duration (got "30 minutes")'],
    ['PORT', '70000', 'PORT is not a port number (got "70000")'],
    ['FIRST_RUN', 'all', 'FIRST_RUN is "all"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL is "verbose"'],
    ['SEVENSIGNAL_API_URL', 'api-v2.7signal.com', 'SEVENSIGNAL_API_URL is not an http(s) URL (got "api-v2.7signal.com")'],
    ['SLACK_BOT_TOKEN', 'xoxp-user', 'SLACK_BOT_TOKEN does not start with "xoxb-"'],
    ['SLACK_APP_TOKEN', 'xoxb-wrong', 'SLACK_APP_TOKEN does not start with "xapp-"'],
  ];
  for (const [name, value, message] of invalid) {
    it(`rejects ${name}=${value}`, () => {
      const problems = problemsOf({ ...valid, [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(message);
    });
  }

  it('accepts socket mode without a signing secret', () => {
    const { SLACK_SIGNING_SECRET: _unused, ...withoutSecret } = valid;
    const config = loadConfig({ ...withoutSecret, SLACK_APP_TOKEN: 'xapp-1-test' });
    expect(config.slack.appToken).toBe('xapp-1-test');
  });

  it('reads secrets from files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'wifi-config-'));
    writeFileSync(join(folder, 'secret'), 'from-file\n');
    const { SEVENSIGNAL_CLIENT_SECRET: _unused, ...rest } = valid;
    const config = loadConfig({ ...rest, SEVENSIGNAL_CLIENT_SECRET_FILE: join(folder, 'secret') });
    expect(config.sevenSignal.clientSecret).toBe('from-file');
  });

  it('rejects an unreadable secret file', () => {
    const { SLACK_BOT_TOKEN: _unused, ...rest } = valid;
    const problems = problemsOf({ ...rest, SLACK_BOT_TOKEN_FILE: '/nonexistent/token' });
    expect(problems[0]).toContain('SLACK_BOT_TOKEN_FILE: cannot read /nonexistent/token (ENOENT)');
  });

  it('keeps secrets out of messages', () => {
    const problems = problemsOf({ ...valid, SLACK_BOT_TOKEN: 'not-a-bot-token-value', POLL_SCHEDULE: 'x' });
    expect(problems.join('\n')).not.toContain('not-a-bot-token-value');
  });
});
