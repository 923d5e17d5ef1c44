import type { FakeSlackEphemeralMessage, FakeSlackMessage, FakeSlackMetadata } from './types.ts';

/** Identity of the workspace and its bot, as `auth.test` reports it. */
export interface WorkspaceIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
}

export interface ChannelState {
  id: string;
  archived: boolean;
  member: boolean;
  /** Creation time in seconds since the epoch. */
  created: number;
}

/** A message as the workspace stores it: the public shape plus fields only the Web API output needs. */
export interface StoredMessage extends FakeSlackMessage {
  bot_id: string;
  attachments?: unknown[];
}

const microsPerSecond = 1_000_000n;

/**
 * Parses a Slack timestamp (`"1733333333.000100"`, `"1733333333"` or a number of seconds) into microseconds.
 * Returns undefined for anything else.
 */
export function parseTs(value: unknown): bigint | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? value.toFixed(6) : value;
  if (typeof text !== 'string') {
    return undefined;
  }
  const match = /^(\d+)(?:\.(\d{1,6})\d*)?$/.exec(text.trim());
  if (match === null || match[1] === undefined) {
    return undefined;
  }
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return BigInt(match[1]) * microsPerSecond + BigInt(fraction);
}

export function formatTs(micros: bigint): string {
  const seconds = micros / microsPerSecond;
  const fraction = micros % microsPerSecond;
  return `${seconds}.${fraction.toString().padStart(6, '0')}`;
}

function tsMicros(ts: string): bigint {
  const micros = parseTs(ts);
  if (micros === undefined) {
    throw new Error(`Invalid stored Slack timestamp: ${ts}`);
  }
  return micros;
}

export function compareTs(left: string, right: string): number {
  const difference = tsMicros(left) - tsMicros(right);
  if (difference < 0n) {
    return -1;
  }
  if (difference > 0n) {
    return 1;
  }
  return 0;
}

/** State of the fake workspace: channels, messages and ephemeral messages. */
export class Workspace {
  readonly identity: WorkspaceIdentity;
  readonly ephemerals: FakeSlackEphemeralMessage[] = [];
  private readonly now: () => number;
  private readonly channels = new Map<string, ChannelState>();
  private readonly stored: StoredMessage[] = [];
  private lastTsMicros = 0n;

  constructor(identity: WorkspaceIdentity, now: () => number) {
    this.identity = identity;
    this.now = now;
  }

  /** Returns a new message timestamp from the clock, strictly greater than every earlier one. */
  nextTs(): string {
    let micros = BigInt(Math.floor(this.now() * 1000));
    if (micros <= this.lastTsMicros) {
      micros = this.lastTsMicros + 1n;
    }
    this.lastTsMicros = micros;
    return formatTs(micros);
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  addChannel(id: string, options: { archived?: boolean; member?: boolean } = {}): void {
    const existing = this.channels.get(id);
    this.channels.set(id, {
      id,
      archived: options.archived ?? existing?.archived ?? false,
      member: options.member ?? existing?.member ?? true,
      created: existing?.created ?? this.nowSeconds(),
    });
  }

  /** Finds a channel. Any id starting with `C` exists on first use, with the bot as a member. */
  channel(id: unknown): ChannelState | undefined {
    if (typeof id !== 'string' || id.length === 0) {
      return undefined;
    }
    const known = this.channels.get(id);
    if (known !== undefined) {
      return known;
    }
    if (!id.startsWith('C')) {
      return undefined;
    }
    this.addChannel(id);
    return this.channels.get(id);
  }

  addMessage(message: StoredMessage): void {
    this.stored.push(message);
  }

  findMessage(channel: string, ts: unknown): StoredMessage | undefined {
    if (typeof ts !== 'string') {
      return undefined;
    }
    return this.stored.find((message) => message.channel === channel && message.ts === ts);
  }

  /**
   * Removes one message and returns whether it existed. Replies to a removed parent stay.
   * NOTE: Slack keeps a deleted parent that has replies as a tombstone message, but the fake drops it.
   */
  removeMessage(channel: string, ts: string): boolean {
    const index = this.stored.findIndex((message) => message.channel === channel && message.ts === ts);
    if (index === -1) {
      return false;
    }
    this.stored.splice(index, 1);
    return true;
  }

  /** Returns the stored messages of a channel (or of all channels) ordered by `ts`. */
  storedMessages(channel?: string): StoredMessage[] {
    return this.stored
      .filter((message) => channel === undefined || message.channel === channel)
      .sort((left, right) => compareTs(left.ts, right.ts));
  }

  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.storedMessages(channel).filter((message) => message.thread_ts === threadTs);
  }

  /** Returns copies of the stored messages in the public shape. */
  messages(channel?: string): FakeSlackMessage[] {
    return this.storedMessages(channel).map((message) => {
      const copy: FakeSlackMessage = { channel: message.channel, ts: message.ts, user: message.user };
      if (message.thread_ts !== undefined) copy.thread_ts = message.thread_ts;
      if (message.text !== undefined) copy.text = message.text;
      if (message.blocks !== undefined) copy.blocks = structuredClone(message.blocks);
      if (message.metadata !== undefined) copy.metadata = structuredClone(message.metadata) as FakeSlackMetadata;
      if (message.edited !== undefined) copy.edited = { ...message.edited };
      return copy;
    });
  }
}
