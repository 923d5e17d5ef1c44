/**
 * Measures the peak RSS of the real bot process, started as `npm start -- --once` starts it
 * (`node --max-semi-space-size=1 dist/src/main.js --once`, after `npm run build`), for one poll cycle that lists 10,000 agent incidents against a
 * seen-set of 1,000,000 rows. The fakes run in this process, so they do not count.
 *
 * The peak is read from VmHWM in /proc/PID/status every 5 ms; VmHWM only grows, so the last
 * reading before exit is the peak, less whatever the process added in its last few milliseconds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAgentIncident, startFakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { startFakeSlack } from '../../src/simulator/slack/index.ts';
import { seedSeenSet, seenId } from './seen-set-seed.ts';

const SEEN_ROWS = 1_000_000;
const LISTED = 10_000;
const NEW_INCIDENTS = 100;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ProcessFigures {
  seenRows: number;
  listed: number;
  newIncidents: number;
  exitCode: number | null;
  wallSeconds: number;
  peakRssMiB: number;
  posted: number;
}

function readPeakKiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function benchPollCycleProcess(): Promise<ProcessFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'wifi-bench-process-'));
  const databasePath = join(folder, 'bench.db');
  const now = Date.now();
  seedSeenSet(databasePath, SEEN_ROWS, now);

  const sevenSignal = await startFakeSevenSignal({ clientId: 'bench', clientSecret: 'bench-secret' });
  const slack = await startFakeSlack({ botToken: 'xoxb-bench' });
  const start = new Date(now - 60 * 60_000).toISOString();
  for (let i = 0; i < LISTED - NEW_INCIDENTS; i += 1) {
    sevenSignal.addAgentIncident(makeAgentIncident({ id: seenId(i * Math.floor(SEEN_ROWS / LISTED)), startTimestamp: start }));
  }
  for (let i = 0; i < NEW_INCIDENTS; i += 1) {
    sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: start }));
  }

  const env = {
    PATH: process.env.PATH ?? '',
    SEVENSIGNAL_API_URL: sevenSignal.url,
    SEVENSIGNAL_CLIENT_ID: 'bench',
    SEVENSIGNAL_CLIENT_SECRET: 'bench-secret',
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_CHANNEL: 'C0BENCH',
    DATABASE_PATH: databasePath,
    FIRST_RUN: 'post',
    LOG_LEVEL: 'warn',
  };

  const started = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=1', join(projectRoot, 'dist/src/main.js'), '--once'], {
    cwd: folder,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  let peakKiB = 0;
  const sampler = setInterval(() => {
    peakKiB = Math.max(peakKiB, readPeakKiB(child.pid!) ?? 0);
  }, 5);
  const exitCode = await new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  clearInterval(sampler);
  const wallSeconds = (performance.now() - started) / 1000;

  const posted = slack.callsTo('chat.postMessage').filter((call) => call.response.ok === true).length;
  await Promise.all([sevenSignal.close(), slack.close()]);
  rmSync(folder, { recursive: true, force: true });

  return { seenRows: SEEN_ROWS, listed: LISTED, newIncidents: NEW_INCIDENTS, exitCode, wallSeconds, peakRssMiB: peakKiB / 1024, posted };
}
