import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { makeAgentIncident } from '../../src/simulator/sevensignal/index.ts';
import { APP_TOKEN, CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { startResponseUrlServer } from '../support/slack-requests.ts';

let harness: Harness;
let bot: RunningBot | undefined;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await harness.close();
});

describe('socket mode', () => {
  it('answers a slash command without http', async () => {
    harness.sevenSignal.addAgentIncident(makeAgentIncident({ startTimestamp: new Date(harness.clock.value - 3_600_000).toISOString() }));
    const { SLACK_SIGNING_SECRET: _unused, ...env } = harness.env({ SLACK_APP_TOKEN: APP_TOKEN, POLL_SCHEDULE: '0 0 1 1 *' });
    bot = await startBot({ config: loadConfig(env), logger: harness.logger, now: harness.clock.now, slackRetries: 0 });

    expect(bot.port).toBeUndefined();
    await harness.slack.socketMode.waitForConnection();
    expect(harness.slack.callsTo('apps.connections.open')[0]?.token).toBe(APP_TOKEN);

    const responses = await startResponseUrlServer();
    try {
      const ack = await harness.slack.socketMode.send('slash_commands', {
        command: '/wifi-incidents',
        text: '24h',
        user_id: 'U0ENGINEER',
        channel_id: CHANNEL,
        response_url: responses.url,
        trigger_id: 'trigger',
      });
      expect(ack.envelope_id).toMatch(/[0-9a-f-]{36}/);
      await responses.waitFor(1);
      expect(JSON.stringify(responses.responses[0]!.body)).toContain('1 incident');
    } finally {
      await responses.close();
    }
  });
});
