import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { startFakeSevenSignal, type FakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret-5f1e';
export const BOT_TOKEN = 'xoxb-test-bot-token-77aa';
export const SIGNING_SECRET = 'test-signing-secret-9c3d';
export const APP_TOKEN = 'xapp-1-test-app-token-31be';
export const CHANNEL = 'C0INCIDENTS';

/** A settable clock shared by the bot and the fakes. */
export class TestClock {
  /** When true the clock follows the real time, for tests that run the bot as a separate process. */
  real = false;

  constructor(public value: number) {}

  readonly now = (): number => (this.real ? Date.now() : this.value);

  advance(ms: number): void {
    this.value += ms;
  }
}

/** Log output kept in memory, so tests can search it. */
export class LogCapture {
  readonly lines: string[] = [];

  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });

  text(): string {
    return this.lines.join('\n');
  }

  /** Records whose `msg` contains `fragment`. */
  find(fragment: string): Array<Record<string, unknown>> {
    return this.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => typeof record.msg === 'string' && record.msg.includes(fragment));
  }
}

export interface Harness {
  clock: TestClock;
  sevenSignal: FakeSevenSignal;
  slack: FakeSlack;
  folder: string;
  databasePath: string;
  logs: LogCapture;
  logger: Logger;
  /** Settings for the bot against the fakes, with `overrides` applied to the environment. */
  config(overrides?: Record<string, string>): Config;
  /** Environment variables for the bot process against the fakes. */
  env(overrides?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

/** Starts both fakes on 127.0.0.1 and a temporary folder for the database. */
export async function startHarness(options: { now?: number; logLevel?: string } = {}): Promise<Harness> {
  const clock = new TestClock(options.now ?? Date.UTC(2026, 11, 4, 12, 0));
  const sevenSignal = await startFakeSevenSignal({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, now: clock.now });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, now: clock.now });
  const folder = mkdtempSync(join(tmpdir(), 'wifi-bot-'));
  const databasePath = join(folder, 'data', 'bot.db');
  const logs = new LogCapture();
  const logger = createLogger(options.logLevel ?? 'debug', logs.stream);

  const env = (overrides: Record<string, string> = {}): Record<string, string> => ({
    SEVENSIGNAL_API_URL: sevenSignal.url,
    SEVENSIGNAL_CLIENT_ID: CLIENT_ID,
    SEVENSIGNAL_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_API_URL: slack.url,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL: CHANNEL,
    // The fake Slack has no rate limit, so posts are not spaced; tests of the spacing set it.
    SLACK_POST_INTERVAL: '0ms',
    DATABASE_PATH: databasePath,
    FIRST_RUN: 'post',
    PORT: '0',
    LOG_LEVEL: options.logLevel ?? 'debug',
    ...overrides,
  });

  return {
    clock,
    sevenSignal,
    slack,
    folder,
    databasePath,
    logs,
    logger,
    env,
    config: (overrides) => loadConfig(env(overrides)),
    close: async () => {
      await Promise.all([sevenSignal.close(), slack.close()]);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
