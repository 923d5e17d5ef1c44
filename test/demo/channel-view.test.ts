import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelState } from '../../src/simulator/slack-page/channel-state.ts';
import { renderChannel } from '../../src/simulator/slack-page/channel-view.ts';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';

const CHANNEL = 'C0VIEW';
const VIEWER = 'U0VIEWER';
const BOT_TOKEN = 'xoxb-channel-view';

describe('channel view', () => {
  let slack: FakeSlack;
  let channel: ChannelState;

  const view = () => renderChannel(channel.entries(), { channelName: 'wifi-incidents', appName: 'wifi-incidents', userName: () => undefined });

  async function call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`${slack.url}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify(args),
    });
    return (await response.json()) as Record<string, unknown>;
  }

  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    channel = new ChannelState(slack, CHANNEL, VIEWER, Date.now);
  });

  afterEach(async () => {
    await slack.close();
  });

  it('shows an empty channel', () => {
    expect(view().html).toBe('<p class="empty">No messages in #wifi-incidents yet.</p>');
  });

  it('groups replies under their parent', async () => {
    const parent = await call('chat.postMessage', { channel: CHANNEL, text: 'incident' });
    await call('chat.postMessage', { channel: CHANNEL, text: 'other' });
    await call('chat.postMessage', { channel: CHANNEL, text: 'recovered', thread_ts: parent.ts });

    const rendered = view();

    expect(rendered.messageCount).toBe(3);
    const threadStart = rendered.html.indexOf('<div class="thread"><div class="thread-count">1 reply</div>');
    expect(threadStart).toBeGreaterThan(rendered.html.indexOf('incident'));
    expect(rendered.html.indexOf('recovered')).toBeGreaterThan(threadStart);
    expect(rendered.html.indexOf('other')).toBeGreaterThan(rendered.html.indexOf('recovered'));
  });

  it('shows ephemeral messages to the viewer only', async () => {
    await call('chat.postEphemeral', { channel: CHANNEL, user: VIEWER, text: 'for the viewer' });
    await call('chat.postEphemeral', { channel: CHANNEL, user: 'U0SOMEONE', text: 'for someone else' });

    const rendered = view();

    expect(rendered.html).toContain('for the viewer');
    expect(rendered.html).not.toContain('for someone else');
    expect(rendered.html).toContain('<article class="message ephemeral app"');
    expect(rendered.html).toContain('<div class="ephemeral-note">Only visible to you</div>');
  });

  it('marks edited messages', async () => {
    const posted = await call('chat.postMessage', { channel: CHANNEL, text: 'before' });
    const before = view();
    await call('chat.update', { channel: CHANNEL, ts: posted.ts, text: 'after' });

    const after = view();

    expect(after.html).toContain('<span class="edited">(edited)</span>');
    expect(after.version).not.toBe(before.version);
  });

  it('keeps the version while nothing changes', async () => {
    await call('chat.postMessage', { channel: CHANNEL, text: 'steady' });

    expect(view().version).toBe(view().version);
  });

  it('shows orphaned replies at top level', async () => {
    const parent = await call('chat.postMessage', { channel: CHANNEL, text: 'parent' });
    await call('chat.postMessage', { channel: CHANNEL, text: 'orphan', thread_ts: parent.ts });
    slack.deleteMessage(CHANNEL, String(parent.ts));

    const rendered = view();

    expect(rendered.messageCount).toBe(1);
    expect(rendered.html).toContain('orphan');
    expect(rendered.html).not.toContain('class="thread"');
  });

  it('names the message of each problem', async () => {
    const posted = await call('chat.postMessage', { channel: CHANNEL, text: 'x', blocks: [{ type: 'video', alt_text: 'clip', title: { type: 'plain_text', text: 't' } }] });

    expect(view().problems).toEqual([{ key: `m:${posted.ts}`, pointer: '/blocks/0', problem: 'the stand-in has no video block' }]);
  });

  it('renders the message time as a date token', async () => {
    await call('chat.postMessage', { channel: CHANNEL, text: 'timed' });

    expect(view().html).toMatch(/<time class="slack-date message-time" datetime="[^"]+Z" data-format="\{time\}">\d\d:\d\d UTC<\/time>/);
  });
});
