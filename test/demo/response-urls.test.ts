import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelState } from '../../src/simulator/slack-page/channel-state.ts';
import { ResponseUrls, RESPONSE_URL_PATH, type ResponseUrlSource } from '../../src/simulator/slack-page/response-urls.ts';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';

const CHANNEL = 'C0RESPONSES';
const VIEWER = 'U0VIEWER';
const BASE = 'http://127.0.0.1:1';

describe('response urls', () => {
  let slack: FakeSlack;
  let clock: { value: number };
  let channel: ChannelState;
  let urls: ResponseUrls;

  function create(source: Partial<ResponseUrlSource> = {}): string {
    const url = urls.create({ userId: VIEWER, label: '/wifi-incidents 24h', ...source });
    expect(url.startsWith(`${BASE}${RESPONSE_URL_PATH}`)).toBe(true);
    return url.slice(`${BASE}${RESPONSE_URL_PATH}`.length);
  }

  function deliver(id: string, body: unknown) {
    return urls.deliver(id, JSON.stringify(body));
  }

  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: 'xoxb-response-urls' });
    clock = { value: Date.UTC(2026, 11, 4, 12) };
    channel = new ChannelState(slack, CHANNEL, VIEWER, () => clock.value);
    urls = new ResponseUrls(channel, () => BASE, () => clock.value);
  });

  afterEach(async () => {
    await slack.close();
  });

  it('defaults to an ephemeral reply', () => {
    const answer = deliver(create(), { text: 'only you' });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true });
    const [entry] = channel.entries();
    expect(entry).toMatchObject({ ephemeral: true, author: 'app', content: { text: 'only you' } });
    expect(slack.messages(CHANNEL)).toEqual([]);
  });

  it('posts in_channel replies to the channel', () => {
    const answer = deliver(create(), { response_type: 'in_channel', text: 'for everyone', blocks: [{ type: 'divider' }] });

    expect(answer.status).toBe(200);
    expect(slack.messages(CHANNEL)).toMatchObject([{ text: 'for everyone', blocks: [{ type: 'divider' }], user: 'U0000BOT' }]);
  });

  it('replaces an ephemeral original', () => {
    const original = channel.addEphemeral(VIEWER, { text: 'result' });

    deliver(create({ originalKey: original }), { replace_original: true, text: 'posted' });

    expect(channel.entries().map((entry) => entry.content.text)).toEqual(['posted']);
  });

  it('replaces a channel original', () => {
    const posted = slack.addMessage(CHANNEL, { text: 'before' });

    deliver(create({ originalKey: `m:${posted.ts}` }), { replace_original: 'true', text: 'after' });

    expect(slack.messages(CHANNEL)).toMatchObject([{ ts: posted.ts, text: 'after', edited: expect.anything() }]);
  });

  it('posts anew when a command replaces', () => {
    deliver(create(), { replace_original: true, text: 'no original' });

    expect(channel.entries()).toMatchObject([{ ephemeral: true, content: { text: 'no original' } }]);
  });

  it('deletes originals', () => {
    const ephemeral = channel.addEphemeral(VIEWER, { text: 'private' });
    const posted = slack.addMessage(CHANNEL, { text: 'public' });

    expect(deliver(create({ originalKey: ephemeral }), { delete_original: true }).status).toBe(200);
    expect(deliver(create({ originalKey: `m:${posted.ts}` }), { delete_original: true }).status).toBe(200);

    expect(channel.entries()).toEqual([]);
  });

  it('rejects delete without an original', () => {
    const answer = deliver(create(), { delete_original: true });

    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('message_not_found');
  });

  it('expires after five posts', () => {
    const id = create();
    for (let post = 1; post <= 5; post += 1) {
      expect(deliver(id, { text: `post ${post}` }).status).toBe(200);
    }

    const sixth = deliver(id, { text: 'post 6' });

    expect(sixth.status).toBe(404);
    expect(sixth.body.error).toBe('expired_url');
  });

  it('expires after thirty minutes', () => {
    const id = create();
    clock.value += 30 * 60 * 1000 + 1;

    const answer = deliver(id, { text: 'too late' });

    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe('expired_url');
  });

  it('rejects invalid blocks', () => {
    const answer = deliver(create(), { text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] });

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_blocks');
    expect(answer.body.response_metadata).toEqual({ messages: ['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]'] });
    expect(channel.entries()).toEqual([]);
  });

  it.each([
    [{}, 400, 'no_text'],
    [{ text: 42 }, 400, 'invalid_payload'],
    [{ text: 'x', response_type: 'public' }, 400, 'invalid_response_type'],
  ])('rejects %j', (body, status, error) => {
    const answer = deliver(create(), body);

    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
  });

  it('rejects a body that is not json', () => {
    const answer = urls.deliver(create(), 'text=hello');

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_payload');
  });

  it('rejects unknown ids', () => {
    expect(urls.deliver('0123abcd', '{"text":"x"}').status).toBe(404);
  });
});
