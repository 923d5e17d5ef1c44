import { replaceEmoji } from './emoji.ts';
import { attributes, decodeSlackEntities, escapeHtml, isSafeLink } from './html.ts';
import { renderSlackDate } from './slack-date.ts';

/** Surroundings of a mrkdwn text: display names of users and a sink for problems. */
export interface MrkdwnContext {
  /** Display name of a user id, such as `demo.user`; undefined shows the id. */
  userName(id: string): string | undefined;
  /** Receives a description of each piece the renderer cannot show as Slack would. */
  problem(description: string): void;
}

// Private-use characters mark spans that are already HTML, so the formatting passes skip them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const HAS_PLACEHOLDER = /\uE000\d+\uE001/;

/** Spans rendered ahead of the formatting passes, restored into the output at the end. */
class Spans {
  private readonly html: string[] = [];

  hold(html: string): string {
    this.html.push(html);
    return `${OPEN}${this.html.length - 1}${CLOSE}`;
  }

  restore(text: string): string {
    // A span may contain an earlier span's placeholder, as a link label with inline code does.
    let restored = text;
    for (let depth = 0; depth <= this.html.length && HAS_PLACEHOLDER.test(restored); depth += 1) {
      restored = restored.replace(PLACEHOLDER, (_match, index: string) => this.html[Number(index)] ?? '');
    }
    return restored;
  }
}

function mention(kind: string, label: string): string {
  return `<span${attributes({ class: `mention ${kind}` })}>${escapeHtml(label)}</span>`;
}

/** Splits `target|label` at the first `|`. */
function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

/** Renders a special command `<!...>`: broadcasts, user groups and dates. */
function renderCommand(inner: string, context: MrkdwnContext): string {
  if (inner.startsWith('date^')) {
    const date = renderSlackDate(inner);
    date.problems.forEach((problem) => context.problem(problem));
    return date.html;
  }

  const [command, label] = splitLabel(inner);
  if (command === 'here' || command === 'channel' || command === 'everyone') {
    return mention('broadcast', `@${command}`);
  }
  if (command.startsWith('subteam^')) {
    return mention('group', label ?? `@${command.slice('subteam^'.length)}`);
  }

  context.problem(`unknown special command "<!${inner}>"`);
  return escapeHtml(decodeSlackEntities(label ?? `<!${inner}>`));
}

/** Renders one `<...>` sequence: a mention, a channel, a special command or a link. */
function renderAngle(inner: string, context: MrkdwnContext): string {
  if (inner.startsWith('@')) {
    const [id, label] = splitLabel(inner.slice(1));
    return mention('user', `@${context.userName(id) ?? label ?? id}`);
  }
  if (inner.startsWith('#')) {
    const [id, label] = splitLabel(inner.slice(1));
    return mention('channel', `#${label ?? id}`);
  }
  if (inner.startsWith('!')) {
    return renderCommand(inner.slice(1), context);
  }

  const [url, label] = splitLabel(inner);
  const text = escapeHtml(decodeSlackEntities(label ?? url));
  if (!isSafeLink(url)) {
    context.problem(`link "<${inner}>" is not an http(s) or mailto link`);
    return text;
  }
  return `<a${attributes({ href: decodeSlackEntities(url), target: '_blank', rel: 'noopener noreferrer' })}>${text}</a>`;
}

/**
 * Emphasis markers and their tags. A marker counts only at a word boundary and with no space just
 * inside it, as in Slack, so `snake_case` and `2*3*4` stay as typed.
 */
const EMPHASIS: ReadonlyArray<[RegExp, string]> = [
  [/(?<![\p{L}\p{N}*])\*(?!\s)([^*\n]*?[^\s*])\*(?![\p{L}\p{N}*])/gu, 'strong'],
  [/(?<![\p{L}\p{N}_])_(?!\s)([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu, 'em'],
  [/(?<![\p{L}\p{N}~])~(?!\s)([^~\n]*?[^\s~])~(?![\p{L}\p{N}~])/gu, 'del'],
];

function applyEmphasis(html: string): string {
  let result = html;
  for (const [pattern, tag] of EMPHASIS) {
    result = result.replace(pattern, `<${tag}>$1</${tag}>`);
  }
  return result;
}

/** Renders one line: code spans and `<...>` sequences first, then entities, emphasis and emoji. */
function renderLine(line: string, spans: Spans, context: MrkdwnContext): string {
  const withCode = line.replace(/`([^`\n]+)`/g, (_match, code: string) =>
    spans.hold(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  const withAngles = withCode.replace(/<([^<>\n]+)>/g, (_match, inner: string) => spans.hold(renderAngle(inner, context)));
  return replaceEmoji(applyEmphasis(escapeHtml(decodeSlackEntities(withAngles))));
}

/**
 * Renders Slack mrkdwn as HTML: bold, italic, strike, inline code, code blocks, quotes, mentions,
 * links, date tokens, entities and known emoji. Text that came in escaped stays escaped.
 */
export function renderMrkdwn(text: string, context: MrkdwnContext): string {
  const spans = new Spans();
  const withBlocks = text.replace(/```\n?([\s\S]*?)```/g, (_match, code: string) =>
    spans.hold(`<pre class="code-block">${escapeHtml(decodeSlackEntities(code))}</pre>`),
  );

  const parts: string[] = [];
  let quote: string[] = [];
  const flushQuote = (): void => {
    if (quote.length > 0) {
      parts.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
      quote = [];
    }
  };

  const lines = withBlocks.split('\n');
  lines.forEach((line, index) => {
    // A raw ">" can only be a quote marker: a ">" meant as text arrives as "&gt;".
    const quoted = /^>\s?(.*)$/.exec(line);
    if (quoted !== null) {
      quote.push(renderLine(quoted[1]!, spans, context));
      return;
    }
    flushQuote();
    parts.push(renderLine(line, spans, context) + (index < lines.length - 1 && !/^>/.test(lines[index + 1]!) ? '<br>' : ''));
  });
  flushQuote();

  return spans.restore(parts.join(''));
}

/** Renders a plain_text value: no formatting, and emoji shortcodes only when `emoji` is not false. */
export function renderPlainText(text: string, emoji: boolean | undefined): string {
  const html = escapeHtml(text);
  return emoji === false ? html : replaceEmoji(html);
}
