import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAlertIncident, startFakeSevenSignal, type FakeSevenSignal } from '../../src/simulator/sevensignal/index.ts';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../../src/simulator/slack/index.ts';

const BOT_TOKEN = 'xoxb-fake-additions';
const CHANNEL = 'C0ADDITIONS';

async function post(slack: FakeSlack, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${slack.url}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
    body: JSON.stringify(args),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('fake slack direct messages', () => {
  let slack: FakeSlack;

  beforeEach(async () => {
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
  });

  afterEach(async () => {
    await slack.close();
  });

  it('addMessage stores a bot message', () => {
    const added = slack.addMessage(CHANNEL, { text: 'in channel', blocks: [{ type: 'divider' }] });

    const [stored] = slack.messages(CHANNEL);
    expect(stored?.ts).toBe(added.ts);
    expect(stored?.user).toBe('U0000BOT');
    expect(stored?.text).toBe('in channel');
    expect(stored?.blocks).toEqual([{ type: 'divider' }]);
    expect(slack.calls).toEqual([]);
  });

  it('addMessage joins the thread of a reply', async () => {
    const parent = await post(slack, 'chat.postMessage', { channel: CHANNEL, text: 'parent' });
    const reply = await post(slack, 'chat.postMessage', { channel: CHANNEL, text: 'reply', thread_ts: parent.ts });

    const added = slack.addMessage(CHANNEL, { text: 'second reply', thread_ts: String(reply.ts) });

    expect(added.thread_ts).toBe(parent.ts);
  });

  it('addMessage rejects unknown threads', () => {
    expect(() => slack.addMessage(CHANNEL, { text: 'orphan', thread_ts: '1.000001' })).toThrow(/no such message/);
  });

  it('addMessage rejects unknown channels', () => {
    expect(() => slack.addMessage('D0NOTACHANNEL', { text: 'lost' })).toThrow(/no such channel/);
  });

  it('replaceMessage swaps content and marks edited', async () => {
    const posted = await post(slack, 'chat.postMessage', { channel: CHANNEL, text: 'old', blocks: [{ type: 'divider' }] });

    slack.replaceMessage(CHANNEL, String(posted.ts), { text: 'new' });

    const [stored] = slack.messages(CHANNEL);
    expect(stored?.text).toBe('new');
    expect(stored?.blocks).toBeUndefined();
    expect(stored?.edited).toBeDefined();
  });

  it('replaceMessage rejects unknown messages', () => {
    expect(() => slack.replaceMessage(CHANNEL, '1.000001', { text: 'x' })).toThrow(/no such message/);
  });

  it('onCall reports calls until removed', async () => {
    const seen: SlackCall[] = [];
    const remove = slack.onCall((call) => seen.push(call));

    await post(slack, 'chat.postMessage', { channel: CHANNEL, text: 'first' });
    remove();
    await post(slack, 'chat.postMessage', { channel: CHANNEL, text: 'second' });

    expect(seen.map((call) => call.args.text)).toEqual(['first']);
    expect(seen[0]?.response.ok).toBe(true);
  });

  it('onCall survives a throwing listener', async () => {
    slack.onCall(() => {
      throw new Error('listener failure');
    });

    const response = await post(slack, 'chat.postMessage', { channel: CHANNEL, text: 'still posted' });

    expect(response.ok).toBe(true);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
  });
});

describe('fake 7signal alert lookup', () => {
  let sevenSignal: FakeSevenSignal;

  beforeEach(async () => {
    sevenSignal = await startFakeSevenSignal({ clientId: 'client', clientSecret: 'secret' });
  });

  afterEach(async () => {
    await sevenSignal.close();
  });

  it('getAlertIncident returns a copy', () => {
    const incident = makeAlertIncident();
    sevenSignal.addAlertIncident(incident);

    const found = sevenSignal.getAlertIncident(incident.id!);
    found!.metric = 'changed';

    expect(sevenSignal.getAlertIncident(incident.id!)?.metric).toBe(incident.metric);
  });

  it('getAlertIncident sees updates', () => {
    const incident = makeAlertIncident();
    sevenSignal.addAlertIncident(incident);
    sevenSignal.updateAlertIncident(incident.id!, { resolvedAt: 1000, resolutionReason: 'cleared_by_user' });

    expect(sevenSignal.getAlertIncident(incident.id!)?.resolutionReason).toBe('cleared_by_user');
  });

  it('getAlertIncident is undefined for unknown ids', () => {
    expect(sevenSignal.getAlertIncident('not-there')).toBeUndefined();
  });
});
