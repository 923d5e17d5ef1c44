import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOnce, startBot } from '../../src/bot.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { APP_TOKEN, BOT_TOKEN, CLIENT_SECRET, SIGNING_SECRET, startHarness, type Harness } from '../support/bot-harness.ts';
import { postSlashCommand, startResponseUrlServer } from '../support/slack-requests.ts';

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ logLevel: 'trace' });
});

afterEach(async () => {
  await harness.close();
});

/** Every access token the fake 7SIGNAL API saw in an Authorization header. */
function accessTokens(): string[] {
  return harness.sevenSignal.requests
    .map((request) => request.headers.authorization)
    .filter((value): value is string => typeof value === 'string' && value.startsWith('Bearer '))
    .map((value) => value.slice('Bearer '.length));
}

function expectNoSecrets(text: string): void {
  for (const secret of [BOT_TOKEN, CLIENT_SECRET, SIGNING_SECRET, APP_TOKEN, ...accessTokens()]) {
    expect(text.includes(secret), `log output contains ${secret.slice(0, 6)}...`).toBe(false);
  }
}

describe('secrets in logs', () => {
  it('stay out of failing poll cycles', async () => {
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 3_600_000).toISOString() }));
    const config = harness.config({ LOG_LEVEL: 'trace' });
    const options = { config, logger: harness.logger, now: harness.clock.now, slackRetries: 0 };

    harness.sevenSignal.failNext('/incidents/agents', { status: 401 });
    harness.slack.failNext('chat.postMessage', { error: 'invalid_auth' });
    await runOnce(options);

    harness.sevenSignal.failNext('/incidents/agents', { status: 503 }, 3);
    harness.slack.failNext('chat.postMessage', { status: 500 });
    await runOnce(options);

    harness.sevenSignal.failNext('/oauth2/token', { status: 400, body: { error: 'invalid_client', error_description: 'bad client' } });
    await runOnce(options);

    await runOnce({ ...options, config: harness.config({ LOG_LEVEL: 'trace', SEVENSIGNAL_CLIENT_SECRET: 'wrong' }) });
    await runOnce(options);

    expect(accessTokens().length).toBeGreaterThan(0);
    expect(harness.logs.lines.length).toBeGreaterThan(20);
    expectNoSecrets(harness.logs.text());
  });

  it('stay out of the receiver and commands', async () => {
    const bot = await startBot({
      config: harness.config({ LOG_LEVEL: 'trace', POLL_SCHEDULE: '0 0 1 1 *' }),
      logger: harness.logger,
      now: harness.clock.now,
      host: '127.0.0.1',
      slackRetries: 0,
    });
    const responses = await startResponseUrlServer();
    try {
      await bot.poller.runCycle();
      const url = `http://127.0.0.1:${bot.port}/slack/events`;
      await postSlashCommand(url, SIGNING_SECRET, { command: '/wifi-incidents', text: '24h', response_url: responses.url });
      await postSlashCommand(url, 'wrong-secret', { command: '/wifi-incidents', text: '24h', response_url: responses.url });
      harness.sevenSignal.failNext('/incidents/agents', { status: 500 }, 5);
      await postSlashCommand(url, SIGNING_SECRET, { command: '/wifi-incidents', text: '7d', response_url: responses.url });
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await responses.close();
      await bot.stop();
    }
    expectNoSecrets(harness.logs.text());
  });
});
