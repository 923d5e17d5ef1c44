import { attributes, decodeSlackEntities, escapeHtml, isSafeLink } from './html.ts';

/** Tokens of Slack's date formatting, from the "Formatting text for app surfaces" reference. */
export const DATE_TOKENS: ReadonlySet<string> = new Set([
  'date_num',
  'date',
  'date_short',
  'date_long',
  'date_pretty',
  'date_short_pretty',
  'date_long_pretty',
  'time',
  'time_secs',
  'ago',
]);

export interface RenderedDate {
  html: string;
  problems: string[];
}

/**
 * Renders the inside of a date token, `date^SECONDS^FORMAT` with an optional `^LINK` and the
 * fallback after `|`, as a `<time>` element. The page's script replaces its text with the time
 * in the viewer's time zone; until then, and without scripts, the fallback shows.
 */
export function renderSlackDate(inner: string): RenderedDate {
  const problems: string[] = [];
  const bar = inner.indexOf('|');
  const spec = bar === -1 ? inner : inner.slice(0, bar);
  const fallback = bar === -1 ? '' : decodeSlackEntities(inner.slice(bar + 1));
  const [, secondsText = '', format = '', link] = spec.split('^');

  const seconds = Number(secondsText);
  if (!/^-?\d+$/.test(secondsText) || !Number.isSafeInteger(seconds)) {
    problems.push(`date token "<!${inner}>" has no whole number of seconds`);
    return { html: escapeHtml(fallback || inner), problems };
  }
  if (format === '') {
    problems.push(`date token "<!${inner}>" has no format`);
  }
  for (const [, token] of format.matchAll(/\{([^{}]*)\}/g)) {
    if (!DATE_TOKENS.has(token!)) {
      problems.push(`date token "<!${inner}>" uses the unknown format token {${token}}`);
    }
  }
  if (fallback === '') {
    problems.push(`date token "<!${inner}>" has no fallback text after "|"`);
  }

  const time = `<time${attributes({ class: 'slack-date', datetime: new Date(seconds * 1000).toISOString(), 'data-format': format })}>${escapeHtml(fallback)}</time>`;
  if (link === undefined || link === '') {
    return { html: time, problems };
  }
  if (!isSafeLink(link)) {
    problems.push(`date token "<!${inner}>" links to "${link}", which is not an http(s) or mailto link`);
    return { html: time, problems };
  }
  return { html: `<a${attributes({ href: link, target: '_blank', rel: 'noopener noreferrer' })}>${time}</a>`, problems };
}
