import { validateBlocks } from './block-validation.ts';
import type { FakeSlackEphemeralMessage, FakeSlackMetadata } from './types.ts';
import { compareTs, parseTs, type ChannelState, type StoredMessage, type Workspace } from './workspace.ts';

/** A Web API JSON response body. */
export type SlackResponse = Record<string, unknown>;
export type MethodHandler = (workspace: Workspace, args: Record<string, unknown>) => SlackResponse;

/**
 * Longest `text` the fake accepts in chat methods. Longer text returns `msg_too_long`.
 * NOTE: Slack documents that it truncates message text over 40,000 characters, so a real workspace may cut
 * the text instead of rejecting it.
 */
export const maxMessageTextLength = 40_000;
/** Page size of `conversations.history` and `conversations.replies` when `limit` is missing. */
export const defaultPageLimit = 100;
/** Largest `limit` Slack honors for `conversations.history` and `conversations.replies`. The fake lowers larger values to it. */
export const maxPageLimit = 999;

function failure(error: string, extra: SlackResponse = {}): SlackResponse {
  return { ok: false, error, ...extra };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function nonEmptyArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}

function isMetadata(value: unknown): value is FakeSlackMetadata {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Record<string, unknown>;
  const payload = candidate.event_payload;
  return (
    typeof candidate.event_type === 'string' &&
    candidate.event_type.length > 0 &&
    typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload)
  );
}

type ChannelLookup = { channel: ChannelState; error?: undefined } | { channel?: undefined; error: SlackResponse };

/** Finds a channel the bot can post to, or the Slack error for one it cannot. */
function findWritableChannel(workspace: Workspace, channelId: unknown): ChannelLookup {
  const channel = workspace.channel(channelId);
  if (channel === undefined) {
    return { error: failure('channel_not_found') };
  }
  if (channel.archived) {
    return { error: failure('is_archived') };
  }
  if (!channel.member) {
    return { error: failure('not_in_channel') };
  }
  return { channel };
}

/** Checks the content arguments shared by postMessage, postEphemeral and update, and returns the Slack error if any. */
function checkContent(args: Record<string, unknown>): SlackResponse | undefined {
  const text = optionalString(args.text);
  const hasText = text !== undefined && text.length > 0;
  if (!hasText && !nonEmptyArray(args.blocks) && !nonEmptyArray(args.attachments)) {
    return failure('no_text');
  }
  if (text !== undefined && text.length > maxMessageTextLength) {
    return failure('msg_too_long');
  }
  if (args.blocks !== undefined) {
    const blocksError = validateBlocks(args.blocks);
    if (blocksError !== undefined) {
      return failure(blocksError.error, { response_metadata: { messages: blocksError.messages } });
    }
  }
  if (args.metadata !== undefined && !isMetadata(args.metadata)) {
    return failure('invalid_metadata_format');
  }
  return undefined;
}

/** Renders a stored message the way the Web API returns it. */
function renderMessage(workspace: Workspace, message: StoredMessage, includeMetadata: boolean): SlackResponse {
  const rendered: SlackResponse = {
    type: 'message',
    user: message.user,
    bot_id: message.bot_id,
    text: message.text ?? '',
    ts: message.ts,
    team: workspace.identity.teamId,
  };
  if (message.blocks !== undefined) rendered.blocks = message.blocks;
  if (message.attachments !== undefined) rendered.attachments = message.attachments;
  if (includeMetadata && message.metadata !== undefined) rendered.metadata = message.metadata;
  if (message.edited !== undefined) rendered.edited = { user: message.user, ts: message.edited.ts };

  if (message.thread_ts !== undefined) {
    rendered.thread_ts = message.thread_ts;
    rendered.parent_user_id = workspace.findMessage(message.channel, message.thread_ts)?.user;
  } else {
    const replies = workspace.replies(message.channel, message.ts);
    const latestReply = replies.at(-1);
    if (latestReply !== undefined) {
      rendered.thread_ts = message.ts;
      rendered.reply_count = replies.length;
      const replyUsers = [...new Set(replies.map((reply) => reply.user))];
      rendered.reply_users = replyUsers;
      rendered.reply_users_count = replyUsers.length;
      rendered.latest_reply = latestReply.ts;
    }
  }
  return rendered;
}

