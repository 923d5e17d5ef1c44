import type { FakeSlack, FakeSlackEphemeralMessage } from '../slack/types.ts';
import { compareTs, formatTs } from '../slack/workspace.ts';
import type { MessageContent } from './render/index.ts';

/** Author of a message on the page. */
export type Author = 'app' | 'slackbot';

/** One message as the page shows it: a channel message, a thread reply or an ephemeral message. */
export interface ChannelEntry {
  /** `m:<ts>` for a channel message, `e:<id>` for an ephemeral one; the page sends it back on clicks. */
  key: string;
  ts: string;
  /** Parent of the thread the entry is in; undefined at top level. */
  threadTs?: string;
  author: Author;
  /** Slack user id of the author of a channel message; undefined for ephemeral messages. */
  userId?: string;
  ephemeral: boolean;
  edited: boolean;
  content: MessageContent;
}

interface LocalEphemeral {
  id: string;
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  author: Author;
  content: MessageContent;
}

/** A replaced or deleted ephemeral message of the fake, by entry key. */
type Override = { deleted: true } | { deleted: false; content: MessageContent };

function contentOf(message: { text?: string; blocks?: unknown[] }): MessageContent {
  const content: MessageContent = {};
  if (message.text !== undefined) content.text = message.text;
  if (message.blocks !== undefined) content.blocks = message.blocks;
  return content;
}

/**
 * The channel as one user sees it: the fake's messages, the fake's ephemeral messages for that
 * user, and ephemeral messages that only the stand-in stores, such as replies through a
 * response_url and its own error notices. The fake has no store for those.
 */
export class ChannelState {
  private readonly local: LocalEphemeral[] = [];
  private readonly overrides = new Map<string, Override>();
  private lastLocalMicros = 0n;
  private localCount = 0;

  constructor(
    private readonly slack: FakeSlack,
    readonly channel: string,
    readonly viewerId: string,
    private readonly now: () => number,
  ) {}

  /** Returns every visible entry in `ts` order, thread replies included. */
  entries(): ChannelEntry[] {
    const entries: ChannelEntry[] = this.slack.messages(this.channel).map((message) => {
      const entry: ChannelEntry = {
        key: `m:${message.ts}`,
        ts: message.ts,
        author: 'app',
        userId: message.user,
        ephemeral: false,
        edited: message.edited !== undefined,
        content: contentOf(message),
      };
      if (message.thread_ts !== undefined && message.thread_ts !== message.ts) entry.threadTs = message.thread_ts;
      return entry;
    });

    for (const message of this.slack.ephemeralMessages(this.channel)) {
      if (message.user === this.viewerId) {
        this.appendVisible(entries, this.fromFake(message));
      }
    }
    for (const message of this.local) {
      if (message.channel === this.channel && message.user === this.viewerId) {
        this.appendVisible(entries, this.fromLocal(message));
      }
    }
    return entries.sort((left, right) => compareTs(left.ts, right.ts));
  }

  find(key: string): ChannelEntry | undefined {
    return this.entries().find((entry) => entry.key === key);
  }

  /** Posts a message from the app in the channel, as an `in_channel` reply does, and returns its `ts`. */
  postInChannel(content: MessageContent): string {
    return this.slack.addMessage(this.channel, content).ts;
  }

  /** Adds an ephemeral message that only the stand-in stores and returns its key. */
  addEphemeral(user: string, content: MessageContent, options: { author?: Author; threadTs?: string } = {}): string {
    this.localCount += 1;
    const message: LocalEphemeral = {
      id: `local-${this.localCount}`,
      channel: this.channel,
      user,
      ts: this.nextTs(),
      author: options.author ?? 'app',
      content,
    };
    if (options.threadTs !== undefined) message.threadTs = options.threadTs;
    this.local.push(message);
    return `e:${message.id}`;
  }

  /**
   * Replaces the content of an entry; a channel message is replaced in the fake and marked edited,
   * an ephemeral one in place. Throws for an unknown key.
   */
  replace(key: string, content: MessageContent): void {
    const entry = this.require(key);
    if (!entry.ephemeral) {
      this.slack.replaceMessage(this.channel, entry.ts, content);
      return;
    }
    const local = this.local.find((message) => `e:${message.id}` === key);
    if (local !== undefined) {
      local.content = content;
      return;
    }
    this.overrides.set(key, { deleted: false, content });
  }

  /** Deletes an entry; a channel message is deleted in the fake. Throws for an unknown key. */
  remove(key: string): void {
    const entry = this.require(key);
    if (!entry.ephemeral) {
      this.slack.deleteMessage(this.channel, entry.ts);
      return;
    }
    const index = this.local.findIndex((message) => `e:${message.id}` === key);
    if (index !== -1) {
      this.local.splice(index, 1);
      return;
    }
    this.overrides.set(key, { deleted: true });
  }

  private require(key: string): ChannelEntry {
    const entry = this.find(key);
    if (entry === undefined) {
      throw new Error(`No message ${key} in channel ${this.channel}`);
    }
    return entry;
  }

  private appendVisible(entries: ChannelEntry[], entry: ChannelEntry): void {
    const override = this.overrides.get(entry.key);
    if (override?.deleted === true) {
      return;
    }
    if (override !== undefined) {
      entry.content = override.content;
    }
    entries.push(entry);
  }

  private fromFake(message: FakeSlackEphemeralMessage): ChannelEntry {
    const entry: ChannelEntry = {
      key: `e:fake-${message.message_ts}`,
      ts: message.message_ts,
      author: 'app',
      ephemeral: true,
      edited: false,
      content: contentOf(message),
    };
    if (message.thread_ts !== undefined) entry.threadTs = message.thread_ts;
    return entry;
  }

  private fromLocal(message: LocalEphemeral): ChannelEntry {
    const entry: ChannelEntry = {
      key: `e:${message.id}`,
      ts: message.ts,
      author: message.author,
      ephemeral: true,
      edited: false,
      content: message.content,
    };
    if (message.threadTs !== undefined) entry.threadTs = message.threadTs;
    return entry;
  }

  /** Returns a timestamp from the clock, after every earlier local one, in Slack's `seconds.micros` form. */
  private nextTs(): string {
    let micros = BigInt(Math.floor(this.now() * 1000));
    if (micros <= this.lastLocalMicros) {
      micros = this.lastLocalMicros + 1n;
    }
    this.lastLocalMicros = micros;
    return formatTs(micros);
  }
}
