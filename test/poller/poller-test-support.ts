import { runOnce } from '../../src/bot.ts';
import type { FakeSlackMessage, SlackCall } from '../../src/simulator/slack/index.ts';
import { CHANNEL, type Harness } from '../support/bot-harness.ts';

/** Runs one poll cycle as a separate `--once` run would: its own database connection and clients. */
export function pollOnce(harness: Harness, overrides: Record<string, string> = {}) {
  return runOnce({ config: harness.config(overrides), logger: harness.logger, now: harness.clock.now, slackRetries: 0 });
}

/** Top-level messages of the incident channel. */
export function topLevelMessages(harness: Harness): FakeSlackMessage[] {
  return harness.slack.messages(CHANNEL).filter((message) => message.thread_ts === undefined);
}

/** Replies in the thread of message `ts`. */
export function threadReplies(harness: Harness, ts: string): FakeSlackMessage[] {
  return harness.slack.messages(CHANNEL).filter((message) => message.thread_ts === ts);
}

/** Successful `chat.update` calls on message `ts`. */
export function updatesOf(harness: Harness, ts: string): SlackCall[] {
  return harness.slack.callsTo('chat.update').filter((call) => call.args.ts === ts && call.response.ok === true);
}

/** Returns the message whose metadata names incident `id`. */
export function messageOf(harness: Harness, id: string): FakeSlackMessage {
  const message = topLevelMessages(harness).find((candidate) => candidate.metadata?.event_payload.id === id);
  if (message === undefined) {
    throw new Error(`No message for incident ${id} in ${CHANNEL}`);
  }
  return message;
}

export function textOf(message: FakeSlackMessage): string {
  return JSON.stringify(message.blocks ?? []) + (message.text ?? '');
}
