import type { types } from '@slack/bolt';
import webApi from '@slack/web-api';
import type { Logger, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';

// Named imports of values from @slack/web-api fail under native ESM for some exports; the default export works.
const { WebClient, ErrorCode, LogLevel } = webApi;

const botToken = 'xoxb-fake-token';
const startMillis = 1_733_333_333_000;

const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

describe('fake Slack Web API', () => {
  let fake: FakeSlack;
  let client: InstanceType<typeof WebClient>;

  beforeEach(async () => {
    fake = await startFakeSlack({ botToken, now: () => startMillis });
    client = new WebClient(botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silentLogger });
  });

  afterEach(async () => {
    await fake.close();
  });

  it('auth.test returns the bot identity', async () => {
    const result = await client.auth.test();

    expect(result.ok).toBe(true);
    expect(result.team_id).toBe('T0000FAKE');
    expect(result.user_id).toBe('U0000BOT');
    expect(result.bot_id).toBe('B0000BOT');
    expect(result.is_enterprise_install).toBe(false);
    expect(fake.callsTo('auth.test')[0]?.token).toBe(botToken);
  });

  it('postMessage, update and history keep metadata', async () => {
    const metadata = { event_type: 'wifi_incident', event_payload: { incident_id: 'inc-1', severity: 'major' } };
    const posted = await client.chat.postMessage({
      channel: 'C0000WIFI',
      text: 'Incident inc-1 opened',
      blocks: [section('*Incident inc-1* opened')],
      metadata,
    });

    expect(posted.ok).toBe(true);
    expect(posted.channel).toBe('C0000WIFI');
    expect(posted.ts).toBe('1733333333.000000');

    const call = fake.callsTo('chat.postMessage')[0];
    expect(call?.args.blocks).toEqual([section('*Incident inc-1* opened')]);
    expect(call?.args.metadata).toEqual(metadata);

    const updated = await client.chat.update({
      channel: 'C0000WIFI',
      ts: posted.ts as string,
      text: 'Incident inc-1 resolved',
      blocks: [section('*Incident inc-1* resolved')],
      metadata: { event_type: 'wifi_incident', event_payload: { incident_id: 'inc-1', severity: 'resolved' } },
    });
    expect(updated.ok).toBe(true);
    expect(updated.ts).toBe(posted.ts);
    expect(updated.text).toBe('Incident inc-1 resolved');

    const second = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'Incident inc-2 opened' });
    expect(second.ts).toBe('1733333333.000002');

    const withMetadata = await client.conversations.history({ channel: 'C0000WIFI', include_all_metadata: true });
    expect(withMetadata.messages?.map((message) => message.ts)).toEqual([second.ts, posted.ts]);
    expect(withMetadata.messages?.[1]?.text).toBe('Incident inc-1 resolved');
    expect(withMetadata.messages?.[1]?.metadata?.event_payload).toEqual({ incident_id: 'inc-1', severity: 'resolved' });
    expect(withMetadata.messages?.[1]?.edited?.ts).toBeDefined();

    const withoutMetadata = await client.conversations.history({ channel: 'C0000WIFI' });
    expect(withoutMetadata.messages?.[1]?.metadata).toBeUndefined();

    const stored = fake.messages('C0000WIFI');
    expect(stored).toHaveLength(2);
    expect(stored[0]?.blocks).toEqual([section('*Incident inc-1* resolved')]);
    expect(stored[0]?.user).toBe('U0000BOT');
  });

  it('update with text only removes blocks', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'a', blocks: [section('a')] });
    await client.chat.update({ channel: 'C0000WIFI', ts: posted.ts as string, text: 'b' });

    const [message] = fake.messages('C0000WIFI');
    expect(message?.text).toBe('b');
    expect(message?.blocks).toBeUndefined();
  });

  it('history pages with cursor and has_more', async () => {
    const timestamps: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const posted = await client.chat.postMessage({ channel: 'C0000PAGE', text: `message ${i}` });
      timestamps.push(posted.ts as string);
    }
    const newestFirst = [...timestamps].reverse();

    const first = await client.conversations.history({ channel: 'C0000PAGE', limit: 2 });
    expect(first.messages?.map((message) => message.ts)).toEqual(newestFirst.slice(0, 2));
    expect(first.has_more).toBe(true);

    const cursor = first.response_metadata?.next_cursor;
    expect(cursor).toBeTruthy();
    const second = await client.conversations.history({ channel: 'C0000PAGE', limit: 2, cursor: cursor as string });
    expect(second.messages?.map((message) => message.ts)).toEqual(newestFirst.slice(2, 4));

    const rest = await client.conversations.history({
      channel: 'C0000PAGE',
      limit: 2,
      cursor: second.response_metadata?.next_cursor as string,
    });
    expect(rest.messages?.map((message) => message.ts)).toEqual(newestFirst.slice(4));
    expect(rest.has_more).toBe(false);

    const bounded = await client.conversations.history({ channel: 'C0000PAGE', oldest: timestamps[2] as string });
    expect(bounded.messages?.map((message) => message.ts)).toEqual(newestFirst.slice(0, 2));
  });

  it('replies and thread_not_found', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'parent' });
    const reply = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'reply', thread_ts: parent.ts as string });

    const thread = await client.conversations.replies({ channel: 'C0000WIFI', ts: parent.ts as string });
    expect(thread.messages?.map((message) => message.ts)).toEqual([parent.ts, reply.ts]);
    expect(thread.messages?.[0]?.reply_count).toBe(1);

    const history = await client.conversations.history({ channel: 'C0000WIFI' });
    expect(history.messages?.map((message) => message.ts)).toEqual([parent.ts]);
    expect(fake.messages('C0000WIFI').map((message) => message.thread_ts)).toEqual([undefined, parent.ts]);

    await expect(
      client.chat.postMessage({ channel: 'C0000WIFI', text: 'lost', thread_ts: '1700000000.000001' }),
    ).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
  });

  it('postMessage rejects 51 blocks as invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, index) => section(`block ${index}`));

    const error = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'too many', blocks }).catch((e: unknown) => e);

    expect((error as WebAPIPlatformError).code).toBe(ErrorCode.PlatformError);
    expect((error as WebAPIPlatformError).data.error).toBe('invalid_blocks');
    expect(fake.messages()).toHaveLength(0);
  });

  it('postMessage accepts exactly 50 blocks', async () => {
    const blocks = Array.from({ length: 50 }, (_, index) => section(`block ${index}`));

    const result = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'fifty', blocks });

    expect(result.ok).toBe(true);
  });

  it.each<[string, types.KnownBlock[]]>([
    ['section text over 3000', [section('x'.repeat(3001))]],
    ['header over 150', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }]],
    ['11 fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }]],
    ['field over 2000', [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }]],
  ])('postMessage rejects %s', async (_case, blocks) => {
    await expect(client.chat.postMessage({ channel: 'C0000WIFI', text: 'fallback', blocks })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
  });

  it('update validates blocks and ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'ok' });

    await expect(
      client.chat.update({ channel: 'C0000WIFI', ts: posted.ts as string, text: 'x', blocks: [section('x'.repeat(3001))] }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    await expect(client.chat.update({ channel: 'C0000WIFI', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('postMessage content and channel errors', async () => {
    fake.addChannel('C0000ARCH', { archived: true });
    fake.addChannel('C0000AWAY', { member: false });

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ text: 'no channel' }, 'channel_not_found'],
      [{ channel: 'X0000NONE', text: 'unknown' }, 'channel_not_found'],
      [{ channel: 'C0000WIFI' }, 'no_text'],
      [{ channel: 'C0000WIFI', text: 'x'.repeat(40_001) }, 'msg_too_long'],
      [{ channel: 'C0000ARCH', text: 'archived' }, 'is_archived'],
      [{ channel: 'C0000AWAY', text: 'not a member' }, 'not_in_channel'],
    ];
    for (const [args, expected] of cases) {
      const error = await client.apiCall('chat.postMessage', args).catch((e: unknown) => e);
      expect((error as WebAPIPlatformError).data?.error, JSON.stringify(args).slice(0, 60)).toBe(expected);
    }
  });

  it('conversations.join makes the bot a member', async () => {
    fake.addChannel('C0000AWAY', { member: false });

    const before = await client.conversations.info({ channel: 'C0000AWAY' });
    expect(before.channel?.is_member).toBe(false);

    await client.conversations.join({ channel: 'C0000AWAY' });
    const posted = await client.chat.postMessage({ channel: 'C0000AWAY', text: 'joined' });
    expect(posted.ok).toBe(true);
  });

  it('postEphemeral is not in messages', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0000WIFI', user: 'U0000USER', text: 'only you' });

    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.messages()).toHaveLength(0);
    expect(fake.ephemeralMessages('C0000WIFI')).toEqual([
      { channel: 'C0000WIFI', user: 'U0000USER', message_ts: result.message_ts, text: 'only you' },
    ]);
  });

  it('chat.delete and deleteMessage remove messages', async () => {
    const first = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'two' });

    await client.chat.delete({ channel: 'C0000WIFI', ts: first.ts as string });
    fake.deleteMessage('C0000WIFI', second.ts as string);

    expect(fake.messages()).toHaveLength(0);
    expect(() => fake.deleteMessage('C0000WIFI', second.ts as string)).toThrow(/no such message/);
    await expect(client.chat.update({ channel: 'C0000WIFI', ts: second.ts as string, text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('failNext error fails one call', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });

    const error = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'lost' }).catch((e: unknown) => e);
    expect((error as WebAPIPlatformError).data.error).toBe('channel_not_found');

    const retried = await client.chat.postMessage({ channel: 'C0000WIFI', text: 'kept' });
    expect(retried.ok).toBe(true);
    expect(fake.messages().map((message) => message.text)).toEqual(['kept']);
    expect(fake.callsTo('chat.postMessage').map((call) => call.response.ok)).toEqual([false, true]);
  });

  it('failNext 429 rejects rate limited calls', async () => {
    const strictClient = new WebClient(botToken, {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silentLogger,
    });
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 7 }, 2);

    for (let i = 0; i < 2; i += 1) {
      const error = await strictClient.chat.postMessage({ channel: 'C0000WIFI', text: 'slow' }).catch((e: unknown) => e);
      expect((error as WebAPIRateLimitedError).code).toBe(ErrorCode.RateLimitedError);
      expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    }

    const result = await strictClient.chat.postMessage({ channel: 'C0000WIFI', text: 'fine' });
    expect(result.ok).toBe(true);
  });

  it('failNext 429 defaults Retry-After to 1', async () => {
    fake.failNext('conversations.history', { status: 429 });

    const response = await fetch(`${fake.url}conversations.history`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${botToken}` },
      body: 'channel=C0000WIFI',
    });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('failNext 500 throws an HTTP error', async () => {
    fake.failNext('chat.update', { status: 500 });

    const error = await client.chat.update({ channel: 'C0000WIFI', ts: '1.000001', text: 'x' }).catch((e: unknown) => e);

    expect((error as { code?: string }).code).toBe(ErrorCode.HTTPError);
    expect((error as { statusCode?: number }).statusCode).toBe(500);
  });

  it('failNext delay holds the response', async () => {
    fake.failNext('auth.test', { delayMs: 150 });

    const started = performance.now();
    const result = await client.auth.test();

    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('wrong token is invalid_auth', async () => {
    const wrongClient = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silentLogger });

    await expect(wrongClient.chat.postMessage({ channel: 'C0000WIFI', text: 'x' })).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    expect(fake.messages()).toHaveLength(0);
  });

  it('missing token is not_authed', async () => {
    const anonymousClient = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: silentLogger });

    await expect(anonymousClient.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
  });

  it('unknown method is unknown_method', async () => {
    await expect(client.apiCall('files.upload', { channel: 'C0000WIFI', text: 'x' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
  });

  it('json body with bearer token', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${botToken}` },
      body: JSON.stringify({ channel: 'C0000WIFI', text: 'json', blocks: [section('json')] }),
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(body.ok).toBe(true);
    expect(fake.messages()[0]?.blocks).toEqual([section('json')]);
  });

  it('form token field authenticates', async () => {
    const response = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: botToken }).toString(),
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(body.ok).toBe(true);
    expect(fake.calls.at(-1)?.token).toBe(botToken);
  });
});
