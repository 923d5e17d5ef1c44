import { describe, expect, it } from 'vitest';
import { describeSlackCall } from '../../src/demo/slack-activity.ts';
import type { SlackCall } from '../../src/simulator/slack/index.ts';

function call(method: string, args: Record<string, unknown>, response: Record<string, unknown> = { ok: true }): SlackCall {
  return { method, args, response, token: 'xoxb-x', at: 0 };
}

describe('slack activity lines', () => {
  it.each([
    [call('chat.postMessage', { text: 'Wi-Fi alert: value 12.5, threshold avg &gt; 5' }, { ok: true, ts: '1.000100' }), 'bot posted a message (ts 1.000100): Wi-Fi alert: value 12.5, threshold avg > 5'],
    [call('chat.postMessage', { text: 'Recovered', thread_ts: '1.000100' }, { ok: true, ts: '2.000100' }), 'bot posted a thread reply under 1.000100 (ts 2.000100): Recovered'],
    [call('chat.update', { ts: '1.000100', text: 'line one\nline two' }), 'bot updated message 1.000100: line one line two'],
    [call('chat.postEphemeral', { user: 'U0DEMOUSER', text: 'Already resolved.' }), 'bot sent an ephemeral message to U0DEMOUSER: Already resolved.'],
    [call('chat.delete', { ts: '1.000100' }), 'bot deleted message 1.000100'],
    [call('chat.postMessage', { text: 'x' }, { ok: false, error: 'invalid_blocks' }), 'chat.postMessage failed: invalid_blocks'],
    [call('conversations.history', {}, { ok: false, error: 'not_in_channel' }), 'conversations.history failed: not_in_channel'],
  ])('describes %#', (slackCall, line) => {
    expect(describeSlackCall(slackCall)).toBe(line);
  });

  it('skips successful reads', () => {
    expect(describeSlackCall(call('conversations.history', { channel: 'C1' }))).toBeUndefined();
  });

  it('shortens long text', () => {
    const line = describeSlackCall(call('chat.update', { ts: '1', text: 'x'.repeat(200) }));

    expect(line).toBe(`bot updated message 1: ${'x'.repeat(89)}…`);
  });
});