function renderChannel(channel: ChannelState): SlackResponse {
  const name = `fake-${channel.id.toLowerCase()}`;
  return {
    id: channel.id,
    name,
    name_normalized: name,
    is_channel: !channel.id.startsWith('G'),
    is_group: false,
    is_im: false,
    is_private: channel.id.startsWith('G'),
    is_archived: channel.archived,
    is_member: channel.member,
    created: channel.created,
  };
}

function encodeCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`, 'utf8').toString('base64');
}

function decodeCursor(cursor: string): bigint | undefined {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  return decoded.startsWith('next_ts:') ? parseTs(decoded.slice('next_ts:'.length)) : undefined;
}

function pageLimit(value: unknown): number {
  const limit = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  if (!Number.isFinite(limit) || limit <= 0) {
    return defaultPageLimit;
  }
  return Math.min(Math.floor(limit), maxPageLimit);
}

/**
 * Pages `messages` (already in output order) with `oldest`, `latest`, `inclusive`, `limit` and `cursor`.
 * `oldest` and `latest` are exclusive unless `inclusive` is true. A cursor is the `ts` of the first message
 * of the next page, base64-encoded as `next_ts:<ts>` like Slack's cursors.
 */
function paginate(
  workspace: Workspace,
  messages: StoredMessage[],
  args: Record<string, unknown>,
  newestFirst: boolean,
): SlackResponse {
  const inclusive = isTrue(args.inclusive);
  const hasOldest = args.oldest !== undefined && args.oldest !== '';
  const hasLatest = args.latest !== undefined && args.latest !== '';
  const oldest = hasOldest ? parseTs(args.oldest) : undefined;
  const latest = hasLatest ? parseTs(args.latest) : undefined;
  if (hasOldest && oldest === undefined) {
    return failure('invalid_ts_oldest');
  }
  if (hasLatest && latest === undefined) {
    return failure('invalid_ts_latest');
  }

  let cursorTs: bigint | undefined;
  if (typeof args.cursor === 'string' && args.cursor.length > 0) {
    cursorTs = decodeCursor(args.cursor);
    if (cursorTs === undefined) {
      return failure('invalid_cursor');
    }
  }

  const inRange = messages.filter((message) => {
    const ts = parseTs(message.ts) ?? 0n;
    if (oldest !== undefined && (inclusive ? ts < oldest : ts <= oldest)) return false;
    if (latest !== undefined && (inclusive ? ts > latest : ts >= latest)) return false;
    if (cursorTs !== undefined && (newestFirst ? ts > cursorTs : ts < cursorTs)) return false;
    return true;
  });

  const limit = pageLimit(args.limit);
  const page = inRange.slice(0, limit);
  const next = inRange[limit];
  const includeMetadata = isTrue(args.include_all_metadata);
  const response: SlackResponse = {
    ok: true,
    messages: page.map((message) => renderMessage(workspace, message, includeMetadata)),
    has_more: next !== undefined,
  };
  if (next !== undefined) {
    response.response_metadata = { next_cursor: encodeCursor(next.ts) };
  }
  return response;
}

const authTest: MethodHandler = (workspace) => {
  const { teamId, botUserId, botId } = workspace.identity;
  return {
    ok: true,
    url: 'https://fake-workspace.slack.com/',
    team: 'Fake Workspace',
    user: 'wifi-incidents',
    team_id: teamId,
    user_id: botUserId,
    bot_id: botId,
    is_enterprise_install: false,
  };
};

const postMessage: MethodHandler = (workspace, args) => {
  const target = findWritableChannel(workspace, args.channel);
  if (target.error !== undefined) {
    return target.error;
  }
  const channelId = target.channel.id;
  const contentError = checkContent(args);
  if (contentError !== undefined) {
    return contentError;
  }

  let threadTs: string | undefined;
  if (args.thread_ts !== undefined && args.thread_ts !== '') {
    const parent = workspace.findMessage(channelId, String(args.thread_ts));
    if (parent === undefined) {
      return failure('thread_not_found');
    }
    // A reply to a reply joins the thread of its parent.
    threadTs = parent.thread_ts ?? parent.ts;
  }

  const message: StoredMessage = {
    channel: channelId,
    ts: workspace.nextTs(),
    user: workspace.identity.botUserId,
    bot_id: workspace.identity.botId,
  };
  if (threadTs !== undefined) message.thread_ts = threadTs;
  if (typeof args.text === 'string') message.text = args.text;
  if (nonEmptyArray(args.blocks)) message.blocks = args.blocks;
  if (nonEmptyArray(args.attachments)) message.attachments = args.attachments;
  if (isMetadata(args.metadata)) message.metadata = args.metadata;
  workspace.addMessage(message);

  return { ok: true, channel: channelId, ts: message.ts, message: renderMessage(workspace, message, true) };
};

const update: MethodHandler = (workspace, args) => {
  const channel = workspace.channel(args.channel);
  if (channel === undefined) {
    return failure('channel_not_found');
  }
  if (channel.archived) {
    return failure('is_archived');
  }
  const message = workspace.findMessage(channel.id, args.ts);
  if (message === undefined) {
    return failure('message_not_found');
  }
  if (message.user !== workspace.identity.botUserId) {
    return failure('cant_update_message');
  }
  const contentError = checkContent(args);
  if (contentError !== undefined) {
    return contentError;
  }

  // `text` without `blocks` removes the blocks, as Slack does.
  // NOTE: the fake keeps the old text when only `blocks` are sent, and the old metadata when `metadata`
  // is missing, because Slack's documentation does not state either case.
  if (typeof args.text === 'string') message.text = args.text;
  if (args.blocks !== undefined || typeof args.text === 'string') {
    if (nonEmptyArray(args.blocks)) {
      message.blocks = args.blocks;
    } else {
      delete message.blocks;
    }
  }
  if (args.attachments !== undefined) {
    if (nonEmptyArray(args.attachments)) {
      message.attachments = args.attachments;
    } else {
      delete message.attachments;
    }
  }
  if (isMetadata(args.metadata)) message.metadata = args.metadata;
  message.edited = { ts: workspace.nextTs() };

  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    text: message.text ?? '',
    message: renderMessage(workspace, message, true),
  };
};

const postEphemeral: MethodHandler = (workspace, args) => {
  const target = findWritableChannel(workspace, args.channel);
  if (target.error !== undefined) {
    return target.error;
  }
  const user = optionalString(args.user);
  if (user === undefined || user.length === 0) {
    return failure('user_not_found');
  }
  const contentError = checkContent(args);
  if (contentError !== undefined) {
    return contentError;
  }

  const ephemeral: FakeSlackEphemeralMessage = { channel: target.channel.id, user, message_ts: workspace.nextTs() };
  const threadTs = optionalString(args.thread_ts);
  if (threadTs !== undefined && threadTs.length > 0) ephemeral.thread_ts = threadTs;
  if (typeof args.text === 'string') ephemeral.text = args.text;
  if (nonEmptyArray(args.blocks)) ephemeral.blocks = args.blocks;
  workspace.ephemerals.push(ephemeral);

  return { ok: true, message_ts: ephemeral.message_ts };
};

const deleteMessage: MethodHandler = (workspace, args) => {
  const channel = workspace.channel(args.channel);
  if (channel === undefined) {
    return failure('channel_not_found');
  }
  const ts = optionalString(args.ts);
  if (ts === undefined || !workspace.removeMessage(channel.id, ts)) {
    return failure('message_not_found');
  }
  return { ok: true, channel: channel.id, ts };
};

const history: MethodHandler = (workspace, args) => {
  const channel = workspace.channel(args.channel);
  if (channel === undefined) {
    return failure('channel_not_found');
  }
  if (!channel.member) {
    return failure('not_in_channel');
  }
  const topLevel = workspace
    .storedMessages(channel.id)
    .filter((message) => message.thread_ts === undefined)
    .reverse();
  const response = paginate(workspace, topLevel, args, true);
  return response.ok === true ? { ...response, pin_count: 0 } : response;
};

const replies: MethodHandler = (workspace, args) => {
  const channel = workspace.channel(args.channel);
  if (channel === undefined) {
    return failure('channel_not_found');
  }
  if (!channel.member) {
    return failure('not_in_channel');
  }
  const requested = workspace.findMessage(channel.id, args.ts);
  if (requested === undefined) {
    return failure('thread_not_found');
  }
  const parentTs = requested.thread_ts ?? requested.ts;
  const parent = workspace.findMessage(channel.id, parentTs);
  const thread = [...(parent === undefined ? [] : [parent]), ...workspace.replies(channel.id, parentTs)];
  return paginate(workspace, thread.sort((left, right) => compareTs(left.ts, right.ts)), args, false);
};

const info: MethodHandler = (workspace, args) => {
  const channel = workspace.channel(args.channel);
  if (channel === undefined) {
    return failure('channel_not_found');
  }
  return { ok: true, channel: renderChannel(channel) };
};

const join: MethodHandler = (workspace, args) => {
  const channel = workspace.channel(args.channel);
  if (channel === undefined) {
    return failure('channel_not_found');
  }
  if (channel.archived) {
    return failure('is_archived');
  }
  const alreadyMember = channel.member;
  channel.member = true;
  const response: SlackResponse = { ok: true, channel: renderChannel(channel) };
  if (alreadyMember) {
    response.warning = 'already_in_channel';
  }
  return response;
};

/** Scheduled messages per workspace: id to channel. They are never delivered. */
const scheduledMessages = new WeakMap<Workspace, Map<string, string>>();

const scheduleMessage: MethodHandler = (workspace, args) => {
  const target = findWritableChannel(workspace, args.channel);
  if (target.error !== undefined) {
    return target.error;
  }
  const contentError = checkContent(args);
  if (contentError !== undefined) {
    return contentError;
  }

  const postAt = Number(args.post_at);
  const nowSeconds = Date.now() / 1000;
  if (!Number.isInteger(postAt) || postAt <= nowSeconds) {
    return failure('time_in_past');
  }
  if (postAt > nowSeconds + 120 * 86_400) {
    return failure('time_too_far');
  }

  const scheduled = scheduledMessages.get(workspace) ?? new Map<string, string>();
  scheduledMessages.set(workspace, scheduled);
  const id = `Q${(scheduled.size + 1).toString().padStart(8, '0')}`;
  scheduled.set(id, target.channel.id);
  return { ok: true, channel: target.channel.id, scheduled_message_id: id, post_at: postAt };
};

const deleteScheduledMessage: MethodHandler = (workspace, args) => {
  const scheduled = scheduledMessages.get(workspace);
  const id = optionalString(args.scheduled_message_id) ?? '';
  if (scheduled === undefined || scheduled.get(id) !== optionalString(args.channel)) {
    return failure('invalid_scheduled_message_id');
  }
  scheduled.delete(id);
  return { ok: true };
};

/** User groups per workspace: group id to member user ids. */
export const userGroups = new WeakMap<Workspace, Map<string, string[]>>();

const userGroupMembers: MethodHandler = (workspace, args) => {
  const members = userGroups.get(workspace)?.get(optionalString(args.usergroup) ?? '');
  return members === undefined ? failure('no_such_subteam') : { ok: true, users: [...members] };
};

/** Web API methods the fake implements. Every other method returns `unknown_method`. */
export const methodHandlers: ReadonlyMap<string, MethodHandler> = new Map<string, MethodHandler>([
  ['auth.test', authTest],
  ['chat.postMessage', postMessage],
  ['chat.update', update],
  ['chat.postEphemeral', postEphemeral],
  ['chat.delete', deleteMessage],
  ['chat.scheduleMessage', scheduleMessage],
  ['usergroups.users.list', userGroupMembers],
  ['chat.deleteScheduledMessage', deleteScheduledMessage],
  ['conversations.history', history],
  ['conversations.replies', replies],
  ['conversations.info', info],
  ['conversations.join', join],
]);
