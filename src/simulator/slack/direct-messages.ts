import type { FakeSlackContent, FakeSlackMessage } from './types.ts';
import type { StoredMessage, Workspace } from './workspace.ts';

/** Stores a message from the bot user without a Web API call and returns its public shape. */
export function addBotMessage(workspace: Workspace, channelId: string, content: FakeSlackContent): FakeSlackMessage {
  const channel = workspace.channel(channelId);
  if (channel === undefined) {
    throw new Error(`Cannot add a message to channel ${channelId}: no such channel in the fake Slack`);
  }

  const message: StoredMessage = {
    channel: channel.id,
    ts: workspace.nextTs(),
    user: workspace.identity.botUserId,
    bot_id: workspace.identity.botId,
  };
  if (content.thread_ts !== undefined) {
    const parent = workspace.findMessage(channel.id, content.thread_ts);
    if (parent === undefined) {
      throw new Error(`Cannot reply in thread ${content.thread_ts} of channel ${channel.id}: no such message in the fake Slack`);
    }
    message.thread_ts = parent.thread_ts ?? parent.ts;
  }
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined && content.blocks.length > 0) message.blocks = structuredClone(content.blocks);
  workspace.addMessage(message);

  const stored = workspace.messages(channel.id).find((candidate) => candidate.ts === message.ts);
  if (stored === undefined) {
    throw new Error(`The fake Slack lost message ${message.ts} right after storing it`);
  }
  return stored;
}

/** Replaces text and blocks of a stored message and marks it edited, as `chat.update` does. */
export function replaceMessageContent(
  workspace: Workspace,
  channelId: string,
  ts: string,
  content: Omit<FakeSlackContent, 'thread_ts'>,
): void {
  const message = workspace.findMessage(channelId, ts);
  if (message === undefined) {
    throw new Error(`Cannot replace message ${ts} in channel ${channelId}: no such message in the fake Slack`);
  }

  if (content.text === undefined) {
    delete message.text;
  } else {
    message.text = content.text;
  }
  if (content.blocks !== undefined && content.blocks.length > 0) {
    message.blocks = structuredClone(content.blocks);
  } else {
    delete message.blocks;
  }
  message.edited = { ts: workspace.nextTs() };
}
