import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { PROJECT_ROOT, runCli } from '../support/run-cli.ts';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ now: Date.now() });
  harness.clock.real = true;
});

afterEach(async () => {
  await harness.close();
});

describe('poller lock', { timeout: 40_000 }, () => {
  it('keeps a second process from polling', async () => {
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(Date.now() - 3_600_000).toISOString() }));
    // node with the tsx loader, not the tsx command, so that the pid is the bot's own process.
    const server = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(PROJECT_ROOT, 'src/main.ts')], {
      cwd: harness.folder,
      env: { PATH: process.env.PATH ?? '', ...harness.env({ POLL_SCHEDULE: '0 0 1 1 *' }) },
      stdio: 'ignore',
    });

    try {
      const deadline = Date.now() + 20_000;
      while (harness.slack.messages(CHANNEL).length === 0 && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(harness.slack.messages(CHANNEL)).toHaveLength(1);

      const second = await runCli(['--once'], harness.env(), harness.folder);
      expect(second.code).toBe(1);
      expect(second.stdout).toContain(`Another wifi-incidents process (pid ${server.pid} on`);
    } finally {
      server.kill('SIGKILL');
      await new Promise((done) => server.once('exit', done));
    }

    // The holder died without releasing the lock; its process is gone, so the lock is free.
    const after = await runCli(['--once'], harness.env(), harness.folder);
    expect(after.code, after.stdout).toBe(0);
    expect(harness.slack.messages(CHANNEL)).toHaveLength(1);
  });
});
