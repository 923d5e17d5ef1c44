import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../src/simulator/slack-page/index.ts';
import { startFakeSlack, type FakeSlack } from '../../src/simulator/slack/index.ts';
import { startRecordingApp, type RecordingApp } from './support/recording-app.ts';

const SIGNING_SECRET = 'stand-in-test-secret';
const BOT_TOKEN = 'xoxb-stand-in-test';
const CHANNEL = { id: 'C0STANDIN', name: 'wifi-incidents' };
const VIEWER = { id: 'U0VIEWER', name: 'demo.user' };

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('slack stand-in', () => {
  let slack: FakeSlack;
  let app: RecordingApp;
  let standIn: SlackStandIn;
  const activity: string[] = [];

  async function botPost(args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await fetch(`${slack.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ channel: CHANNEL.id, ...args }),
    });
    return (await response.json()) as Record<string, unknown>;
  }

  beforeEach(async () => {
    activity.length = 0;
    slack = await startFakeSlack({ botToken: BOT_TOKEN });
    app = await startRecordingApp(SIGNING_SECRET);
    standIn = await startSlackStandIn({
      slack,
      app: { url: app.url, signingSecret: SIGNING_SECRET },
      channel: CHANNEL,
      viewer: VIEWER,
      appUser: { id: 'U0000BOT', name: 'wifi-incidents' },
      commands: ['/wifi-incidents'],
      onActivity: (line) => activity.push(line),
    });
  });

  afterEach(async () => {
    await standIn.close();
    await app.close();
    await slack.close();
  });

  it('serves the page', async () => {
    const response = await fetch(standIn.url);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('<h1># wifi-incidents</h1>');
    expect(html).toContain('placeholder="Type a slash command, such as /wifi-incidents 24h"');
    expect(html).not.toMatch(/\{\{\w+\}\}/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it.each(['page.js', 'date-format.js', 'page.css'])('serves %s', async (name) => {
    const response = await fetch(`${standIn.url}assets/${name}`);

    expect(response.status).toBe(200);
    expect((await response.text()).length).toBeGreaterThan(100);
  });

  it('rejects a foreign host', async () => {
    const { port } = new URL(standIn.url);
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });

    expect(status).toBe(403);
  });

  it('requires json for commands', async () => {
    const response = await fetch(`${standIn.url}api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=%2Fwifi-incidents',
    });

    expect(response.status).toBe(415);
    expect(app.requests).toEqual([]);
  });

  it('sends a signed slash command', async () => {
    const result = await postJson(`${standIn.url}api/command`, { text: '/wifi-incidents  24h band:5 ' });

    expect(result.body).toEqual({ ok: true });
    const [request] = app.requests;
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(request?.signatureValid).toBe(true);
    expect(request?.form.get('command')).toBe('/wifi-incidents');
    expect(request?.form.get('text')).toBe('24h band:5');
    expect(request?.form.get('user_id')).toBe(VIEWER.id);
    expect(request?.form.get('user_name')).toBe(VIEWER.name);
    expect(request?.form.get('channel_id')).toBe(CHANNEL.id);
    expect(request?.form.get('response_url')).toMatch(new RegExp(`^${standIn.url}response-url/[0-9a-f]+$`));
    expect(activity).toContain('demo.user ran /wifi-incidents 24h band:5');
  });

  it('shows replies to the response url', async () => {
    await postJson(`${standIn.url}api/command`, { text: '/wifi-incidents 24h' });
    const responseUrl = app.requests[0]!.form.get('response_url')!;

    const reply = await postJson(responseUrl, { response_type: 'ephemeral', text: '3 incidents', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*3 incidents*' } }] });

    expect(reply.status).toBe(200);
    const view = standIn.view();
    expect(view.html).toContain('<strong>3 incidents</strong>');
    expect(view.html).toContain('Only visible to you');
    expect(activity).toContain('ephemeral reply to /wifi-incidents 24h: 3 incidents');
  });

  it('shows json from the app response', async () => {
    app.replyNext({ body: JSON.stringify({ text: 'answered at once' }) });

    await postJson(`${standIn.url}api/command`, { text: '/wifi-incidents help' });

    expect(standIn.view().html).toContain('answered at once');
  });

  it.each([
    ['24h', 'The stand-in sends slash commands only, such as `/wifi-incidents 24h`.'],
    ['/weather today', '`/weather` is not a command of this workspace. Commands here: `/wifi-incidents`.'],
  ])('rejects %j without calling the app', async (text, notice) => {
    const result = await postJson(`${standIn.url}api/command`, { text });

    expect(result.body).toEqual({ ok: false, error: notice });
    expect(app.requests).toEqual([]);
    expect(standIn.channel.entries()).toMatchObject([{ author: 'slackbot', ephemeral: true, content: { text: notice } }]);
  });

  it('reports an app error as dispatch_failed', async () => {
    app.replyNext({ status: 401 });

    const result = await postJson(`${standIn.url}api/command`, { text: '/wifi-incidents' });

    expect(result.body.error).toBe('`/wifi-incidents` failed with the error "dispatch_failed": the app responded with HTTP 401.');
  });

  it('reports a slow app as operation_timeout', { timeout: 10_000 }, async () => {
    app.replyNext({ delayMs: 3500 });

    const result = await postJson(`${standIn.url}api/command`, { text: '/wifi-incidents' });

    expect(result.body.error).toBe('`/wifi-incidents` failed with the error "operation_timeout": the app did not respond within 3 seconds.');
  });

  it('sends a click with the stored value', async () => {
    const posted = await botPost({
      text: 'incident',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'incident' } },
        { type: 'actions', block_id: 'incident_actions', elements: [{ type: 'button', action_id: 'incident_acknowledge', value: 'v1:agent:abc', style: 'primary', text: { type: 'plain_text', text: 'Acknowledge' } }] },
      ],
    });

    const result = await postJson(`${standIn.url}api/click`, { key: `m:${posted.ts}`, block: 1, element: 0, value: 'forged' });

    expect(result.body).toEqual({ ok: true });
    const request = app.requests[0]!;
    expect(request.signatureValid).toBe(true);
    const payload = JSON.parse(request.form.get('payload')!);
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: VIEWER.id, username: VIEWER.name },
      channel: { id: CHANNEL.id },
      container: { type: 'message', message_ts: posted.ts, channel_id: CHANNEL.id, is_ephemeral: false },
      message: { ts: posted.ts, user: 'U0000BOT', text: 'incident' },
      actions: [{ type: 'button', action_id: 'incident_acknowledge', block_id: 'incident_actions', value: 'v1:agent:abc', style: 'primary' }],
    });
    expect(payload.response_url).toMatch(/\/response-url\/[0-9a-f]+$/);
    expect(activity).toContain(`demo.user clicked the "Acknowledge" button (incident_acknowledge) on message ${posted.ts}`);
  });

  it('clicks on ephemeral messages without a message', async () => {
    const key = standIn.channel.addEphemeral(VIEWER.id, {
      text: 'result',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'share', value: 'q', text: { type: 'plain_text', text: 'Post to channel' } }] }],
    });

    await postJson(`${standIn.url}api/click`, { key, block: 0, element: 0 });

    const payload = JSON.parse(app.requests[0]!.form.get('payload')!);
    expect(payload.container.is_ephemeral).toBe(true);
    expect(payload.message).toBeUndefined();
    expect(payload.actions[0].block_id).toMatch(/^[\w-]{5}$/);
  });

  it('replaces the clicked ephemeral message', async () => {
    const key = standIn.channel.addEphemeral(VIEWER.id, {
      text: 'result',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'share', value: 'q', text: { type: 'plain_text', text: 'Post to channel' } }] }],
    });
    await postJson(`${standIn.url}api/click`, { key, block: 0, element: 0 });
    const responseUrl = JSON.parse(app.requests[0]!.form.get('payload')!).response_url as string;

    await postJson(responseUrl, { response_type: 'in_channel', replace_original: false, text: 'shared result' });
    await postJson(responseUrl, { response_type: 'ephemeral', replace_original: true, text: 'You posted this result to the channel.' });

    expect(slack.messages(CHANNEL.id)).toMatchObject([{ text: 'shared result' }]);
    expect(standIn.channel.find(key)?.content).toEqual({ text: 'You posted this result to the channel.' });
  });

  it.each([
    [{ key: 'm:1.000001', block: 0, element: 0 }, 200, 'message m:1.000001 is no longer in the channel'],
    [{ key: 'm:1.000001', block: -1, element: 0 }, 400, 'block must be a whole number of at least 0'],
  ])('rejects the click %j', async (body, status, error) => {
    const result = await postJson(`${standIn.url}api/click`, body);

    expect(result.status).toBe(status);
    expect(result.body.error).toBe(error);
    expect(app.requests).toEqual([]);
  });

  it('rejects a click beside any button', async () => {
    const posted = await botPost({ text: 'plain', blocks: [{ type: 'divider' }] });

    const result = await postJson(`${standIn.url}api/click`, { key: `m:${posted.ts}`, block: 0, element: 0 });

    expect(result.body).toEqual({ ok: false, error: `block 0 of message m:${posted.ts} has no button at 0` });
  });
});
