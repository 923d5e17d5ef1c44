import { escapeMrkdwn, slackDate, truncate } from './mrkdwn.ts';
import type { Block, SlackMessage } from './slack-message.ts';

/** Block Kit limits of a message, from Slack's Block Kit reference. */
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;

/** Maximum number of incidents listed one by one. The rest are counted in the "and N more" line. */
export const MAX_LISTED_INCIDENTS = 25;

/**
 * Maximum characters kept from an API value in a compact line before escaping. Escaping makes a
 * character at most five, so a line of three such values stays far below MAX_SECTION_TEXT.
 */
const MAX_COMPACT_VALUE = 80;

/** Maximum number of groups listed by name in the breakdown. */
const MAX_BREAKDOWN_LINES = 10;

/** Maximum characters of the command text shown in the footer. */
const MAX_COMMAND_TEXT = 300;

/** Maximum characters of one filter description, such as `location "Main Campus - Floor 2"`. */
const MAX_FILTER_TEXT = 100;

/** Maximum characters of the plain-text fallback before escaping, which keeps it under 4,000 after. */
const MAX_FALLBACK_TEXT = 700;

/** Cuts an API value for a compact line and escapes it for mrkdwn. */
export function compactText(value: string | null | undefined, fallback: string): string {
  const text = value === undefined || value === null || value.trim() === '' ? fallback : value;
  return escapeMrkdwn(truncate(text, MAX_COMPACT_VALUE));
}

/** The parts of a query result message that come from the query, not from the incidents. */
export interface QueryResultFrame {
  /** The command as typed, such as `/wifi-incidents 7d band:5`; plain text. */
  commandText: string;
  /** The window in words, such as `the last 24 hours`; plain text. */
  windowText: string;
  /** The applied filters in words, except `active`; plain text. */
  filterTexts: string[];
  /** Whether the query kept only incidents with no reported end. */
  activeOnly: boolean;
  /** The time the result describes, in epoch milliseconds. */
  asOf: number;
  /** The "Post to channel" button of the private reply. */
  share?: { actionId: string; value: string; text: string };
  /** The Slack user id of the user who posted the result to the channel. */
  postedBy?: string;
}

/** The parts of a query result message that come from the incidents, already in mrkdwn. */
export interface QueryResultBody {
  /** Singular and plural of what is counted, such as `incident` and `incidents`. */
  noun: { one: string; many: string };
  total: number;
  active: number;
  breakdown: { title: string; groups: Array<{ name: string; total: number; active: number }> };
  /** One mrkdwn entry per listed incident, newest first, at most MAX_LISTED_INCIDENTS. */
  entries: string[];
  /** Extra mrkdwn line for an empty result. */
  emptyHint?: string;
}

function describeFilters(frame: QueryResultFrame): string {
  const texts = frame.filterTexts.map((text) => truncate(text, MAX_FILTER_TEXT));
  if (frame.activeOnly) {
    texts.push('active only');
  }
  return texts.join(', ');
}

function countText(count: number, noun: { one: string; many: string }): string {
  return `${count} ${count === 1 ? noun.one : noun.many}`;
}

/** Returns the summary line in plain text, such as `7 incidents in the last 24 hours, 3 still active`. */
export function summarizeQueryResult(frame: QueryResultFrame, body: QueryResultBody): string {
  if (body.total === 0) {
    const filters = frame.filterTexts.map((text) => truncate(text, MAX_FILTER_TEXT)).join(', ');
    const matching = filters === '' ? '' : ` matching ${filters}`;
    const active = frame.activeOnly ? 'active ' : '';
    return `No ${active}${body.noun.many} in ${frame.windowText}${matching}.`;
  }

  const active = body.active === 0 ? 'none still active' : `${body.active} still active`;
  return `${countText(body.total, body.noun)} in ${frame.windowText}, ${active}`;
}

/** Joins lines until the next one would pass `maxLength`, then ends with `more(remaining)`. */
function joinWithin(lines: string[], maxLength: number, more: (remaining: number) => string): string {
  const kept: string[] = [];
  let length = 0;

  for (const [index, line] of lines.entries()) {
    const remaining = lines.length - index;
    const reserve = remaining > 1 ? more(remaining).length + 1 : 0;
    if (length + line.length + 1 + reserve > maxLength) {
      kept.push(more(remaining));
      return kept.join('\n');
    }
    kept.push(line);
    length += line.length + 1;
  }

  return kept.join('\n');
}

function breakdownText(body: QueryResultBody): string {
  const groups = [...body.breakdown.groups].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const lines = groups.slice(0, MAX_BREAKDOWN_LINES).map((group) => {
    const active = group.active > 0 ? ` (${group.active} active)` : '';
    return `• ${compactText(group.name, 'unknown')}: ${group.total}${active}`;
  });
  const hidden = groups.length - lines.length;
  if (hidden > 0) {
    lines.push(`• and ${hidden} more`);
  }

  const title = `*${body.breakdown.title}*`;
  return `${title}\n${joinWithin(lines, MAX_SECTION_TEXT - title.length - 1, (remaining) => `• and ${remaining} more lines`)}`;
}

function footerText(frame: QueryResultFrame): string {
  const command = escapeMrkdwn(truncate(frame.commandText.replace(/`/g, "'"), MAX_COMMAND_TEXT));
  const postedBy = frame.postedBy === undefined ? '' : ` · posted by <@${frame.postedBy}>`;
  return `\`${command}\` · as of ${slackDate(frame.asOf)}${postedBy}`;
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION_TEXT) } };
}

/**
 * Lays out a query result message: the summary and filters, the counts per group, the incidents newest
 * first, an "and N more" line for those that did not fit, the command with its time, and the
 * share button when given. It stays within MAX_BLOCKS blocks and MAX_SECTION_TEXT per section.
 */
export function layoutQueryResult(frame: QueryResultFrame, body: QueryResultBody): SlackMessage {
  const summary = summarizeQueryResult(frame, body);
  const filters = describeFilters(frame) || 'none';
  const blocks: Block[] = [];

  if (body.total === 0) {
    const hint = body.emptyHint === undefined ? '' : `\n${body.emptyHint}`;
    blocks.push(section(`${escapeMrkdwn(summary)}${hint}`));
  } else {
    blocks.push(section(`*${escapeMrkdwn(summary)}*\nFilters: ${escapeMrkdwn(filters)}`));
    blocks.push(section(breakdownText(body)));
    blocks.push({ type: 'divider' });
  }

  // Blocks that follow the entries: the "and N more" line, the footer and the button.
  const trailing = 2 + (frame.share === undefined ? 0 : 1);
  const room = Math.max(0, MAX_BLOCKS - blocks.length - trailing);
  const listed = body.entries.slice(0, Math.min(room, MAX_LISTED_INCIDENTS));
  for (const entry of listed) {
    blocks.push(section(entry));
  }

  const more = body.total - listed.length;
  if (body.total > 0 && more > 0) {
    blocks.push(section(`…and ${more} more; narrow it with location: or a shorter window.`));
  }

  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footerText(frame) }] });

  if (frame.share !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: frame.share.actionId,
          text: { type: 'plain_text', text: frame.share.text },
          value: frame.share.value,
        },
      ],
    });
  }

  const fallbackFilters = describeFilters(frame) !== '' && body.total > 0 ? ` (${describeFilters(frame)})` : '';
  return { text: escapeMrkdwn(truncate(`${summary}${fallbackFilters}`, MAX_FALLBACK_TEXT)), blocks };
}
