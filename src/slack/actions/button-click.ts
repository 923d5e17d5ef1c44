import type { BlockAction, ButtonAction } from '@slack/bolt';

/** One click on a button of an incident message, as the handlers need it. */
export interface ButtonClick {
  actionId: string;
  userId: string;
  /** The button's value; undefined when it carries none. */
  value: string | undefined;
  /** Channel of the message the button is on; undefined outside a channel message. */
  channel: string | undefined;
  messageTs: string | undefined;
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the click from a `block_actions` payload and the button action in it. */
export function readButtonClick(body: BlockAction, action: ButtonAction): ButtonClick {
  const container = body.container as Record<string, unknown>;
  return {
    actionId: action.action_id,
    userId: body.user.id,
    value: action.value,
    channel: body.channel?.id ?? stringField(container, 'channel_id'),
    messageTs: body.message?.ts ?? stringField(container, 'message_ts'),
  };
}
