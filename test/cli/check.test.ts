import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET, startHarness, type Harness } from '../support/bot-harness.ts';
import { runCli } from '../support/run-cli.ts';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ now: Date.now() });
  harness.clock.real = true;
});

afterEach(async () => {
  await harness.close();
});

describe('npm start -- --check', { timeout: 30_000 }, () => {
  it('passes every check', async () => {
    const run = await runCli(['--check'], harness.env(), harness.folder);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.startsWith('ok  '))).toBe(true);
    expect(harness.slack.messages()).toHaveLength(0);
  });

  it('names the fix for each failure', async () => {
    harness.slack.addChannel('C0PRIVATE', { member: false });
    const run = await runCli(
      ['--check'],
      harness.env({ SEVENSIGNAL_CLIENT_SECRET: 'wrong-secret', SLACK_CHANNEL: 'C0PRIVATE' }),
      harness.folder,
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ok {3}Settings/);
    expect(lines[1]).toMatch(/^FAIL 7SIGNAL API key: .*SEVENSIGNAL_CLIENT_SECRET/);
    expect(lines[2]).toMatch(/^ok {3}Slack bot token/);
    expect(lines[3]).toMatch(/^FAIL Posting to C0PRIVATE: Slack answered not_in_channel: invite the bot/);
    expect(run.stdout + run.stderr).not.toContain('wrong-secret');
    expect(run.stdout + run.stderr).not.toContain(CLIENT_SECRET);
  });

  it('reports a wrong bot token', async () => {
    const run = await runCli(['--check'], harness.env({ SLACK_BOT_TOKEN: 'xoxb-revoked' }), harness.folder);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL Slack bot token: auth.test');
    expect(run.stdout).toContain('invalid_auth');
    expect(run.stdout).not.toContain('xoxb-revoked');
  });

  it('reports invalid settings', async () => {
    const run = await runCli(['--check'], harness.env({ POLL_SCHEDULE: 'never' }), harness.folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('POLL_SCHEDULE is not a valid cron expression');
  });
});
