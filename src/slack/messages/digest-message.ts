import { apiText, plainApiText, truncate } from './mrkdwn.ts';
import type { Block, SlackMessage } from './slack-message.ts';

/** Metadata event type of a digest message; its payload names the digest as kind `digest` and its id. */
export const DIGEST_EVENT_TYPE = 'wifi_incident_digest';

/** The facts of one incident that a digest counts. */
export interface DigestEntry {
  /** Location name, or for alert-rule incidents their dimensions in words. */
  where: string;
  /** Agent incident type, or the metric of an alert rule. */
  what: string;
  /** Impacted agents as a share of the population, from 0 to 1; undefined when not reported. */
  impactedShare?: number;
}

/** Locations listed one per line; the rest are summed in one line. */
export const MAX_DIGEST_LOCATIONS = 15;

/** Types listed in the by-type line; the rest are summed. */
const MAX_DIGEST_TYPES = 10;

/** Types named in one location's line; the rest are summed. */
const MAX_TYPES_PER_LOCATION = 5;

/** Block Kit allows 3000 characters in a section text. */
const MAX_SECTION_TEXT = 3000;

/** Characters kept of a name before escaping, so that one line stays far below the section limit. */
const MAX_NAME = 80;

/** Characters for the types in one location's line. */
const MAX_LINE_TYPES = 600;

/** Block Kit limit of a header's text. */
const MAX_HEADER = 150;

interface Group {
  name: string;
  count: number;
  /** The largest impacted share of the group's incidents; -1 when none reported one. */
  worstShare: number;
  types: Map<string, number>;
}

function groupByLocation(entries: DigestEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const group = groups.get(entry.where) ?? { name: entry.where, count: 0, worstShare: -1, types: new Map<string, number>() };
    group.count += 1;
    group.worstShare = Math.max(group.worstShare, entry.impactedShare ?? -1);
    group.types.set(entry.what, (group.types.get(entry.what) ?? 0) + 1);
    groups.set(entry.where, group);
  }
  // Worst first: the most incidents, then the largest impact, then by name for a stable order.
  return [...groups.values()].sort((a, b) => b.count - a.count || b.worstShare - a.worstShare || a.name.localeCompare(b.name));
}

function byCount(counts: Map<string, number>): Array<[string, number]> {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function escapedName(text: string): string {
  return apiText(truncate(text, MAX_NAME));
}

/**
 * Names the largest counts, at most `max` and as many as fit in `budget` characters, and sums the
 * rest in one part, such as `CONNECTION 8, DHCP 4, 2 other types 3`.
 */
function countList(counts: Map<string, number>, max: number, separator: string, budget: number): string {
  const sorted = byCount(counts);
  const parts: string[] = [];
  // Room for the last part, which sums the types not named.
  let length = 40;
  for (const [type, count] of sorted.slice(0, max)) {
    const part = `${escapedName(type)} ${count}`;
    if (length + separator.length + part.length > budget) {
      break;
    }
    parts.push(part);
    length += separator.length + part.length;
  }

  const rest = sorted.slice(parts.length);
  if (rest.length > 0) {
    parts.push(`${plural(rest.length, 'other type', 'other types')} ${rest.reduce((sum, [, count]) => sum + count, 0)}`);
  }
  return parts.join(separator);
}

function locationLine(group: Group): string {
  return `• *${escapedName(group.name)}*: ${group.count} (${countList(group.types, MAX_TYPES_PER_LOCATION, ', ', MAX_LINE_TYPES)})`;
}

/** Lists the worst locations, as many as fit the section limit, and sums the rest in a last line. */
function locationSection(locations: Group[]): string {
  const heading = '*By location*';
  // Room for the last line, which sums the locations not listed.
  const limit = MAX_SECTION_TEXT - 100;
  const lines: string[] = [];
  let length = heading.length;

  for (const group of locations.slice(0, MAX_DIGEST_LOCATIONS)) {
    const line = locationLine(group);
    if (length + 1 + line.length > limit) {
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }

  const rest = locations.slice(lines.length);
  if (rest.length > 0) {
    const incidents = rest.reduce((sum, group) => sum + group.count, 0);
    lines.push(`• and ${plural(rest.length, 'more location', 'more locations')} with ${plural(incidents, 'incident', 'incidents')}`);
  }
  return `${heading}\n${lines.join('\n')}`;
}

function typeSection(entries: DigestEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    counts.set(entry.what, (counts.get(entry.what) ?? 0) + 1);
  }
  return `*By type*\n${countList(counts, MAX_DIGEST_TYPES, ' · ', MAX_SECTION_TEXT - 20)}`;
}

/**
 * Builds the message that stands for many new incidents in one channel. It counts them by location
 * (with the types at each) and by type, the worst first, and notes that each incident is in its
 * thread with its own buttons. Long lists are cut to stay within Block Kit's limits.
 */
export function buildDigestMessage(digestId: number, entries: DigestEntry[]): SlackMessage {
  const locations = groupByLocation(entries);
  const count = plural(entries.length, 'new Wi-Fi incident', 'new Wi-Fi incidents');
  const where = plural(locations.length, 'location', 'locations');

  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`🔴 ${count} at ${where}`, MAX_HEADER), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: locationSection(locations) } },
    { type: 'section', text: { type: 'mrkdwn', text: typeSection(entries) } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Each incident is in the thread of this message, with its own buttons.' }],
    },
  ];

  const worst = locations
    .slice(0, 3)
    .map((group) => `${plainApiText(truncate(group.name, MAX_NAME))} (${group.count})`)
    .join(', ');
  const text = `${count} at ${where}, most at ${worst}. Each incident is in the thread.`;

  return {
    text: apiText(text),
    blocks,
    metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { kind: 'digest', id: String(digestId) } },
  };
}
