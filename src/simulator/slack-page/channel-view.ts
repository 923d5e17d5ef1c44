import { createHash } from 'node:crypto';
import type { ChannelEntry } from './channel-state.ts';
import { escapeHtml, renderMessageContent, type RenderProblem } from './render/index.ts';
import { attributes } from './render/html.ts';

/** A problem of one message on the page, with the entry key of that message. */
export interface ChannelProblem extends RenderProblem {
  key: string;
}

export interface ChannelView {
  html: string;
  /** Hash of `html`; the page replaces its content only when it changes. */
  version: string;
  problems: ChannelProblem[];
  /** Number of entries shown, thread replies included. */
  messageCount: number;
}

export interface ViewOptions {
  channelName: string;
  appName: string;
  /** Display name of a user id; undefined shows the id. */
  userName(id: string): string | undefined;
}

/** Renders a Slack timestamp as a `<time>` that the page's script shows in the viewer's time zone. */
function messageTime(ts: string): string {
  const date = new Date(Math.floor(Number(ts)) * 1000);
  const fallback = `${date.toISOString().slice(11, 16)} UTC`;
  return `<time${attributes({ class: 'slack-date message-time', datetime: date.toISOString(), 'data-format': '{time}' })}>${fallback}</time>`;
}

class ViewBuilder {
  readonly problems: ChannelProblem[] = [];
  count = 0;

  constructor(private readonly options: ViewOptions) {}

  article(entry: ChannelEntry, replies: ChannelEntry[]): string {
    this.count += 1;
    const rendered = renderMessageContent(entry.content, { messageKey: entry.key, userName: (id) => this.options.userName(id) });
    this.problems.push(...rendered.problems.map((problem) => ({ key: entry.key, ...problem })));

    const author = entry.author === 'slackbot' ? 'Slackbot' : this.options.appName;
    const badge = entry.author === 'app' ? '<span class="badge">APP</span>' : '';
    const edited = entry.edited ? '<span class="edited">(edited)</span>' : '';
    const note = entry.ephemeral ? '<div class="ephemeral-note">Only visible to you</div>' : '';
    const thread = replies.length === 0 ? '' : this.thread(replies);
    const classes = ['message', entry.ephemeral ? 'ephemeral' : undefined, entry.author].filter(Boolean).join(' ');

    return [
      `<article${attributes({ class: classes, 'data-key': entry.key, 'data-ts': entry.ts })}>`,
      `<div class="avatar ${entry.author}">${escapeHtml(author.slice(0, 1).toUpperCase())}</div>`,
      '<div class="message-body">',
      `<div class="message-meta"><span class="author">${escapeHtml(author)}</span>${badge}${messageTime(entry.ts)}${edited}</div>`,
      note,
      `<div class="message-content">${rendered.html}</div>`,
      thread,
      '</div>',
      '</article>',
    ].join('');
  }

  private thread(replies: ChannelEntry[]): string {
    const count = replies.filter((reply) => !reply.ephemeral).length;
    const label = `${count} ${count === 1 ? 'reply' : 'replies'}`;
    return `<div class="thread"><div class="thread-count">${label}</div>${replies.map((reply) => this.article(reply, [])).join('')}</div>`;
  }
}

/**
 * Renders the channel: top-level messages in time order, each with its thread below it. A reply
 * whose parent is gone shows at top level, as Slack shows replies of a deleted message.
 */
export function renderChannel(entries: ChannelEntry[], options: ViewOptions): ChannelView {
  const builder = new ViewBuilder(options);
  const topLevelKeys = new Set(entries.filter((entry) => entry.threadTs === undefined).map((entry) => entry.ts));
  const repliesByParent = new Map<string, ChannelEntry[]>();
  for (const entry of entries) {
    if (entry.threadTs !== undefined && topLevelKeys.has(entry.threadTs)) {
      repliesByParent.set(entry.threadTs, [...(repliesByParent.get(entry.threadTs) ?? []), entry]);
    }
  }

  const articles = entries
    .filter((entry) => entry.threadTs === undefined || !topLevelKeys.has(entry.threadTs))
    .map((entry) => builder.article(entry, entry.threadTs === undefined && !entry.ephemeral ? (repliesByParent.get(entry.ts) ?? []) : []));

  const html =
    articles.length === 0
      ? `<p class="empty">No messages in #${escapeHtml(options.channelName)} yet.</p>`
      : articles.join('');
  return {
    html,
    version: createHash('sha1').update(html).digest('hex'),
    problems: builder.problems,
    messageCount: builder.count,
  };
}
