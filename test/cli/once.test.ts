import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { BOT_TOKEN, CHANNEL, CLIENT_SECRET, SIGNING_SECRET, startHarness, type Harness } from '../support/bot-harness.ts';
import { runCli } from '../support/run-cli.ts';

let harness: Harness;

beforeEach(async () => {
  // The bot process reads the real clock, so the fakes do too.
  harness = await startHarness({ now: Date.now() });
  harness.clock.real = true;
});

afterEach(async () => {
  await harness.close();
});

function recentIncident() {
  return makeAgentIncident({ startTimestamp: new Date(Date.now() - 45 * 60_000).toISOString() });
}

describe('npm start -- --once', { timeout: 30_000 }, () => {
  it('posts new incidents once across runs', async () => {
    const first = recentIncident();
    harness.sevenSignal.addAgentIncident(first);

    const run = await runCli(['--once'], harness.env(), harness.folder);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);

    const again = await runCli(['--once'], harness.env(), harness.folder);
    expect(again.code).toBe(0);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);

    const second = recentIncident();
    harness.sevenSignal.addAgentIncident(second);
    await runCli(['--once'], harness.env(), harness.folder);
    const messages = harness.slack.messages(CHANNEL);
    expect(messages.map((message) => message.metadata?.event_payload.id)).toEqual([first.id, second.id]);
  });

  it('exits 2 listing invalid settings', async () => {
    const run = await runCli(['--once'], harness.env({ POLL_SCHEDULE: 'often', SLACK_CHANNEL: '' , PORT: 'x' }), harness.folder);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'wifi-incidents: SLACK_CHANNEL is missing: set it to the channel id (such as C0123456789) that receives incidents.',
      'wifi-incidents: POLL_SCHEDULE is not a valid cron expression (got "often": it has 1 field): use five fields (minute hour day month weekday), or six with seconds first, such as "*/5 * * * *".',
      'wifi-incidents: PORT is not a port number (got "x"): use a whole number from 0 to 65535.',
    ]);
  });

  it('reads settings from a .env file', async () => {
    const env = harness.env();
    writeFileSync(join(harness.folder, '.env'), `SLACK_CHANNEL=C0FROMFILE\nSLACK_BOT_TOKEN=${BOT_TOKEN}\n`);
    const { SLACK_CHANNEL: _channel, SLACK_BOT_TOKEN: _token, ...rest } = env;
    harness.sevenSignal.addAgentIncident(recentIncident());
    const run = await runCli(['--once'], rest, harness.folder);
    expect(run.code, run.stderr).toBe(0);
    expect(harness.slack.messages('C0FROMFILE')).toHaveLength(1);
  });

  it('exits 2 on rejected api credentials', async () => {
    const run = await runCli(['--once'], harness.env({ SEVENSIGNAL_CLIENT_SECRET: 'wrong-secret' }), harness.folder);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('check SEVENSIGNAL_CLIENT_ID and SEVENSIGNAL_CLIENT_SECRET');
    expect(run.stdout + run.stderr).not.toContain('wrong-secret');
    expect(run.stdout + run.stderr).not.toContain(CLIENT_SECRET);
  });

  it('fails clearly when slack is unreachable', async () => {
    const run = await runCli(['--once'], harness.env({ SLACK_API_URL: 'http://127.0.0.1:9/api/' }), harness.folder);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Slack start-up check (auth.test at http://127.0.0.1:9/api/) failed with request_failed');
    expect(run.stdout + run.stderr).not.toContain('Unhandled');
    expect(run.stdout + run.stderr).not.toContain(BOT_TOKEN);
    expect(run.stdout + run.stderr).not.toContain(SIGNING_SECRET);
  });
});
