import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';
import {
  postBlockActions,
  postSlashCommand,
  signSlackRequest,
  startResponseUrlServer,
  type ResponseUrlServer,
} from './slack-requests.ts';

const signingSecret = 'test-signing-secret';
const botToken = 'xoxb-bolt-test';

describe('signSlackRequest', () => {
  it('matches the example in Slack request verification docs', () => {
    // Worked example from Slack's guide "Verifying requests from Slack" (api.slack.com/docs/verifying-requests-from-slack).
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

    const headers = signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618);

    expect(headers['x-slack-signature']).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
    expect(headers['x-slack-request-timestamp']).toBe('1531420618');
  });

  it('matches an HMAC computed with node:crypto', () => {
    const body = 'payload=%7B%22type%22%3A%22block_actions%22%7D';
    const expected = createHmac('sha256', signingSecret).update(`v0:1700000000:${body}`).digest('hex');

    expect(signSlackRequest(signingSecret, body, 1700000000)['x-slack-signature']).toBe(`v0=${expected}`);
  });

  it('defaults the timestamp to now', () => {
    const nowSeconds = Math.floor(Date.now() / 1000);

    const timestamp = Number(signSlackRequest(signingSecret, 'a=b')['x-slack-request-timestamp']);

    expect(Math.abs(timestamp - nowSeconds)).toBeLessThanOrEqual(1);
  });
});

describe('signed requests into Bolt', () => {
  let fake: FakeSlack;
  let responseUrls: ResponseUrlServer;
  let app: App;
  let eventsUrl: string;
  const actionValues: string[] = [];

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken });
    responseUrls = await startResponseUrlServer();
    actionValues.length = 0;

    // deferInitialization lets init() await Bolt's auth.test call. Without it the constructor sends
    // auth.test unawaited, and closing the fake before the response gives an unhandled rejection.
    const receiver = new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR });
    app = new App({
      token: botToken,
      receiver,
      deferInitialization: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    await app.init();
    app.command('/wifi-incidents', async ({ command, ack, respond }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: `status for ${command.text}` });
    });
    app.action('refresh', async ({ ack, action }) => {
      await ack();
      actionValues.push('value' in action ? String(action.value) : '');
    });

    const server = await app.start({ port: 0, host: '127.0.0.1' });
    const { port } = server.address() as AddressInfo;
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  });

  afterEach(async () => {
    await app.stop();
    await responseUrls.close();
    await fake.close();
  });

  it('app verifies its token against the fake', () => {
    expect(fake.callsTo('auth.test').map((call) => call.response.ok)).toEqual([true]);
  });

  it('signed slash command is acked and responded', async () => {
    const result = await postSlashCommand(eventsUrl, signingSecret, {
      text: 'building-7',
      response_url: `${responseUrls.url}/command-1`,
    });

    expect(result.status).toBe(200);
    expect(result.elapsedMs).toBeLessThan(3000);

    const [posted] = await responseUrls.waitFor(1);
    expect(posted?.path).toBe('/response-url/command-1');
    expect(posted?.body).toMatchObject({ response_type: 'ephemeral', text: 'status for building-7' });
  });

  it('wrong signature is rejected with 401', async () => {
    const result = await postSlashCommand(
      eventsUrl,
      signingSecret,
      { text: 'building-7', response_url: responseUrls.url },
      { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' },
    );

    expect(result.status).toBe(401);
    await expect(responseUrls.waitFor(1, 300)).rejects.toThrow(/Timed out/);
  });

  it('wrong signing secret is rejected with 401', async () => {
    const result = await postSlashCommand(eventsUrl, 'another-secret', { text: 'x', response_url: responseUrls.url });

    expect(result.status).toBe(401);
  });

  it('stale timestamp is rejected with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;

    const result = await postSlashCommand(
      eventsUrl,
      signingSecret,
      { text: 'x', response_url: responseUrls.url },
      { timestampSeconds: sixMinutesAgo },
    );

    expect(result.status).toBe(401);
  });

  it('missing signature headers are rejected with 401', async () => {
    const result = await postSlashCommand(
      eventsUrl,
      signingSecret,
      { text: 'x', response_url: responseUrls.url },
      { signature: null },
    );

    expect(result.status).toBe(401);
  });

  it('signed block action reaches the listener', async () => {
    const payload = {
      type: 'block_actions',
      team: { id: 'T0000FAKE', domain: 'fake-workspace' },
      user: { id: 'U0000USER', username: 'test.user', team_id: 'T0000FAKE' },
      api_app_id: 'A0000FAKE',
      token: 'deprecated-verification-token',
      trigger_id: '1000000000.1000000000.abcdef',
      channel: { id: 'C0000TEST', name: 'wifi-incidents' },
      container: { type: 'message', message_ts: '1733333333.000100', channel_id: 'C0000TEST' },
      response_url: `${responseUrls.url}/action-1`,
      actions: [
        {
          type: 'button',
          action_id: 'refresh',
          block_id: 'incident-actions',
          value: 'inc-42',
          text: { type: 'plain_text', text: 'Refresh' },
          action_ts: '1733333334.000200',
        },
      ],
    };

    const result = await postBlockActions(eventsUrl, signingSecret, payload);

    expect(result.status).toBe(200);
    expect(actionValues).toEqual(['inc-42']);
  });
});

describe('startResponseUrlServer', () => {
  it('failNext sets the response status', async () => {
    const server = await startResponseUrlServer();
    try {
      server.failNext(404);

      const expired = await fetch(server.url, { method: 'POST', body: '{"text":"late"}' });
      const fresh = await fetch(server.url, { method: 'POST', body: 'plain' });

      expect(expired.status).toBe(404);
      expect(fresh.status).toBe(200);
      expect(await fresh.text()).toBe('ok');
      expect(server.responses.map((response) => response.body)).toEqual([{ text: 'late' }, 'plain']);
    } finally {
      await server.close();
    }
  });
});
