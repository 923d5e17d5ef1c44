import type { RunningBot } from '../../../src/bot.ts';
import { SLACK_EVENTS_PATH } from '../../../src/slack/slack-app.ts';
import type { FakeSlackMessage } from '../../../src/simulator/slack/index.ts';
import { CHANNEL, SIGNING_SECRET, type Harness } from '../../support/bot-harness.ts';
import { postBlockActions, type SignedRequestOptions, type SlackRequestResult } from '../../support/slack-requests.ts';

export { startTestBot } from '../../support/test-bot.ts';

export interface Click {
  actionId: string;
  value: string;
  userId: string;
  ts: string;
}

/** Sends a signed `block_actions` payload for one button click into the bot's receiver, as Slack does. */
export function click(bot: RunningBot, { actionId, value, userId, ts }: Click, signing?: SignedRequestOptions): Promise<SlackRequestResult> {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0000FAKE', domain: 'fake-workspace' },
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0000FAKE' },
    api_app_id: 'A0000FAKE',
    token: 'deprecated-verification-token',
    trigger_id: '1000000000.1000000000.abcdef',
    channel: { id: CHANNEL, name: 'wifi-incidents' },
    container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
    message: { type: 'message', ts, text: 'incident' },
    // Nothing listens here: the bot replies through chat.postEphemeral, not the response_url.
    response_url: 'http://127.0.0.1:9/response-url',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'incident_actions',
        value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: '1733333334.000200',
      },
    ],
  };
  return postBlockActions(`http://127.0.0.1:${bot.port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET, payload, signing);
}

/** Waits until `condition` holds, polling every 20 ms. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the bot has handled `count` clicks in total. */
export function waitForClicks(harness: Harness, count: number): Promise<void> {
  return waitFor(() => harness.logs.find('Handled a button click').length >= count, `${count} handled clicks`);
}

/** Returns the buttons of a message with their `action_id`, `value` and label. */
export function buttonsOf(message: FakeSlackMessage): Array<{ action_id: string; value: string; text: { text: string } }> {
  const actions = (message.blocks ?? []).find((block) => (block as { type?: string }).type === 'actions') as
    | { elements: Array<{ action_id: string; value: string; text: { text: string } }> }
    | undefined;
  return actions?.elements ?? [];
}

/** Returns the button with label `text` on `message`; throws when there is none. */
export function buttonOf(message: FakeSlackMessage, text: string): { action_id: string; value: string } {
  const button = buttonsOf(message).find((candidate) => candidate.text.text === text);
  if (button === undefined) {
    throw new Error(`No "${text}" button on message ${message.ts}: ${JSON.stringify(buttonsOf(message).map((b) => b.text.text))}`);
  }
  return button;
}
