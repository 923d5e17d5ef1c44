import type { FakeSocketMode } from './socket-mode.ts';

/** Settings for a fake Slack Web API server. */
export interface FakeSlackOptions {
  /** The only bot token the server accepts. */
  botToken: string;
  /** The only app-level token `apps.connections.open` accepts; without it Socket Mode is rejected. */
  appToken?: string;
  /** Workspace id returned by `auth.test`. Defaults to `T0000FAKE`. */
  teamId?: string;
  /** User id of the bot, stored as the author of every posted message. Defaults to `U0000BOT`. */
  botUserId?: string;
  /** Bot id returned by `auth.test` and stored on messages. Defaults to `B0000BOT`. */
  botId?: string;
  /** Delay in milliseconds before the server handles each request. Defaults to 0. */
  latencyMs?: number;
  /** Clock in milliseconds since the epoch, used for message timestamps and `SlackCall.at`. Defaults to `Date.now`. */
  now?: () => number;
}

/** One request received by the fake and the JSON body it returned. */
export interface SlackCall {
  method: string;
  /** Request arguments from the JSON or form body and the query string. JSON strings in form fields `blocks`, `attachments` and `metadata` are decoded. */
  args: Record<string, unknown>;
  /** Token from the `Authorization: Bearer` header, or else from the `token` argument. */
  token: string | undefined;
  /** Arrival time in milliseconds, read from `FakeSlackOptions.now`. */
  at: number;
  response: Record<string, unknown>;
}

/** Message metadata as `chat.postMessage` accepts it. */
export interface FakeSlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** A message stored by the fake. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  /** Timestamp of the thread's parent message; set only on replies. */
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: FakeSlackMetadata;
  user: string;
  edited?: { ts: string };
}

/** Text and blocks of a message that the fake stores without a Web API call. */
export interface FakeSlackContent {
  text?: string;
  blocks?: unknown[];
  /** Timestamp of a message in the thread to reply in; a reply to a reply joins its parent's thread. */
  thread_ts?: string;
}

/** An ephemeral message sent through `chat.postEphemeral`. Slack never lists these in a channel's history. */
export interface FakeSlackEphemeralMessage {
  channel: string;
  /** Id of the only user the message is shown to. */
  user: string;
  message_ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
}

/**
 * A failure that the fake returns for the next calls to one method.
 * With `error` alone the response is HTTP 200 `{ok: false, error}`. With `status` the response has that HTTP status.
 * With `delayMs` alone the call is handled normally after the delay.
 */
export interface FakeSlackFailure {
  error?: string;
  status?: number;
  /** Value of the `Retry-After` header in seconds. A 429 without it sends `Retry-After: 1`. */
  retryAfterSeconds?: number;
  /** Delay in milliseconds before the response. */
  delayMs?: number;
}

/** A running fake Slack Web API server. */
export interface FakeSlack {
  /** Base URL for the `slackApiUrl` option of `WebClient`, such as `http://127.0.0.1:PORT/api/`. */
  url: string;
  /** Every call in the order the server handled it. */
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Current messages, top level and replies, ordered by `ts`, after updates and deletes. */
  messages(channel?: string): FakeSlackMessage[];
  /** Ephemeral messages in the order they were sent. */
  ephemeralMessages(channel?: string): FakeSlackEphemeralMessage[];
  /** Queues `failure` for the next `times` calls to `method`. Queues apply per method in order. */
  failNext(method: string, failure: FakeSlackFailure, times?: number): void;
  /**
   * Adds or changes a channel. Unknown channels return `channel_not_found`, except that any id starting
   * with `C` exists and has the bot as a member unless added here.
   */
  addChannel(id: string, options?: { archived?: boolean; member?: boolean }): void;
  /** Deletes a message as a user would, without recording a call. Throws when the message does not exist. */
  deleteMessage(channel: string, ts: string): void;
  close(): Promise<void>;
  /** Creates or replaces a user group, listed by `usergroups.users.list`; unknown groups answer `no_such_subteam`. */
  addUserGroup(id: string, users: string[]): void;
  /** Socket Mode: envelopes to the connected app and its acks. */
  socketMode: FakeSocketMode;
  /**
   * Stores a message from the bot user without recording a call, as Slack stores an `in_channel`
   * reply sent through a response_url. Throws when the channel or the thread parent does not exist.
   */
  addMessage(channel: string, content: FakeSlackContent): FakeSlackMessage;
  /**
   * Replaces the text and blocks of a message without recording a call, as a `replace_original`
   * reply sent through a response_url does. Throws when the message does not exist.
   */
  replaceMessage(channel: string, ts: string, content: Omit<FakeSlackContent, 'thread_ts'>): void;
  /** Calls `listener` after each handled call, in order; returns a function that removes the listener. */
  onCall(listener: (call: SlackCall) => void): () => void;
}
